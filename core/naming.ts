/**
 * Physical names: every name tessera sets on a cloud resource goes through {@link physicalName},
 * which derives it from the stack and logical names under that name's rule (length, characters,
 * first and last character, reserved words; `core/name-rules/`), and {@link checkName}, which
 * says whether a value obeys a rule (the harness runs it on every registered resource).
 *
 * A name is `<readable part><separator><suffix>`:
 * - the readable part is the lowercased parts joined by the rule's separator, every other
 *   character turned into the separator, reserved words removed, a `t` in front when the rule's
 *   first character would not allow it, and cut to fit (the longest parts lose characters first);
 * - the suffix is never cut. By default it is a hash of the exact parts (so `prod.eu` and
 *   `prod-eu`, or stack `a-b` + service `c` and stack `a` + service `b-c`, never share a name);
 *   for names the cloud keeps after a delete, or that are unique across every account, it is a
 *   random string kept in the stack's state (`components/naming.ts`).
 */
import { createHash } from "node:crypto";
import type { Cloud } from "./cloud";
import { AWS_NAME_RULES } from "./name-rules/aws";
import { AZURE_NAME_RULES } from "./name-rules/azure";
import { DIGITALOCEAN_NAME_RULES } from "./name-rules/digitalocean";
import { GCP_NAME_RULES } from "./name-rules/gcp";
import { OCI_NAME_RULES } from "./name-rules/oci";
import { DEFAULT_SUFFIX_LENGTH, SUFFIX_ALPHABET, type NameRule } from "./name-rules/rule";

export type { NameRule, NameScope } from "./name-rules/rule";
export { DEFAULT_SUFFIX_LENGTH, SUFFIX_ALPHABET } from "./name-rules/rule";

/** Every rule, by cloud and kind. */
export const NAME_RULES = {
  aws: AWS_NAME_RULES,
  azure: AZURE_NAME_RULES,
  gcp: GCP_NAME_RULES,
  digitalocean: DIGITALOCEAN_NAME_RULES,
  oci: OCI_NAME_RULES,
} as const satisfies Record<Cloud, Record<string, NameRule>>;

/** The kinds of physical names tessera sets on one cloud. */
export type NameKind<C extends Cloud = Cloud> = keyof (typeof NAME_RULES)[C] & string;

/** The rule of one kind. */
export function nameRule<C extends Cloud>(cloud: C, kind: NameKind<C>): NameRule {
  return (NAME_RULES[cloud] as Record<string, NameRule>)[kind]!;
}

/** The rule of `kind` on `cloud`, when there is one (for tables keyed by plain strings). */
export function findRule(cloud: Cloud, kind: string): NameRule | undefined {
  return (NAME_RULES[cloud] as Record<string, NameRule>)[kind];
}

/** Thrown when no valid name can be made (a bug in a rule, never a user's input). */
export class NamingError extends Error {}

/** The suffix length a rule's names get. */
export const suffixLength = (rule: NameRule): number => rule.suffixLength ?? DEFAULT_SUFFIX_LENGTH;

