/**
 * `tessera plan` as users and CI run it (a child process): exit 1 with the violations for a
 * non-compliant stack, exit 2 with one clear message for bad flags, an unknown stack or a corrupt
 * lock — and then nothing written; `--out` and `--diff` on a deployable stack.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { tesseraCli } from "./helpers";
import type { PlanReport } from "../cli/plan/schema";

const ROOT = join(__dirname, "..");
const FIXTURES = join(__dirname, "fixtures", "stacks");
const tessera = tesseraCli;
const tmp = () => mkdtempSync(join(tmpdir(), "tessera-plan-"));

test("a non-compliant stack: exit 1, the violation listed with its frameworks, the reason in the last line; --json says the same", async (t) => {
  const out = join(tmp(), "plan.json");
  const [text, json] = await Promise.all([
    tessera("plan", "--stack", "noncompliant", "--stacks-dir", FIXTURES),
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

test("bad flags: exit 2 with commander's message and the usage; nothing written", async (t) => {
  const dir = tmp();
  const out = join(dir, "plan.json");
  const cases: Array<[string[], string]> = [
    [["plan", "--out", out], "error: required option '-s, --stack <name>' not specified"],
    [["plan", "--stack", "us-budget", "--json", "--markdown", "--out", out], "error: option '--json' cannot be used with option '--markdown'"],
    [["plan", "--stack", "us-budget", "--bogus", "--out", out], "error: unknown option '--bogus'"],
  ];
  for (const [args, message] of await Promise.all(cases.map(async ([args, message]) => [await tessera(...args), message] as const))) {
    t.is(args.code, 2);
    t.true(args.stderr.startsWith(`${message}\n`), args.stderr);
    t.regex(args.stderr, /Usage: tessera plan \[options\]/);
  }
  t.false(existsSync(out));
});

test("unknown stack and corrupt lock: exit 2, one line naming the problem and the way out, nothing written", async (t) => {
  const dir = tmp();
  copyFileSync(join(ROOT, "stacks", "Pulumi.us-budget.yaml"), join(dir, "Pulumi.us-budget.yaml"));
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
  const first = await tessera("plan", "--stack", "us-budget", "--markdown", "--out", out);
  t.is(first.code, 0, first.stderr);
  t.true(first.stdout.startsWith("### tessera plan — `us-budget` ✅ deployable\n"));
  const second = await tessera("plan", "--stack", "us-budget", "--diff", out);
  t.is(second.code, 0, second.stderr);
  t.true(second.stdout.endsWith("Changes since the previous plan:\n  monthly cost: 100 → 100 USD (+0)\n  no change\n"), second.stdout);
  const bad = await tessera("plan", "--stack", "us-budget", "--diff", join(ROOT, "package.json"));
  t.deepEqual([bad.code, bad.stderr.split(":").slice(0, 3).join(":")], [2, `tessera: --diff: ${join(ROOT, "package.json")} is not a tessera plan (schema version 1)`]);
});
