/**
 * Physical names: each cloud's length and charset rules, table-driven (after nitric's Azure
 * `ResourceName`). Names that must be globally unique get a stable 6-character hash of the
 * stack-qualified logical name, so two stacks never collide and a rerun never renames.
 */
import { createHash } from "node:crypto";
import type { Cloud } from "./cloud";

/** The rule for one kind of name on one cloud. */
export interface NameRule {
  readonly minLength: number;
  readonly maxLength: number;
  /** Characters allowed (a character class body, e.g. `a-z0-9-`). */
  readonly charset: string;
  /** Lower-case everything first. */
  readonly lowercase: boolean;
  /** Separator between parts: `-`, or `""` where hyphens are not allowed. */
  readonly separator: "-" | "";
  /** Must begin with a letter. */
  readonly startWithLetter: boolean;
  /** Must end with a letter or digit. */
  readonly endAlphanumeric: boolean;
  /** Unique across all accounts of the cloud: add a stable hash suffix. */
  readonly globallyUnique: boolean;
}

/** Kinds of physical names tessera creates. */
export type NameKind = "bucket" | "storageAccount" | "container" | "resourceGroup" | "network" | "instance" | "database" | "cluster" | "vault" | "secret" | "kusto" | "trafficManager" | "loadBalancer" | "generic";

const rule = (r: Partial<NameRule> & Pick<NameRule, "maxLength">): NameRule => ({
  minLength: 3,
  charset: "a-z0-9-",
  lowercase: true,
  separator: "-",
  startWithLetter: false,
  endAlphanumeric: true,
  globallyUnique: false,
  ...r,
});

/** The rules (provider documentation for each cloud). Every cloud has a `generic` fallback. */
export const NAME_RULES: Record<Cloud, Partial<Record<NameKind, NameRule>> & { generic: NameRule }> = {
  aws: {
    // S3: 3-63, lowercase letters, digits, hyphens; globally unique.
    bucket: rule({ maxLength: 63, globallyUnique: true }),
    // RDS identifiers: 1-63, letter first, no trailing hyphen.
    database: rule({ minLength: 1, maxLength: 63, startWithLetter: true }),
    cluster: rule({ minLength: 1, maxLength: 100, charset: "a-zA-Z0-9_-", lowercase: false, startWithLetter: true }),
    secret: rule({ minLength: 1, maxLength: 512, charset: "a-zA-Z0-9/_+=.@-", lowercase: false }),
    // Load balancers and target groups: 1-32 letters, digits, hyphens, no hyphen at either end
    // (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html).
    loadBalancer: rule({ minLength: 1, maxLength: 32, charset: "a-zA-Z0-9-", lowercase: false }),
    generic: rule({ minLength: 1, maxLength: 255, charset: "a-zA-Z0-9_.-", lowercase: false }),
  },
  azure: {
    // Storage accounts: 3-24, lowercase letters and digits only; globally unique.
    storageAccount: rule({ maxLength: 24, charset: "a-z0-9", separator: "", globallyUnique: true }),
    // Blob containers: 3-63, lowercase, digits, hyphens.
    container: rule({ maxLength: 63 }),
    resourceGroup: rule({ minLength: 1, maxLength: 90, charset: "a-zA-Z0-9_.()-", lowercase: false }),
    // Key Vault: 3-24, letters, digits, hyphens, letter first; globally unique.
    vault: rule({ maxLength: 24, startWithLetter: true, globallyUnique: true }),
    // PostgreSQL flexible server: 3-63 lowercase, digits, hyphens; globally unique DNS name.
    database: rule({ maxLength: 63, globallyUnique: true }),
    // Data Explorer clusters: 4-22, lowercase letters and digits, letter first; globally unique DNS name.
    kusto: rule({ minLength: 4, maxLength: 22, charset: "a-z0-9", separator: "", startWithLetter: true, globallyUnique: true }),
    // Traffic Manager relative DNS names: 1-63 letters, digits, hyphens; unique in trafficmanager.net.
    trafficManager: rule({ minLength: 1, maxLength: 63, globallyUnique: true }),
    generic: rule({ minLength: 1, maxLength: 64, charset: "a-zA-Z0-9_.-", lowercase: false }),
  },
  gcp: {
    // Cloud Storage: 3-63, lowercase, digits, hyphens, underscores; globally unique.
    bucket: rule({ maxLength: 63, charset: "a-z0-9_-", globallyUnique: true }),
    // Compute and SQL names: RFC 1035, 1-63, letter first.
    network: rule({ minLength: 1, maxLength: 63, startWithLetter: true }),
    instance: rule({ minLength: 1, maxLength: 63, startWithLetter: true }),
    database: rule({ minLength: 1, maxLength: 98, startWithLetter: true }),
    cluster: rule({ minLength: 1, maxLength: 40, startWithLetter: true }),
    secret: rule({ minLength: 1, maxLength: 255, charset: "a-zA-Z0-9_-", lowercase: false }),
    generic: rule({ minLength: 1, maxLength: 63, startWithLetter: true }),
  },
  digitalocean: {
    // Spaces: 3-63, lowercase, digits, hyphens; globally unique per region.
    bucket: rule({ maxLength: 63, globallyUnique: true }),
    database: rule({ maxLength: 63, startWithLetter: true }),
    generic: rule({ minLength: 1, maxLength: 63, charset: "a-z0-9.-", startWithLetter: false }),
  },
  oci: {
    // Object Storage: 1-256, letters, digits, hyphens, underscores, periods; unique per namespace.
    bucket: rule({ minLength: 1, maxLength: 256, charset: "a-zA-Z0-9_.-", lowercase: false }),
    vault: rule({ minLength: 1, maxLength: 100, charset: "a-zA-Z0-9_.-", lowercase: false }),
    generic: rule({ minLength: 1, maxLength: 255, charset: "a-zA-Z0-9_.-", lowercase: false }),
  },
};

