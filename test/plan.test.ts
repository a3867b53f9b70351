/**
 * `tessera plan` on every example stack: the resource list is exactly what the program
 * registers, the cost lines are the cost model's figures, the verdicts are the pack's own, and
 * the JSON validates against docs/plan-schema.json.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
import type { PlanReport } from "../cli/plan/schema";
import { installHarness } from "../harness";
import { analyzeRegistrations, inProcessAnalyzer } from "../harness/policy";
import { createPolicies } from "../policies/pack";
import { tessera } from "../program";
import { readStackFile } from "../program/stackfile";
import { EXAMPLES, FIXTURE_STACKS, sorted } from "./helpers";

const ROOT = join(__dirname, "..");
const STACKS = FIXTURE_STACKS;
const NOW = new Date("2026-11-24T12:00:00Z");
const plans = new Map<string, PlanReport>();

test.before(async () => {
  for (const stack of EXAMPLES) plans.set(stack, await runPlan({ stack, stacksDir: STACKS, now: NOW, policyOptions: {} }));
});

/** Resources per example stack. */
const SIZES: Record<string, number> = { "eu-gdpr": 8, "ml-dr-us": 72, "platform-eu": 27, "us-budget": 4 };

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
  t.deepEqual(
    plan.resources.map((r) => [r.type, r.name, r.cloud, r.region, r.service, r.site, r.monthlyUsd, r.estimated, r.costLabel]),
    [
      ["pulumi:pulumi:Stack", "tessera-eu-gdpr", "", "", "", "", 0, false, ""],
      ["tessera:storage:ObjectStorage", "documents", "", "", "documents", "primary", 0, false, ""],
      ["pulumi:providers:azure-native", "azure-swedencentral", "", "", "", "", 0, false, ""],
      ["azure-native:resources:ResourceGroup", "rg-swedencentral", "azure", "swedencentral", "", "", 0, false, ""],
      ["azure-native:storage:StorageAccount", "documents", "azure", "swedencentral", "documents", "primary", 66.13, true, lines],
      ["azure-native:storage:BlobServiceProperties", "documents-blob", "azure", "swedencentral", "documents", "primary", 0, false, ""],
      ["azure-native:storage:ManagementPolicy", "documents-lifecycle", "azure", "swedencentral", "documents", "primary", 0, false, ""],
      ["azure-native:storage:BlobContainer", "documents-container", "azure", "swedencentral", "documents", "primary", 0, false, ""],
    ],
  );
  t.deepEqual(plan.placement.services.documents!.lines, [
    { label: "2000 GB × 0.0192 USD/GB-month", monthlyUsd: 38.34, estimated: true },
    { label: "300 GB egress × 0.0926 USD/GB", monthlyUsd: 27.79, estimated: true },
  ]);
  t.deepEqual(plan.cost, { monthlyUsd: 66.13, estimated: true, overBudget: false });
});

test("us-budget: the exact resources and the budget check", (t) => {
  const plan = plans.get("us-budget")!;
  t.deepEqual(
    plan.resources.map((r) => [r.type, r.name, r.region, r.monthlyUsd, r.costLabel]),
    [
      ["pulumi:pulumi:Stack", "tessera-us-budget", "", 0, ""],
      ["tessera:storage:ObjectStorage", "media", "", 0, ""],
      ["pulumi:providers:digitalocean", "digitalocean-nyc3", "", 0, ""],
      ["digitalocean:index/spacesBucket:SpacesBucket", "media", "nyc3", 110, "5000 GB × 0.02 USD/GB-month + 1000 GB egress × 0.01 USD/GB"],
    ],
  );
  t.deepEqual(plan.cost, { monthlyUsd: 110, estimated: false, budgetUsd: 150, overBudget: false });
});

test("every example stack: each service's resource lines add up to the cost model's figure, on both sites", (t) => {
  for (const [stack, plan] of plans) {
    const site = (s: "primary" | "standby") => (s === "primary" ? plan.placement.services : undefined);
    for (const [name, cost] of Object.entries(site("primary")!)) {
      const own = plan.resources.filter((r) => r.service === name && r.site === "primary");
      t.is(Math.round(own.reduce((sum, r) => sum + r.monthlyUsd, 0) * 100) / 100, cost.monthlyUsd, `${stack} ${name}`);
    }
    t.is(plan.cost.monthlyUsd, plan.placement.totalMonthlyUsd, stack);
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
  const after: PlanReport = { ...before, resources: [...before.resources.slice(0, 3), bigger, extra], cost: { ...before.cost, monthlyUsd: 170 } };
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
      ["azure-native:storage:StorageAccount", "azure swedencentral", "azure westeurope", true],
      ["azure-native:storage:BlobServiceProperties", "azure swedencentral", "azure westeurope", false],
      ["azure-native:storage:ManagementPolicy", "azure swedencentral", "azure westeurope", false],
      ["azure-native:storage:BlobContainer", "azure swedencentral", "azure westeurope", true],
    ],
  );
  // The resource group is named after its region: removed, and protected too.
  t.deepEqual(move.protectedLosses.map((u) => u.split("::").pop()), ["documents", "documents-container", "rg-swedencentral"]);
  const text = renderDiff(before, moved, false);
  t.true(text.includes("  ± replace azure-native:storage:StorageAccount documents 🔒: moves from azure swedencentral to azure westeurope\n"), text);
  t.true(text.endsWith("  🔒 3 protected resources holding data would be deleted (azure-native:storage:StorageAccount documents, azure-native:storage:BlobContainer documents-container, azure-native:resources:ResourceGroup rg-swedencentral): `pulumi up` will stop at them. Copy the data first (tessera replan shows the migration), then unprotect (`pulumi state unprotect`) — or keep the old name or placement."), text);

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
      ["docs", "service documents renamed to docs (a new URN: add an alias to keep it)", true],
      ["docs-blob", "service documents renamed to docs (a new URN: add an alias to keep it)", false],
      ["docs-lifecycle", "service documents renamed to docs (a new URN: add an alias to keep it)", false],
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
