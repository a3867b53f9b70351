/**
 * Placement: the cost model's exact figures, the reasons a candidate is rejected, the decision and
 * its tie-breakers, failover, and the infeasible error with its hint.
 */
import test from "ava";
import { placeJson, renderPlace } from "../cli/place";
import { loadCatalog } from "../placement/catalog";
import { priceService } from "../placement/cost";
import { imageFor } from "../core/registries";
import { evaluateCandidate } from "../placement/evaluate";
import { NoFeasiblePlacementError, place } from "../placement/place";
import { parseRequirements, type RequirementsInput } from "../placement/requirements";
import { residencyReasons } from "../placement/residency";

const catalog = loadCatalog();
const req = (input: RequirementsInput) => parseRequirements(input, catalog);
const region = (cloud: string, id: string) => catalog.regionByKey.get(`${cloud}/${id}`)!;
const service = (input: RequirementsInput["services"][string]) => req({ services: { s: input } }).services.s!;
const cost = (cloud: "aws" | "azure" | "gcp" | "digitalocean" | "oci", id: string, input: RequirementsInput["services"][string]) => {
  const r = priceService(catalog, cloud, id, service(input));
  if (!r.ok) throw new Error(r.reason);
  return { sku: r.cost.sku, monthlyUsd: r.cost.monthlyUsd, estimated: r.cost.estimated, lines: r.cost.lines.map((l) => [l.label, l.monthlyUsd, l.estimated]) };
};

test("compute: count × hours × the cheapest offering with enough vCPUs and memory", (t) => {
  // aws eu-north-1 t3.medium (2 vCPU, 4 GiB) is 0.0432 USD/h in compute-offerings.csv.
  t.deepEqual(cost("aws", "eu-north-1", { kind: "compute", vcpus: 2, memoryGib: 4, count: 3 }), {
    sku: "t3.medium",
    monthlyUsd: 94.61,
    estimated: false,
    lines: [["3 × t3.medium × 730 h × 0.0432 USD/h", 94.61, false]],
  });
  // Spot uses the spot column (0.0164) where the catalog has one, dated as a market snapshot…
  t.deepEqual(cost("aws", "eu-north-1", { kind: "compute", vcpus: 2, memoryGib: 4, spot: true, hoursPerMonth: 100 }).lines, [["1 × t3.medium (spot, market price of 2026-11-23) × 100 h × 0.0164 USD/h", 1.64, true]]);
  // …and on-demand where it has none (DigitalOcean), capped at 672 h: the 24 USD monthly price.
  t.deepEqual(cost("digitalocean", "nyc3", { kind: "compute", vcpus: 2, memoryGib: 4, spot: true }).lines, [["1 × s-2vcpu-4gb × 672 h (monthly cap; 730 h run) × 0.03571 USD/h", 24, false]]);
});

test("compute never lands on a GPU shape; gpu-compute needs the model and count", (t) => {
  t.not(cost("aws", "us-east-1", { kind: "compute", vcpus: 4, memoryGib: 16 }).sku, "g4dn.xlarge");
  t.is(cost("aws", "af-south-1", { kind: "gpu-compute", gpu: { model: "T4", count: 1 } }).sku, "g4dn.xlarge");
  t.deepEqual(priceService(catalog, "aws", "af-south-1", service({ kind: "gpu-compute", gpu: { model: "H100", count: 1 } })), {
    ok: false,
    reason: "no GPU offering H100 ×1 in aws af-south-1",
  });
  t.deepEqual(priceService(catalog, "aws", "eu-north-1", service({ kind: "compute", vcpus: 128, memoryGib: 4 })), {
    ok: false,
    reason: "no offering with ≥ 128 vCPU and ≥ 4 GiB in aws eu-north-1",
  });
});

