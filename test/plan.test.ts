/**
 * `tessera plan` on every example stack: the resource list is exactly what the program
 * registers, the cost lines are the cost model's figures, the verdicts are the pack's own, and
 * the JSON validates against docs/plan-schema.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import Ajv2020 from "ajv/dist/2020";
import test from "ava";
import { diffPlans, renderDiff } from "../cli/plan/diff";
import { plainSecretOutputs } from "../cli/plan/outputs";
import { renderMarkdown, renderTerminal } from "../cli/plan/render";
import { runPlan } from "../cli/plan/run";
import type { PlanReport } from "../cli/plan/schema";
import { installHarness } from "../harness";
import { analyzeRegistrations, inProcessAnalyzer } from "../harness/policy";
import { createPolicies } from "../policies/pack";
import { tessera } from "../program";
import { listStacks, readStackFile } from "../program/stackfile";
import { sorted } from "./helpers";

const ROOT = join(__dirname, "..");
const STACKS = join(ROOT, "stacks");
const NOW = new Date("2026-11-24T12:00:00Z");
const plans = new Map<string, PlanReport>();

test.before(async () => {
  for (const stack of listStacks(STACKS)) plans.set(stack, await runPlan({ stack, now: NOW, policyOptions: {} }));
});

/** Resources per example stack. */
const SIZES: Record<string, number> = { "eu-gdpr": 18, "ml-dr-us": 80, "platform-eu": 41, "us-budget": 6 };

