/**
 * The web tier in requirements and placement (pure, no provider SDK): the `loadBalancer` and
 * `autoscaling` fields and their cross-field rules, the cost of a load-balanced service (machines
 * at the most, the min–max range, the load balancer's sourced lines or "not priced" with why),
 * the clouds placement skips for a missing certificate source or a limit, and the failover pairs it
 * cannot serve.
 */
import test from "ava";
import fc from "fast-check";
import { loadCatalog } from "../placement/catalog";
import { priceService } from "../placement/cost";
import { evaluateCandidate } from "../placement/evaluate";
import { place } from "../placement/place";
import { failoverPairProblem } from "../placement/webtier";
import { parseRequirements, RequirementsError, type RequirementsInput } from "../placement/requirements";

const catalog = loadCatalog();
const LB = { hostname: "www.example.com", processedGbPerMonth: 100 };
const CERT = {
  azureKeyVault: { keyVaultId: "/subscriptions/0/resourceGroups/certs/providers/Microsoft.KeyVault/vaults/acme-certs", secretName: "www" },
  digitaloceanDomain: "example.com",
  ociCertificateId: "ocid1.certificate.oc1..example",
};
type ServiceInput = RequirementsInput["services"][string];
const web = (extra: Record<string, unknown> = {}): ServiceInput => ({ kind: "compute", vcpus: 2, memoryGib: 4, autoscaling: { min: 2, max: 4 }, loadBalancer: LB, ...extra }) as ServiceInput;
const problems = (input: unknown) => {
  try {
    parseRequirements(input, catalog);
    return [];
  } catch (e) {
    if (e instanceof RequirementsError) return [...e.problems];
    throw e;
  }
};
const priced = (cloud: "aws" | "azure" | "gcp" | "digitalocean" | "oci", region: string, service: ServiceInput = web()) => {
  const r = priceService(catalog, cloud, region, parseRequirements({ services: { s: service } }, catalog).services.s!);
  if (!r.ok) throw new Error(r.reason);
  return { sku: r.cost.sku, monthlyUsd: r.cost.monthlyUsd, count: r.cost.count, range: r.cost.range, lines: r.cost.lines.map((l) => [l.label, l.monthlyUsd, l.estimated, l.part ?? ""]) };
};

test("requirements: defaults of loadBalancer and autoscaling", (t) => {
  const s = parseRequirements({ services: { web: web() } }, catalog).services.web!;
  t.like(s, {
    autoscaling: { min: 2, max: 4, targetCpuPercent: 60 },
    loadBalancer: { hostname: "www.example.com", httpsPort: 443, httpRedirectPort: 80, backendPort: 80, healthCheck: { path: "/", intervalSeconds: 30 }, processedGbPerMonth: 100, certificate: {} },
  });
});

test("requirements: machines behind a load balancer get no public IP; count and autoscaling exclude each other; autoscaling needs a load balancer", (t) => {
  t.deepEqual(problems({ services: { web: web({ publicIp: true, spot: true, count: 3 }) } }), [
    "services.web.publicIp: machines behind a loadBalancer get no public IPs; allowed values: false",
    "services.web.spot: a load-balanced group runs on-demand capacity in this version; allowed values: false",
    "services.web.count: not allowed with autoscaling (the group sizes itself between autoscaling.min and autoscaling.max)",
  ]);
  t.deepEqual(problems({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4, autoscaling: { min: 1, max: 2 } } } }), [
    "services.web.autoscaling: needs a loadBalancer (an autoscaled group without one has no stable address)",
  ]);
  t.deepEqual(problems({ services: { web: web({ autoscaling: { min: 5, max: 2 } }) } }), ["services.web.autoscaling.max: max must be at least min (got 2)"]);
  t.deepEqual(problems({ services: { web: web({ loadBalancer: { ...LB, httpRedirectPort: 443 } }) } }), [
    "services.web.loadBalancer.httpRedirectPort: 443 is the HTTPS port; choose another port or false",
  ]);
  t.deepEqual(problems({ services: { web: web({ loadBalancer: { ...LB, certificate: { digitaloceanDomain: "example.org" } } }) } }), [
    'services.web.loadBalancer.certificate.digitaloceanDomain: "www.example.com" is not in the domain "example.org"',
  ]);
  // A load-balanced service can be the failover.dns service without publicIp.
  t.deepEqual(problems({ services: { web: web() }, failover: { dns: { hostname: "www.example.com", service: "web" } } }), []);
});