test("object storage: size × GB-month + egress × egress price; estimated off the reference row", (t) => {
  // gcp us-central1 has its own row: 0.02 USD/GB-month, 0.12 USD/GB egress.
  t.deepEqual(cost("gcp", "us-central1", { kind: "object-storage", sizeGb: 1000, egressGbPerMonth: 100 }), {
    sku: "standard",
    monthlyUsd: 32,
    estimated: false,
    lines: [
      ["1000 GB × 0.02 USD/GB-month", 20, false],
      ["100 GB egress × 0.12 USD/GB", 12, false],
    ],
  });
  // azure swedencentral has no row: eastus's 0.018 scaled by the region's compute price index.
  const index = catalog.priceIndex.get("azure/swedencentral")!;
  const sweden = cost("azure", "swedencentral", { kind: "object-storage", sizeGb: 1000 });
  t.true(sweden.estimated);
  t.is(sweden.lines[0]![1], Math.round(1000 * 0.018 * index * 100) / 100);
});

test("database: managed list prices per cloud, Multi-AZ doubling where the source says so, not priced where no list price exists", (t) => {
  // DigitalOcean's managed plans are monthly prices: 15 USD for 1 vCPU / 1 GiB, 60 USD for 2 vCPU / 4 GiB
  // (the same-size Droplet is 24 USD, which the old compute-equivalent model showed ×730/672).
  t.deepEqual(cost("digitalocean", "nyc3", { kind: "database", vcpus: 1, memoryGib: 1, storageGb: 10 }), {
    sku: "db-s-1vcpu-1gb",
    monthlyUsd: 15,
    estimated: true,
    lines: [
      ["db-s-1vcpu-1gb × 15 USD/month", 15, false],
      // The plan's price includes its base storage (DigitalOcean API reference); no disk charge on top.
      ["10 GB storage: included in the db-s-1vcpu-1gb price, assuming the size's base storage holds it (its base amount is not in the catalog; storage beyond it is billed extra)", 0, true],
    ],
  });
  t.deepEqual(cost("digitalocean", "nyc3", { kind: "database", vcpus: 2, memoryGib: 4, storageGb: 10 }).lines[0], ["db-s-2vcpu-4gb × 60 USD/month", 60, false]);
  // RDS Multi-AZ bills the standby instance and its storage (AWS docs): 2 × 730 h × 0.065 + 2 × 100 × 0.115.
  t.deepEqual(cost("aws", "us-east-1", { kind: "database", vcpus: 2, memoryGib: 4, storageGb: 100, highAvailability: true }), {
    sku: "db.t4g.medium",
    monthlyUsd: 117.9,
    estimated: false,
    lines: [
      ["db.t4g.medium × 2 (HA standby) × 730 h × 0.065 USD/h", 94.9, false],
      ["100 GB storage × 2 (HA standby) × 0.115 USD/GB-month", 23, false],
    ],
  });
  // Cloud SQL: per vCPU-hour and per GB-hour for the exact custom size.
  t.deepEqual(cost("gcp", "us-central1", { kind: "database", vcpus: 2, memoryGib: 8, storageGb: 50 }).lines[0], ["db-custom-2-8192 × 730 h × (2 vCPU × 0.0413 + 8 GB × 0.007) USD/h", 101.18, false]);
  // OCI Database with PostgreSQL: the shape's compute plus the per-OCPU fee; its standby is assumed billed
  // like the primary (no source says), so estimated.
  const oci = priceService(catalog, "oci", "us-ashburn-1", service({ kind: "database", vcpus: 2, memoryGib: 8, storageGb: 100, highAvailability: true }));
  t.true(oci.ok);
  if (!oci.ok) return;
  t.is(oci.cost.sku, "PostgreSQL.VM.Standard.E4.Flex$_2_8");
  t.deepEqual(oci.cost.unpriced, []);
  t.deepEqual(oci.cost.lines.map((l) => [l.label, l.monthlyUsd, l.basis]), [
    ["PostgreSQL.VM.Standard.E4.Flex, 1 OCPU, 8 GB × 2 (HA standby, assumed billed like the primary) × 730 h × (0.037 USD/h shape + 1 OCPU × 0.098 USD/h PostgreSQL fee)", 197.1, "estimated"],
    ["100 GB storage × 2 (HA standby, assumed billed like the primary) × 0.072 USD/GB-month", 14.4, "estimated"],
  ]);
  // A class no source prices is still not priced, and said (RDS db.m6i.4xlarge).
  const big = priceService(catalog, "aws", "us-east-1", service({ kind: "database", vcpus: 16, memoryGib: 64, storageGb: 100 }));
  t.deepEqual(big.ok && big.cost.unpriced, ["the managed PostgreSQL list price of aws is not in postgres-prices.csv"]);
});

