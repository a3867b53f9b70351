/**
 * How the CLI ends: one clear message on stderr and an exit code that says what happened.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | done |
 * | 1 | the plan is not deployable: a mandatory policy failed, the budget is exceeded, or nothing is feasible |
 * | 2 | bad input: flags, stack, requirements, lock or catalog |
 */
// The errors submodule: the package root loads the whole SDK (and TypeScript) for one class.
import { InputPropertyError } from "@pulumi/pulumi/errors";
import { UnsupportedServiceError } from "../core/capabilities";
import { CatalogError } from "../placement/catalog";
import { LockError } from "../placement/lock";
import { NoFeasiblePlacementError } from "../placement/place";
import { RequirementsError } from "../placement/requirements";
import { StackFileError } from "../program/stackfile";

/** A usage problem the CLI found itself. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Exit code for an error. */
export function exitCodeFor(e: unknown): 1 | 2 | undefined {
  if (e instanceof NoFeasiblePlacementError) return 1;
  const input = [UsageError, RequirementsError, LockError, CatalogError, StackFileError, UnsupportedServiceError];
  if (input.some((cls) => e instanceof cls) || InputPropertyError.isInstance(e)) return 2;
  return undefined;
}

/** Prints a user error and exits; rethrows anything else (a bug keeps its stack trace). */
export function fail(e: unknown): never {
  const code = exitCodeFor(e);
  if (code === undefined) throw e;
  process.stderr.write(`tessera: ${(e as Error).message}\n`);
  process.exit(code);
}
