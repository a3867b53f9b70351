/**
 * The pack started the way the engine starts it (run-policy-pack, cwd = pack folder, port on
 * stdout) and driven over gRPC: GetAnalyzerInfo, Configure, Remediate/Analyze per resource,
 * AnalyzeStack. Same verdicts as the in-process handlers; the example stacks have no mandatory
 * violation.
 */
import { join } from "node:path";
import test from "ava";
import { installHarness, type Registration } from "../harness";
import { analyzeRegistrations, inProcessAnalyzer, type PackProcess, startPack } from "../harness/policy";
import { createPolicies } from "../policies/pack";
import { tessera } from "../program";
import { readStackFile } from "../program/stackfile";
import { allViolations } from "./fixtures/noncompliant";
import { governanceViolations } from "./fixtures/noncompliant-governance";
import { REPLICATION_FAILURES, replicationFixture } from "./fixtures/replication";
import { EXAMPLES, FIXTURE_STACKS, sorted, targets } from "./helpers";

const ROOT = join(__dirname, "..");
const STACKS = FIXTURE_STACKS;
let pack: PackProcess;

/** Verdicts of the non-compliant fixture, per rule. */
const PER_RULE = {
  "audit-trail": 7,
  "backup-retention": 4,
  "data-encryption-at-rest": 2,
  "database-not-public": 7,
  "deletion-protection": 6,
  "digitalocean-database-trusted-sources": 1,
  "group-machines-not-public": 5,
  "load-balancer-health-check": 7,
  "load-balancer-https": 11,
  "no-open-admin-ports": 6,
  "no-plaintext-secrets": 6,
  "no-public-ip": 5,
  "required-tags": 34,
  residency: 5,
  "s3-bucket-locked-down": 2,
  "sensitive-data-customer-key": 14,
  "storage-access-logging": 12,
  "storage-encryption-at-rest": 1,
  "storage-no-public-access": 9,
  "storage-tls-only": 3,
  "storage-versioning": 12,
  "tls-in-transit": 9,
};

test.before(async () => {
  pack = await startPack(join(ROOT, "policies"));
});
test.after.always(() => pack?.stop());

async function capture(stack: string, program: () => unknown, config: Record<string, string> = {}): Promise<{ registrations: Registration[]; stack: string; project: string }> {
  const h = await installHarness({ stack, config });
  await h.run(program);
  return { registrations: [...h.registrations], stack: h.stack, project: h.project };
}

test.serial("GetAnalyzerInfo lists every rule with its enforcement", async (t) => {
  const info = await pack.info();
  t.is(info.getName(), "tessera");
  t.is(info.getVersion(), "0.1.0");
  t.deepEqual(
    info.getPoliciesList().map((p) => p.getName()),
    createPolicies().map((p) => p.name),
  );
});

for (const stack of EXAMPLES) {
  test.serial(`example stack ${stack}: gRPC and in-process verdicts agree, no mandatory violation`, async (t) => {
    const run = await capture(stack, () => tessera({ stacksDir: STACKS, writeLock: false }), readStackFile(STACKS, stack));
    const ctx = { stack: run.stack, project: run.project, config: {} };
    const overGrpc = sorted((await analyzeRegistrations(pack, run.registrations, ctx)).verdicts);
    const inProcess = sorted((await analyzeRegistrations(inProcessAnalyzer(createPolicies()), run.registrations, ctx)).verdicts);
    t.deepEqual(overGrpc, inProcess);
    t.deepEqual(overGrpc.filter((v) => v.enforcement === "mandatory"), []);
  });
}

test.serial("governance fixture: the same exact verdicts over gRPC as in-process, for every governance rule", async (t) => {
  const run = await capture("fixture", () => governanceViolations(targets("fixture")));
  const ctx = { stack: run.stack, project: run.project, config: {} };
  const expected = sorted((await analyzeRegistrations(inProcessAnalyzer(createPolicies()), run.registrations, ctx)).verdicts);
  const ids = ["audit-trail", "kubernetes-api-not-public", "network-flow-logs", "storage-tls-only"];
  const perRule = Object.fromEntries(ids.map((id) => [id, expected.filter((v) => v.policy === id).length]));
  t.deepEqual(perRule, { "audit-trail": 9, "kubernetes-api-not-public": 5, "network-flow-logs": 4, "storage-tls-only": 1 });
  t.deepEqual(sorted((await analyzeRegistrations(pack, run.registrations, ctx)).verdicts), expected);
});

test.serial("replication fixture: replication-encrypted gives the same exact verdicts over gRPC as in-process", async (t) => {
  const run = await capture("fixture", () => replicationFixture("fixture"));
  const ctx = { stack: run.stack, project: run.project, config: {} };
  const overGrpc = sorted((await analyzeRegistrations(pack, run.registrations, ctx)).verdicts);
  t.deepEqual(overGrpc, sorted((await analyzeRegistrations(inProcessAnalyzer(createPolicies()), run.registrations, ctx)).verdicts));
  const mine = overGrpc.filter((v) => v.policy === "replication-encrypted").map((v): [string, string] => [v.urn.split("::").pop() ?? "", v.message]);
  t.deepEqual(mine.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1])), REPLICATION_FAILURES);
});

test.serial("non-compliant fixture: the same exact verdicts over gRPC; Configure changes them", async (t) => {
  const run = await capture("fixture", () => allViolations(targets("fixture")));
  const ctx = { stack: run.stack, project: run.project, config: {} };
  const expected = sorted((await analyzeRegistrations(inProcessAnalyzer(createPolicies()), run.registrations, ctx)).verdicts);
  // Each rule's exact list is asserted in-process (policy-*.test.ts); here: the same verdicts per rule.
  const perRule = Object.fromEntries([...new Set(expected.map((v) => v.policy))].sort().map((p) => [p, expected.filter((v) => v.policy === p).length]));
  t.deepEqual(perRule, PER_RULE);
  t.deepEqual(sorted((await analyzeRegistrations(pack, run.registrations, ctx)).verdicts), expected);

  // Configure, as `--policy-pack-config` would: one rule advisory, another excluding by name.
  await pack.configure({
    "storage-no-public-access": { enforcementLevel: "advisory", exclude: ["bad-gcs*"] },
    "storage-encryption-at-rest": { enforcementLevel: "disabled" },
  });
  const configured = sorted((await analyzeRegistrations(pack, run.registrations, ctx)).verdicts);
  t.deepEqual(
    configured.map((v) => `${v.policy} ${v.enforcement} ${v.urn.split("::").pop()}`),
    expected
      .filter((v) => v.policy !== "storage-encryption-at-rest" && !(v.policy === "storage-no-public-access" && v.urn.includes("::bad-gcs")))
      .map((v) => `${v.policy} ${v.policy === "storage-no-public-access" ? "advisory" : v.enforcement} ${v.urn.split("::").pop()}`),
  );
});