/** A stable suffix for `parts`: lowercase letters and digits, a hash of the exact parts. */
export function nameHash(parts: readonly string[], length = DEFAULT_SUFFIX_LENGTH): string {
  const digest = createHash("sha256").update(JSON.stringify(parts)).digest();
  return Array.from(digest.subarray(0, length), (b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join("");
}

/** Options of {@link physicalName}. */
export interface NameOptions {
  /** The suffix to use instead of the hash of the parts (a random string kept in state). */
  readonly suffix?: string;
}

const cls = (body: string) => new RegExp(`^[${body}]$`);

/**
 * The physical name of `kind` on `cloud` for `parts` (typically `[stack, logicalName, …]`).
 * Valid for any parts: the result always satisfies {@link checkName}.
 *
 * @throws NamingError only if a rule cannot be met at all (a rule-data bug).
 */
export function physicalName<C extends Cloud>(cloud: C, kind: NameKind<C>, parts: readonly string[], options: NameOptions = {}): string {
  const rule = nameRule(cloud, kind);
  // A label (scope "none") needs no uniqueness, so no suffix.
  const suffix = options.suffix ?? (rule.scope === "none" ? "" : nameHash(parts, suffixLength(rule)));
  if (!/^[a-z0-9]*$/.test(suffix)) throw new NamingError(`suffix "${suffix}" must be lowercase letters and digits`);
  const sep = rule.separator;
  const tail = suffix ? `${sep}${suffix}` : "";
  const prefix = rule.prefix ?? "";
  const words = dropReserved(parts.map((p) => clean(p, sep)).filter((w) => w.length > 0).join(sep), rule, sep);
  let readable = words.join(sep);
  // Every rule accepts a letter first; `t` (for tessera) keeps a leading digit or `_` readable.
  if (readable === "" || !cls(rule.first).test(readable[0]!)) readable = `t${readable}`;
  const room = rule.maxLength - prefix.length - tail.length;
  if (room < 1) throw new NamingError(`${cloud} ${kind}: no room for a name before the ${suffix.length}-character suffix`);
  readable = fit(sep ? readable.split(sep) : [readable], room, sep);
  // A reserved word can straddle the readable part and the suffix (no separator): shorten until clean.
  for (;;) {
    const name = `${prefix}${readable}${tail}`;
    const problem = checkName(rule, name);
    if (problem === undefined) return name;
    if (readable.length <= 1) throw new NamingError(`${cloud} ${kind}: cannot build a valid name from ${JSON.stringify(parts)}: "${name}" ${problem}`);
    readable = trimEnds(readable.slice(0, -1), sep);
  }
}

/** Lowercase letters and digits; every run of anything else becomes one separator. */
function clean(part: string, sep: string): string {
  const lower = part.toLowerCase().replace(/[^a-z0-9]+/g, sep);
  return trimEnds(lower, sep);
}

function trimEnds(s: string, sep: string): string {
  if (!sep) return s;
  let out = s;
  while (out.startsWith(sep)) out = out.slice(sep.length);
  while (out.endsWith(sep)) out = out.slice(0, -sep.length);
  return out;
}

/** Removes reserved words and prefixes from the readable part, word by word. */
function dropReserved(readable: string, rule: NameRule, sep: string): string[] {
  let s = readable;
  for (let changed = true; changed; ) {
    changed = false;
    // Patterns anchored at the end concern the suffix, which always follows the readable part.
    for (const r of (rule.reserved ?? []).filter((x) => !x.pattern.endsWith("$") || x.pattern.startsWith("^"))) {
      if (new RegExp(r.pattern, "i").test(s)) {
        s = s.replace(new RegExp(r.pattern, "gi"), sep);
        s = sep ? trimEnds(s.split(sep).filter(Boolean).join(sep), sep) : s;
        changed = true;
      }
    }
  }
  return s === "" ? [] : sep ? s.split(sep) : [s];
}

/** Cuts words to fit `room`: the longest lose characters first, so every part stays recognisable. */
function fit(words: string[], room: number, sep: string): string {
  const joined = () => words.join(sep);
  if (joined().length <= room) return joined();
  const budget = room - sep.length * (words.length - 1);
  if (budget >= words.length) {
    let cap = Math.max(...words.map((w) => w.length));
    while (cap > 1 && words.reduce((n, w) => n + Math.min(w.length, cap), 0) > budget) cap--;
    words = words.map((w) => w.slice(0, cap));
  }
  return trimEnds(joined().slice(0, room), sep);
}

/**
 * Whether `value` obeys `rule`: undefined when it does, else what is wrong (one phrase).
 */
export function checkName(rule: NameRule, value: string): string | undefined {
  const prefix = rule.prefix ?? "";
  if (value.length < rule.minLength || value.length > rule.maxLength) return `is ${value.length} characters long (allowed: ${rule.minLength}-${rule.maxLength})`;
  if (!value.startsWith(prefix)) return `does not start with "${prefix}"`;
  const body = value.slice(prefix.length);
  const bad = [...body].find((c) => !cls(rule.charset).test(c));
  if (bad !== undefined) return `contains "${bad}" (allowed characters: ${rule.charset})`;
  if (body.length > 0 && !cls(rule.first).test(body[0]!)) return `starts with "${body[0]}" (allowed first characters: ${rule.first})`;
  if (body.length > 0 && !cls(rule.last).test(body[body.length - 1]!)) return `ends with "${body[body.length - 1]}" (allowed last characters: ${rule.last})`;
  for (const c of rule.noRepeat ?? "") if (body.includes(c + c)) return `contains "${c}${c}"`;
  for (const r of rule.reserved ?? []) {
    if (new RegExp(r.pattern, "i").test(body)) return `${r.reason}`;
  }
  return undefined;
}

/** One line describing a rule, for messages: what it is, length, characters, scope and source. */
export function describeRule(rule: NameRule): string {
  const first = rule.first === rule.charset ? "" : `, first [${rule.first}]`;
  const last = rule.last === rule.charset ? "" : `, last [${rule.last}]`;
  return `${rule.resource}: ${rule.minLength}-${rule.maxLength} characters${rule.prefix ? ` starting "${rule.prefix}"` : ""} of [${rule.charset}]${first}${last}${rule.noRepeat ? `, no repeated "${rule.noRepeat}"` : ""}, unique per ${rule.scope} (${rule.source})`;
}
