/**
 * `tessera plan` on every example stack: the resource list is exactly what the program
 * registers, the cost lines are the cost model's figures, the verdicts are the pack's own, and
 * the JSON validates against docs/plan-schema.json.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import Ajv2020 from "ajv/dist/2020";
import test from "ava";
import { diffPlans, renderDiff } from "../cli/plan/diff";
import { plainSecretOutputs } from "../cli/plan/outputs";
import { renderMarkdown, renderTerminal } from "../cli/plan/render";
import { reachabilityWarnings } from "../cli/plan/reachability";
import { runPlan } from "../cli/plan/run";
import { loadCatalog } from "../placement/catalog";
import { parseRequirements } from "../placement/requirements";
import type { PlanReport, PlanVerdict } from "../cli/plan/schema";
import { analyzeRegistrations, inProcessAnalyzer } from "../harness/policy";
import { NAME_FIELDS, type NameField } from "../core/name-fields";
import { createPolicies } from "../policies/pack";
import { exampleRun } from "./examples";
import { EXAMPLES, FIXTURE_STACKS, sorted } from "./helpers";

const ROOT = join(__dirname, "..");
const STACKS = FIXTURE_STACKS;
const NOW = new Date("2026-11-24T12:00:00Z");
const plans = new Map<string, PlanReport>();

// Serial hooks and tests wherever the harness runs: with `npm test` this file shares its process (test/suites/program.ts).
test.serial.before(async () => {
  for (const stack of EXAMPLES) plans.set(stack, await runPlan({ stack, stacksDir: STACKS, now: NOW, policyOptions: {} }));
});

/** Resources per example stack. */
const SIZES: Record<string, number> = { "eu-gdpr": 22, "ml-dr-us": 189, "platform-eu": 56, "shop-dr-eu": 103, "us-budget": 8 };

test.serial("every example stack: the plan lists exactly what the program registers, and the pack's own verdicts", async (t) => {
  t.deepEqual([...plans.keys()].sort(), Object.keys(SIZES));
  for (const [stack, plan] of plans) {
    const { h } = await exampleRun(stack);
    t.deepEqual(
      plan.resources.map((r) => [r.urn, r.type, r.name, r.parent, r.protect]),
      h.registrations.map((r) => [r.urn, r.type, r.name, r.parent, r.protect]),
      stack,
    );
    t.is(plan.resources.length, SIZES[stack], stack);
    const direct = await analyzeRegistrations(inProcessAnalyzer(createPolicies({})), h.registrations, { stack: h.stack, project: h.project, config: {} });
    t.deepEqual(sorted(plan.policies.verdicts.map(({ frameworks: _f, ...v }) => v)), sorted(direct.verdicts), stack);
    t.deepEqual([plan.policies.mandatory, plan.outputs.plainSecrets, plan.deployable], [0, [], true], stack);
  }
});

test.serial("a physical name the cloud would refuse makes the plan not deployable, naming the resource, field, value and rule", async (t) => {
  // No component makes a bad name any more: hold the blob container to a stricter rule (Data Explorer
  // cluster names: no hyphens) so the real name breaks it, and see the plan refuse.
  const fields = NAME_FIELDS as Record<string, readonly NameField[]>;
  const type = "azure-native:storage:BlobContainer";
  const saved = fields[type]!;
  fields[type] = [{ path: "containerName", cloud: "azure", kind: "kustoCluster" }];
  try {
    const plan = await runPlan({ stack: "eu-gdpr", now: NOW, policyOptions: {} });
    t.deepEqual(plan.warnings.filter((w) => w.includes(type)), [
      'the engine would refuse this program: azure-native:storage:BlobContainer "documents-container": containerName "documents-0fzglm" contains "-" (allowed characters: a-z0-9); the cloud would refuse it — Azure Data Explorer cluster name: 4-22 characters of [a-z0-9], first [a-z], unique per global (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkusto)',
    ]);
    t.false(plan.deployable);
    t.regex(renderTerminal(plan), /\n✘ not deployable: the engine would refuse the program$/);
  } finally {
    fields[type] = saved;
  }
});

