/**
 * `tessera failover` (run in-process through the CLI's own entry, test/cli.ts; a flag error with
 * `--json` also as a child process) on a copy of the shop-dr-eu fixture:
 * promotion and fail-back write `tessera:failover` and keep the stack file's comments and layout;
 * bad input exits 2 with one message naming the option and its allowed values and writes nothing,
 * and `--json` stays one JSON document; `tessera plan --diff` shows what a promotion changes.
 */
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { tessera as run, tesseraProcess } from "./cli";
import { FIXTURE_STACKS } from "./paths";

const STACK = "shop-dr-eu";
const ORIGINAL = readFileSync(join(FIXTURE_STACKS, `Pulumi.${STACK}.yaml`), "utf8");

/** A stacks folder with copies of shop-dr-eu and eu-gdpr (no failover), and their locks. */
function stacksDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tessera-failover-"));
  for (const stack of [STACK, "eu-gdpr"]) {
    for (const f of [`Pulumi.${stack}.yaml`, `${stack}.placement.lock.json`]) copyFileSync(join(FIXTURE_STACKS, f), join(dir, f));
  }
  return dir;
}
const stackFile = (dir: string) => readFileSync(join(dir, `Pulumi.${STACK}.yaml`), "utf8");

test("--promote writes active: standby (forced by default) after the last key, every other byte of the file kept; --fail-back writes active: primary", async (t) => {
  const dir = stacksDir();
  const promote = await run("failover", "--stack", STACK, "--promote", "--stacks-dir", dir);
  t.deepEqual(promote, {
    code: 0,
    stdout: "shop-dr-eu: the standby serves (promotion)\n",
    stderr: `tessera: wrote tessera:failover {"active":"standby","promoteOption":"forced"} to ${join(dir, `Pulumi.${STACK}.yaml`)}; review with \`tessera plan --stack shop-dr-eu --diff <previous plan.json>\`, then run \`pulumi up\`\n`,
  });
  t.is(stackFile(dir), `${ORIGINAL}  tessera:failover:\n    active: standby\n    promoteOption: forced\n`);

  const back = await run("failover", "--stack", STACK, "--fail-back", "--stacks-dir", dir);
  t.deepEqual([back.code, back.stdout], [0, "shop-dr-eu: the primary serves (fail-back)\n"]);
  t.is(stackFile(dir), `${ORIGINAL}  tessera:failover:\n    active: primary\n`);
});

test("--json: the setting written as one JSON document", async (t) => {
  const dir = stacksDir();
  const r = await run("failover", "--stack", STACK, "--promote", "--json", "--stacks-dir", dir);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(JSON.parse(r.stdout), { schemaVersion: 1, stack: STACK, file: join(dir, `Pulumi.${STACK}.yaml`), failover: { active: "standby", promoteOption: "forced" }, written: true });
  t.is(stackFile(dir), `${ORIGINAL}  tessera:failover:\n    active: standby\n    promoteOption: forced\n`);
});

test("nothing to do: --fail-back on a stack never promoted (or failed back), --promote on a promoted one say so, write nothing and exit 0 (as replan's kept lock)", async (t) => {
  const dir = stacksDir();
  const file = join(dir, `Pulumi.${STACK}.yaml`);
  const never = await run("failover", "--stack", STACK, "--fail-back", "--stacks-dir", dir);
  t.deepEqual(never, {
    code: 0,
    stdout: "shop-dr-eu: the primary already serves; nothing written\n",
    stderr: `tessera: kept ${file}: stack shop-dr-eu was never promoted: the primary already serves; nothing written\n`,
  });
  t.is(stackFile(dir), ORIGINAL);
  const neverJson = await run("failover", "--stack", STACK, "--fail-back", "--json", "--stacks-dir", dir);
  t.deepEqual([neverJson.code, JSON.parse(neverJson.stdout)], [0, { schemaVersion: 1, stack: STACK, file, failover: { active: "primary" }, written: false }]);

  t.is((await run("failover", "--stack", STACK, "--promote", "--stacks-dir", dir)).code, 0);
  const promoted = stackFile(dir);
  // Again, and with --json: the standby already serves; the options of a promotion that already happened change nothing.
  const again = await run("failover", "--stack", STACK, "--promote", "--stacks-dir", dir);
  t.deepEqual(again, {
    code: 0,
    stdout: "shop-dr-eu: the standby already serves; nothing written\n",
    stderr: `tessera: kept ${file}: stack shop-dr-eu is already promoted: the standby serves (tessera:failover {"active":"standby","promoteOption":"forced"}); nothing written\n`,
  });
  const againJson = await run("failover", "--stack", STACK, "--promote", "--json", "--stacks-dir", dir);
  t.deepEqual([againJson.code, JSON.parse(againJson.stdout)], [0, { schemaVersion: 1, stack: STACK, file, failover: { active: "standby", promoteOption: "forced" }, written: false }]);
  t.is(stackFile(dir), promoted);

  t.is((await run("failover", "--stack", STACK, "--fail-back", "--stacks-dir", dir)).code, 0);
  const back = stackFile(dir);
  t.deepEqual(await run("failover", "--stack", STACK, "--fail-back", "--stacks-dir", dir), {
    code: 0,
    stdout: "shop-dr-eu: the primary already serves; nothing written\n",
    stderr: `tessera: kept ${file}: the primary already serves stack shop-dr-eu (tessera:failover {"active":"primary"}); nothing written\n`,
  });
  t.is(stackFile(dir), back);
  // A bad option is still bad input when there is nothing to do (the program would reject it).
  const planned = await run("failover", "--stack", STACK, "--fail-back", "--planned", "--stacks-dir", dir);
  t.deepEqual([planned.code, planned.stderr], [2, "tessera: failover: --planned applies to --promote only\n"]);
});

