/**
 * Prices that were "not priced" (issue 12 items 6–7, "Costs"): Azure Database for PostgreSQL
 * Flexible Server, the RDS classes above db.t4g.medium, OCI Database with PostgreSQL, and the
 * network's always-on lines (NAT gateway with its public address, Azure's private DNS zone). Each
 * example is the exact figure from data/ with its source.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { findDataDir, loadCatalog } from "../placement/catalog";
import { type CostLine, priceService } from "../placement/cost";
import { evaluateCandidate } from "../placement/evaluate";
import { NoFeasiblePlacementError, place } from "../placement/place";
import { parseRequirements, type RequirementsInput } from "../placement/requirements";

const catalog = loadCatalog();
const req = (input: RequirementsInput) => parseRequirements(input, catalog);
type Cloud = "aws" | "azure" | "gcp" | "digitalocean" | "oci";
const database = (cloud: Cloud, region: string, input: Partial<Extract<RequirementsInput["services"][string], { kind: "database" }>>) => {
  const r = priceService(catalog, cloud, region, req({ services: { db: { kind: "database", vcpus: 2, memoryGib: 8, storageGb: 100, ...input } } }).services.db!);
  if (!r.ok) throw new Error(r.reason);
  return { sku: r.cost.sku, monthlyUsd: r.cost.monthlyUsd, lines: r.cost.lines.map((l) => [l.label, l.monthlyUsd, l.basis]), unpriced: r.cost.unpriced };
};
const site = (cloud: Cloud, region: string, input: RequirementsInput) => evaluateCandidate(catalog, req(input), catalog.regionByKey.get(`${cloud}/${region}`)!);
const brief = (l: CostLine | undefined) => l && [l.label, l.monthlyUsd, l.basis];
const web = { kind: "compute", vcpus: 2, memoryGib: 4 } as const;

test("Azure Flexible Server: list prices per class in eastus (Burstable per instance, v5 per vCore), never the VM's price", (t) => {
  t.deepEqual(database("azure", "eastus", { vcpus: 1, memoryGib: 2 }), {
    sku: "Standard_B1ms",
    monthlyUsd: 23.91,
    lines: [
      ["Standard_B1ms × 730 h × 0.017 USD/h", 12.41, "list"],
      ["100 GB storage × 0.115 USD/GB-month", 11.5, "list"],
    ],
    unpriced: [],
  });
  // 2 vCPU / 8 GiB: the Burstable B2ms (0.136 USD/h) is cheaper than General Purpose D2ds_v5 (0.178).
  t.deepEqual(database("azure", "eastus", {}).lines[0], ["Standard_B2ms × 730 h × 0.136 USD/h", 99.28, "list"]);
  // 4 vCPU / 16 GiB: no Burstable class is listed, so D4ds_v5 at 4 vCores × 0.089.
  t.deepEqual(database("azure", "eastus", { vcpus: 4, memoryGib: 16 }).lines[0], ["Standard_D4ds_v5 × 730 h × 0.356 USD/h", 259.88, "list"]);
});

test("Azure Flexible Server: high availability bills the standby's compute and storage (Microsoft: quantities × 2 on v5), never on Burstable", (t) => {
  // HA on 2 vCPU / 8 GiB skips B2ms (no HA on Burstable): D2ds_v5, 2 × 730 h × 0.178 + 2 × 100 GB × 0.115.
  t.deepEqual(database("azure", "eastus", { highAvailability: true }), {
    sku: "Standard_D2ds_v5",
    monthlyUsd: 282.88,
    lines: [
      ["Standard_D2ds_v5 × 2 (HA standby) × 730 h × 0.178 USD/h", 259.88, "list"],
      ["100 GB storage × 2 (HA standby) × 0.115 USD/GB-month", 23, "list"],
    ],
    unpriced: [],
  });
  // Memory Optimized for 16 GiB per 2 vCPU: E2ds_v5 at 2 vCores × 0.125.
  t.deepEqual(database("azure", "eastus", { memoryGib: 16, highAvailability: true }).lines[0], ["Standard_E2ds_v5 × 2 (HA standby) × 730 h × 0.25 USD/h", 365, "list"]);
});

test("Azure Flexible Server outside eastus: the eastus class price × the region's price index, marked estimated", (t) => {
  const index = catalog.priceIndex.get("azure/westeurope")!;
  const westeurope = database("azure", "westeurope", { vcpus: 4, memoryGib: 16 });
  t.is(westeurope.sku, "Standard_D4ds_v5");
  t.deepEqual(westeurope.lines[0], [`Standard_D4ds_v5 × 730 h × ${Math.round(0.356 * index * 10000) / 10000} USD/h`, Math.round(730 * 0.356 * index * 100) / 100, "estimated"]);
  t.deepEqual(westeurope.lines[1], [`100 GB storage × ${Math.round(0.115 * index * 10000) / 10000} USD/GB-month`, Math.round(100 * 0.115 * index * 100) / 100, "estimated"]);
});

test("RDS above db.t4g.medium: db.t3 and db.m6i list prices, Multi-AZ doubling; classes without a source stay not priced", (t) => {
  t.deepEqual(database("aws", "us-east-1", {}).lines, [
    ["db.t3.large × 730 h × 0.145 USD/h", 105.85, "list"],
    ["100 GB storage × 0.115 USD/GB-month", 11.5, "list"],
  ]);
  t.deepEqual(database("aws", "us-east-1", { vcpus: 4, memoryGib: 16, highAvailability: true }).lines[0], ["db.t3.xlarge × 2 (HA standby) × 730 h × 0.29 USD/h", 423.4, "list"]);
  t.deepEqual(database("aws", "us-east-1", { vcpus: 8, memoryGib: 32 }).lines[0], ["db.t3.2xlarge × 730 h × 0.579 USD/h", 422.67, "list"]);
  // 16 vCPU / 64 GiB is db.m6i.4xlarge, whose price no source gave.
  const big = database("aws", "us-east-1", { vcpus: 16, memoryGib: 64 });
  t.is(big.sku, "db.m6i.4xlarge");
  t.deepEqual(big.unpriced, ["the managed PostgreSQL list price of aws is not in postgres-prices.csv"]);
});

test("OCI Database with PostgreSQL: the shape's compute at the exact size plus the per-OCPU PostgreSQL fee, and Database Optimized Storage", (t) => {
  // 1 OCPU + 8 GB of E4 (0.025 + 8 × 0.0015 = 0.037 USD/h) + 1 OCPU × 0.098 fee; 100 GB × 0.072.
  t.deepEqual(database("oci", "eu-frankfurt-1", {}), {
    sku: "PostgreSQL.VM.Standard.E4.Flex$_2_8",
    monthlyUsd: 105.75,
    lines: [
      ["PostgreSQL.VM.Standard.E4.Flex, 1 OCPU, 8 GB × 730 h × (0.037 USD/h shape + 1 OCPU × 0.098 USD/h PostgreSQL fee)", 98.55, "list"],
      ["100 GB storage × 0.072 USD/GB-month", 7.2, "list"],
    ],
    unpriced: [],
  });
  const r = priceService(catalog, "oci", "eu-frankfurt-1", req({ services: { db: { kind: "database", vcpus: 2, memoryGib: 8, storageGb: 100 } } }).services.db!);
  t.true(r.ok && r.cost.lines[0]!.source.endsWith("prices.csv oci all postgres-ocpu-fee ← jasonwilbur/oci-pricing-mcp:src/data/pricing-data.json@c08102887888c57c9c79b9e96d366ece1057ec6e (Oracle price-list API extract)"));
});

test("NAT gateway: the gateway hour plus its public IPv4 address, every source named; the per-GB rate is named, not summed", (t) => {
  const aws = site("aws", "us-east-1", { services: { web }, network: { natGateway: true } });
  t.deepEqual(brief(aws.shared["nat-gateway"]), ["NAT gateway 0.045 + public IP 0.005 USD/h × 730 h; plus 0.045 USD per GB processed (usage)", 36.5, "list"]);
  t.deepEqual(aws.shared["nat-gateway"]!.source.match(/prices\.csv [^←]+ ←/g), ["prices.csv aws us-east-1 nat-gateway ←", "prices.csv aws all public-ipv4-hour ←"]);
  t.deepEqual([aws.unpriced, aws.monthlyUsd], [[], 66.87]);
  // us-east-2 has its own rows (a transcription of AWS's page, read 2026-09-20).
  t.regex(site("aws", "us-east-2", { services: { web } }).shared["nat-gateway"]!.source, /^prices\.csv aws us-east-2 nat-gateway ← https:\/\/raw\.githubusercontent\.com\/api-evangelist\/amazon-vpc\//);
  // Azure: the gateway and its Standard static address, plus the privatelink DNS zone every network has.
  const azure = site("azure", "westeurope", { services: { web } });
  t.deepEqual(Object.entries(azure.shared).map(([k, l]) => [k, brief(l)]), [
    ["nat-gateway", ["NAT gateway 0.045 + public IP 0.005 USD/h × 730 h; plus 0.045 USD per GB processed (usage)", 36.5, "list"]],
    ["private-dns-zone", ["private DNS zone privatelink.postgres.database.azure.com × 0.5 USD/month", 0.5, "list"]],
  ]);
  t.deepEqual(Object.keys(site("azure", "eastus", { services: { web }, network: { natGateway: false } }).shared), ["private-dns-zone"]);
  t.deepEqual(brief(site("oci", "us-ashburn-1", { services: { web } }).shared["nat-gateway"]), ["NAT gateway (no charge) × 730 h", 0, "list"]);
  // No service inside a network: no network, so no NAT gateway and no DNS zone to pay for.
  t.deepEqual(site("aws", "us-east-1", { services: { b: { kind: "object-storage", sizeGb: 10 } }, network: { natGateway: true } }).shared, {});
  t.deepEqual(site("azure", "eastus", { services: { b: { kind: "object-storage", sizeGb: 10 } } }).shared, {});
});

test("Cloud NAT: per VM that uses it (private machines and Kubernetes nodes, up to 32) plus one NAT address", (t) => {
  const nat = (services: RequirementsInput["services"]) => brief(site("gcp", "us-central1", { services, network: { natGateway: true } }).shared["nat-gateway"]);
  // 2 private VMs + 3 private GKE nodes; the public VM has its own address and does not use NAT.
  t.deepEqual(nat({ web: { ...web, count: 2 }, k: { kind: "kubernetes", nodes: 3, vcpus: 2, memoryGib: 8 }, pub: { ...web, publicIp: true } }), [
    "Cloud NAT (5 VMs × 0.0014 + 1 IP × 0.005 USD/h) × 730 h; plus 0.045 USD per GiB processed (usage)",
    8.76,
    "list",
  ]);
  t.deepEqual(nat({ web: { ...web, count: 40 } })?.[1], 36.35);
  // An autoscaled web tier counts at its most machines, as its own line is priced.
  t.deepEqual(nat({ web: { ...web, loadBalancer: { hostname: "www.example.com" }, autoscaling: { min: 2, max: 6 } } })?.slice(0, 2), [
    "Cloud NAT (6 VMs × 0.0014 + 1 IP × 0.005 USD/h) × 730 h; plus 0.045 USD per GiB processed (usage)",
    9.78,
  ]);
});

test("a NAT gateway without a price row for its address is not priced, and a budget is then never confirmed", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-catalog-"));
  for (const f of readdirSync(findDataDir())) copyFileSync(join(findDataDir(), f), join(dir, f));
  const prices = readFileSync(join(dir, "prices.csv"), "utf8").split("\n");
  writeFileSync(join(dir, "prices.csv"), prices.filter((l) => !/^aws,[^,]+,public-ipv4-hour,/.test(l)).join("\n"));
  const copy = loadCatalog(dir);
  const base = parseRequirements({ services: { web }, clouds: { allow: ["aws"] }, budget: { monthlyUsd: 1000, email: "finance@example.com" } }, copy);
  const c = evaluateCandidate(copy, base, copy.regionByKey.get("aws/us-east-1")!);
  const why = "its price is not in prices.csv (public-ipv4-hour)";
  t.deepEqual(c.shared["nat-gateway"], { label: `NAT gateway's public IPv4 address, always on: not priced (${why})`, monthlyUsd: 0, estimated: true, basis: "unpriced", source: "", unpriced: why });
  t.deepEqual(c.unpriced, [`network: ${why}`]);
  const error = t.throws(() => place(copy, base), { instanceOf: NoFeasiblePlacementError });
  t.deepEqual(error.candidates.find((x) => x.cloud === "aws" && x.region === "us-east-1")!.reasons, [
    { constraint: "budget", message: `budget of 1,000 USD/month cannot be confirmed: network: ${why}` },
  ]);
});

test("DigitalOcean PostgreSQL: the plan's price includes its base storage; only storage beyond it is billed, never the whole disk again", (t) => {
  // db-s-1vcpu-2gb includes 30 GB (DigitalOcean's provider acceptance test reads 30720 MiB back from the API).
  const included = "prices.csv digitalocean all postgres-included-storage:db-s-1vcpu-2gb ← digitalocean/terraform-provider-digitalocean:digitalocean/database/resource_database_cluster_test.go@401992a1e493a0e3cfc833197820867991fc011f";
  t.deepEqual(database("digitalocean", "nyc3", { vcpus: 1, memoryGib: 2, storageGb: 30 }), {
    sku: "db-s-1vcpu-2gb",
    monthlyUsd: 30,
    lines: [
      ["db-s-1vcpu-2gb × 30 USD/month", 30, "list"],
      ["30 GB storage: within the 30 GB included in the db-s-1vcpu-2gb price", 0, "list"],
    ],
    unpriced: [],
  });
  const row = priceService(catalog, "digitalocean", "nyc3", req({ services: { db: { kind: "database", vcpus: 1, memoryGib: 2, storageGb: 30 } } }).services.db!);
  t.is(row.ok && row.cost.lines[1]!.source, included);
  // Beyond the base amount: DigitalOcean bills the added storage, at a rate the catalog does not have.
  const why = "the digitalocean additional-storage rate is not in prices.csv";
  t.deepEqual(database("digitalocean", "nyc3", { vcpus: 1, memoryGib: 2, storageGb: 100 }), {
    sku: "db-s-1vcpu-2gb",
    monthlyUsd: 30,
    lines: [
      ["db-s-1vcpu-2gb × 30 USD/month", 30, "list"],
      [`100 GB storage: 70 GB beyond the 30 GB included in the db-s-1vcpu-2gb price: not priced (${why})`, 0, "unpriced"],
    ],
    unpriced: [why],
  });
  // A plan whose base amount the catalog lacks: included, the assumption stated, no disk charge.
  t.deepEqual(database("digitalocean", "nyc3", { vcpus: 1, memoryGib: 1, storageGb: 10 }), {
    sku: "db-s-1vcpu-1gb",
    monthlyUsd: 15,
    lines: [
      ["db-s-1vcpu-1gb × 15 USD/month", 15, "list"],
      ["10 GB storage: included in the db-s-1vcpu-1gb price, assuming the size's base storage holds it (its base amount is not in the catalog; storage beyond it is billed extra)", 0, "estimated"],
    ],
    unpriced: [],
  });
  // Other clouds still bill storage on top of the instance.
  t.deepEqual(database("azure", "eastus", { vcpus: 1, memoryGib: 2 }).lines[1], ["100 GB storage × 0.115 USD/GB-month", 11.5, "list"]);
});

test("DigitalOcean PostgreSQL: with an additional-storage rate, the excess over the base amount × the rate, on every node of an HA cluster", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-catalog-"));
  for (const f of readdirSync(findDataDir())) copyFileSync(join(findDataDir(), f), join(dir, f));
  // A test row (the real rate is not in the catalog): 0.5 USD per GB-month.
  writeFileSync(join(dir, "prices.csv"), `${readFileSync(join(dir, "prices.csv"), "utf8").trimEnd()}\ndigitalocean,all,postgres-additional-storage,usd/gb-month,0.5,test,2026-11-30,low,test row\n`);
  const copy = loadCatalog(dir);
  const price = (input: { storageGb: number; highAvailability?: boolean }) => {
    const r = priceService(copy, "digitalocean", "nyc3", parseRequirements({ services: { db: { kind: "database", vcpus: 1, memoryGib: 2, ...input } } }, copy).services.db!);
    if (!r.ok) throw new Error(r.reason);
    return r.cost.lines.map((l) => [l.label, l.monthlyUsd, l.basis]);
  };
  t.deepEqual(price({ storageGb: 100 }), [
    ["db-s-1vcpu-2gb × 30 USD/month", 30, "list"],
    ["100 GB storage: 70 GB beyond the 30 GB included in the db-s-1vcpu-2gb price × 0.5 USD/GB-month", 35, "list"],
  ]);
  t.deepEqual(price({ storageGb: 100, highAvailability: true })[1], ["100 GB storage: 70 GB beyond the 30 GB included in the db-s-1vcpu-2gb price × 2 (HA standby, assumed billed like the primary) × 0.5 USD/GB-month", 70, "list"]);
  t.deepEqual(price({ storageGb: 20 })[1], ["20 GB storage: within the 30 GB included in the db-s-1vcpu-2gb price", 0, "list"]);
});
