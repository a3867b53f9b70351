/**
 * Preview semantics: during `pulumi preview` many inputs are unknown (ids, ARNs, generated
 * names). Every rule must judge what it can and never crash: the verdicts over tessera's
 * components and the non-compliant fixtures are the same in a preview as in an update.
 */
import test from "ava";
import { allComponents } from "./fixtures/components";
import { allViolations } from "./fixtures/noncompliant";
import { capture, verdicts } from "./policy-helpers";

test.serial("the same verdicts in a preview (unknown values) as in an update, and no rule skipped for an unknown", async (t) => {
  const build = (targets: Parameters<typeof allComponents>[0]) => {
    allComponents(targets);
    allViolations(targets);
  };
  const update = await verdicts(await capture(build));
  const preview = await verdicts(await capture(build, true));
  t.deepEqual(preview.filter((v) => v.message.startsWith("can't run")), []);
  t.deepEqual(preview, update);
  t.true(update.length > 100);
});