test("a setting the next plan would reject is never written: the program's own checks (OCID, options the standby's cloud has) run first, every problem in one message, exit 2", async (t) => {
  const dir = stacksDir();
  copyFileSync(join(FIXTURE_STACKS, "Pulumi.ml-dr-us.yaml"), join(dir, "Pulumi.ml-dr-us.yaml"));
  copyFileSync(join(FIXTURE_STACKS, "ml-dr-us.placement.lock.json"), join(dir, "ml-dr-us.placement.lock.json"));
  const ml = readFileSync(join(dir, "Pulumi.ml-dr-us.yaml"), "utf8");
  // shop-dr-eu's standby is on GCP (a Cloud SQL replica): restoring from an OCI backup does not apply, and ocid1.x is no OCID.
  const restore = await run("failover", "--stack", STACK, "--promote", "--restore", "orders=ocid1.x", "--json", "--stacks-dir", dir);
  const restoreProblems = [
    "tessera:failover.restore.orders: the OCID of an OCI Database with PostgreSQL backup",
    "tessera:failover.restore: applies to an OCI standby restored from copied backups only (this stack's standby is on gcp); remove it",
  ];
  const restoreMessage = `invalid tessera:failover of stack shop-dr-eu:\n${restoreProblems.map((p) => `  - ${p}`).join("\n")}`;
  t.deepEqual(
    { code: restore.code, stdout: JSON.parse(restore.stdout) as unknown, stderr: restore.stderr },
    { code: 2, stdout: { schemaVersion: 1, error: { exitCode: 2, kind: "requirements", message: restoreMessage, problems: restoreProblems } }, stderr: `tessera: ${restoreMessage}\n` },
  );
  // ml-dr-us's standby is on AWS: a planned promotion is Azure's alone.
  const planned = await run("failover", "--stack", "ml-dr-us", "--promote", "--planned", "--stacks-dir", dir);
  t.deepEqual(planned, {
    code: 2,
    stdout: "",
    stderr: "tessera: invalid tessera:failover of stack ml-dr-us:\n  - tessera:failover.promoteOption: \"planned\" applies to an Azure standby only (this stack's standby is on aws); allowed values: forced\n",
  });
  t.is(stackFile(dir), ORIGINAL);
  t.is(readFileSync(join(dir, "Pulumi.ml-dr-us.yaml"), "utf8"), ml);
});

/** Bad invocations: the arguments after `failover`, and the one message each must give. */
const BAD: ReadonlyArray<{ args: string[]; kind: string; message: string; json?: true | "process" }> = [
  { args: ["--stack", STACK], kind: "usage", message: "failover: which site serves? allowed values: --promote (the standby), --fail-back (the primary)", json: true },
  // A flag error ends the real process early (cli/tessera.ts flagError): its JSON document must still reach stdout.
  { args: ["--stack", STACK, "--promote", "--fail-back"], kind: "usage", message: "option '--promote' cannot be used with option '--fail-back'", json: "process" },
  { args: ["--stack", STACK, "--fail-back", "--planned"], kind: "usage", message: "failover: --planned applies to --promote only" },
  {
    args: ["--stack", STACK, "--promote", "--restore", "images=ocid1.postgresqlbackup.oc1..x"],
    kind: "requirements",
    message: "invalid tessera:failover of stack shop-dr-eu:\n  - tessera:failover.restore: applies to an OCI standby restored from copied backups only (this stack's standby is on gcp); remove it",
    json: true,
  },
  { args: ["--stack", STACK, "--promote", "--restore", "orders"], kind: "requirements", message: 'invalid tessera failover:\n  - --restore: "orders" is not <service>=<backup OCID>' },
  { args: ["--stack", "eu-gdpr", "--promote"], kind: "requirements", message: "invalid tessera failover --stack eu-gdpr:\n  - failover: stack eu-gdpr has no standby site (add failover to its requirements)" },
];

