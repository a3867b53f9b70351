/**
 * The program entry under the harness, for each example stack: the expected cloud and region are
 * chosen and every resource lands there. Bad stack config fails with one message naming the field
 * and the allowed values, before any resource registers.
 */
import { join } from "node:path";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import test from "ava";
import { type Harness, installHarness, type Registration } from "../harness";
import { tessera } from "../program";
import { readStackFile } from "../program/stackfile";
import { providerOf } from "./helpers";

const STACKS = join(__dirname, "..", "stacks");

async function runStack(stack: string, config: Record<string, string> = readStackFile(STACKS, stack)) {
  const h = await installHarness({ stack, config, preview: true });
  const outputs = await h.run(() => tessera({ stacksDir: STACKS, writeLock: false }));
  return { h, outputs };
}

const expected: Array<[string, string, string, string?]> = [
  ["eu-gdpr", "azure", "swedencentral"],
  ["us-budget", "digitalocean", "nyc3"],
  // OCI Database with PostgreSQL and Azure Data Explorer have no list price in the catalog, so
  // with a budget neither can be placed there (the budget could not be confirmed).
  ["platform-eu", "gcp", "europe-north2"],
  ["ml-dr-us", "aws", "us-east-2", "us-west-2"],
];

/** The site a resource belongs to: components on the standby end in `-standby`. */
const onStandby = (h: Harness, r: Registration): boolean => {
  for (let p: Registration | undefined = r; p; p = h.registrations.find((x) => x.urn === p!.parent)) {
    // `web-standby`, and companions named after a standby service (`events-standby-data`).
    if (p.type.startsWith("tessera:") && /-standby(-|$)/.test(p.name)) return true;
  }
  return false;
};

for (const [stack, cloud, region, standby] of expected) {
  test.serial(`${stack}: placed on ${cloud} ${region}${standby ? ` with a standby in ${standby}` : ""}, every resource on its site`, async (t) => {
    const { h, outputs } = await runStack(stack);
    const placement = outputs.placement as { cloud: string; region: string; secondary?: { cloud: string; region: string } };
    t.deepEqual([placement.cloud, placement.region, placement.secondary?.region], [cloud, region, standby]);
    // Cloud resources; random/tls resources are computed locally and live nowhere.
    const custom = h.registrations.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:") && !/^(random|tls):/.test(r.type));
    t.true(custom.length > 0);
    for (const r of custom) t.is(providerOf(r), `${cloud}-${onStandby(h, r) ? standby : region}`, `${r.type} ${r.name}`);
    const providers = h.registrations.filter((r) => r.type.startsWith("pulumi:providers:"));
    t.deepEqual(providers.map((p) => p.name), [`${cloud}-${region}`, ...(standby ? [`${cloud}-${standby}`] : [])]);
    // DigitalOcean resources carry their region themselves.
    for (const r of custom.filter((x) => x.type.startsWith("digitalocean:"))) t.is(r.struct.toJavaScript().region, region);
    t.deepEqual(h.errors, []);
  });
}

