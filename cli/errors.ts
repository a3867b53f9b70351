/**
 * How the CLI ends: one clear message on stderr and an exit code that says what happened. With
 * `--json` (and `--markdown` for `plan`) the same error is also a document on stdout, so a
 * pipeline never reads 0 bytes.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | done (`plan`: deployable) |
 * | 1 | not deployable: a mandatory policy failed, the budget is exceeded, nothing is feasible, or the locked placement no longer meets the requirements |
 * | 2 | could not run as asked: flags, stack file, requirements, a corrupt or foreign lock, catalog, or a file that cannot be read or written |
 * | 3 | tessera failed: a bug, not the input (its trace on stderr); a pipeline must not read it as "not deployable" |
 */
import { UnsupportedServiceError } from "../core/capabilities";
import { CatalogError } from "../placement/catalog";
import { LockError, LockInfeasibleError, LockWriteError } from "../placement/lock";
import { NoFeasiblePlacementError } from "../placement/place";
import { RequirementsError } from "../placement/requirements";
import { StackFileError } from "../program/stackfile";

/** A usage problem the CLI found itself (flags, paths). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A file the CLI was asked to write could not be written. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}

/** What kind of failure an error is, in the JSON error object. */
export type ErrorKind = "usage" | "requirements" | "stack-file" | "lock" | "catalog" | "unsupported" | "io" | "infeasible" | "lock-infeasible";

/** `{ schemaVersion, error }`: what `--json` prints for an error (docs/plan-schema.json). */
export interface ErrorJson {
  readonly schemaVersion: 1;
  readonly error: { readonly exitCode: 1 | 2 | 3; readonly kind: ErrorKind | "internal"; readonly message: string; readonly problems: readonly string[] };
}

/** Exit code of a bug: neither "not deployable" (1) nor "bad input" (2). */
export const INTERNAL_EXIT_CODE = 3;

/** The JSON error object for a bug (exit 3): the message only; the trace goes to stderr. */
export function internalErrorJson(e: unknown): ErrorJson {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { schemaVersion: 1, error: { exitCode: INTERNAL_EXIT_CODE, kind: "internal", message, problems: [] } };
}

/** The kind and exit code of a user error; undefined for a bug (which keeps its stack trace). */
export function classify(e: unknown): { kind: ErrorKind; exitCode: 1 | 2 } | undefined {
  // Order matters: the infeasible-lock and write errors are LockErrors too.
  if (e instanceof NoFeasiblePlacementError) return { kind: "infeasible", exitCode: 1 };
  if (e instanceof LockInfeasibleError) return { kind: "lock-infeasible", exitCode: 1 };
  if (e instanceof LockWriteError || e instanceof OutputError) return { kind: "io", exitCode: 2 };
  if (e instanceof LockError) return { kind: "lock", exitCode: 2 };
  if (e instanceof UsageError) return { kind: "usage", exitCode: 2 };
  if (e instanceof RequirementsError || isInputPropertyError(e)) return { kind: "requirements", exitCode: 2 };
  if (e instanceof StackFileError) return { kind: "stack-file", exitCode: 2 };
  if (e instanceof CatalogError) return { kind: "catalog", exitCode: 2 };
  if (e instanceof UnsupportedServiceError) return { kind: "unsupported", exitCode: 2 };
  return undefined;
}

/**
 * A component's bad-input error. Only a process that loaded the SDK can throw one, so the SDK's
 * errors module (which loads gRPC) is asked only then: `place` and `replan` never load the SDK.
 */
function isInputPropertyError(e: unknown): boolean {
  const path = require.resolve("@pulumi/pulumi/errors");
  if (!require.cache[path]) return false;
  return (require(path) as typeof import("@pulumi/pulumi/errors")).InputPropertyError.isInstance(e);
}

/** Exit code for an error (undefined: a bug). */
export function exitCodeFor(e: unknown): 1 | 2 | undefined {
  return classify(e)?.exitCode;
}

/** The JSON error object for a user error. */
export function errorJson(e: Error): ErrorJson {
  const c = classify(e) ?? { kind: "usage", exitCode: 2 };
  const problems = e instanceof RequirementsError ? [...e.problems] : e instanceof LockInfeasibleError ? [...e.reasons] : [];
  return { schemaVersion: 1, error: { exitCode: c.exitCode, kind: c.kind, message: e.message, problems } };
}