test("bad input: exit 2, one message naming the option and the allowed values, nothing written; with --json the error is one JSON document", async (t) => {
  const dir = stacksDir();
  const gdpr = readFileSync(join(dir, "Pulumi.eu-gdpr.yaml"), "utf8");
  // Every case on the terminal's streams; one of each kind also with --json.
  for (const { args, kind, message, json: asJson } of BAD) {
    const text = await run("failover", ...args, "--stacks-dir", dir);
    t.is(text.code, 2, args.join(" "));
    t.is(text.stdout, "", args.join(" "));
    t.true(text.stderr.includes(message), `${args.join(" ")}: ${text.stderr}`);
    if (!asJson) continue;
    const json = await (asJson === "process" ? tesseraProcess : run)("failover", ...args, "--json", "--stacks-dir", dir);
    t.is(json.code, 2, args.join(" "));
    const problems = message.startsWith("invalid ") ? [message.split("\n  - ")[1]] : [];
    t.deepEqual(JSON.parse(json.stdout), { schemaVersion: 1, error: { exitCode: 2, kind, message, problems } }, args.join(" "));
  }
  t.is(stackFile(dir), ORIGINAL);
  t.is(readFileSync(join(dir, "Pulumi.eu-gdpr.yaml"), "utf8"), gdpr);
});

test("plan --diff after a promotion: the failover line says what changes, and the bucket replication turns around", async (t) => {
  const dir = stacksDir();
  const before = join(dir, "before.json");
  t.is((await run("plan", "--stack", STACK, "--stacks-dir", dir, "--json", "--out", before)).code, 0);
  t.is((await run("failover", "--stack", STACK, "--promote", "--stacks-dir", dir)).code, 0);
  const diff = await run("plan", "--stack", STACK, "--stacks-dir", dir, "--diff", before);
  // Another stack's plan is no baseline: exit 2 before anything is planned (not "service orders renamed to documents").
  const foreign = await run("plan", "--stack", "eu-gdpr", "--stacks-dir", dir, "--diff", before, "--json");
  const message = `--diff: ${before} is a plan of stack shop-dr-eu, not eu-gdpr; compare with a previous plan of eu-gdpr`;
  t.deepEqual({ ...foreign, stdout: JSON.parse(foreign.stdout) as unknown }, { code: 2, stdout: { schemaVersion: 1, error: { exitCode: 2, kind: "usage", message, problems: [] } }, stderr: `tessera: ${message}\n` });
  t.is(diff.code, 0, diff.stderr);
  t.is(
    diff.stdout.slice(diff.stdout.indexOf("Changes since the previous plan:")),
    [
      "Changes since the previous plan:",
      // The plan total: placement's 550.61 plus a Cloud KMS key version per site (0.06 USD each); a promotion changes no price.
      "  monthly cost: 550.73 → 550.73 USD (+0)",
      "  failover: the standby now serves (promotion): database replicas orders become standalone, writable databases; bucket replication turns around where the method can; the failover DNS name prefers the standby",
      "  + tessera:storage:BucketReplication images-to-primary",
      "  + gcp:storage/bucketIAMMember:BucketIAMMember images-to-primary-sink",
      "  + gcp:storage/bucketIAMMember:BucketIAMMember images-to-primary-source-read",
      "  + gcp:storage/bucketIAMMember:BucketIAMMember images-to-primary-source-list",
      "  + gcp:storage/transferJob:TransferJob images-to-primary (+1.05 USD/month)",
      "  - tessera:storage:BucketReplication images-to-standby",
      "  - gcp:storage/bucketIAMMember:BucketIAMMember images-to-standby-source-read",
      "  - gcp:storage/bucketIAMMember:BucketIAMMember images-to-standby-source-list",
      "  - gcp:storage/bucketIAMMember:BucketIAMMember images-to-standby-sink",
      "  - gcp:storage/transferJob:TransferJob images-to-standby (−1.05 USD/month)",
      "",
    ].join("\n"),
  );
});