test.serial("every example stack: the plan lists exactly what the program registers, and the pack's own verdicts", async (t) => {
  t.deepEqual([...plans.keys()].sort(), Object.keys(SIZES));
  for (const [stack, plan] of plans) {
    const h = await installHarness({ stack, config: readStackFile(STACKS, stack), preview: true });
    await h.run(() => tessera({ stacksDir: STACKS, writeLock: false }));
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

test("eu-gdpr: the exact resources, where each goes, and the cost model's lines on the account", (t) => {
  const plan = plans.get("eu-gdpr")!;
  const lines = "2000 GB × 0.0192 USD/GB-month + 300 GB egress × 0.0926 USD/GB";
  const logAnalytics =
    "governance: not priced, usage-based — Log Analytics workspace: GB ingested into Log Analytics (Pay-As-You-Go, set per region; the catalog has no figure) (https://learn.microsoft.com/azure/azure-monitor/logs/cost-logs, read 2026-11-25)";
  t.deepEqual(
    plan.resources.map((r) => [r.type, r.name, r.cloud, r.region, r.service, r.site, r.monthlyUsd, r.estimated, r.costLabel]),
    [
      ["pulumi:pulumi:Stack", "tessera-eu-gdpr", "", "", "", "", 0, false, ""],
      // Confidential data: the stack's own key (it has no secrets service), granted to the storage account's identity.
      ["tessera:security:Secrets", "data-key", "", "", "", "", 0, false, ""],
      ["tessera:storage:ObjectStorage", "documents", "", "", "documents", "primary", 0, false, ""],
      // The subscription's audit trail: the activity log exported to a workspace.
      ["tessera:governance:Governance", "governance", "", "", "", "", 0, false, ""],
      ["pulumi:providers:azure-native", "azure-swedencentral", "", "", "", "", 0, false, ""],
      ["azure-native:resources:ResourceGroup", "rg-swedencentral", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:managedidentity:UserAssignedIdentity", "data-key-encryption", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:operationalinsights:Workspace", "governance-audit", "azure", "swedencentral", "", "", 0, true, logAnalytics],
      ["azure-native:operationalinsights:Workspace", "documents-access-logs", "azure", "swedencentral", "documents", "primary", 0, true, logAnalytics],
      ["azure-native:keyvault:Vault", "data-key", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:monitor:SubscriptionDiagnosticSetting", "governance-activity-log", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:authorization:RoleAssignment", "data-key-encryption", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:keyvault:Key", "data-key", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:storage:StorageAccount", "documents", "azure", "swedencentral", "documents", "primary", 66.13, true, lines],
      ["azure-native:storage:BlobServiceProperties", "documents-blob", "azure", "swedencentral", "documents", "primary", 0, false, ""],
      ["azure-native:storage:ManagementPolicy", "documents-lifecycle", "azure", "swedencentral", "documents", "primary", 0, false, ""],
      ["azure-native:monitor:DiagnosticSetting", "documents-access-logs", "azure", "swedencentral", "documents", "primary", 0, false, ""],
      ["azure-native:storage:BlobContainer", "documents-container", "azure", "swedencentral", "documents", "primary", 0, false, ""],
    ],
  );
  t.deepEqual(plan.placement.services.documents!.lines, [
    { label: "2000 GB × 0.0192 USD/GB-month", monthlyUsd: 38.34, estimated: true },
    { label: "300 GB egress × 0.0926 USD/GB", monthlyUsd: 27.79, estimated: true },
  ]);
  t.deepEqual(plan.cost, { monthlyUsd: 66.13, estimated: true, overBudget: false });
  t.deepEqual(plan.governance, [
    { feature: "audit-trail", cloud: "azure", status: "built", detail: "Activity log exported by a subscription diagnostic setting to a Log Analytics workspace; retention 365 days" },
    { feature: "storage-access-logs", cloud: "azure", status: "built", detail: "Storage diagnostic setting (blob read, write, delete) to a Log Analytics workspace" },
    { feature: "storage-tls-only", cloud: "azure", status: "built", detail: "supportsHttpsTrafficOnly on the storage account" },
    { feature: "customer-managed-keys", cloud: "azure", status: "built", detail: "the stack's Key Vault key through a user-assigned identity (storage, PostgreSQL) and a disk encryption set (VM disks)" },
  ]);
});

test("us-budget: the exact resources and the budget check; what DigitalOcean lacks is in the governance report", (t) => {
  const plan = plans.get("us-budget")!;
  t.deepEqual(
    plan.resources.map((r) => [r.type, r.name, r.region, r.monthlyUsd, r.costLabel]),
    [
      ["pulumi:pulumi:Stack", "tessera-us-budget", "", 0, ""],
      ["tessera:storage:ObjectStorage", "media", "", 0, ""],
      ["pulumi:providers:digitalocean", "digitalocean-nyc3", "", 0, ""],
      ["digitalocean:index/spacesBucket:SpacesBucket", "media", "nyc3", 110, "5000 GB × 0.02 USD/GB-month + 1000 GB egress × 0.01 USD/GB"],
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
  t.deepEqual(plan.cost, { monthlyUsd: 110, estimated: true, budgetUsd: 150, overBudget: false });
  t.deepEqual(
    plan.governance.map((g) => `${g.feature} ${g.status}`),
    ["audit-trail unavailable", "budget-alarms unavailable", "storage-access-logs built", "storage-tls-only unavailable"],
  );
  t.true(renderTerminal(plan).includes("\n  ✘ budget-alarms (digitalocean): unavailable: digitalocean has no budget API"));
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
  // The standby is priced like the primary it copies (ml-dr-us: the same SKUs in westus2).
  const dr = plans.get("ml-dr-us")!;
  const standby = dr.resources.filter((r) => r.site === "standby" && r.monthlyUsd > 0).map((r) => [r.name, r.monthlyUsd, r.costLabel]);
  t.deepEqual(standby, [
    ["train-standby-0", 30.51, "1 × Standard_NC4as_T4_v3 (spot) × 200 h × 0.15254 USD/h"],
    ["web-standby-0", 30.37, "1/2 of 2 × Standard_B2s × 730 h × 0.0416 USD/h"],
    ["web-standby-1", 30.37, "1/2 of 2 × Standard_B2s × 730 h × 0.0416 USD/h"],
  ]);
  t.deepEqual([dr.placement.monthlyUsd, dr.placement.secondary?.monthlyUsd, dr.cost.monthlyUsd, dr.cost.estimated], [91.25, 91.25, 182.5, true]);
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
  t.true(text.startsWith("tessera plan — stack platform-eu\nPlacement: oci eu-amsterdam-1 (Netherlands Northwest (Amsterdam)) — 341.31 USD/month*\n  why: cheapest of 38 feasible candidates out of 182; lock: kept\n"));
  t.regex(text, /│ {5}oci:DbSystem db 🔒 +│ oci eu-amsterdam-1 │ +71\.02\* │/);
  t.regex(text, /│ {5}oci:Instance web-2 +│ oci eu-amsterdam-1 │ +27\.01 │/);
  t.regex(text, /│ total +│ +│ +341\.31\* │/);
  t.regex(text, /Budget 2,000 USD\/month: within/);
  t.regex(text, /Policies \(tessera@0\.1\.0\): 0 mandatory, 0 advisory/);
  t.regex(text, /\nCatalog 2026-11-24; oci compute prices 2026-11-23 \(1 day old\)\n/);
  t.regex(text, /\n✔ deployable$/);
  const md = renderMarkdown(plan);
  t.true(md.startsWith("### tessera plan — `platform-eu` ✅ deployable\n"));
  t.regex(md, /\n\| \*\*total\*\* \| \| \*\*341\.31\\\*\*\* \|\n/);
});

test("--diff: cost, placement, resources and verdicts that changed between two plans", (t) => {
  const before = plans.get("us-budget")!;
  const bigger = { ...before.resources[3]!, monthlyUsd: 150, urn: before.resources[3]!.urn };
  const extra = { ...before.resources[3]!, urn: `${before.resources[3]!.urn}-2`, name: "media-2", monthlyUsd: 20 };
  const after: PlanReport = { ...before, resources: [...before.resources.slice(0, 3), bigger, ...before.resources.slice(4), extra], cost: { ...before.cost, monthlyUsd: 170 } };
  const d = diffPlans(before, after);
  t.deepEqual(d.monthlyUsd, { from: 110, to: 170, delta: 60 });
  t.deepEqual(d.added.map((r) => r.monthlyUsd), [20]);
  t.deepEqual(d.changed.map((r) => [r.from, r.to]), [[110, 150]]);
  t.is(
    renderDiff(before, after, false),
    [
      "Changes since the previous plan:",
      "  monthly cost: 110 → 170 USD (+60)",
      "  + digitalocean:index/spacesBucket:SpacesBucket media-2 (+20 USD/month)",
      "  ~ digitalocean:index/spacesBucket:SpacesBucket media: 110 → 150 USD/month",
    ].join("\n"),
  );
  t.is(renderDiff(before, before, true), "#### Changes since the previous plan\n- monthly cost: 110 → 110 USD (+0)\n- no change");
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
