/**
 * The example stacks' programs (test/fixtures/stacks), each run once per process under the harness
 * with preview semantics and the stack file's configuration, as `pulumi preview` runs them:
 * program.test.ts and plan.test.ts read the same runs (they share a process under `npm test`)
 * instead of running each program again (ml-dr-us, 189 resources, ran three times). The runs are
 * read-only to their readers. Call only from `test.serial` tests and hooks: the harness is
 * process-wide.
 */
import { type Harness, installHarness } from "../harness";
import { tessera } from "../program";
import { readStackFile } from "../program/stackfile";
import { FIXTURE_STACKS } from "./paths";

/** One example stack's run: the harness that recorded it and the program's outputs. */
export interface ExampleRun {
  readonly h: Harness;
  readonly outputs: Record<string, unknown>;
}

const runs = new Map<string, Promise<ExampleRun>>();

/** The run of example stack `stack` (the first call runs it; later calls share that run). */
export function exampleRun(stack: string): Promise<ExampleRun> {
  let run = runs.get(stack);
  if (!run) {
    run = (async () => {
      const h = await installHarness({ stack, config: readStackFile(FIXTURE_STACKS, stack), preview: true });
      const outputs = await h.run(() => tessera({ stacksDir: FIXTURE_STACKS, writeLock: false }));
      return { h, outputs };
    })();
    runs.set(stack, run);
  }
  return run;
}