test("kubernetes: control-plane fee plus nodes", (t) => {
  t.deepEqual(cost("gcp", "us-central1", { kind: "kubernetes", nodes: 3, vcpus: 2, memoryGib: 8 }), {
    sku: "e2-standard-2",
    monthlyUsd: 219.75,
    estimated: false,
    lines: [
      ["control plane × 730 h × 0.1 USD/h", 73, false],
      ["3 × e2-standard-2 × 730 h × 0.06701 USD/h", 146.75, false],
    ],
  });
});

test("a rejected candidate lists every reason, each tied to its constraint", (t) => {
  const r = req({
    services: { web: { kind: "compute", vcpus: 64, memoryGib: 1024 }, vault: { kind: "secrets" } },
    residency: { jurisdictions: ["EU"] },
    compliance: ["hipaa", "iso27001"],
    clouds: { allow: ["aws", "gcp"] },
    users: [{ name: "Tokyo", latitude: 35.68, longitude: 139.69, maxRttMs: 80 }],
  });
  t.deepEqual(evaluateCandidate(catalog, r, region("digitalocean", "nyc3")).reasons, [
    { constraint: "clouds", message: "cloud digitalocean not in allow [aws, gcp]" },
    { constraint: "residency", message: "jurisdiction US not in [EU]" },
    {
      constraint: "compliance:hipaa",
      kind: "not-confirmed",
      message: "hipaa not confirmed for digitalocean: its only source is low confidence, below the required medium (read only in third-party material, not on digitalocean's own pages: compliance.csv digitalocean hipaa)",
    },
    { constraint: "compliance:iso27001", kind: "not-confirmed", message: "iso27001 not confirmed for digitalocean: no source in compliance.csv" },
    { constraint: "service:web", message: "web: no offering with ≥ 64 vCPU and ≥ 1024 GiB in digitalocean nyc3" },
    { constraint: "service:vault", message: "secrets not offered by digitalocean" },
    { constraint: "latency:Tokyo", message: "RTT 163 ms to Tokyo > 80" },
  ]);
});

test("sox and gdpr expand to soc1 and EU/EEA residency plus a DPA", (t) => {
  const r = req({ services: { s: { kind: "object-storage", sizeGb: 1 } }, compliance: ["sox", "gdpr"] });
  t.deepEqual(evaluateCandidate(catalog, r, region("aws", "us-east-1")).reasons, [
    { constraint: "compliance:gdpr", message: "gdpr needs EU/EEA residency; us-east-1 is in US" },
  ]);
  // DigitalOcean: no SOC 1 row, and its DPA is read only in third-party copies (low).
  t.deepEqual(evaluateCandidate(catalog, r, region("digitalocean", "fra1")).reasons, [
    { constraint: "compliance:sox", kind: "not-confirmed", message: "soc1 not confirmed for digitalocean: no source in compliance.csv (sox → soc1)" },
    {
      constraint: "compliance:gdpr",
      kind: "not-confirmed",
      message: "gdpr-dpa not confirmed for digitalocean: its only source is low confidence, below the required medium (read only in third-party material, not on digitalocean's own pages: compliance.csv digitalocean gdpr-dpa) (gdpr → gdpr-dpa)",
    },
  ]);
});