test("eu-gdpr: the exact resources, where each goes, and the cost model's lines on the account", (t) => {
  const plan = plans.get("eu-gdpr")!;
  const lines = "2000 GB × 0.0192 USD/GB-month + 300 GB egress − 100 GB free a month × 0.0926 USD/GB";
  const workspace = "governance: not priced, usage-based — Log Analytics workspace: GB ingested into Log Analytics (Pay-As-You-Go, set per region; the catalog has no figure) (https://learn.microsoft.com/azure/azure-monitor/logs/cost-logs, read 2026-11-25)";
  const keyOps = "governance: not priced, usage-based — Key Vault key: 10,000 key operations (Standard tier: software-protected keys have no monthly charge; the catalog has no per-operation figure) (https://azure.microsoft.com/pricing/details/key-vault/, read 2026-11-25)";
  t.deepEqual(
    plan.resources.map((r) => [r.type, r.name, r.cloud, r.region, r.service, r.site, r.monthlyUsd, r.estimated, r.costLabel]),
    [
      // Confidential data: the stack's own key (it has no secrets service), granted to the storage account's identity;
      // the subscription's activity log to a workspace; the bucket's reads, writes and deletes to another.
      ["pulumi:pulumi:Stack", "tessera-eu-gdpr", "", "", "", "", 0, false, ""],
      ["tessera:security:Secrets", "data-key", "", "", "", "", 0, false, ""],
      ["tessera:storage:ObjectStorage", "documents", "", "", "documents", "primary", 0, false, ""],
      ["tessera:governance:Governance", "governance", "", "", "", "", 0, false, ""],
      ["random:index/randomString:RandomString", "data-key-name", "", "", "", "", 0, false, ""],
      ["random:index/randomString:RandomString", "documents-name", "", "", "documents", "primary", 0, false, ""],
      ["random:index/randomString:RandomString", "documents-access-logs-name", "", "", "documents", "primary", 0, false, ""],
      ["random:index/randomString:RandomString", "governance-audit-name", "", "", "", "", 0, false, ""],
      ["pulumi:providers:azure-native", "azure-swedencentral", "", "", "", "", 0, false, ""],
      ["azure-native:resources:ResourceGroup", "rg-swedencentral", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:managedidentity:UserAssignedIdentity", "data-key-encryption", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:operationalinsights:Workspace", "governance-audit", "azure", "swedencentral", "", "", 0, true, workspace],
      ["azure-native:operationalinsights:Workspace", "documents-access-logs", "azure", "swedencentral", "documents", "primary", 0, true, workspace],
      ["azure-native:keyvault:Vault", "data-key", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:monitor:SubscriptionDiagnosticSetting", "governance-activity-log", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:authorization:RoleAssignment", "data-key-encryption", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:keyvault:Key", "data-key", "azure", "swedencentral", "", "", 0, true, keyOps],
      ["azure-native:storage:StorageAccount", "documents", "azure", "swedencentral", "documents", "primary", 56.87, true, lines],
      ["azure-native:storage:BlobServiceProperties", "documents-blob", "azure", "swedencentral", "documents", "primary", 0, false, ""],
      ["azure-native:storage:ManagementPolicy", "documents-lifecycle", "azure", "swedencentral", "documents", "primary", 0, false, ""],
      ["azure-native:monitor:DiagnosticSetting", "documents-access-logs", "azure", "swedencentral", "documents", "primary", 0, false, ""],
      ["azure-native:storage:BlobContainer", "documents-container", "azure", "swedencentral", "documents", "primary", 0, false, ""],
    ],
  );
  t.deepEqual(plan.placement.services.documents!.lines, [
    { label: "2000 GB × 0.0192 USD/GB-month", monthlyUsd: 38.34, estimated: true, basis: "estimated", source: "storage-and-egress.csv azure eastus × price index of swedencentral (1.0649)" },
    {
      label: "300 GB egress − 100 GB free a month × 0.0926 USD/GB",
      monthlyUsd: 18.53,
      estimated: true,
      basis: "estimated",
      source: "storage-and-egress.csv azure eastus × price index of swedencentral (1.0649); prices.csv azure all internet-egress-free ← https://azure.microsoft.com/pricing/details/bandwidth/",
    },
  ]);
  t.deepEqual(plan.cost, { monthlyUsd: 56.87, estimated: true, overBudget: false });
  // The compliance facts behind the placement, with confidence and source.
  t.deepEqual(
    plan.placement.compliance!.map((f) => [f.requirement, f.program, f.confidence]),
    [
      ["gdpr", "gdpr-dpa", "medium"],
      ["iso27001", "iso27001", "medium"],
    ],
  );
});

test("shop-dr-eu: per data service the replication method, its RPO and monthly cost, carried by the replica and the transfer job, inside the total and the budget", (t) => {
  const plan = plans.get("shop-dr-eu")!;
  const s = plan.placement.secondary!;
  t.deepEqual([plan.placement.cloud, plan.placement.region, s.cloud, s.region, s.active], ["gcp", "europe-north2", "gcp", "europe-west1", "primary"]);
  t.deepEqual(
    Object.entries(s.replication!).map(([name, r]) => [name, r.method, r.rpo.bound, r.rpo.minutes, r.monthlyUsd, r.lines.map((l) => [l.label, l.monthlyUsd])]),
    [
      ["orders", "Cloud SQL cross-region read replica (masterInstanceName)", "lag", undefined, 1.26, [["60 GB/month inter-region transfer × 0.021 USD/GB", 1.26]]],
      ["images", "Storage Transfer Service job from the primary bucket, hourly", "schedule", 60, 1.05, [["50 GB/month inter-region transfer × 0.021 USD/GB", 1.05]]],
    ],
  );
  const cost = (type: string, name: string) => plan.resources.find((r) => r.type === type && r.name === name)!;
  // The replica is priced like the primary's instance in its own region, plus the transfer that feeds it.
  t.deepEqual([cost("gcp:sql/databaseInstance:DatabaseInstance", "orders-standby").monthlyUsd, cost("gcp:sql/databaseInstance:DatabaseInstance", "orders").monthlyUsd], [123.56, 116.74]);
  t.deepEqual([cost("gcp:storage/transferJob:TransferJob", "images-to-standby").monthlyUsd, cost("gcp:storage/transferJob:TransferJob", "images-to-standby").site], [1.05, "standby"]);
  // The replication is in the placement total, the resource lines and the budget check.
  // The resource lines add the governance lines placement does not rank by (a Cloud KMS key version per site, 0.06 USD each).
  t.deepEqual([plan.placement.totalMonthlyUsd, plan.cost.monthlyUsd, Math.round((plan.placement.monthlyUsd + s.monthlyUsd + 1.26 + 1.05) * 100) / 100], [550.61, 550.73, 550.61]);
  const text = renderTerminal(plan);
  t.true(text.includes("    images: Storage Transfer Service job from the primary bucket, hourly; RPO up to 1 h plus the copy's duration: Storage Transfer Service repeats at most hourly; replication 1.05* USD/month (50 GB/month)"));
});

test("us-budget: the exact resources and the budget check; what DigitalOcean lacks is in the governance report", (t) => {
  const plan = plans.get("us-budget")!;
  t.deepEqual(
    plan.resources.map((r) => [r.type, r.name, r.region, r.monthlyUsd, r.costLabel]),
    [
      ["pulumi:pulumi:Stack", "tessera-us-budget", "", 0, ""],
      ["tessera:storage:ObjectStorage", "media", "", 0, ""],
      ["pulumi:providers:digitalocean", "digitalocean-nyc3", "", 0, ""],
      ["random:index/randomString:RandomString", "media-name", "", 0, ""],
      ["random:index/randomString:RandomString", "media-access-logs-name", "", 0, ""],
      // Spaces: the 5 USD subscription includes 250 GiB stored and 1 TiB out.
      [
        "digitalocean:index/spacesBucket:SpacesBucket",
        "media",
        "nyc3",
        100,
        "Spaces subscription (includes 250 GiB stored, 1024 GiB out) + 5000 GiB stored, 4750 GiB over the bundle × 0.02 USD/GiB-month + 1000 GiB out, 0 GiB over the bundle × 0.01 USD/GiB",
      ],
      // The bucket's access logs go to a Space of their own, billed at the Spaces storage price by volume.
      [
        "digitalocean:index/spacesBucket:SpacesBucket",
        "media-access-logs",
        "nyc3",
        0,
        "governance: not priced, usage-based — access-log Space: GB-month of access-log objects at the Space's storage price (the catalog's object-storage price) (data/storage-and-egress.csv, read 2026-11-25)",
      ],
      ["digitalocean:index/spacesBucketLogging:SpacesBucketLogging", "media-logging", "nyc3", 0, ""],
    ],
  );
  // The access logs' volume is unknown, so the total is an estimate.
  t.deepEqual(plan.cost, { monthlyUsd: 100, estimated: true, budgetUsd: 150, overBudget: false, budgetStatus: "within" });
  // DigitalOcean has no audit trail, budget API or TLS-only Spaces setting: the plan says so, with the matrix's reasons.
  t.deepEqual(
    plan.governance.map((g) => [g.feature, g.cloud, g.status]),
    [
      ["audit-trail", "digitalocean", "unavailable"],
      ["budget-alarms", "digitalocean", "unavailable"],
      ["storage-access-logs", "digitalocean", "built"],
      ["storage-tls-only", "digitalocean", "unavailable"],
    ],
  );
  t.true(plan.governance.every((g) => g.detail.length > 0));
});

test.serial("a stated audit opt-out is read from the planned stack's folder (--stacks-dir): no audit-trail violation, the plan says why", async (t) => {
  const plan = await runPlan({ stack: "optout", stacksDir: STACKS, now: NOW, policyOptions: {} });
  t.deepEqual(plan.policies.verdicts.filter((v) => v.policy === "audit-trail" || v.policy === "budget-alarms"), []);
  t.deepEqual([plan.policies.mandatory, plan.deployable], [0, true]);
  t.deepEqual(plan.governance.find((g) => g.feature === "audit-trail"), {
    feature: "audit-trail",
    cloud: "azure",
    status: "opted-out",
    detail: "tessera:requirements audit.trail: false — the organisation trail in the security account records every account",
  });
});

test("every example stack: each service's resource lines add up to the cost model's figure, on both sites", (t) => {
  for (const [stack, plan] of plans) {
    const site = (s: "primary" | "standby") => (s === "primary" ? plan.placement.services : undefined);
    for (const [name, cost] of Object.entries(site("primary")!)) {
      const own = plan.resources.filter((r) => r.service === name && r.site === "primary" && !r.costLabel.startsWith("governance:"));
      t.is(Math.round(own.reduce((sum, r) => sum + r.monthlyUsd, 0) * 100) / 100, cost.monthlyUsd, `${stack} ${name}`);
    }
    // Governance lines (keys, log ingestion) come on top of what placement ranked by.
    const governance = plan.resources.filter((r) => r.costLabel.startsWith("governance:")).reduce((sum, r) => sum + r.monthlyUsd, 0);
    t.is(Math.round((plan.cost.monthlyUsd - governance) * 100) / 100, plan.placement.totalMonthlyUsd, stack);
  }
  // The standby is priced in its own region (ml-dr-us: the same SKUs in us-west-2; spot lines dated).
  const dr = plans.get("ml-dr-us")!;
  const standby = dr.resources.filter((r) => r.site === "standby" && r.monthlyUsd > 0).map((r) => [r.name, r.monthlyUsd, r.costLabel]);
  t.deepEqual(standby, [
    // The web tier: the load balancer carries its own lines, the Auto Scaling group the machines at the most.
    ["web-standby", 20.43, "Application Load Balancer: 730 h × 0.0225 USD/h + Application Load Balancer: 500 GB ≈ LCU-hours × 0.008 USD"],
    ["train-standby-0", 47.72, "1 × g4dn.xlarge (spot, market price of 2026-11-23) × 200 h × 0.2386 USD/h"],
    ["web-standby", 121.47, "2–4 × t3.medium × 730 h × 0.0416 USD/h (priced at 4)"],
  ]);
  // The plan shows the range; the budget counts the most. The plan adds the trail's KMS key (1 USD/month) to what placement ranked by.
  t.deepEqual(dr.placement.services.web?.range, { minMonthlyUsd: 81.17, maxMonthlyUsd: 141.9 });
  t.deepEqual([dr.placement.monthlyUsd, dr.placement.secondary?.monthlyUsd, dr.cost.monthlyUsd, dr.cost.estimated], [216.42, 226.12, 443.54, true]);
  t.like(dr.placement.services.train!.lines[0], { basis: "spot", estimated: true, priceDate: "2026-11-23" });
});

test.serial("the network's shared lines sit on the resources that incur them: NAT gateway (with its address) and Azure's private DNS zone", async (t) => {
  const plan = await runPlan({ stack: "azure-nat", stacksDir: join(__dirname, "fixtures", "network-stacks"), now: NOW, policyOptions: {} });
  const shared = plan.placement.shared ?? {};
  const carried = plan.resources.filter((r) => r.service === "" && r.monthlyUsd > 0).map((r) => [r.type, r.monthlyUsd, r.costLabel]);
  t.deepEqual(carried, [
    ["azure-native:privatedns:PrivateZone", 0.5, "private DNS zone privatelink.postgres.database.azure.com × 0.5 USD/month"],
    ["azure-native:network:NatGateway", shared["nat-gateway"]!.monthlyUsd, shared["nat-gateway"]!.label],
  ]);
  // (0.045 gateway + 0.005 address) USD/h × 730 h = 36.5 (prices.csv azure all nat-gateway, public-ipv4-hour); 0.5 USD/month zone (private-dns-zone).
  t.deepEqual(Object.entries(shared).map(([item, l]) => [item, l.label, l.monthlyUsd, l.basis]), [
    ["nat-gateway", "NAT gateway 0.045 + public IP 0.005 USD/h × 730 h; plus 0.045 USD per GB processed (usage)", 36.5, "list"],
    ["private-dns-zone", "private DNS zone privatelink.postgres.database.azure.com × 0.5 USD/month", 0.5, "list"],
  ]);
  t.is(plan.cost.monthlyUsd, plan.placement.totalMonthlyUsd);
});

test("a stack-wide policy finding (no resource, empty URN) renders without an empty resource name; a resource finding names it", (t) => {
  const plan = plans.get("us-budget")!;
  const stackWide: PlanVerdict = { policy: "budget-alarms", enforcement: "mandatory", severity: "high", urn: "", message: "no aws budget watches the stack's budget of 500 USD/month", stage: "analyzeStack", frameworks: ["soc2"] };
  const onResource: PlanVerdict = { ...stackWide, policy: "backup-retention", urn: "urn:pulumi:dev::tessera::tessera:database:Postgres$aws:rds/instance:Instance::db", message: "backups kept 3 days", stage: "analyze" };
  const lines = renderTerminal({ ...plan, policies: { ...plan.policies, verdicts: [stackWide, onResource], mandatory: 2 } }).split("\n").filter((l) => l.includes("[mandatory]"));
  t.deepEqual(lines, [
    "    ✘ [mandatory] budget-alarms: no aws budget watches the stack's budget of 500 USD/month {soc2}",
    "    ✘ [mandatory] backup-retention — db (aws:Instance): backups kept 3 days {soc2}",
  ]);
});

test("every example stack: the JSON validates against docs/plan-schema.json", (t) => {
  const schema = JSON.parse(readFileSync(join(ROOT, "docs", "plan-schema.json"), "utf8")) as object;
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  for (const [stack, plan] of plans) {
    const ok = validate(JSON.parse(JSON.stringify(plan)));
    t.true(ok, `${stack}: ${JSON.stringify(validate.errors)}`);
  }
  t.false(validate({ ...JSON.parse(JSON.stringify(plans.get("us-budget"))), schemaVersion: 2 }));
});

test("terminal and Markdown renderings carry the decision, the tree with costs, the verdict summary and the catalog date", (t) => {
  const plan = plans.get("platform-eu")!;
  const text = renderTerminal(plan);
  // 13 feasible, all Azure: ISO 27001 has a first-party source only for Azure (AWS's and GCP's rows are
  // third-party, low), and OCI's SOC 2 row is third-party too.
  t.true(text.startsWith("tessera plan — stack platform-eu\nPlacement: azure swedencentral (Sweden Central) — 844.95 USD/month*\n  why: cheapest of 13 feasible candidates out of 192; lock: kept\n"));
  t.regex(text, /│ {5}azure-native:Server db 🔒 +│ azure swedencentral │ +325\.75\* │/);
  t.regex(text, /│ {5}azure-native:VirtualMachine web-2 +│ azure swedencentral │ +31\.53 │/);
  t.regex(text, /│ total +│ +│ +844\.95\* │/);
  t.regex(text, /\nGovernance:\n  ✔ audit-trail \(azure\): Activity log exported by a subscription diagnostic setting /);
  t.regex(text, /\n  ✔ storage-tls-only \(azure\): supportsHttpsTrafficOnly on the storage account\n/);
  t.regex(text, /\n  compliance soc2: azure swedencentral, medium confidence — MicrosoftDocs\/Compliance-pr\.fr-fr:compliance\/regulatory\/offering-SOC\.md@0b46480892f8f86c9d0f016703278d5a04b33f19\n/);
  t.regex(text, /\n  excluded in every region: digitalocean — iso27001 not confirmed for digitalocean: no source in compliance\.csv \(not confirmed\)\n/);
  t.regex(text, /\n  excluded in every region: gcp — iso27001 not confirmed for gcp: its only source is low confidence, below the required medium \(read only in third-party material, not on gcp's own pages: compliance\.csv gcp iso27001\) \(not confirmed\)\n/);
  t.regex(text, /Budget 2,000 USD\/month: within/);
  t.regex(text, /Policies \(tessera@0\.1\.0\): 0 mandatory, 0 advisory/);
  t.regex(text, /\nCatalog 2026-11-24; azure compute prices 2026-05-20 \(188 days old\)\n/);
  t.regex(text, /\n✔ deployable$/);
  const md = renderMarkdown(plan);
  t.true(md.startsWith("### tessera plan — `platform-eu` ✅ deployable\n"));
  t.regex(md, /\n- compliance iso27001: azure swedencentral, medium confidence — MicrosoftDocs\/Compliance-pr\.fr-fr:compliance\/regulatory\/offering-ISO-27001\.md@/);
  t.regex(md, /\n\| \*\*total\*\* \| \| \*\*844\.95\\\*\*\* \|\n/);
  t.regex(md, /\n#### Governance\n/);
});

test("--diff: cost, placement, resources and verdicts that changed between two plans", (t) => {
  const before = plans.get("us-budget")!;
  const bucket = before.resources.findIndex((r) => r.type === "digitalocean:index/spacesBucket:SpacesBucket");
  const bigger = { ...before.resources[bucket]!, monthlyUsd: 150 };
  const extra = { ...before.resources[bucket]!, urn: `${before.resources[bucket]!.urn}-2`, name: "media-2", monthlyUsd: 20 };
  const after: PlanReport = { ...before, resources: [...before.resources.slice(0, bucket), bigger, extra, ...before.resources.slice(bucket + 1)], cost: { ...before.cost, monthlyUsd: 170 } };
  const d = diffPlans(before, after);
  t.deepEqual(d.monthlyUsd, { from: 100, to: 170, delta: 70 });
  t.deepEqual(d.added.map((r) => r.monthlyUsd), [20]);
  t.deepEqual(d.changed.map((r) => [r.from, r.to]), [[100, 150]]);
  t.is(
    renderDiff(before, after, false),
    [
      "Changes since the previous plan:",
      "  monthly cost: 100 → 170 USD (+70)",
      "  + digitalocean:index/spacesBucket:SpacesBucket media-2 (+20 USD/month)",
      "  ~ digitalocean:index/spacesBucket:SpacesBucket media: 100 → 150 USD/month",
    ].join("\n"),
  );
  t.is(renderDiff(before, before, true), "#### Changes since the previous plan\n- monthly cost: 100 → 100 USD (+0)\n- no change");
});

test("secret outputs: a plain password or kubeconfig in the stack outputs is found; secrets and unknowns are fine", (t) => {
  const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
  t.deepEqual(
    plainSecretOutputs({
      services: {
        db: { host: "db.internal", password: "hunter2", adminPassword: secret("x") },
        k8s: { kubeconfig: "apiVersion: v1", endpoint: "https://k" },
        api: { API_TOKEN: "t", url: "https://api" },
      },
      placement: { cloud: "aws" },
    }),
    ["services.api.API_TOKEN", "services.db.password", "services.k8s.kubeconfig"],
  );
  t.deepEqual(plainSecretOutputs({ db: { password: secret(unknownValue) } }), []);
});

test.serial("--diff shows what a reviewer must see: a region move and a service rename replace resources, protected data stops `pulumi up`", async (t) => {
  const before = plans.get("eu-gdpr")!;
  const dir = mkdtempSync(join(tmpdir(), "tessera-diff-"));
  const stackFile = readFileSync(join(STACKS, "Pulumi.eu-gdpr.yaml"), "utf8");
  writeFileSync(join(dir, "Pulumi.eu-gdpr.yaml"), stackFile);
  const lock = JSON.parse(readFileSync(join(STACKS, "eu-gdpr.placement.lock.json"), "utf8"));
  writeFileSync(join(dir, "eu-gdpr.placement.lock.json"), JSON.stringify({ ...lock, decision: { ...lock.decision, region: "westeurope", monthlyUsd: 74.4 } }));
  const moved = await runPlan({ stack: "eu-gdpr", stacksDir: dir, now: NOW, policyOptions: {} });
  const move = diffPlans(before, moved);
  t.deepEqual(move.placement, { from: "azure swedencentral", to: "azure westeurope" });
  t.deepEqual(
    move.replaced.map((r) => [r.type, r.from, r.to, r.protect]),
    [
      // Governance is regional too: the key's identity, the audit and access-log workspaces, the vault and key, the exports.
      ["azure-native:managedidentity:UserAssignedIdentity", "azure swedencentral", "azure westeurope", false],
      ["azure-native:operationalinsights:Workspace", "azure swedencentral", "azure westeurope", true],
      ["azure-native:operationalinsights:Workspace", "azure swedencentral", "azure westeurope", false],
      ["azure-native:keyvault:Vault", "azure swedencentral", "azure westeurope", true],
      ["azure-native:monitor:SubscriptionDiagnosticSetting", "azure swedencentral", "azure westeurope", false],
      ["azure-native:authorization:RoleAssignment", "azure swedencentral", "azure westeurope", false],
      ["azure-native:keyvault:Key", "azure swedencentral", "azure westeurope", true],
      ["azure-native:storage:StorageAccount", "azure swedencentral", "azure westeurope", true],
      ["azure-native:storage:BlobServiceProperties", "azure swedencentral", "azure westeurope", false],
      ["azure-native:storage:ManagementPolicy", "azure swedencentral", "azure westeurope", false],
      ["azure-native:monitor:DiagnosticSetting", "azure swedencentral", "azure westeurope", false],
      ["azure-native:storage:BlobContainer", "azure swedencentral", "azure westeurope", true],
    ],
  );
  // The resource group is named after its region: removed, and protected too; so are the audit workspace and the stack's key.
  t.deepEqual(move.protectedLosses.map((u) => u.split("::").pop()), ["governance-audit", "data-key", "data-key", "documents", "documents-container", "rg-swedencentral"]);
  const text = renderDiff(before, moved, false);
  t.true(text.includes("  ± replace azure-native:storage:StorageAccount documents 🔒: moves from azure swedencentral to azure westeurope\n"), text);
  t.true(text.endsWith("  🔒 6 protected resources holding data would be deleted (azure-native:operationalinsights:Workspace governance-audit, azure-native:keyvault:Vault data-key, azure-native:keyvault:Key data-key, azure-native:storage:StorageAccount documents, azure-native:storage:BlobContainer documents-container, azure-native:resources:ResourceGroup rg-swedencentral): `pulumi up` will stop at them. Copy the data first (tessera replan shows the migration), then unprotect (`pulumi state unprotect`) — or keep the old name or placement."), text);

  // The same stack with the service renamed: every resource gets a new URN.
  const renamedDir = mkdtempSync(join(tmpdir(), "tessera-diff-"));
  writeFileSync(join(renamedDir, "Pulumi.eu-gdpr.yaml"), stackFile.replace("      documents:\n", "      docs:\n"));
  writeFileSync(join(renamedDir, "eu-gdpr.placement.lock.json"), JSON.stringify({ ...lock, decision: { ...lock.decision, services: { docs: lock.decision.services.documents } } }));
  const renamed = await runPlan({ stack: "eu-gdpr", stacksDir: renamedDir, now: NOW, policyOptions: {} });
  const rename = diffPlans(before, renamed);
  t.deepEqual([rename.added, rename.removed, rename.placement], [[], [], null]);
  t.deepEqual(
    rename.replaced.map((r) => [r.to.split("::").pop(), r.because, r.protect]),
    [
      ["docs", "service documents renamed to docs (a new URN: add an alias to keep it)", false],
      ["docs-name", "service documents renamed to docs (a new URN: add an alias to keep it)", false],
      ["docs-access-logs-name", "service documents renamed to docs (a new URN: add an alias to keep it)", false],
      ["docs-access-logs", "service documents renamed to docs (a new URN: add an alias to keep it)", false],
      ["docs", "service documents renamed to docs (a new URN: add an alias to keep it)", true],
      ["docs-blob", "service documents renamed to docs (a new URN: add an alias to keep it)", false],
      ["docs-lifecycle", "service documents renamed to docs (a new URN: add an alias to keep it)", false],
      ["docs-access-logs", "service documents renamed to docs (a new URN: add an alias to keep it)", false],
      ["docs-container", "service documents renamed to docs (a new URN: add an alias to keep it)", true],
    ],
  );
  t.deepEqual(rename.protectedLosses.map((u) => u.split("::").pop()), ["documents", "documents-container"]);
  t.regex(renderDiff(before, renamed, true), /\n> \[!WARNING\]\n> 🔒 2 protected resources holding data would be deleted/);
});

test("a public service or a failover health check that no ingress rule lets in is a warning", (t) => {
  const catalog = loadCatalog();
  const base = {
    services: { web: { kind: "compute", vcpus: 2, memoryGib: 4, publicIp: true } },
    failover: { minDistanceKm: 1000, dns: { hostname: "www.example.com", service: "web", zones: { aws: "Z1" }, healthCheck: { path: "/healthz" } } },
  };
  t.deepEqual(reachabilityWarnings(parseRequirements(base, catalog)), [
    "services.web has publicIp: true, but network.ingress opens no port: the network is default-deny, so nothing reaches it from the internet (add e.g. { ports: 443, sources: [0.0.0.0/0] })",
    "failover.dns: the HTTPS health check on port 443 cannot reach web: no network.ingress rule opens tcp 443 to 0.0.0.0/0 (health checkers probe from the internet), so www.example.com would fail over although the primary is up",
  ]);
  // A rule for the office only: the machines are reachable from there, the health checkers still are not.
  const office = parseRequirements({ ...base, network: { ingress: [{ ports: [400, 500], sources: ["203.0.113.0/24"] }] } }, catalog);
  t.deepEqual(reachabilityWarnings(office).map((w) => w.split(":")[0]), ["failover.dns"]);
  t.deepEqual(reachabilityWarnings(parseRequirements({ ...base, network: { ingress: [{ ports: 443, sources: ["0.0.0.0/0"] }] } }, catalog)), []);
  // The examples open what they serve.
  for (const [stack, plan] of plans) t.deepEqual(plan.warnings.filter((w) => /ingress/.test(w)), [], stack);
});

test("a plan loads only the placed cloud's provider SDK: the pack judges by type token, each cloud's components and provider load on first use (also in the bundle)", async (t) => {
  const log = join(mkdtempSync(join(tmpdir(), "tessera-sdks-")), "sdks.json");
  const hook = join(ROOT, "test", "fixtures", "provider-sdks.cjs");
  // us-budget is placed on DigitalOcean alone; before, the plan loaded about 250 modules of the five SDKs.
  const { stdout } = await promisify(execFile)(process.execPath, ["--require", hook, join(ROOT, "bin", "tessera.js"), "plan", "--stack", "us-budget", "--stacks-dir", STACKS, "--json"], {
    cwd: ROOT,
    env: { ...process.env, TESSERA_SDK_LOG: log },
    maxBuffer: 64 * 1024 * 1024,
  });
  t.is((JSON.parse(stdout) as PlanReport).resources.length, SIZES["us-budget"]);
  t.deepEqual(Object.keys(JSON.parse(readFileSync(log, "utf8")) as Record<string, number>), ["@pulumi/digitalocean"]);
});