test.serial("ml-dr-us: every service on both sites, monitoring watching its site, DNS failover between the two web tiers", async (t) => {
  const { h, outputs } = await runStack("ml-dr-us");
  const components = h.registrations.filter((r) => r.type.startsWith("tessera:")).map((r) => `${r.type} ${r.name}`).sort();
  t.deepEqual(components, [
    "tessera:ai:GpuInstances train",
    "tessera:ai:GpuInstances train-standby",
    "tessera:analytics:Warehouse events",
    "tessera:analytics:Warehouse events-standby",
    "tessera:compute:Instances web",
    "tessera:compute:Instances web-standby",
    "tessera:monitoring:Alerts ops",
    "tessera:monitoring:Alerts ops-standby",
    "tessera:network:Failover web-failover",
    "tessera:network:Network network",
    "tessera:network:Network network-standby",
    "tessera:serverless:Function api",
    "tessera:serverless:Function api-standby",
    // Athena queries an S3 bucket: the Warehouse gets its own on each site.
    "tessera:storage:ObjectStorage events-data",
    "tessera:storage:ObjectStorage events-standby-data",
  ]);
  const alerts = (name: string) => h.registrations.filter((r) => r.parent === h.registrations.find((x) => x.name === name && x.type === "tessera:monitoring:Alerts")!.urn).map((r) => r.name).sort();
  // CloudWatch: one CPU alarm per instance, an SNS topic with an email subscription.
  t.deepEqual(alerts("ops"), ["ops", "ops", "ops-api-5xx", "ops-email", "ops-train-cpu-0", "ops-web-cpu-0", "ops-web-cpu-1"]);
  t.deepEqual(alerts("ops-standby"), ["ops-standby", "ops-standby", "ops-standby-api-5xx", "ops-standby-email", "ops-standby-train-cpu-0", "ops-standby-web-cpu-0", "ops-standby-web-cpu-1"]);
  // Preview: the public IPs are unknown until the machines exist, and stay unknown (never "").
  const UNKNOWN = unknownValue; // the engine's unknown-value sentinel
  const checks = h.registrations.filter((r) => r.type === "aws:route53/healthCheck:HealthCheck").map((r) => r.struct.toJavaScript());
  t.like(checks, [
    { type: "HTTPS", resourcePath: "/healthz", port: 443, ipAddress: UNKNOWN },
    { type: "HTTPS", resourcePath: "/healthz", port: 443, ipAddress: UNKNOWN },
  ]);
  const records = h.registrations.filter((r) => r.type === "aws:route53/record:Record").map((r) => r.struct.toJavaScript());
  t.like(records, [
    { name: "www.example.com", zoneId: "Z0123456789EXAMPLE", setIdentifier: "primary", failoverRoutingPolicies: [{ type: "PRIMARY" }], records: [UNKNOWN] },
    { name: "www.example.com", zoneId: "Z0123456789EXAMPLE", setIdentifier: "secondary", failoverRoutingPolicies: [{ type: "SECONDARY" }], records: [UNKNOWN] },
  ]);
  t.deepEqual(Object.keys(outputs), ["placement", "services", "standby", "failover"]);
  t.deepEqual(Object.keys(outputs.standby ?? {}), ["web", "api", "train", "events", "ops"]);
});

const requirements = (value: unknown) => ({ "tessera:requirements": JSON.stringify(value) });
const bad: Array<[string, Record<string, string>, string]> = [
  [
    "unknown jurisdiction",
    requirements({ services: { a: { kind: "object-storage", sizeGb: 1 } }, residency: { jurisdictions: ["EX"] } }),
    "invalid tessera:requirements of stack bad:\n  - residency.jurisdictions[0]: \"EX\" is not allowed; allowed values: AE, AU, BH, BR, CA, CH, CL, CO, EU, HK, ID, IL, IN, JP, KR, MA, MX, MY, NO, NZ, QA, SA, SG, TH, TW, UK, US, ZA",
  ],
  [
    "unknown cloud",
    requirements({ services: { a: { kind: "object-storage", sizeGb: 1 } }, clouds: { allow: ["ibm"] } }),
    "invalid tessera:requirements of stack bad:\n  - clouds.allow[0]: \"ibm\" is not allowed; allowed values: aws, azure, gcp, digitalocean, oci",
  ],
  [
    "wrong type",
    requirements({ services: { a: { kind: "object-storage", sizeGb: "lots" } } }),
    "invalid tessera:requirements of stack bad:\n  - services.a.sizeGb: Invalid input: expected number, received string (got \"lots\")",
  ],
  ["not a map", { "tessera:requirements": "EU please" }, "invalid tessera:requirements:\n  - tessera:requirements: expected an object (YAML map), got the string \"EU please\""],
];

for (const [label, config, message] of bad) {
  test.serial(`bad config (${label}): one clear error, no resource registered`, async (t) => {
    const h = await installHarness({ stack: "bad", config, preview: true });
    const error = await t.throwsAsync(h.run(() => tessera({ stacksDir: STACKS, writeLock: false })));
    t.is(error?.message, message);
    t.deepEqual(
      h.registrations.map((r) => r.type),
      ["pulumi:pulumi:Stack"],
    );
  });
}
