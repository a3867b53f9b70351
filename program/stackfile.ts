/**
 * Reads `stacks/Pulumi.<stack>.yaml` the way the Pulumi CLI hands config to a program: every
 * value a string, structured values as JSON. Used by `tessera plan`/`place` and the tests, which
 * run the program without the CLI.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

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

/** A stack's config as `<namespace>:<key>` → string, ready for `pulumi.runtime.setAllConfig`. */
export function readStackFile(dir: string, stack: string): Record<string, string> {
  const path = join(dir, `Pulumi.${stack}.yaml`);
  if (!existsSync(path)) {
    throw new StackFileError(`unknown stack "${stack}": no ${path}. Stacks: ${listStacks(dir).join(", ") || "(none)"}`);
  }
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new StackFileError(`${path} is not valid YAML: ${(e as Error).message}`);
  }
  const config = (doc as { config?: unknown } | null)?.config;
  if (config === undefined) return {};
  if (config === null || typeof config !== "object" || Array.isArray(config)) throw new StackFileError(`${path}: "config" must be a map`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.includes(":")) throw new StackFileError(`${path}: config key "${key}" needs a namespace, e.g. "tessera:${key}"`);
    out[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}
