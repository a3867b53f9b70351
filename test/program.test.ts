/**
 * The program entry under the harness, for each example stack: the expected cloud and region are
 * chosen and every resource lands there. Bad stack config fails with one message naming the field
 * and the allowed values, before any resource registers.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import test from "ava";
import fc from "fast-check";
import { CLOUDS } from "../core/cloud";
import { loadRegionFacts } from "../core/facts";
import { IMAGES } from "../core/images";
import { offeredAnywhere } from "../core/versions";
import { loadCatalog } from "../placement/catalog";
import { NoFeasiblePlacementError, place } from "../placement/place";
import { parseRequirements, RequirementsError } from "../placement/requirements";
import { type Harness, installHarness, type Registration } from "../harness";
import { tessera } from "../program";
import type { GovernanceLine } from "../program/governance";
import { readStackFile } from "../program/stackfile";
import { FIXTURE_STACKS, plain, providerOf } from "./helpers";
import { OFFLINE_SECRET, secretPaths } from "../program/secrets";
import { analyzeRegistrations, inProcessAnalyzer } from "../harness/policy";
import { asRule, toPolicy } from "../policies/rule";
import { noPlaintextSecrets } from "../policies/rules/secrets";
import { sensitiveDataCustomerKey } from "../policies/rules/hardening";

const STACKS = FIXTURE_STACKS;

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
  ["platform-eu", "azure", "swedencentral"],
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
  // Each Lambda pulls the replica of the image in its own region (Lambda pulls only from its region's ECR).
  const lambdas = h.registrations.filter((r) => r.type === "aws:lambda/function:Function").map((r) => [r.name, providerOf(r), r.struct.toJavaScript().imageUri]);
  t.deepEqual(lambdas, [
    ["api", "aws-us-east-2", "123456789012.dkr.ecr.us-east-2.amazonaws.com/inference:2.3"],
    ["api-standby", "aws-us-west-2", "123456789012.dkr.ecr.us-west-2.amazonaws.com/inference:2.3"],
  ]);
  const components = h.registrations.filter((r) => r.type.startsWith("tessera:")).map((r) => `${r.type} ${r.name}`).sort();
  t.deepEqual(components, [
    "tessera:ai:GpuInstances train",
    "tessera:ai:GpuInstances train-standby",
    "tessera:analytics:Warehouse events",
    "tessera:analytics:Warehouse events-standby",
    "tessera:compute:WebTier web",
    "tessera:compute:WebTier web-standby",
    "tessera:governance:Governance governance",
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
  // The web tier's Auto Scaling group: one CPU alarm that follows it as it scales.
  t.deepEqual(alerts("ops"), ["ops", "ops", "ops-api-5xx", "ops-email", "ops-train-cpu-0", "ops-web-cpu"]);
  t.deepEqual(alerts("ops-standby"), ["ops-standby", "ops-standby", "ops-standby-api-5xx", "ops-standby-email", "ops-standby-train-cpu-0", "ops-standby-web-cpu"]);
  // Preview: the public IPs are unknown until the machines exist, and stay unknown (never "").
  const UNKNOWN = unknownValue; // the engine's unknown-value sentinel
  // Failover between the two load balancers: probed by their DNS names through the load balancer, at its health path.
  const checks = h.registrations.filter((r) => r.type === "aws:route53/healthCheck:HealthCheck").map((r) => r.struct.toJavaScript());
  t.like(checks, [
    { type: "HTTPS", resourcePath: "/healthz", port: 443, fqdn: UNKNOWN, enableSni: true },
    { type: "HTTPS", resourcePath: "/healthz", port: 443, fqdn: UNKNOWN, enableSni: true },
  ]);
  // Alias A records to each ALB that also follow its target health (the ACM validation records are the web tiers').
  const records = h.registrations.filter((r) => r.type === "aws:route53/record:Record" && r.name.startsWith("web-failover")).map((r) => r.struct.toJavaScript());
  t.like(records, [
    { name: "www.example.com", type: "A", zoneId: "Z0123456789EXAMPLE", setIdentifier: "primary", failoverRoutingPolicies: [{ type: "PRIMARY" }], aliases: [{ name: UNKNOWN, zoneId: UNKNOWN, evaluateTargetHealth: true }] },
    { name: "www.example.com", type: "A", zoneId: "Z0123456789EXAMPLE", setIdentifier: "secondary", failoverRoutingPolicies: [{ type: "SECONDARY" }], aliases: [{ name: UNKNOWN, zoneId: UNKNOWN, evaluateTargetHealth: true }] },
  ]);
  t.deepEqual(Object.keys(outputs), ["placement", "services", "standby", "failover", "governance", "governanceIds"]);
  // The standby is in the same AWS account: one trail (multi-region) and one budget for both sites.
  const trails = h.registrations.filter((r) => r.type === "aws:cloudtrail/trail:Trail").map((r) => r.struct.toJavaScript());
  t.like(trails, [{ isMultiRegionTrail: true, enableLogFileValidation: true, includeGlobalServiceEvents: true }]);
  const budgets = h.registrations.filter((r) => r.type === "aws:budgets/budget:Budget").map((r) => r.struct.toJavaScript());
  t.like(budgets, [{ limitAmount: "1500.00", limitUnit: "USD", timeUnit: "MONTHLY", costFilters: [{ name: "TagKeyValue", values: ["user:tessera-stack$ml-dr-us"] }] }]);
  const lines = (outputs.governance as Array<{ feature: string; cloud: string; status: string }>).map((l) => `${l.feature} ${l.cloud} ${l.status}`);
  t.deepEqual(lines, ["audit-trail aws built", "budget-alarms aws built", "flow-logs aws built"]);
  // Both sites' networks log their flows.
  t.is(h.registrations.filter((r) => r.type === "aws:ec2/flowLog:FlowLog").length, 2);
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

test.serial("governance settings a cloud needs keep placement off it, naming the field, before anything registers", async (t) => {
  const config = {
    ...requirements({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 } }, clouds: { allow: ["gcp"] }, budget: { monthlyUsd: 400, email: "finance@example.com" } }),
    "tessera:accounts": JSON.stringify({ gcp: { project: "acme-no-billing" } }),
  };
  const h = await installHarness({ stack: "nobilling", config, preview: true });
  const error = await t.throwsAsync(h.run(() => tessera({ stacksDir: STACKS, writeLock: false })));
  t.is(
    error?.message,
    [
      "no feasible placement among 192 candidates.",
      // The allowed cloud's blocker first, then the clouds the stack does not allow.
      "The constraint that excluded the most of the 43 on allowed clouds: accounts:tessera:accounts.gcp.billingAccount (43 of 43), e.g. gcp africa-south1: tessera:accounts.gcp.billingAccount is not set; required on gcp: the budget alarms are a Cloud Billing budget, which lives in a billing account.",
      "  then clouds (149), e.g. aws af-south-1: cloud aws not in allow [gcp]",
      "  then accounts:tessera:accounts.oci.compartmentId (44), e.g. oci af-casablanca-1: tessera:accounts.oci.compartmentId is not set; oci needs it",
      "  then accounts:tessera:accounts.oci.tenancyId (44), e.g. oci af-casablanca-1: tessera:accounts.oci.tenancyId is not set; required on oci: audit retention is set on the tenancy (the tenancy OCID)",
      "Did you mean: set tessera:accounts.gcp.billingAccount in the stack config → gcp us-central1?",
    ].join("\n"),
  );
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
  [
    "unknown tessera: key",
    { ...requirements({ services: { a: { kind: "object-storage", sizeGb: 1 } } }), "tessera:acounts": "{}" },
    "invalid config of stack bad:\n  - tessera:acounts: unknown config key; tessera reads tessera:requirements, tessera:accounts and tessera:failover (did you mean tessera:accounts?)",
  ],
  [
    "a secret where none belongs",
    requirements({ services: { a: { kind: "object-storage", sizeGb: { secure: "v1:abc" } } } }),
    "invalid tessera:requirements of stack bad:\n  - services.a.sizeGb: a secret (secure:) is not allowed here; secrets belong in a serverless service's environment values",
  ],
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

/** A serverless stack on one cloud whose TOKEN is `value` (a string, or `{ secure }` as the stack file holds it offline). */
const secretStack = (cloud: string, value: unknown) =>
  requirements({
    services: { api: { kind: "serverless", image: "ghcr.io/acme/api:1", environment: { TOKEN: value, LOG_LEVEL: "debug" } } },
    clouds: { allow: [cloud] },
    residency: { jurisdictions: ["EU"] },
  });