test("published regional availability rejects a region without the service", (t) => {
  const r = req({ services: { media: { kind: "object-storage", sizeGb: 10 } } });
  t.deepEqual(evaluateCandidate(catalog, r, region("digitalocean", "nyc1")).reasons, [
    { constraint: "service:media", message: "object-storage not available in digitalocean nyc1 (regional-availability.csv)" },
  ]);
  t.deepEqual(evaluateCandidate(catalog, r, region("digitalocean", "nyc3")).reasons, []);
});

test("the decision is the cheapest feasible candidate; budget rejections carry the figures", (t) => {
  // Public machines: no NAT gateway, so the figures are the machines' alone.
  const p = place(catalog, req({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4, count: 3, publicIp: true } }, residency: { jurisdictions: ["EU"] }, clouds: { allow: ["aws", "gcp"] }, budget: { monthlyUsd: 100, email: "finance@example.com" } }));
  t.deepEqual([p.decision.cloud, p.decision.region, p.decision.monthlyUsd], ["aws", "eu-north-1", 94.61]);
  const feasible = p.candidates.filter((c) => c.feasible);
  t.true(feasible.every((c) => (c.monthlyUsd ?? Infinity) >= p.decision.monthlyUsd));
  const overBudget = p.candidates.find((c) => c.cloud === "aws" && c.region === "eu-central-1")!;
  t.deepEqual(overBudget.reasons, [{ constraint: "budget", message: "over budget: 105.12 > 100 USD/month" }]);
  t.deepEqual(p.catalog, { date: "2026-11-24", computePriceDate: "2026-11-23" });
});

test("prefer breaks cost ties and nothing else; RTT breaks the rest", (t) => {
  // DigitalOcean prices are identical in every region: a tie that prefer or RTT must break.
  const base: RequirementsInput = { services: { web: { kind: "compute", vcpus: 1, memoryGib: 1 } }, clouds: { allow: ["digitalocean"] } };
  const near = place(catalog, req({ ...base, users: [{ name: "London", latitude: 51.51, longitude: -0.13, maxRttMs: 500 }] }));
  t.deepEqual([near.decision.cloud, near.decision.region], ["digitalocean", "lon1"]);
  const byName = place(catalog, req(base));
  t.deepEqual([byName.decision.cloud, byName.decision.region], ["digitalocean", "ams3"]);
  const preferred = place(catalog, req({ services: base.services, clouds: { prefer: ["oci"] } }));
  t.not(preferred.decision.cloud, "oci", "prefer never beats a cheaper cloud");
});

test("failover: a second region at least minDistanceKm away, same cloud unless crossCloud", (t) => {
  const p = place(catalog, req({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 } }, residency: { jurisdictions: ["EU"] }, clouds: { allow: ["aws"] }, failover: { minDistanceKm: 1000 } }));
  const s = p.decision.secondary!;
  t.is(s.cloud, "aws");
  t.not(s.region, p.decision.region);
  t.true(s.distanceKm >= 1000);
  t.is(p.decision.totalMonthlyUsd, Math.round((p.decision.monthlyUsd + s.monthlyUsd) * 100) / 100);
  const digitalocean = evaluateCandidate(catalog, req({ services: { web: { kind: "compute", vcpus: 1, memoryGib: 1 } }, failover: { minDistanceKm: 0 } }), region("digitalocean", "ams3"));
  t.deepEqual(digitalocean.reasons, [{ constraint: "failover", message: "dns-failover not offered by digitalocean" }]);
});