test("cost: the machines at the most (the budget's figure), the range, and the load balancer's sourced lines", (t) => {
  // aws us-east-1: t3.medium 0.0416 USD/h; ALB 0.0225 USD/h and 0.008 USD per LCU-hour (prices.csv).
  t.deepEqual(priced("aws", "us-east-1"), {
    sku: "t3.medium",
    monthlyUsd: 138.7,
    count: 4,
    range: { minMonthlyUsd: 77.97, maxMonthlyUsd: 138.7 },
    lines: [
      ["2–4 × t3.medium × 730 h × 0.0416 USD/h (priced at 4)", 121.47, false, ""],
      ["Application Load Balancer: 730 h × 0.0225 USD/h", 16.43, false, "load-balancer"],
      ["Application Load Balancer: 100 GB ≈ LCU-hours × 0.008 USD", 0.8, true, "load-balancer"],
    ],
  });
  // Another AWS region: the US East row scaled by the region's price index (1.0625), estimated.
  t.deepEqual(priced("aws", "eu-north-1").lines.slice(1), [
    ["Application Load Balancer: 730 h × 0.0239 USD/h", 17.45, true, "load-balancer"],
    ["Application Load Balancer: 100 GB ≈ LCU-hours × 0.0085 USD", 0.85, true, "load-balancer"],
  ]);
  t.deepEqual(priced("gcp", "us-central1").lines.slice(1), [
    ["Global external Application Load Balancer: 730 h × 0.025 USD/h", 18.25, false, "load-balancer"],
    ["Global external Application Load Balancer: 100 GB processed × 0.008 USD/GB", 0.8, true, "load-balancer"],
  ]);
  t.deepEqual(priced("digitalocean", "nyc3").lines.slice(1), [["Load Balancer: 1 node × 10 USD/month", 10, false, "load-balancer"]]);
  // No source gave Application Gateway v2 or OCI Flexible Load Balancer prices: not priced, and why.
  t.deepEqual(priced("azure", "eastus").lines.slice(1), [
    ["Application Gateway v2: not priced (no source read gives the Application Gateway Standard_v2 fixed gateway-hour or capacity-unit-hour price)", 0, true, "load-balancer"],
  ]);
  t.deepEqual(priced("oci", "us-ashburn-1").lines.slice(1), [
    ["Flexible Load Balancer: not priced (no source read gives the OCI Flexible Load Balancer base hour or bandwidth (Mbps-hour) price)", 0, true, "load-balancer"],
  ]);
  // Without autoscaling, a fixed `count`: min = max.
  t.deepEqual(priced("aws", "us-east-1", web({ autoscaling: undefined, count: 3 })).range, { minMonthlyUsd: 108.33, maxMonthlyUsd: 108.33 });
});

test("cost: for any range, the budget figure is the most machines plus the load balancer, and the range brackets it", (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 100_000 }), (min, extra, gb) => {
      const max = Math.min(100, min + extra);
      const c = priced("gcp", "us-central1", web({ autoscaling: { min, max }, loadBalancer: { ...LB, processedGbPerMonth: gb } }));
      const lines = c.lines.reduce((s, l) => s + (l[1] as number), 0);
      return c.count === max && Math.abs(c.monthlyUsd - lines) < 0.011 && c.range!.maxMonthlyUsd === c.monthlyUsd && c.range!.minMonthlyUsd <= c.range!.maxMonthlyUsd;
    }),
    { numRuns: 200 },
  );
  t.pass();
});