test.serial("secrets in the requirements stay secret end to end: offline (secure:, value unknown) and as the CLI hands them (plain value, secret key)", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-secrets-"));
  writeFileSync(join(dir, "Pulumi.sec.yaml"), "config:\n  tessera:requirements:\n    services:\n      api:\n        environment:\n          TOKEN:\n            secure: v1:ciphertext\n");
  // Offline, as tessera plan reads the stack file: the ciphertext is not the value.
  const offline = await installHarness({ stack: "sec", config: secretStack("azure", { secure: "v1:ciphertext" }), secretKeys: ["tessera:requirements"], preview: true });
  await offline.run(() => tessera({ stacksDir: dir, writeLock: false }));
  const app = offline.registrations.find((r) => r.type === "azure-native:app:ContainerApp")!;
  const appInputs = plain(app.struct.toJavaScript()) as { configuration: unknown; template: { containers: Array<{ env: unknown }> } };
  // azure-native applies defaults over the whole `configuration`, so the secret marks all of it.
  t.deepEqual(appInputs.configuration, {
    secret: {
      activeRevisionsMode: "Single",
      ingress: { allowInsecure: false, external: false, targetPort: 8080, transport: "auto" },
      secrets: [{ name: "token", value: OFFLINE_SECRET }],
    },
  });
  t.deepEqual(appInputs.template.containers[0]!.env, [{ name: "TOKEN", secretRef: "token" }, { name: "LOG_LEVEL", value: "debug" }]);

  // As `pulumi up` runs it: the CLI decrypted the value and marks the key secret; the stack file says which path.
  const live = await installHarness({ stack: "sec", config: secretStack("digitalocean", "s3cr3t"), secretKeys: ["tessera:requirements"], preview: true });
  await live.run(() => tessera({ stacksDir: dir, writeLock: false }));
  const spec = plain(live.registrations.find((r) => r.type === "digitalocean:index/app:App")!.struct.toJavaScript()) as { spec: { services: Array<{ envs: unknown }> } };
  t.deepEqual(spec.spec.services[0]!.envs, [
    { key: "TOKEN", value: { secret: "s3cr3t" }, scope: "RUN_TIME", type: "SECRET" },
    { key: "LOG_LEVEL", value: "debug", scope: "RUN_TIME", type: "GENERAL" },
  ]);
});