test("serverless: a cloud the stack has no usable image for is rejected, naming the registry it needs", (t) => {
  const oneImage = req({ services: { api: { kind: "serverless", image: "ghcr.io/acme/api:1" } } });
  t.deepEqual(evaluateCandidate(catalog, oneImage, region("aws", "eu-west-1")).reasons, [
    { constraint: "service:api", message: 'api: "ghcr.io/acme/api:1" cannot run on aws; it needs an Amazon ECR image (<account>.dkr.ecr.<region>.amazonaws.com/...)' },
  ]);
  t.deepEqual(evaluateCandidate(catalog, oneImage, region("oci", "eu-frankfurt-1")).reasons, [
    { constraint: "service:api", message: 'api: "ghcr.io/acme/api:1" cannot run on oci; it needs an OCIR image (<region-key>.ocir.io/...)' },
  ]);
  t.deepEqual(evaluateCandidate(catalog, oneImage, region("gcp", "europe-west1")).reasons, []);
  const perCloud = req({ services: { api: { kind: "serverless", image: { aws: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1" } } } });
  t.deepEqual(evaluateCandidate(catalog, perCloud, region("aws", "eu-west-1")).reasons, []);
  t.deepEqual(evaluateCandidate(catalog, perCloud, region("azure", "westeurope")).reasons, [
    { constraint: "service:api", message: "api: no image for azure; it needs a container image reference" },
  ]);
});

test("serverless: secret environment values (secure:, or a secret-looking name) rule out Lambda and OCI Functions, which have no secret reference; Azure, GCP and DigitalOcean keep them secret", (t) => {
  const image = { default: "ghcr.io/acme/api:1", aws: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1", oci: "fra.ocir.io/acme/api:1" };
  // The README's example: API_TOKEN set with `pulumi config set --secret` is { secure: v1:… } in the stack file.
  const secure = req({ services: { api: { kind: "serverless", image, environment: { API_TOKEN: { secure: "v1:abc" }, LOG_LEVEL: "info" } } } });
  t.deepEqual(evaluateCandidate(catalog, secure, region("aws", "eu-west-1")).reasons, [
    {
      constraint: "service:api",
      message: "api: secret environment variable API_TOKEN cannot stay secret on aws: Lambda environment variables are plain function configuration with no secret reference (AWS recommends Secrets Manager read by the function's code instead); allowed on azure, gcp, digitalocean",
    },
  ]);
  t.deepEqual(evaluateCandidate(catalog, secure, region("oci", "eu-frankfurt-1")).reasons, [
    { constraint: "service:api", message: "api: secret environment variable API_TOKEN cannot stay secret on oci: OCI Functions configuration parameters are plain key-value pairs with no Vault reference; allowed on azure, gcp, digitalocean" },
  ]);
  for (const [cloud, id] of [["azure", "westeurope"], ["gcp", "europe-west1"], ["digitalocean", "ams3"]] as const) t.deepEqual(evaluateCandidate(catalog, secure, region(cloud, id)).reasons, [], cloud);
  // A plain value under a secret-looking name would sit in plain configuration too; a secure: value under any name is a secret.
  const named = req({ services: { api: { kind: "serverless", image, environment: { DB_PASSWORD: "p", SIGNING: { secure: "v1:abc" }, LOG_LEVEL: "info" } } } });
  t.deepEqual(evaluateCandidate(catalog, named, region("aws", "eu-west-1")).reasons.map((r) => r.message), [
    "api: secret environment variables DB_PASSWORD, SIGNING cannot stay secret on aws: Lambda environment variables are plain function configuration with no secret reference (AWS recommends Secrets Manager read by the function's code instead); allowed on azure, gcp, digitalocean",
  ]);
  // Plain, harmless names: every cloud.
  const plainEnv = req({ services: { api: { kind: "serverless", image, environment: { LOG_LEVEL: "info" } } } });
  t.deepEqual(evaluateCandidate(catalog, plainEnv, region("aws", "eu-west-1")).reasons, []);
});

test("serverless: Lambda and OCI Functions pull only from their own region's registry; a replicated image lists one per region; Cloud Run pulls from anywhere", (t) => {
  const ecr = (region: string) => `123456789012.dkr.ecr.${region}.amazonaws.com/inference:2.3`;
  const east1 = req({ services: { api: { kind: "serverless", image: { default: "ghcr.io/acme/inference:2.3", aws: ecr("us-east-1"), oci: "iad.ocir.io/acme/inference:2.3" } } } });
  t.deepEqual(evaluateCandidate(catalog, east1, region("aws", "us-east-2")).reasons, [
    { constraint: "service:api", message: 'api: "123456789012.dkr.ecr.us-east-1.amazonaws.com/inference:2.3" is in Amazon ECR us-east-1; Lambda in us-east-2 pulls only from its own region (https://docs.aws.amazon.com/lambda/latest/dg/images-create.html); push or replicate the image to us-east-2' },
  ]);
  t.deepEqual(evaluateCandidate(catalog, east1, region("aws", "us-east-1")).reasons, []);
  t.deepEqual(evaluateCandidate(catalog, east1, region("oci", "us-phoenix-1")).reasons, [
    { constraint: "service:api", message: 'api: "iad.ocir.io/acme/inference:2.3" is in OCI Container Registry us-ashburn-1; OCI Functions in us-phoenix-1 pulls only from its own region (https://docs.oracle.com/en-us/iaas/Content/Functions/Tasks/functionscreatingfunction-task.htm); push or replicate the image to us-phoenix-1' },
  ]);
  t.deepEqual(evaluateCandidate(catalog, east1, region("gcp", "us-east4")).reasons, []);
  const replicated = req({ services: { api: { kind: "serverless", image: { aws: [ecr("us-east-2"), ecr("us-west-2")] } } } });
  t.deepEqual([region("aws", "us-east-2"), region("aws", "us-west-2"), region("aws", "us-east-1")].map((r) => evaluateCandidate(catalog, replicated, r).reasons.map((x) => x.message)), [
    [],
    [],
    ['api: "123456789012.dkr.ecr.us-east-2.amazonaws.com/inference:2.3" is in Amazon ECR us-east-2; Lambda in us-east-1 pulls only from its own region (https://docs.aws.amazon.com/lambda/latest/dg/images-create.html); push or replicate the image to us-east-1'],
  ]);
  t.deepEqual([imageFor({ aws: [ecr("us-east-2"), ecr("us-west-2")] }, "aws", "us-west-2"), imageFor({ aws: [ecr("us-east-2")] }, "aws"), imageFor("ghcr.io/a/b:1", "gcp", "us-east4")], [ecr("us-west-2"), ecr("us-east-2"), "ghcr.io/a/b:1"]);
});

test("monitoring: a webhook DigitalOcean cannot call keeps the stack off DigitalOcean; Slack or email is fine", (t) => {
  const hook = req({ services: { ops: { kind: "monitoring", webhookUrl: "https://hooks.example.com/alerts" } } });
  t.deepEqual(evaluateCandidate(catalog, hook, region("digitalocean", "ams3")).reasons, [
    { constraint: "service:ops", message: "ops: digitalocean monitoring notifies by email or Slack only, not hooks.example.com" },
  ]);
  t.deepEqual(evaluateCandidate(catalog, hook, region("aws", "eu-west-1")).reasons, []);
  const slack = req({ services: { ops: { kind: "monitoring", webhookUrl: "https://hooks.slack.com/services/T/B/X" } } });
  t.deepEqual(evaluateCandidate(catalog, slack, region("digitalocean", "ams3")).reasons, []);
});

test("failover.dns: the primary's cloud must have a zone to serve the name from (Azure can do without)", (t) => {
  const r = req({
    services: { web: { kind: "compute", vcpus: 2, memoryGib: 4, publicIp: true } },
    failover: { minDistanceKm: 500, dns: { hostname: "www.example.com", service: "web", zones: { aws: "Z0123456789ABC" } } },
  });
  t.deepEqual(evaluateCandidate(catalog, r, region("aws", "eu-west-1")).reasons, []);
  t.deepEqual(evaluateCandidate(catalog, r, region("azure", "westeurope")).reasons, []);
  t.deepEqual(evaluateCandidate(catalog, r, region("gcp", "europe-west1")).reasons, [
    { constraint: "failover", message: "failover.dns.zones has no gcp zone to serve www.example.com from" },
  ]);
  // A cloud without a zone can still host the standby: the name is served by the primary's DNS.
  const p = place(catalog, req({ ...r, clouds: { allow: ["aws", "gcp"] }, failover: { minDistanceKm: 500, crossCloud: true, dns: { hostname: "www.example.com", service: "web", zones: { aws: "Z0123456789ABC" } } } }));
  t.is(p.decision.cloud, "aws");
  t.truthy(p.decision.secondary);
});

test("nothing feasible: the most-excluding constraint and the closest relaxation", (t) => {
  const error = t.throws(() => place(catalog, req({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 } }, residency: { jurisdictions: ["EU"] }, budget: { monthlyUsd: 5, email: "finance@example.com" } })), {
    instanceOf: NoFeasiblePlacementError,
  });
  t.is(
    error.message,
    [
      "no feasible placement among 192 candidates.",
      "The constraint that excluded the most: budget (192 of 192), e.g. aws af-south-1: over budget: 86.68 > 5 USD/month.",
      "  then residency (151), e.g. aws af-south-1: jurisdiction ZA not in [EU]",
      "  then service:web (10), e.g. aws ap-east-2: web: its network's subnets need 2 availability zones; data/zones.csv has 0 for aws ap-east-2",
      // OCI VM.Standard.E4.Flex at exactly 1 OCPU / 4 GB: 730 h × (0.025 + 4 × 0.0015) USD/h.
      "Did you mean: budget.monthlyUsd: 22.63 (was 5) → oci eu-amsterdam-1?",
    ].join("\n"),
  );
  t.is(error.topConstraint, "budget");
  // Every constraint, with its count and a real reason (not only its id), for --json.
  t.deepEqual(error.rejections, [
    { constraint: "budget", count: 192, example: "aws af-south-1: over budget: 86.68 > 5 USD/month" },
    { constraint: "residency", count: 151, example: "aws af-south-1: jurisdiction ZA not in [EU]" },
    { constraint: "service:web", count: 10, example: "aws ap-east-2: web: its network's subnets need 2 availability zones; data/zones.csv has 0 for aws ap-east-2" },
  ]);
});

test("same inputs, same answer", (t) => {
  const input: RequirementsInput = { services: { db: { kind: "database", vcpus: 2, memoryGib: 8, storageGb: 50 } }, residency: { jurisdictions: ["US"] } };
  t.deepEqual(place(catalog, req(input)), place(catalog, req(input)));
});

test("failover that keeps the data: place's JSON and text give each data service's method, RPO and cost lines; every replicated copy is under the primary's residency and compliance", (t) => {
  // shop-dr-eu's data services and constraints (test/fixtures/stacks/Pulumi.shop-dr-eu.yaml) without the web tier: OCI, where the
  // standby database is a backup copy (priced as the copies' storage, not as a running database). OCI's SOC 2 row
  // rests on a third-party summary (low), so this example accepts low facts and keeps to OCI.
  const shop = req({
    services: {
      orders: { kind: "database", vcpus: 2, memoryGib: 8, storageGb: 100, backupRetentionDays: 14, changeGbPerMonth: 60 },
      images: { kind: "object-storage", sizeGb: 500, egressGbPerMonth: 300, changeGbPerMonth: 50 },
    },
    residency: { jurisdictions: ["EU"] },
    compliance: ["gdpr", "soc2"],
    minComplianceConfidence: "low",
    clouds: { allow: ["oci"] },
    failover: { minDistanceKm: 400 },
  });
  const p = place(catalog, shop);
  const json = placeJson({ placement: p, lock: { status: "unlocked" } });
  const s = json.decision.secondary!;
  t.deepEqual([json.decision.cloud, json.decision.region, json.decision.monthlyUsd, s.cloud, s.region, s.monthlyUsd, json.decision.totalMonthlyUsd], ["oci", "eu-amsterdam-1", 118.5, "oci", "eu-madrid-1", 15.3, 134.74]);
  const oci = "storage-and-egress.csv oci all ← https://www.oracle.com/cloud/price-list/ ; https://www.oracle.com/cloud/networking/pricing/ ; https://www.oracle.com/cloud/storage/pricing/";
  t.deepEqual(s.replication, {
    services: {
      orders: {
        kind: "database",
        method: "OCI Database with PostgreSQL cross-region backup copy (backup policy copyPolicy); the standby database is restored from the latest copy when promoted",
        rpo: { bound: "schedule", minutes: 1440, text: "up to 24 h: daily backups are copied to the standby region", source: "https://docs.oracle.com/en-us/iaas/Content/postgresql/backups.htm" },
        changeGbPerMonth: 60,
        monthlyUsd: 0.51,
        estimated: false,
        lines: [{ label: "60 GB/month inter-region transfer × 0.0085 USD/GB", monthlyUsd: 0.51, estimated: false, basis: "list", source: oci }],
      },
      images: {
        kind: "object-storage",
        method: "OCI Object Storage replication policy (read-only, unversioned destination)",
        rpo: { bound: "lag", text: "asynchronous: objects copy in the background with no SLA", source: "https://docs.oracle.com/en-us/iaas/Content/Object/Tasks/usingreplication.htm" },
        changeGbPerMonth: 50,
        monthlyUsd: 0.43,
        estimated: false,
        lines: [{ label: "50 GB/month inter-region transfer × 0.0085 USD/GB", monthlyUsd: 0.43, estimated: false, basis: "list", source: oci }],
      },
    },
    monthlyUsd: 0.94,
    estimated: false,
  });
  // The replication is in the total: primary + standby + transfer (118.50 + 15.30 + 0.94).
  t.is(json.decision.totalMonthlyUsd, Math.round((json.decision.monthlyUsd + s.monthlyUsd + s.replication.monthlyUsd) * 100) / 100);
  const text = renderPlace({ placement: p, lock: { status: "unlocked" } });
  t.true(
    text.startsWith(
      [
        "Placement: oci eu-amsterdam-1 (Netherlands Northwest (Amsterdam)) — 118.5 USD/month",
        "Failover: oci eu-madrid-1, 1,481 km away — 15.3 USD/month; total 134.74 USD/month",
        "Replication (in the total): 0.94 USD/month",
        "  orders: OCI Database with PostgreSQL cross-region backup copy (backup policy copyPolicy); the standby database is restored from the latest copy when promoted; RPO up to 24 h: daily backups are copied to the standby region; 0.51 USD/month (60 GB/month)",
        "    60 GB/month inter-region transfer × 0.0085 USD/GB = 0.51 USD/month",
        "  images: OCI Object Storage replication policy (read-only, unversioned destination); RPO asynchronous: objects copy in the background with no SLA; 0.43 USD/month (50 GB/month)",
        "    50 GB/month inter-region transfer × 0.0085 USD/GB = 0.43 USD/month",
        "",
      ].join("\n"),
    ),
    text,
  );
  // Every replicated copy (the backup copies, the replicated bucket) lives on the standby site: EU residency holds there, and
  // each compliance program has a fact of its own for that region.
  t.deepEqual(residencyReasons(catalog, shop.residency, region(s.cloud, s.region)), []);
  t.is(region(s.cloud, s.region).jurisdiction, "EU");
  t.deepEqual(s.compliance.map((e) => [e.requirement, e.cloud, e.region]), [
    ["gdpr", "oci", "eu-madrid-1"],
    ["soc2", "oci", "eu-madrid-1"],
  ]);
});
