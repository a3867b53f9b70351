/**
 * `tessera plan` as users and CI run it: exit 1 with the violations for a non-compliant stack,
 * exit 2 with one clear message for bad flags, an unknown stack or a corrupt lock — and then
 * nothing written; `--out` and `--diff` on a deployable stack. Run in-process through the CLI's
 * own entry (test/cli.ts); as a child process where the process is the point (the exit status a
 * CI job reads, an error document on stdout).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { tessera, tesseraProcess } from "./cli";
import { FIXTURE_STACKS } from "./paths";
import type { PlanReport } from "../cli/plan/schema";

const ROOT = join(__dirname, "..");
const FIXTURES = FIXTURE_STACKS;
const tmp = () => mkdtempSync(join(tmpdir(), "tessera-plan-"));

test("a non-compliant stack: exit 1 (the real binary's status), the violation listed with its frameworks, the reason in the last line; --json says the same", async (t) => {
  const out = join(tmp(), "plan.json");
  const [text, json] = await Promise.all([
    tesseraProcess("plan", "--stack", "noncompliant", "--stacks-dir", FIXTURES),
    tessera("plan", "--stack", "noncompliant", "--stacks-dir", FIXTURES, "--json", "--out", out),
  ]);
  t.is(text.code, 1, text.stderr);
  t.true(
    text.stdout.includes(
      "Policies (tessera@0.1.0): 1 mandatory, 0 advisory\n  high:\n    ✘ [mandatory] backup-retention — db (aws:Instance): backups kept 3 days (backupRetentionPeriod), fewer than the required 7 days {gdpr, sox, soc2, pci-dss, hipaa, iso27001}\n",
    ),
    text.stdout,
  );
  t.regex(text.stdout, /\n✘ not deployable: 1 mandatory policy violation\n$/);
  t.is(json.code, 1, json.stderr);
  const report = JSON.parse(json.stdout) as PlanReport;
  t.deepEqual([report.deployable, report.policies.mandatory, report.policies.verdicts.map((v) => [v.policy, v.urn.split("::").pop()])], [false, 1, [["backup-retention", "db"]]]);
  t.deepEqual(JSON.parse(readFileSync(out, "utf8")), report);
});

test("a budget with nobody to tell on AWS: place and plan exit 2 before anything is built, one message naming budget.email", async (t) => {
  const dir = tmp();
  writeFileSync(
    join(dir, "Pulumi.nobody.yaml"),
    ["config:", "  tessera:requirements:", "    services:", "      web:", "        kind: compute", "        vcpus: 1", "        memoryGib: 1", "    clouds:", "      allow: [aws]", "    budget:", "      monthlyUsd: 500", ""].join("\n"),
  );
  const out = join(dir, "plan.json");
  const [placed, planned] = await Promise.all([tessera("place", "--stack", "nobody", "--stacks-dir", dir), tessera("plan", "--stack", "nobody", "--stacks-dir", dir, "--out", out)]);
  const message =
    "tessera: invalid tessera:requirements of stack nobody:\n  - budget.email: required with budget.monthlyUsd: the budget alarms built on aws need a recipient; set budget.email, or an email or webhookUrl on a monitoring service\n";
  t.deepEqual([placed.code, placed.stdout, placed.stderr], [2, "", message]);
  t.deepEqual([planned.code, planned.stdout, planned.stderr], [2, "", message]);
  t.false(existsSync(out));
  t.false(existsSync(join(dir, "nobody.placement.lock.json")));
});

test("bad flags: exit 2 with commander's message and where the options are listed (not the whole usage); nothing written", async (t) => {
  const dir = tmp();
  const out = join(dir, "plan.json");
  const cases: Array<[string[], string]> = [
    [["plan", "--out", out], "error: required option '-s, --stack <name>' not specified"],
    [["plan", "--stack", "us-budget", "--json", "--markdown", "--out", out], "error: option '--json' cannot be used with option '--markdown'"],
    [["plan", "--stack", "us-budget", "--bogus", "--out", out], "error: unknown option '--bogus'"],
  ];
  for (const [args, message] of await Promise.all(cases.map(async ([args, message]) => [await tessera(...args), message] as const))) {
    t.deepEqual([args.code, args.stderr], [2, `${message}\n(\`tessera <command> --help\` lists a command's options)\n`]);
  }
  t.false(existsSync(out));
});

test("unknown stack and corrupt lock: exit 2, one line naming the problem and the way out, nothing written", async (t) => {
  const dir = tmp();
  copyFileSync(join(FIXTURES, "Pulumi.us-budget.yaml"), join(dir, "Pulumi.us-budget.yaml"));
  writeFileSync(join(dir, "us-budget.placement.lock.json"), '{"version": 1, "stack": "us-budget", "decision": {');
  const out = join(dir, "plan.json");
  const [unknown, corrupt] = await Promise.all([tessera("plan", "--stack", "nope", "--stacks-dir", dir, "--out", out), tessera("plan", "--stack", "us-budget", "--stacks-dir", dir, "--out", out)]);
  t.deepEqual([unknown.code, unknown.stdout, unknown.stderr], [2, "", `tessera: unknown stack "nope": no ${join(dir, "Pulumi.nope.yaml")}. Stacks: us-budget\n`]);
  t.is(corrupt.code, 2);
  t.regex(corrupt.stderr, new RegExp(`^tessera: corrupt placement lock ${join(dir, "us-budget.placement.lock.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .+\\. Restore it from version control, or delete it and run \`tessera replan\`\\.\\n$`));
  t.false(existsSync(out));
  t.is(readFileSync(join(dir, "us-budget.placement.lock.json"), "utf8"), '{"version": 1, "stack": "us-budget", "decision": {');
});

test("a deployable stack: exit 0, --out writes the JSON, and --diff against it reports no change", async (t) => {
  const out = join(tmp(), "plan.json");
  const first = await tessera("plan", "--stack", "us-budget", "--stacks-dir", FIXTURES, "--markdown", "--out", out);
  t.is(first.code, 0, first.stderr);
  t.true(first.stdout.startsWith("### tessera plan — `us-budget` ✅ deployable\n"));
  const second = await tessera("plan", "--stack", "us-budget", "--stacks-dir", FIXTURES, "--diff", out);
  t.is(second.code, 0, second.stderr);
  t.true(second.stdout.endsWith("Changes since the previous plan:\n  monthly cost: 100 → 100 USD (+0)\n  no change\n"), second.stdout);
  const bad = await tessera("plan", "--stack", "us-budget", "--stacks-dir", FIXTURES, "--diff", join(ROOT, "package.json"));
  t.deepEqual([bad.code, bad.stderr.split(":").slice(0, 3).join(":")], [2, `tessera: --diff: ${join(ROOT, "package.json")} is not a tessera plan (schema version 1)`]);
});

const lockJson = (stack: string, cloud: string, region: string, monthlyUsd: number, services: Record<string, { kind: string; sku: string }>) =>
  JSON.stringify({ version: 1, stack, catalogDate: "2026-11-24", decision: { cloud, region, monthlyUsd, services } });

test("stdout holds only the document: a lock kept although no longer the cheapest logs nothing into --json or --markdown", async (t) => {
  const dir = tmp();
  copyFileSync(join(FIXTURES, "Pulumi.eu-gdpr.yaml"), join(dir, "Pulumi.eu-gdpr.yaml"));
  writeFileSync(join(dir, "eu-gdpr.placement.lock.json"), lockJson("eu-gdpr", "azure", "westeurope", 74.4, { documents: { kind: "object-storage", sku: "standard" } }));
  const [json, md] = await Promise.all([tessera("plan", "--stack", "eu-gdpr", "--stacks-dir", dir, "--json"), tessera("plan", "--stack", "eu-gdpr", "--stacks-dir", dir, "--markdown")]);
  t.is(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as PlanReport;
  t.deepEqual(report.placement.lock, { status: "kept", cheaper: { cloud: "azure", region: "swedencentral", monthlyUsd: 56.87, savingUsd: 7.1 } });
  t.true(report.warnings.includes("the lock keeps azure westeurope; azure swedencentral would save 7.1 USD/month (tessera replan)"));
  t.is(md.code, 0, md.stderr);
  t.true(md.stdout.startsWith("### tessera plan — `eu-gdpr` ✅ deployable\n"), md.stdout.slice(0, 200));
  t.false(/info: \[runtime\]/.test(json.stdout + md.stdout + json.stderr + md.stderr));
});

test("terminal text: stdout holds the plan, the warnings are on stderr (one line each, after the plan)", async (t) => {
  const dir = tmp();
  copyFileSync(join(FIXTURES, "Pulumi.eu-gdpr.yaml"), join(dir, "Pulumi.eu-gdpr.yaml"));
  writeFileSync(join(dir, "eu-gdpr.placement.lock.json"), lockJson("eu-gdpr", "azure", "westeurope", 74.4, { documents: { kind: "object-storage", sku: "standard" } }));
  const [text, json] = await Promise.all([tessera("plan", "--stack", "eu-gdpr", "--stacks-dir", dir), tessera("plan", "--stack", "eu-gdpr", "--stacks-dir", dir, "--json")]);
  t.is(text.code, 0, text.stderr);
  const report = JSON.parse(json.stdout) as PlanReport;
  t.deepEqual(report.warnings, [
    `azure compute prices are ${report.catalog.ageDays} days old (snapshot ${report.catalog.computePriceDate}); refresh data/ before trusting the figures`,
    "the lock keeps azure westeurope; azure swedencentral would save 7.1 USD/month (tessera replan)",
    "some figures are estimates (marked *): the catalog has no exact row for them",
  ]);
  t.is(text.stderr, report.warnings.map((w) => `tessera: warning: ${w}\n`).join(""));
  t.false(text.stdout.includes("warning"), text.stdout);
  t.true(text.stdout.endsWith(`(${report.catalog.ageDays} days old)\n✔ deployable\n`), text.stdout.slice(-200));
});

test("every outcome is a document: infeasible and over-budget-lock stacks (exit 1), bad input (exit 2), in JSON and Markdown", async (t) => {
  const dir = tmp();
  writeFileSync(join(dir, "Pulumi.gpu.yaml"), "config:\n  tessera:requirements:\n    services:\n      train: { kind: gpu-compute, gpu: { model: A100, count: 16 } }\n    residency: { jurisdictions: [EU] }\n");
  copyFileSync(join(FIXTURES, "Pulumi.us-budget.yaml"), join(dir, "Pulumi.poor.yaml"));
  writeFileSync(join(dir, "Pulumi.poor.yaml"), readFileSync(join(dir, "Pulumi.poor.yaml"), "utf8").replace("monthlyUsd: 150", "monthlyUsd: 90"));
  writeFileSync(join(dir, "poor.placement.lock.json"), lockJson("poor", "digitalocean", "nyc3", 100, { media: { kind: "object-storage", sku: "standard" } }));
  const out = join(dir, "missing", "plan.json");
  const [gpuJson, gpuMd, poorJson, poorText, badJson, badMd, badOut] = await Promise.all([
    tessera("plan", "--stack", "gpu", "--stacks-dir", dir, "--json"),
    tessera("plan", "--stack", "gpu", "--stacks-dir", dir, "--markdown"),
    tessera("plan", "--stack", "poor", "--stacks-dir", dir, "--json"),
    tessera("plan", "--stack", "poor", "--stacks-dir", dir),
    tessera("plan", "--stack", "nope", "--stacks-dir", dir, "--json"),
    tessera("plan", "--stack", "nope", "--stacks-dir", dir, "--markdown"),
    tessera("plan", "--stack", "poor", "--stacks-dir", dir, "--out", out),
  ]);
  t.is(gpuJson.code, 1);
  const gpu = JSON.parse(gpuJson.stdout);
  t.deepEqual([gpu.stack, gpu.feasible, gpu.reason, gpu.candidates.length, gpu.rejections[0].example], ["gpu", false, "no-feasible-placement", 192, "aws af-south-1: train: no GPU offering A100 ×16 in aws af-south-1"]);
  t.is(gpuMd.code, 1);
  t.true(gpuMd.stdout.startsWith("### tessera plan — `gpu` ❌ not feasible\n\nNo cloud and region meets every requirement (192 candidates considered).\n\n| constraint | candidates excluded | for example |\n|---|---:|---|\n| `service:train` | 192 | aws af-south-1: train: no GPU offering A100 ×16 in aws af-south-1 |\n"), gpuMd.stdout);
  // A locked stack now over budget is not deployable (1), not bad input (2).
  t.is(poorJson.code, 1, poorJson.stderr);
  t.deepEqual(JSON.parse(poorJson.stdout).lock, { cloud: "digitalocean", region: "nyc3", reasons: ["over budget: 100 > 90 USD/month"] });
  t.deepEqual([poorText.code, poorText.stdout], [1, ""]);
  t.regex(poorText.stderr, /^tessera: the locked placement digitalocean nyc3 \(stack poor\) no longer meets the requirements:\n  - over budget: 100 > 90 USD\/month\n/);
  t.is(badJson.code, 2);
  t.deepEqual(JSON.parse(badJson.stdout).error, { exitCode: 2, kind: "stack-file", message: `unknown stack "nope": no ${join(dir, "Pulumi.nope.yaml")}. Stacks: gpu, poor`, problems: [] });
  t.is(badMd.code, 2);
  t.true(badMd.stdout.startsWith("### tessera plan — `nope` ⛔ could not plan (exit 2, stack-file)\n"), badMd.stdout);
  // --out into a folder that does not exist: refused before the work starts.
  t.deepEqual([badOut.code, badOut.stdout, badOut.stderr], [2, "", `tessera: --out: no folder ${join(dir, "missing")} to write ${out} into\n`]);
});

test("tessera check names the stack that broke and why; the rest still plan", async (t) => {
  const dir = tmp();
  for (const f of ["Pulumi.us-budget.yaml", "us-budget.placement.lock.json"]) copyFileSync(join(FIXTURES, f), join(dir, f));
  writeFileSync(join(dir, "Pulumi.gpu.yaml"), "config:\n  tessera:requirements:\n    services:\n      train: { kind: gpu-compute, gpu: { model: A100, count: 16 } }\n");
  writeFileSync(join(dir, "Pulumi.noaccount.yaml"), "config:\n  tessera:requirements:\n    services:\n      docs: { kind: object-storage, sizeGb: 10 }\n    clouds: { allow: [gcp] }\n");
  const r = await tessera("check", "--stacks-dir", dir);
  t.is(r.code, 1, r.stderr);
  const lines = r.stdout.split("\n");
  t.regex(lines[0]!, /^✘ gpu: not feasible: no feasible placement among 192 candidates\.$/);
  // Placement knows the accounts: a GCP-only stack without a project is not feasible, and says what to set.
  t.regex(r.stdout, /\n✘ noaccount: not feasible: no feasible placement among 192 candidates\.\n(.*\n)*    Did you mean: set tessera:accounts\.gcp\.project in the stack config → gcp us-central1\?\n/);
  t.true(r.stdout.includes("✔ us-budget: deployable (digitalocean nyc3, 8 resources, 100 USD/month)\n"), r.stdout);
  t.true(r.stdout.endsWith("2 of 3 stacks not deployable\n"));
});

test("--stack followed by an option (a forgotten name) is bad input: exit 2, and with --json the error is the JSON document", async (t) => {
  const message = `option '-s, --stack <name>' argument '--json' is invalid. a stack name, not an option, is needed after --stack (got "--json")`;
  const r = await tessera("plan", "--stack", "--json");
  const hint = "(`tessera <command> --help` lists a command's options)";
  t.deepEqual([r.code, JSON.parse(r.stdout), r.stderr], [2, { schemaVersion: 1, error: { exitCode: 2, kind: "usage", message, problems: [] } }, `error: ${message}\n${hint}\n`]);
  const text = await tessera("place", "--stack", "-x");
  t.deepEqual([text.code, text.stdout, text.stderr.split("\n")[0]], [2, "", `error: option '-s, --stack <name>' argument '-x' is invalid. a stack name, not an option, is needed after --stack (got "-x")`]);
});

test("tessera check on a folder without stack files is bad input (exit 2): a wrong --stacks-dir in CI is not a pass", async (t) => {
  const dir = tmp();
  writeFileSync(join(dir, "README.md"), "not a stack\n");
  const r = await tessera("check", "--stacks-dir", dir);
  t.deepEqual([r.code, r.stdout, r.stderr], [2, "", `tessera: --stacks-dir: no Pulumi.<stack>.yaml in ${dir}; nothing to check\n`]);
});

test("tessera check: a stack file that cannot be read is bad input, exit 2 (the worst outcome wins over a stack that is not feasible)", async (t) => {
  const dir = tmp();
  writeFileSync(join(dir, "Pulumi.gpu.yaml"), "config:\n  tessera:requirements:\n    services:\n      train: { kind: gpu-compute, gpu: { model: A100, count: 16 } }\n");
  writeFileSync(join(dir, "Pulumi.broken.yaml"), "config:\n  tessera:requirements: [unclosed\n");
  const r = await tessera("check", "--stacks-dir", dir);
  t.deepEqual([r.code, r.stderr], [2, ""]);
  const lines = r.stdout.split("\n");
  t.deepEqual([lines[0], lines.find((l) => l.startsWith("✘ gpu")), lines.at(-2)], [
    `✘ broken: cannot be planned: ${join(dir, "Pulumi.broken.yaml")} is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1:`,
    "✘ gpu: not feasible: no feasible placement among 192 candidates.",
    "2 of 2 stacks not deployable",
  ]);
  // --json: the same outcomes as one document (the worst exit code, each stack's code and summary).
  const json = await tessera("check", "--stacks-dir", dir, "--json");
  const doc = JSON.parse(json.stdout) as { schemaVersion: 1; exitCode: number; stacks: Array<{ stack: string; exitCode: number; summary: string }> };
  t.deepEqual([json.code, json.stderr, doc.schemaVersion, doc.exitCode, doc.stacks.map((s) => [s.stack, s.exitCode, s.summary.split("\n")[0]])], [
    2,
    "",
    1,
    2,
    [
      ["broken", 2, `cannot be planned: ${join(dir, "Pulumi.broken.yaml")} is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1:`],
      ["gpu", 1, "not feasible: no feasible placement among 192 candidates."],
    ],
  ]);
});

test("several stacks in one process: each stack's JSON and Markdown in --out-dir, one line per stack, the worst exit code; --diff-dir diffs each against its own", async (t) => {
  const dir = tmp();
  for (const f of ["Pulumi.us-budget.yaml", "us-budget.placement.lock.json", "Pulumi.noncompliant.yaml"]) copyFileSync(join(FIXTURES, f), join(dir, f));
  writeFileSync(join(dir, "Pulumi.gpu.yaml"), "config:\n  tessera:requirements:\n    services:\n      train: { kind: gpu-compute, gpu: { model: A100, count: 16 } }\n");
  const out = join(dir, "plans");
  mkdirSync(out);
  const [first, usage] = await Promise.all([
    tessera("plan", "--stack", "us-budget", "--stack", "noncompliant", "--stack", "gpu", "--stacks-dir", dir, "--out-dir", out),
    tessera("plan", "--stack", "us-budget", "--stack", "gpu", "--stacks-dir", dir),
  ]);
  t.is(first.code, 1, first.stderr);
  t.deepEqual(first.stdout.split("\n").map((l) => l.replace(/: .*/, "")), ["✔ us-budget", "✘ noncompliant", "✘ gpu", `2 of 3 stacks not deployable; documents in ${out}`, ""]);
  const plan = JSON.parse(readFileSync(join(out, "us-budget.json"), "utf8")) as PlanReport;
  t.true(first.stdout.startsWith(`✔ us-budget: deployable (digitalocean nyc3, ${plan.resources.length} resources, 100 USD/month)\n✘ noncompliant: not deployable (`), first.stdout);
  t.deepEqual([plan.stack, plan.deployable, plan.cost.monthlyUsd], ["us-budget", true, 100]);
  t.true(readFileSync(join(out, "us-budget.md"), "utf8").startsWith("### tessera plan — `us-budget` ✅ deployable\n"));
  t.deepEqual((JSON.parse(readFileSync(join(out, "noncompliant.json"), "utf8")) as PlanReport).policies.verdicts.map((v) => v.policy), ["backup-retention"]);
  t.deepEqual([JSON.parse(readFileSync(join(out, "gpu.json"), "utf8")).reason, readFileSync(join(out, "gpu.md"), "utf8").split("\n")[0]], ["no-feasible-placement", "### tessera plan — `gpu` ❌ not feasible"]);
  t.deepEqual([usage.code, usage.stderr], [2, "tessera: plan: several --stack (or --diff-dir) need --out-dir <dir> for each stack's <stack>.json and <stack>.md\n"]);
  // Several --stack never plan only the last one: without --out-dir, one usage error (and with --json, its document on the real stdout).
  const both = await tesseraProcess("plan", "--stack", "eu-gdpr", "--stack", "us-budget", "--stacks-dir", dir, "--json");
  const usageMessage = "plan: several --stack (or --diff-dir) need --out-dir <dir> for each stack's <stack>.json and <stack>.md";
  t.deepEqual({ ...both, stdout: JSON.parse(both.stdout) as unknown }, { code: 2, stdout: { schemaVersion: 1, error: { exitCode: 2, kind: "usage", message: usageMessage, problems: [] } }, stderr: `tessera: ${usageMessage}\n` });
  // Again against the first run: us-budget has a diff, gpu's previous outcome is no plan (no diff).
  const next = join(dir, "next");
  mkdirSync(next);
  const second = await tessera("plan", "--stack", "us-budget", "--stack", "gpu", "--stacks-dir", dir, "--out-dir", next, "--diff-dir", out, "--json");
  t.is(second.code, 1, second.stderr);
  t.deepEqual(JSON.parse(second.stdout), { schemaVersion: 1, stacks: [{ stack: "us-budget", exitCode: 0, plan: join(next, "us-budget.json"), markdown: join(next, "us-budget.md") }, { stack: "gpu", exitCode: 1, plan: join(next, "gpu.json"), markdown: join(next, "gpu.md") }] });
  t.regex(readFileSync(join(next, "us-budget.md"), "utf8"), /\n#### Changes since the previous plan\n(.*\n)*.*no change\n$/);
  t.truthy((JSON.parse(readFileSync(join(next, "us-budget.json"), "utf8")) as { diff?: unknown }).diff);
});