test.serial("the README's Secrets example placed on GCP: the token is a Secret Manager secret read by reference, and the pack finds nothing in plain configuration", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-secrets-"));
  writeFileSync(join(dir, "Pulumi.sec.yaml"), "config:\n  tessera:requirements:\n    services:\n      api:\n        environment:\n          TOKEN:\n            secure: v1:ciphertext\n");
  const h = await installHarness({ stack: "sec", config: { ...secretStack("gcp", { secure: "v1:ciphertext" }), "tessera:accounts": JSON.stringify({ gcp: { project: "acme-sec-123" } }) }, secretKeys: ["tessera:requirements"], preview: true });
  await h.run(() => tessera({ stacksDir: dir, writeLock: false }));
  const secret = h.registrations.find((r) => r.type === "gcp:secretmanager/secret:Secret" && r.name === "api-token")!;
  const secretId = (plain(secret.struct.toJavaScript()) as { secretId: string }).secretId;
  t.regex(secretId, /^sec-api-token-[a-z0-9]+$/);
  const version = plain(h.registrations.find((r) => r.type === "gcp:secretmanager/secretVersion:SecretVersion" && r.name === "api-token")!.struct.toJavaScript()) as { secretData: unknown };
  t.deepEqual(version.secretData, { secret: OFFLINE_SECRET });
  const service = plain(h.registrations.find((r) => r.type === "gcp:cloudrunv2/service:Service")!.struct.toJavaScript()) as { template: { containers: Array<{ envs: unknown }> } };
  t.deepEqual(service.template.containers[0]!.envs, [
    // A new secret's version number is known only once it exists: unknown in a preview.
    { name: "TOKEN", valueSource: { secretKeyRef: { secret: secretId, version: unknownValue } } },
    { name: "LOG_LEVEL", value: "debug" },
  ]);
  const run = await analyzeRegistrations(inProcessAnalyzer([toPolicy(asRule(noPlaintextSecrets))]), h.registrations, { stack: h.stack, project: h.project, config: {} });
  t.deepEqual(run.verdicts, []);
});