/** A stable 6-character suffix for a qualified logical name. */
export function nameHash(qualified: string): string {
  return createHash("sha256").update(qualified).digest("hex").slice(0, 6);
}

/** Thrown when the parts cannot make a valid name (for example nothing left after cleaning). */
export class NamingError extends Error {}

/**
 * The physical name for `parts` (typically `[stack, logicalName]`) under a cloud's rule.
 * Disallowed characters become the separator (or vanish), the result is trimmed to length, and
 * a hash suffix is added when the name must be globally unique or had to be truncated.
 */
export function physicalName(cloud: Cloud, kind: NameKind, parts: readonly string[]): string {
  const r = NAME_RULES[cloud][kind] ?? NAME_RULES[cloud].generic;
  const joined = parts.join("-");
  const cased = r.lowercase ? joined.toLowerCase() : joined;
  const disallowed = new RegExp(`[^${r.charset}]+`, "g");
  let base = cased.replace(disallowed, r.separator);
  if (r.separator) base = base.replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
  if (r.startWithLetter) base = base.replace(/^[^a-zA-Z]+/, "");
  if (base.length === 0) throw new NamingError(`cannot build a ${cloud} ${kind} name from ${JSON.stringify(parts)}`);
  const suffix = nameHash(parts.join("/"));
  const needsSuffix = r.globallyUnique || base.length > r.maxLength;
  let name = base;
  if (needsSuffix) {
    const room = r.maxLength - suffix.length - r.separator.length;
    name = `${trimEnd(base.slice(0, room), r)}${r.separator}${suffix}`;
  }
  if (name.length < r.minLength) name = `${name}${r.separator}${suffix}`.slice(0, r.maxLength);
  return name;
}

function trimEnd(s: string, r: NameRule): string {
  return r.endAlphanumeric ? s.replace(/[^a-zA-Z0-9]+$/, "") : s;
}
