/**
 * The placement lock: `stacks/<stack>.placement.lock.json`, committed with the stack.
 *
 * While a lock is feasible, placement keeps its cloud, region and SKUs even when another region
 * became cheaper, and reports the saving left on the table. A lock that became infeasible — a
 * requirement changed, or a locked size left the catalog — is an error until the user runs
 * `tessera replan`. A lock is written whole, flushed, renamed into place and read back; a
 * corrupt lock, or one recorded for another stack, is an error, never ignored.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { CLOUDS, type Cloud } from "../core/cloud";
import type { Catalog } from "./catalog";
import { cents, skuOffered } from "./cost";
import type { PlacementContext } from "./constraints";
import { type Decision, type Pins, place, type Placement, placeLocked } from "./place";
import { formatPath, type Requirements } from "./requirements";

const siteSchema = z.strictObject({
  cloud: z.enum(CLOUDS),
  region: z.string().min(1),
  monthlyUsd: z.number().min(0),
  services: z.record(z.string(), z.strictObject({ kind: z.string(), sku: z.string().min(1) })),
});

const lockSchema = z.strictObject({
  version: z.literal(1),
  stack: z.string().min(1),
  catalogDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  decision: siteSchema.extend({ secondary: siteSchema.optional() }),
});

/** The lock file's content. */
export type Lock = z.infer<typeof lockSchema>;

/** A lock that cannot be read or written, belongs to another stack, or is no longer feasible. */
export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LockError";
  }
}

/** The locked placement no longer meets the requirements (the stack is not deployable as locked). */
export class LockInfeasibleError extends LockError {
  constructor(
    readonly lockedStack: string,
    readonly cloud: Cloud,
    readonly region: string,
    /** Why, one line each. */
    readonly reasons: readonly string[],
  ) {
    super(
      `the locked placement ${cloud} ${region} (stack ${lockedStack}) no longer meets the requirements:\n${reasons.map((r) => `  - ${r}`).join("\n")}\nRun \`tessera replan --stack ${lockedStack}\` to see the migration plan and write a new lock.`,
    );
    this.name = "LockInfeasibleError";
  }
}

/** A lock could not be written whole; the previous lock (if any) is untouched. */
export class LockWriteError extends LockError {
  constructor(message: string) {
    super(message);
    this.name = "LockWriteError";
  }
}

/** Where a stack's lock lives. */
export const lockPath = (stacksDir: string, stack: string): string => join(stacksDir, `${stack}.placement.lock.json`);

/**
 * The temporary file a lock is written to before it is renamed into place:
 * `<stack>.placement.lock.json.<pid>.tmp` in the same folder (a rename is atomic only within one
 * file system). `.gitignore` covers the pattern, so a killed write leaves nothing to commit.
 */
export const lockTempPath = (path: string, pid = process.pid): string => join(dirname(path), `${basename(path)}.${pid}.tmp`);

/**
 * Reads and validates a lock; undefined when the file does not exist.
 *
 * @param stack the stack the lock must belong to: a lock copied from another stack is an error.
 */
export function readLock(path: string, stack?: string): Lock | undefined {
  if (!existsSync(path)) return undefined;
  const restore = "Restore it from version control, or delete it and run `tessera replan`.";
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new LockError(`corrupt placement lock ${path}: ${(e as Error).message}. ${restore}`);
  }
  const parsed = lockSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path) || "(root)"}: ${i.message}`).join("; ");
    throw new LockError(`corrupt placement lock ${path}: ${problems}. ${restore}`);
  }
  if (stack !== undefined && parsed.data.stack !== stack) {
    throw new LockError(
      `placement lock ${path} belongs to stack "${parsed.data.stack}", not "${stack}" (copied from another stack?). Delete it and run \`tessera place --stack ${stack} --write\`.`,
    );
  }
  return parsed.data;
}

/** Text of a lock file. */
export const lockText = (lock: Lock): string => `${JSON.stringify(lockSchema.parse(lock), null, 2)}\n`;

/**
 * Writes `text` to `path` so that a reader sees the old file or the whole new one, never part of
 * one: every byte written to a temporary file (looping over short writes), flushed to disk
 * (fsync), renamed over `path`, the folder flushed so the rename survives a crash, then read back
 * and compared. Any failure removes the temporary file and leaves `path` as it was.
 *
 * @throws the underlying error (ENOSPC, EFBIG, EACCES, EROFS, …) or an Error when the read-back differs.
 */
export function writeFileWhole(path: string, text: string, tmp = lockTempPath(path)): void {
  const bytes = Buffer.from(text, "utf8");
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "w", 0o644);
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  syncDir(dirname(path));
  if (!readFileSync(path).equals(bytes)) throw new Error(`${path} does not read back as written`);
}

/** fsync a folder so a rename in it is durable; file systems that cannot are skipped. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory (EINVAL/EISDIR); the rename already happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes a lock whole and atomically (see {@link writeFileWhole}).
 *
 * @throws LockWriteError naming the file and the reason; the previous lock is untouched.
 */
