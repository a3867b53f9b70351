/**
 * Reads `stacks/Pulumi.<stack>.yaml` the way the Pulumi CLI hands config to a program: every
 * value a string, structured values as JSON. Used by `tessera plan`/`place` and the tests, which
 * run the program without the CLI.
 *
 * Secrets follow Pulumi's conventions. `pulumi config set --secret` stores `{ secure: <ciphertext> }`
 * in the stack file, at the top of a key or — with `--path` — inside a structured value. The CLI
 * decrypts them (passphrase or service) and hands the program plain values in `PULUMI_CONFIG`
 * plus the names of the keys holding a secret in `PULUMI_CONFIG_SECRET_KEYS`: a key, never a
 * path inside it. Offline, without the passphrase, tessera cannot decrypt: a `secure:` value stays
 * `{ "secure": … }` in the JSON, which the requirements accept only where a secret belongs, and
 * becomes a secret whose value the plan does not know.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";

/** The stack names that have a `Pulumi.<stack>.yaml` in `dir`. */
export function listStacks(dir: string): string[] {
  return readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** Unknown stack, unreadable file, or malformed config. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

/** The `tessera:` config keys the program reads; any other `tessera:` key is an error. */
export const TESSERA_KEYS = ["tessera:requirements", "tessera:accounts", "tessera:failover"] as const;

/** Why a `tessera:requirements` encrypted as a whole is refused. */
export const WHOLE_REQUIREMENTS_SECRET =
  "tessera:requirements: the whole value is encrypted (pulumi config set --secret tessera:requirements), so placement cannot read it without the passphrase; keep the requirements plain and set only the secret values, e.g. pulumi config set --path --secret 'tessera:requirements.services.<name>.environment.<VAR>' <value>";

/** A `secure:` value as the stack file holds it (the ciphertext of `pulumi config set --secret`). */
export interface SecureValue {
  readonly secure: string;
}

/** True for `{ secure: "<ciphertext>" }`. */
export function isSecureValue(v: unknown): v is SecureValue {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { secure?: unknown }).secure === "string";
}

/**
 * Parses a YAML (or JSON) file into plain data. A syntax error, or an alias that refers to
 * itself (`a: &x [*x]`, which the YAML library resolves into a cycle), is a {@link StackFileError}.
 */
export function readYamlFile(path: string): unknown {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new StackFileError(`${path} is a folder, not a YAML or JSON file`);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof StackFileError) throw e;
    throw new StackFileError(`cannot read ${path}: ${(e as Error).message}`);
  }
  // One plan reads its stack file three times (the early check, the report, the program): the
  // parse is remembered by the file's text, and each caller gets its own copy.
  const known = parsed.get(text);
  if (known !== undefined) return structuredClone(known);
  const value = parseYaml(path, text);
  if (parsed.size >= 8) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, value);
  return structuredClone(value);
}

const parsed = new Map<string, unknown>();

function parseYaml(path: string, text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new StackFileError(`${path} is not valid YAML: ${doc.errors[0]!.message}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
    JSON.stringify(value);
  } catch (e) {
    const cycle = /circular/i.test((e as Error).message);
    throw new StackFileError(`${path}: ${cycle ? "an alias refers to itself (a YAML anchor used inside its own value)" : (e as Error).message}`);
  }
  return value;
}

/** A stack's config as the Pulumi CLI would hand it to the program, plus where its secrets are. */
export interface StackFile {
  /** `<namespace>:<key>` → string (objects as JSON); `secure:` values kept as `{ "secure": … }`. */
  readonly config: Record<string, string>;
  /** Keys holding a secret anywhere in their value (what the CLI puts in PULUMI_CONFIG_SECRET_KEYS). */
  readonly secretKeys: readonly string[];
  /** Paths of `secure:` values, e.g. `tessera:requirements.services.api.environment.TOKEN`. */
  readonly securePaths: readonly string[];
}

function securePathsIn(value: unknown, path: string, out: string[]): void {
  if (isSecureValue(value)) {
    out.push(path);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [k, v] of Object.entries(value)) securePathsIn(v, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`, out);
}

/**
 * The stack names Pulumi accepts: 1–100 letters, digits, hyphens, underscores or periods (the
 * CLI's "stack names are limited to 100 characters and may only contain alphanumeric, hyphens,
 * underscores, or periods"; pulumi/pulumi pkg/backend/filestate/backend.go, pulumi/pulumi#6685).
 * A name outside it never names a file: `x/../../evil` would read and write outside the folder.
 */
export const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Reads a stack file: config, secret keys and secure paths. */
export function readStackFileDetails(dir: string, stack: string): StackFile {
  if (!STACK_NAME.test(stack)) {
    throw new StackFileError(`stack name "${stack}" is not one Pulumi accepts: 1–100 letters, digits, hyphens (-), underscores (_) or periods (.)`);
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new StackFileError(`no stacks folder ${dir}`);
  const path = join(dir, `Pulumi.${stack}.yaml`);
  if (!existsSync(path)) {
    throw new StackFileError(`unknown stack "${stack}": no ${path}. Stacks: ${listStacks(dir).join(", ") || "(none)"}`);
  }
  const doc = readYamlFile(path);
  const config = (doc as { config?: unknown } | null)?.config;
  if (config === undefined || config === null) return { config: {}, secretKeys: [], securePaths: [] };
  if (typeof config !== "object" || Array.isArray(config)) throw new StackFileError(`${path}: "config" must be a map`);
  const out: Record<string, string> = {};
  const securePaths: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (!key.includes(":")) throw new StackFileError(`${path}: config key "${key}" needs a namespace, e.g. "tessera:${key}"`);
    out[key] = typeof value === "string" ? value : JSON.stringify(value);
    securePathsIn(value, key, securePaths);
  }
  const secretKeys = [...new Set(securePaths.map((p) => p.split(/[.[]/)[0]!))].sort();
  return { config: out, secretKeys, securePaths };
}

/** A stack's config as `<namespace>:<key>` → string, ready for `pulumi.runtime.setAllConfig`. */
export function readStackFile(dir: string, stack: string): Record<string, string> {
  return readStackFileDetails(dir, stack).config;
}

/**
 * Problems with the `tessera:` keys of a config: unknown keys (a typo such as `tessera:acounts`),
 * each with the closest known key.
 */
export function unknownTesseraKeys(keys: Iterable<string>): string[] {
  const problems: string[] = [];
  for (const key of keys) {
    if (!key.startsWith("tessera:") || (TESSERA_KEYS as readonly string[]).includes(key)) continue;
    const closest = [...TESSERA_KEYS].sort((a, b) => distance(key, a) - distance(key, b))[0]!;
    problems.push(`${key}: unknown config key; tessera reads ${TESSERA_KEYS.slice(0, -1).join(", ")} and ${TESSERA_KEYS.at(-1)}${distance(key, closest) <= 3 ? ` (did you mean ${closest}?)` : ""}`);
  }
  return problems;
}

/** Levenshtein distance, for did-you-mean. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
