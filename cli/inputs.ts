/**
 * Where the CLI reads requirements and locks from: a stack (`--stack`) or a file
 * (`--requirements`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { type Catalog, repoRoot } from "../placement/catalog";
import { type Lock, lockPath, readLock } from "../placement/lock";
import { parseRequirements, type Requirements } from "../placement/requirements";
import type { Accounts } from "../core/accounts";
import { parseAccounts } from "../program/config";
import { readStackFile } from "../program/stackfile";
import { UsageError } from "./errors";

/** The repository's stacks folder. */
export const STACKS_DIR = join(repoRoot(), "stacks");

/** Requirements plus the lock that applies to them. */
export interface Inputs {
  readonly requirements: Requirements;
  readonly stack: string | undefined;
  readonly lock: Lock | undefined;
  readonly lockFile: string | undefined;
  /** The stack's `tessera:accounts` (a stack only; a requirements file places without them). */
  readonly accounts: Accounts | undefined;
}

/** Reads `--stack` or `--requirements` (exactly one). */
export function readInputs(catalog: Catalog, opts: { stack?: string; requirements?: string }, stacksDir = STACKS_DIR): Inputs {
  if ((opts.stack === undefined) === (opts.requirements === undefined)) throw new UsageError("give exactly one of --stack <name> or --requirements <file>");
  if (opts.requirements !== undefined) {
    if (!existsSync(opts.requirements)) throw new UsageError(`--requirements: no such file ${opts.requirements}`);
    let raw: unknown;
    try {
      raw = parse(readFileSync(opts.requirements, "utf8"));
    } catch (e) {
      throw new UsageError(`--requirements: ${opts.requirements} is not valid YAML or JSON: ${(e as Error).message}`);
    }
    return { requirements: parseRequirements(raw, catalog, opts.requirements), stack: undefined, lock: undefined, lockFile: undefined, accounts: undefined };
  }
  const stack = opts.stack!;
  const config = readStackFile(stacksDir, stack);
  const raw = config["tessera:requirements"];
  if (raw === undefined) throw new UsageError(`stack ${stack} has no tessera:requirements in ${join(stacksDir, `Pulumi.${stack}.yaml`)}`);
  const requirements = parseRequirements(JSON.parse(raw), catalog, `tessera:requirements of stack ${stack}`);
  const file = lockPath(stacksDir, stack);
  return { requirements, stack, lock: readLock(file), lockFile: file, accounts: parseAccounts(config["tessera:accounts"], stack) };
}