test("placement skips a cloud that cannot build the web tier as asked, with the reason", (t) => {
  const reasons = (input: RequirementsInput, cloud: string, region: string) =>
    evaluateCandidate(catalog, parseRequirements(input, catalog), catalog.regionByKey.get(`${cloud}/${region}`)!).reasons.map((r) => `${r.constraint}: ${r.message}`);
  const bare = { services: { web: web() } };
  t.deepEqual(reasons(bare, "azure", "eastus"), ["service:web: web: Application Gateway issues no certificate and loadBalancer.certificate has no azureKeyVault"]);
  t.deepEqual(reasons(bare, "oci", "us-ashburn-1"), ["service:web: web: OCI issues no publicly trusted certificate and loadBalancer.certificate has no ociCertificateId"]);
  t.deepEqual(reasons(bare, "digitalocean", "nyc3"), ["service:web: web: Let's Encrypt on DigitalOcean needs the hostname's DigitalOcean-managed domain, and loadBalancer.certificate has no digitaloceanDomain"]);
  t.deepEqual(reasons(bare, "aws", "us-east-1"), []);
  t.deepEqual(reasons(bare, "gcp", "us-central1"), []);
  const big = { services: { web: web({ autoscaling: { min: 2, max: 60 }, loadBalancer: { ...LB, httpsPort: 8443, certificate: CERT } }) } };
  t.deepEqual(reasons(big, "digitalocean", "nyc3"), ["service:web: web: a Droplet autoscale pool holds at most 50 Droplets (max 60)", "service:web: web: DigitalOcean load balancers redirect port 80 to 443 only"]);
  t.deepEqual(reasons(big, "gcp", "us-central1"), ["service:web: web: the global external Application Load Balancer serves HTTPS on port 443 only (httpsPort 8443)"]);
  t.deepEqual(reasons({ services: { web: web({ loadBalancer: { ...LB, certificate: CERT } }) } }, "azure", "eastus"), []);
});

test("failover to load balancers: a GCP primary never pairs with an AWS standby (Cloud DNS answers IPv4 only)", (t) => {
  const input: RequirementsInput = {
    services: { web: web() },
    failover: { minDistanceKm: 500, crossCloud: true, dns: { hostname: "www.example.com", service: "web", zones: { gcp: "example-com", aws: "Z1" } } },
  };
  const req = parseRequirements(input, catalog);
  t.is(failoverPairProblem(req, "gcp", "aws"), "Cloud DNS fails over to IPv4 addresses only; an aws load balancer is a DNS name");
  t.deepEqual([failoverPairProblem(req, "gcp", "gcp"), failoverPairProblem(req, "aws", "gcp"), failoverPairProblem(req, "aws", "aws")], [undefined, undefined, undefined]);
  // Plain machines with public IPs are addresses on every cloud: no constraint.
  const plain = parseRequirements({ ...input, services: { web: { kind: "compute", vcpus: 2, memoryGib: 4, publicIp: true } } }, catalog);
  t.is(failoverPairProblem(plain, "gcp", "aws"), undefined);
  // Only GCP and AWS allowed, GCP preferred and cheaper or not: the decision never pairs GCP with AWS.
  const d = place(catalog, parseRequirements({ ...input, clouds: { allow: ["gcp", "aws"], prefer: ["gcp"] } }, catalog)).decision;
  t.false(d.cloud === "gcp" && d.secondary?.cloud === "aws", `${d.cloud} → ${d.secondary?.cloud}`);
});

test("prices.csv: the load balancer rows carry a source, a read date and a confidence; Azure and OCI have none (not priced)", (t) => {
  const rows = catalog.prices.filter((r) => r.item.startsWith("load-balancer"));
  t.deepEqual(
    rows.map((r) => [r.cloud, r.region, r.item, r.unit, r.value, r.read, r.confidence]),
    [
      ["aws", "us-east-1", "load-balancer", "usd/hour", 0.0225, "2026-11-30", "medium"],
      ["aws", "us-east-1", "load-balancer-processed", "usd/gb", 0.008, "2026-11-30", "medium"],
      ["gcp", "all", "load-balancer", "usd/hour", 0.025, "2026-11-30", "medium"],
      ["gcp", "all", "load-balancer-processed", "usd/gb", 0.008, "2026-11-30", "medium"],
      ["digitalocean", "all", "load-balancer", "usd/month", 10, "2026-11-30", "low"],
    ],
  );
  for (const r of rows) t.regex(r.source, /^https:\/\//, `${r.cloud} ${r.item}`);
});
