/**
 * Where the CLI reads requirements and locks from: a stack (`--stack`, its `Pulumi.<stack>.yaml`
 * and lock in `--stacks-dir`) or a file (`--requirements`: a requirements map, or a whole stack
 * file). Every input is checked here, before any work starts.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Catalog, repoRoot } from "../placement/catalog";
import { type Lock, lockPath, readLock } from "../placement/lock";
import { parseRequirements, type Requirements, RequirementsError } from "../placement/requirements";
import type { Accounts } from "../core/accounts";
import { parseAccounts } from "../program/config-values";
import { readStackFileDetails, readYamlFile, StackFileError, unknownTesseraKeys, WHOLE_REQUIREMENTS_SECRET } from "../program/stackfile";
import { OutputError, UsageError } from "./errors";

/** The repository's stacks folder. */
export const STACKS_DIR = join(repoRoot(), "stacks");

/** Requirements plus the lock that applies to them. */
export interface Inputs {
  readonly requirements: Requirements;
  readonly stack: string | undefined;
  readonly lock: Lock | undefined;
  readonly lockFile: string | undefined;
  /** Config keys holding a secret, and the paths of `secure:` values (stack files only). */
  readonly secretKeys: readonly string[];
  /** The stack's `tessera:accounts` (a stack only; a requirements file places without them). */
  readonly accounts: Accounts | undefined;
}

/** What to read. */
export interface InputOptions {
  readonly stack?: string;
  readonly requirements?: string;
  /** The lock will be written: the stacks folder must be writable. */
  readonly write?: boolean;
}

/** Checks `--stacks-dir` (and, for `--write`, that it can be written) before the work starts. */
export function checkStacksDir(dir: string, write = false): void {
  if (!existsSync(dir)) throw new UsageError(`--stacks-dir: no such folder ${dir}`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`--stacks-dir: ${dir} is not a folder`);
  if (write) {
    try {
      accessSync(dir, constants.W_OK);
    } catch (e) {
      // An I/O refusal, like --out's and failover's (the JSON document's kind "io"), not a misuse.
      throw new OutputError(`--write: cannot write the lock into ${dir} (${(e as NodeJS.ErrnoException).code ?? "not writable"}); nothing was written`);
    }
  }
}

/** Parses a JSON string from config as an object, naming the key when it is not one. */
export function configObject(key: string, raw: string, source: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new RequirementsError([`${key}: expected an object (YAML map), got the string ${JSON.stringify(raw)}`], source);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new RequirementsError([`${key}: expected an object (YAML map), got ${Array.isArray(value) ? "a list" : JSON.stringify(value)}`], source);
  }
  return value;
}

/**
 * The requirements in a `--requirements` file: a requirements map, a map with a
 * `tessera:requirements` key, or a whole Pulumi stack file (`config: { tessera:requirements: … }`).
 */
function requirementsFromFile(file: string): unknown {
  if (!existsSync(file)) throw new UsageError(`--requirements: no such file ${file}`);
  let doc: unknown;
  try {
    doc = readYamlFile(file);
  } catch (e) {
    throw new UsageError(`--requirements: ${(e as StackFileError).message}`);
  }
  const map = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  const config = map(doc) && map(doc.config) ? doc.config : map(doc) && "tessera:requirements" in doc ? doc : undefined;
  if (!config) return doc;
  const unknown = unknownTesseraKeys(Object.keys(config));
  if (unknown.length > 0) throw new RequirementsError(unknown, file);
  if (!("tessera:requirements" in config)) throw new UsageError(`--requirements: ${file} is a stack file without tessera:requirements`);
  return config["tessera:requirements"];
}

/** Runs one config key's parser; a RequirementsError joins `errors` (the result is then undefined, never used). */
function collect<T>(errors: Array<{ key: string; error: RequirementsError }>, key: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof RequirementsError)) throw e;
    errors.push({ key, error: e });
    return undefined as T;
  }
}

/** Reads `--stack` or `--requirements` (exactly one). */
export function readInputs(catalog: Catalog, opts: InputOptions, stacksDir = STACKS_DIR): Inputs {
  if ((opts.stack === undefined) === (opts.requirements === undefined)) throw new UsageError("give exactly one of --stack <name> or --requirements <file>");
  if (opts.requirements !== undefined) {
    if (opts.write) throw new UsageError("--write needs --stack (a requirements file has no lock)");
    const raw = requirementsFromFile(opts.requirements);
    return { requirements: parseRequirements(raw, catalog, opts.requirements), stack: undefined, lock: undefined, lockFile: undefined, secretKeys: [], accounts: undefined };
  }
  const stack = opts.stack!;
  checkStacksDir(stacksDir, opts.write);
  const file = readStackFileDetails(stacksDir, stack);
  const source = `config of stack ${stack}`;
  const unknown = unknownTesseraKeys(Object.keys(file.config));
  const raw = file.config["tessera:requirements"];
  if (unknown.length > 0 && raw === undefined) throw new RequirementsError(unknown, source);
  if (raw === undefined) throw new UsageError(`stack ${stack} has no tessera:requirements in ${join(stacksDir, `Pulumi.${stack}.yaml`)}`);
  if (file.securePaths.includes("tessera:requirements")) throw new RequirementsError([WHOLE_REQUIREMENTS_SECRET], source);
  // Every config key is checked and all their problems reported in one message, not the first only.
  const errors: Array<{ key: string; error: RequirementsError }> = unknown.length > 0 ? [{ key: "", error: new RequirementsError(unknown, source) }] : [];
  const requirements = collect(errors, "tessera:requirements", () => parseRequirements(configObject("tessera:requirements", raw, source), catalog, `tessera:requirements of stack ${stack}`));
  const accounts = collect(errors, "tessera:accounts", () => parseAccounts(file.config["tessera:accounts"], stack));
  if (errors.length === 1) throw errors[0]!.error;
  // Several keys: each problem named from its key, as in the stack file.
  if (errors.length > 1) throw new RequirementsError(errors.flatMap(({ key, error }) => error.problems.map((p) => (key === "" || p.startsWith("tessera:") ? p : `${key}.${p}`))), source);
  const lockFile = lockPath(stacksDir, stack);
  return { requirements, stack, lock: readLock(lockFile, stack), lockFile, secretKeys: file.secretKeys, accounts };
}
