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
import type { GovernanceLine } from "../program/governance";
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
  ["platform-eu", "oci", "eu-amsterdam-1"],
  ["ml-dr-us", "azure", "northcentralus", "westus2"],
];

/** The site a resource belongs to: components on the standby end in `-standby`. */
const onStandby = (h: Harness, r: Registration): boolean => {
  for (let p: Registration | undefined = r; p; p = h.registrations.find((x) => x.urn === p!.parent)) {
    if (p.type.startsWith("tessera:") && p.name.endsWith("-standby")) return true;
  }
  return /-westus2$/.test(r.name) && r.type === "azure-native:resources:ResourceGroup";
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
    "tessera:governance:Governance governance",
    "tessera:monitoring:Alerts ops",
    "tessera:monitoring:Alerts ops-standby",
    "tessera:network:Failover web-failover",
    "tessera:network:Network network",
    "tessera:network:Network network-standby",
    "tessera:serverless:Function api",
    "tessera:serverless:Function api-standby",
  ]);
  const alerts = (name: string) => h.registrations.filter((r) => r.parent === h.registrations.find((x) => x.name === name && x.type === "tessera:monitoring:Alerts")!.urn).map((r) => r.name).sort();
  t.deepEqual(alerts("ops"), ["ops", "ops", "ops-api-5xx", "ops-train-cpu", "ops-web-cpu"]);
  t.deepEqual(alerts("ops-standby"), ["ops-standby", "ops-standby", "ops-standby-api-5xx", "ops-standby-train-cpu", "ops-standby-web-cpu"]);
  // Preview: the public IPs are unknown until the machines exist, and stay unknown (never "").
  const profile = h.registrations.find((r) => r.type === "azure-native:trafficmanager:Profile")!;
  const UNKNOWN = unknownValue; // the engine's unknown-value sentinel
  t.like(profile.struct.toJavaScript(), {
    trafficRoutingMethod: "Priority",
    monitorConfig: { path: "/healthz", protocol: "HTTPS", port: 443 },
    endpoints: [
      { name: "primary", priority: 1, target: UNKNOWN },
      { name: "secondary", priority: 2, target: UNKNOWN },
    ],
  });
  t.deepEqual(Object.keys(outputs), ["placement", "services", "standby", "failover", "governance", "governanceIds"]);
  // One subscription: one activity-log export and one budget for both sites, the whole 1,500 USD.
  const governance = h.registrations.find((r) => r.type === "tessera:governance:Governance")!;
  t.deepEqual(h.registrations.filter((r) => r.parent === governance.urn).map((r) => `${r.type} ${r.name}`).sort(), [
    "azure-native:consumption:Budget governance-budget",
    "azure-native:monitor:SubscriptionDiagnosticSetting governance-activity-log",
    "azure-native:operationalinsights:Workspace governance-audit",
  ]);
  t.like(h.registrations.find((r) => r.type === "azure-native:consumption:Budget")!.struct.toJavaScript(), {
    amount: 1500,
    notifications: { "actual-80": { contactEmails: ["oncall@example.com"], threshold: 80, thresholdType: "Actual" }, "forecast-100": { threshold: 100, thresholdType: "Forecasted" } },
  });
  t.deepEqual((outputs.governance as GovernanceLine[]).map((l) => `${l.feature} ${l.cloud} ${l.status}`), ["audit-trail azure built", "budget-alarms azure built", "flow-logs azure built"]);
  t.deepEqual(Object.keys(outputs.standby ?? {}), ["web", "api", "train", "events", "ops"]);
});

const requirements = (value: unknown) => ({ "tessera:requirements": JSON.stringify(value) });

test.serial("a cross-cloud standby is another account scope: its own trail and budget share; an audit opt-out names its reason", async (t) => {
  const config = {
    ...requirements({
      services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 }, ops: { kind: "monitoring", email: "ops@example.com" } },
      // AWS has a region in Ireland and none in Finland, GCP the other way round: the pair spans both.
      residency: { countries: ["IE", "FI"] },
      clouds: { allow: ["aws", "gcp"] },
      failover: { minDistanceKm: 300, crossCloud: true },
      budget: { monthlyUsd: 400 },
      audit: { trail: false, reason: "the organisation trail in the security account records every account" },
    }),
    "tessera:accounts": JSON.stringify({ gcp: { project: "acme-cross-eu", billingAccount: "012345-6789AB-CDEF01" } }),
  };
  const h = await installHarness({ stack: "cross", config, preview: true });
  const outputs = await h.run(() => tessera({ stacksDir: STACKS, writeLock: false }));
  const placement = outputs.placement as { cloud: string; secondary: { cloud: string } };
  const clouds = [placement.cloud, placement.secondary.cloud];
  t.deepEqual([...clouds].sort(), ["aws", "gcp"]);
  const governed = h.registrations.filter((r) => r.type === "tessera:governance:Governance").map((r) => r.name).sort();
  t.deepEqual(governed, ["governance-aws", "governance-gcp"]);
  // No trail anywhere (opted out); a budget on each cloud, the 400 USD split by placed cost.
  t.deepEqual(h.registrations.filter((r) => /cloudtrail|IAMAuditConfig|SubscriptionDiagnostic/.test(r.type)), []);
  const budgets = h.registrations.filter((r) => r.type === "aws:budgets/budget:Budget" || r.type === "gcp:billing/budget:Budget");
  t.is(budgets.length, 2);
  const aws = Number(budgets.find((b) => b.type.startsWith("aws"))!.struct.toJavaScript().limitAmount);
  const gcp = (budgets.find((b) => b.type.startsWith("gcp"))!.struct.toJavaScript().amount as { specifiedAmount: { units: string; nanos?: number } }).specifiedAmount;
  t.is(Math.round((aws + Number(gcp.units) + (gcp.nanos ?? 0) / 1e9) * 100) / 100, 400);
  t.deepEqual(
    (outputs.governance as GovernanceLine[]).filter((l) => l.feature === "audit-trail"),
    clouds.map((cloud) => ({ feature: "audit-trail", cloud, status: "opted-out", detail: "tessera:requirements audit.trail: false — the organisation trail in the security account records every account" })),
  );
});

test.serial("governance settings a placed cloud needs fail before anything registers, naming the field", async (t) => {
  const config = {
    ...requirements({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 } }, clouds: { allow: ["gcp"] }, budget: { monthlyUsd: 400, email: "finance@example.com" } }),
    "tessera:accounts": JSON.stringify({ gcp: { project: "acme-no-billing" } }),
  };
  const h = await installHarness({ stack: "nobilling", config, preview: true });
  const error = await t.throwsAsync(h.run(() => tessera({ stacksDir: STACKS, writeLock: false })));
  t.is(error?.message, "tessera:accounts.gcp.billingAccount: the stack is placed on gcp, which needs it in the stack config");
  t.deepEqual(h.registrations.map((r) => r.type), ["pulumi:pulumi:Stack"]);
});
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