test.serial("a confidential stack on GCP: Cloud Run's secret environment values are encrypted with the stack's own Cloud KMS key, granted to the Secret Manager agent first; the pack finds no provider-keyed secret", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-secrets-"));
  const stack = (dataClassification: string, environment: Record<string, unknown>) => ({
    ...requirements({ dataClassification, services: { api: { kind: "serverless", image: "ghcr.io/acme/api:1", environment } }, clouds: { allow: ["gcp"] }, residency: { jurisdictions: ["EU"] } }),
    "tessera:accounts": JSON.stringify({ gcp: { project: "acme-sec-123" } }),
  });
  const h = await installHarness({ stack: "sec", config: stack("confidential", { API_TOKEN: "s3cr3t", LOG_LEVEL: "debug" }), preview: true });
  await h.run(() => tessera({ stacksDir: dir, writeLock: false }));
  const named = (type: string, name: string) => h.registrations.find((r) => r.type === type && r.name === name)!;
  const key = named("gcp:kms/cryptoKey:CryptoKey", "data-key");
  const region = (plain(named("gcp:kms/keyRing:KeyRing", "data-key").struct.toJavaScript()) as { location: string }).location;
  const secret = named("gcp:secretmanager/secret:Secret", "api-api-token");
  // In a preview the new key's id is unknown: the replica names it, in the key's region.
  t.deepEqual((plain(secret.struct.toJavaScript()) as { replication: unknown }).replication, { userManaged: { replicas: [{ location: region, customerManagedEncryption: { kmsKeyName: unknownValue } }] } });
  t.deepEqual(secret.propertyDependencies.replication, [key.urn]);
  const grant = named("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "api-secretmanager-cmek");
  // The agent's email too is known once the service identity exists.
  t.deepEqual(plain(grant.struct.toJavaScript()), { cryptoKeyId: unknownValue, member: unknownValue, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter" });
  t.deepEqual(grant.propertyDependencies.cryptoKeyId, [key.urn]);
  t.deepEqual(grant.propertyDependencies.member, [named("gcp:projects/serviceIdentity:ServiceIdentity", "api-secretmanager").urn]);
  t.true(secret.dependencies.includes(grant.urn));
  t.deepEqual(h.errors, []);
  const run = await analyzeRegistrations(inProcessAnalyzer([toPolicy(asRule(sensitiveDataCustomerKey))]), h.registrations, { stack: h.stack, project: h.project, config: {} });
  t.deepEqual(run.verdicts, []);

  // Internal data: Google-managed encryption, no key of the stack's own.
  const internal = await installHarness({ stack: "sec", config: stack("internal", { API_TOKEN: "s3cr3t" }), preview: true });
  await internal.run(() => tessera({ stacksDir: dir, writeLock: false }));
  const plainSecret = internal.registrations.find((r) => r.type === "gcp:secretmanager/secret:Secret")!;
  t.deepEqual((plain(plainSecret.struct.toJavaScript()) as { replication: unknown }).replication, { userManaged: { replicas: [{ location: region }] } });
  t.deepEqual(internal.registrations.filter((r) => r.type.startsWith("gcp:kms/")).map((r) => r.name), []);
  // Confidential, nothing secret: no key is created for it.
  const nothing = await installHarness({ stack: "sec", config: stack("confidential", { LOG_LEVEL: "debug" }), preview: true });
  await nothing.run(() => tessera({ stacksDir: dir, writeLock: false }));
  t.deepEqual(nothing.registrations.filter((r) => r.type.startsWith("gcp:kms/") || r.type.startsWith("gcp:secretmanager/")).map((r) => r.name), []);
});

test("which values are secret: the stack file's secure: paths; every environment value of a secret key the file does not explain", (t) => {
  const exact = secretPaths(["tessera:requirements.services.api.environment.TOKEN"], true);
  t.deepEqual([exact("services.api.environment.TOKEN"), exact("services.api.environment.LOG_LEVEL")], [true, false]);
  const whole = secretPaths([], true);
  t.deepEqual([whole("services.api.environment.TOKEN"), whole("services.api.environment.LOG_LEVEL")], [true, true]);
  t.false(secretPaths([], false)("services.api.environment.TOKEN"));
});

/**
 * Random valid stacks over the dimensions where placement and the components could disagree:
 * spot, images, database HA and versions, Kubernetes versions, warehouse units, NAT, service names
 * that clash on the standby or with the analytics bucket, failover, residency, and which
 * `tessera:accounts` fields the stack gives.
 */
function stackArb() {
  const catalog = loadCatalog();
  const facts = loadRegionFacts(catalog.dir);
  const service = fc.oneof(
    fc.record({ kind: fc.constant("compute"), vcpus: fc.constantFrom(1, 2, 4), memoryGib: fc.constantFrom(2, 4, 8), count: fc.integer({ min: 1, max: 3 }), spot: fc.boolean(), image: fc.constantFrom(...IMAGES), publicIp: fc.boolean() }),
    fc.record({
      kind: fc.constant("database"),
      vcpus: fc.constantFrom(1, 2, 4),
      memoryGib: fc.constantFrom(2, 4, 8, 16),
      storageGb: fc.integer({ min: 10, max: 300 }),
      highAvailability: fc.boolean(),
      version: fc.constantFrom(...offeredAnywhere(facts.versions.postgres, facts.date)),
    }, { requiredKeys: ["kind", "vcpus", "memoryGib", "storageGb"] }),
    fc.record({ kind: fc.constant("kubernetes"), nodes: fc.integer({ min: 1, max: 3 }), vcpus: fc.constantFrom(2, 4), memoryGib: fc.constantFrom(4, 8, 16), version: fc.constantFrom(...offeredAnywhere(facts.versions.kubernetes, facts.date)) }, { requiredKeys: ["kind", "nodes", "vcpus", "memoryGib"] }),
    fc.record({ kind: fc.constant("object-storage"), sizeGb: fc.integer({ min: 1, max: 500 }), retentionDays: fc.integer({ min: 1, max: 90 }) }, { requiredKeys: ["kind", "sizeGb"] }),
    // Weighted up: functions with secret environment values are where placement and the policy disagreed.
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant("serverless"),
        image: fc.constant({ default: "ghcr.io/acme/api:1.4", aws: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4", oci: "iad.ocir.io/acme/api:1.4" }),
        public: fc.boolean(),
        // Secret values as the stack file holds them offline ({ secure }), secret-looking names with plain values, and harmless ones.
        environment: fc.dictionary(fc.constantFrom("API_TOKEN", "DB_PASSWORD", "SIGNING", "LOG_LEVEL"), fc.constantFrom<string | { secure: string }>("plain", { secure: "v1:prop" }), { maxKeys: 3 }),
      }),
    },
    fc.record({ kind: fc.constant("analytics"), computeUnits: fc.integer({ min: 2, max: 600 }) }, { requiredKeys: ["kind"] }),
    fc.record({ kind: fc.constantFrom("secrets", "monitoring"), email: fc.constant("oncall@example.com") }),
  );
  const names = fc.constantFrom("web", "web-standby", "db", "events", "events-data", "api", "jobs");
  return fc.record({
    requirements: fc.record(
      {
        services: fc.dictionary(names, service, { minKeys: 1, maxKeys: 3 }),
        residency: fc.record({ jurisdictions: fc.constantFrom(["EU"], ["US"]) }),
        clouds: fc.record({ allow: fc.uniqueArray(fc.constantFrom(...CLOUDS), { minLength: 1, maxLength: 3 }) }),
        failover: fc.record({ minDistanceKm: fc.integer({ min: 0, max: 800 }), crossCloud: fc.boolean() }),
        network: fc.record({ natGateway: fc.boolean() }),
      },
      { requiredKeys: ["services"] },
    ),
    accounts: fc.record({ gcp: fc.constant({ project: "acme-prop-123" }), oci: fc.constant({ compartmentId: "ocid1.compartment.oc1..prop" }) }, { requiredKeys: [] }),
  });
}

test.serial("place ⇒ plan: for random valid stacks, whenever place succeeds the program runs (never an error (exit 2) or a crash) and keeps every secret out of plain configuration (no no-plaintext-secrets verdict)", async (t) => {
  const catalog = loadCatalog();
  const stacksDir = mkdtempSync(join(tmpdir(), "tessera-prop-"));
  let planned = 0;
  let withEnvironment = 0;
  await fc.assert(
    fc.asyncProperty(stackArb(), async ({ requirements, accounts }) => {
      // Monitoring services keep only their email; secrets take no fields.
      const services = Object.fromEntries(Object.entries(requirements.services).map(([n, s]) => [n, s.kind === "secrets" ? { kind: "secrets" } : s]));
      const input = { ...requirements, services };
      let req;
      try {
        req = parseRequirements(input, catalog);
      } catch (e) {
        if (e instanceof RequirementsError) return; // not a valid stack: the schema says why
        throw e;
      }
      try {
        place(catalog, req, { accounts });
      } catch (e) {
        if (e instanceof NoFeasiblePlacementError) return; // place exits 1: nothing to plan
        throw e;
      }
      planned++;
      const h = await installHarness({ stack: "prop", preview: true, config: { "tessera:requirements": JSON.stringify(input), "tessera:accounts": JSON.stringify(accounts) } });
      await h.run(() => tessera({ stacksDir, writeLock: false }));
      // Placement never picks a cloud whose function would hold a secret in plain configuration (the plan's verdict).
      const run = await analyzeRegistrations(inProcessAnalyzer([toPolicy(asRule(noPlaintextSecrets))]), h.registrations, { stack: h.stack, project: h.project, config: {} });
      if (run.verdicts.length > 0) throw new Error(`placed on ${h.registrations.find((r) => r.type.startsWith("pulumi:providers:") && !r.type.endsWith(":random"))?.type ?? "?"}, yet ${run.verdicts.map((v) => v.message).join("; ")}`);
      if (Object.values(services).some((s) => "environment" in s && Object.keys(s.environment).length > 0)) withEnvironment++;
    }),
    { numRuns: Number(process.env.PLAN_PROPERTY_RUNS ?? 20), seed: Number(process.env.PROPERTY_SEED ?? 20261124) },
  );
  // Not vacuous: most generated stacks are valid and placeable.
  t.log(`${planned} stacks planned, ${withEnvironment} with a function's environment`);
  t.true(planned >= 10, `${planned} stacks planned`);
  t.true(withEnvironment >= 1, `${withEnvironment} stacks with a function's environment planned`);
});