test("captured output never carries a colour or cursor code, whatever the command (npm test runs with CI=true, under which picocolors colours any stream)", async (t) => {
  const dir = tmp();
  for (const f of ["Pulumi.us-budget.yaml", "us-budget.placement.lock.json", "Pulumi.shop-dr-eu.yaml", "shop-dr-eu.placement.lock.json"]) copyFileSync(join(FIXTURES, f), join(dir, f));
  const runs: string[][] = [
    ["place", "--stack", "shop-dr-eu"],
    ["replan", "--stack", "shop-dr-eu"],
    ["plan", "--stack", "us-budget"],
    ["plan", "--stack", "us-budget", "--markdown"],
    ["check"],
    ["failover", "--stack", "shop-dr-eu", "--fail-back"],
    ["place", "--stack", "nope"],
    ["plan", "--frobnicate"],
  ].map((args) => (args[0] === "plan" && args[1] === "--frobnicate" ? args : [...args, "--stacks-dir", dir]));
  runs.push(["--help"], ["plan", "--help"], ["--version"], ["place", "--requirements", join(__dirname, "fixtures", "infeasible.yaml")]);
  const codes: number[] = [];
  for (const args of runs) {
    const r = await tessera(...args);
    codes.push(r.code);
    t.false(`${r.stdout}${r.stderr}`.includes("\x1b"), `${args.join(" ")}: ${JSON.stringify(`${r.stdout}${r.stderr}`.slice(0, 300))}`);
  }
  // Each ran to its documented end: the placement, replan, both plans, check, failover's nothing-to-do, then the errors, the help and version, an infeasible stack.
  t.deepEqual(codes, [0, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 1]);
});
