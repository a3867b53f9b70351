/**
 * Preview semantics: during `pulumi preview` many inputs are unknown (ids, ARNs, generated
 * names). Every rule must judge what it can and never crash: the verdicts over tessera's
 * components and the non-compliant fixtures are the same in a preview as in an update.
 */
import type { Verdict } from "../../harness/policy";
import { suite } from "../suite";
import { capture, everything, sharedRun, verdicts } from "./helpers";

const test = suite("preview");
let update: Verdict[];
let preview: Verdict[];

test.serial.before(async () => {
  update = (await sharedRun()).all;
  preview = await verdicts(await capture(everything, true));
});

test("the same verdicts in a preview (unknown values) as in an update, and no rule skipped for an unknown", (t) => {
  t.deepEqual(preview.filter((v) => v.message.startsWith("can't run")), []);
  t.deepEqual(preview, update);
  t.true(update.length > 100);
});
