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
import { listStacks, readStackFile } from "../program/stackfile";
import { storageViolations } from "./fixtures/noncompliant";
import { sorted, targets } from "./helpers";

const ROOT = join(__dirname, "..");
const STACKS = join(ROOT, "stacks");
let pack: PackProcess;

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

for (const stack of listStacks(STACKS)) {
  test.serial(`example stack ${stack}: gRPC and in-process verdicts agree, no mandatory violation`, async (t) => {
    const run = await capture(stack, () => tessera({ stacksDir: STACKS, writeLock: false }), readStackFile(STACKS, stack));
    const ctx = { stack: run.stack, project: run.project, config: {} };
    const overGrpc = sorted((await analyzeRegistrations(pack, run.registrations, ctx)).verdicts);
    const inProcess = sorted((await analyzeRegistrations(inProcessAnalyzer(createPolicies()), run.registrations, ctx)).verdicts);
    t.deepEqual(overGrpc, inProcess);
    t.deepEqual(overGrpc.filter((v) => v.enforcement === "mandatory"), []);
  });
}

test.serial("non-compliant fixture: the same exact verdicts over gRPC; Configure changes them", async (t) => {
  const run = await capture("fixture", () => storageViolations(targets("fixture")));
  const ctx = { stack: run.stack, project: run.project, config: {} };
  const expected = sorted((await analyzeRegistrations(inProcessAnalyzer(createPolicies()), run.registrations, ctx)).verdicts);
  t.is(expected.length, 11);
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
      .filter((v) => v.policy !== "storage-encryption-at-rest" && !v.urn.includes("::bad-gcs"))
      .map((v) => `${v.policy} ${v.policy === "storage-no-public-access" ? "advisory" : v.enforcement} ${v.urn.split("::").pop()}`),
  );
});