export function writeLock(path: string, lock: Lock): void {
  try {
    writeFileWhole(path, lockText(lock));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new LockWriteError(`could not write the placement lock ${path}: ${err.code ? `${err.code} ` : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
}

const lockSite = (s: Decision | NonNullable<Decision["secondary"]>, req: Requirements) => ({
  cloud: s.cloud,
  region: s.region,
  monthlyUsd: s.monthlyUsd,
  services: Object.fromEntries(Object.entries(s.services).map(([name, cost]) => [name, { kind: req.services[name]!.kind, sku: cost.sku }])),
});

/** The lock that records a placement. */
export function lockFor(stack: string, placement: Placement, req: Requirements): Lock {
  const d = placement.decision;
  return {
    version: 1,
    stack,
    catalogDate: placement.catalog.date,
    decision: { ...lockSite(d, req), ...(d.secondary ? { secondary: lockSite(d.secondary, req) } : {}) },
  };
}

const skus = (s: Lock["decision"]) => Object.fromEntries(Object.entries(s.services).map(([n, v]) => [n, v.sku]));

/** A locked size the result changed because it no longer fits the requirements. */
export interface Resized {
  readonly service: string;
  readonly site: "primary" | "standby";
  readonly from: string;
  readonly to: string;
}

/** How the lock shaped the result. */
export type LockStatus =
  | { readonly status: "unlocked" }
  | {
      readonly status: "kept";
      readonly cheaper?: { readonly cloud: Cloud; readonly region: string; readonly monthlyUsd: number; readonly savingUsd: number };
      /** Locked sizes that no longer fit a changed requirement (resized in place; `replan --write` records them). */
      readonly resized?: readonly Resized[];
    };

/** A placement plus what the lock did. */
export interface LockedPlacement {
  readonly placement: Placement;
  readonly lock: LockStatus;
}

/** Locked sizes the decision changed: those gone from the catalog, and those that no longer fit. */
function sizeChanges(catalog: Catalog, lock: Lock, d: Decision): { gone: string[]; resized: Resized[] } {
  const gone: string[] = [];
  const resized: Resized[] = [];
  const sites = [["primary", lock.decision, d] as const, ...(lock.decision.secondary && d.secondary ? [["standby", lock.decision.secondary, d.secondary] as const] : [])];
  for (const [site, locked, now] of sites) {
    for (const [service, { kind, sku }] of Object.entries(locked.services)) {
      const current = now.services[service]?.sku;
      if (current === undefined || current === sku) continue;
      if (!skuOffered(catalog, locked.cloud, locked.region, kind as Parameters<typeof skuOffered>[3], sku)) {
        gone.push(`services.${service}: the locked size ${sku}${site === "standby" ? " (standby)" : ""} is no longer offered in ${locked.cloud} ${locked.region} (catalog ${catalog.manifest.date}); today's fit is ${current}`);
      } else {
        resized.push({ service, site, from: sku, to: current });
      }
    }
  }
  return { gone, resized };
}

/**
 * Places with stickiness: with a lock, keeps it while feasible; without one, places fresh.
 *
 * @throws LockInfeasibleError when the lock is no longer feasible, or a locked size left the
 *   catalog (the message lists why; `tessera replan` moves the stack).
 */
export function placeWithLock(catalog: Catalog, req: Requirements, lock: Lock | undefined, context: PlacementContext = {}): LockedPlacement {
  // Placement is a pure function of its inputs, and `tessera plan` asks it three times for one
  // stack (the early check, the report, the program): remember the last few answers per catalog.
  // A failed placement throws and is never remembered.
  let answers = placements.get(catalog);
  if (!answers) placements.set(catalog, (answers = new Map()));
  const key = JSON.stringify([req, lock ?? null, context]);
  const known = answers.get(key);
  if (known) return known;
  // Frozen: every caller shares the answer, so a caller that changed it would change the others'.
  const answer = deepFreeze(placeUncached(catalog, req, lock, context));
  if (answers.size >= REMEMBERED) answers.delete(answers.keys().next().value!);
  answers.set(key, answer);
  return answer;
}

/** How many placements each catalog remembers (a CLI run plans one stack, `--stack a --stack b` a few). */
const REMEMBERED = 8;
const placements = new WeakMap<Catalog, Map<string, LockedPlacement>>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function placeUncached(catalog: Catalog, req: Requirements, lock: Lock | undefined, context: PlacementContext): LockedPlacement {
  if (!lock) return { placement: place(catalog, req, context), lock: { status: "unlocked" } };
  const d = lock.decision;
  const pins: Pins = {
    cloud: d.cloud,
    region: d.region,
    skus: skus(d),
    ...(d.secondary ? { secondary: { cloud: d.secondary.cloud, region: d.secondary.region, skus: skus(d.secondary) } } : {}),
  };
  const result = placeLocked(catalog, req, pins, context);
  if ("rejected" in result) throw new LockInfeasibleError(lock.stack, d.cloud, d.region, result.rejected.reasons.map((r) => r.message));
  const { placement, cheapest } = result;
  const { gone, resized } = sizeChanges(catalog, lock, placement.decision);
  if (gone.length > 0) throw new LockInfeasibleError(lock.stack, d.cloud, d.region, gone);
  const changed = resized.length > 0 ? { resized } : {};
  if (!cheapest) return { placement, lock: { status: "kept", ...changed } };
  return {
    placement,
    lock: {
      status: "kept",
      cheaper: {
        cloud: cheapest.cloud,
        region: cheapest.region,
        monthlyUsd: cheapest.totalMonthlyUsd,
        savingUsd: cents(placement.decision.totalMonthlyUsd - cheapest.totalMonthlyUsd),
      },
      ...changed,
    },
  };
}

export { type MigrationPlan, migrationPlan, type MigrationSite, type Move } from "./migration";
