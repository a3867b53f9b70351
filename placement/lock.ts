/**
 * The placement lock: `stacks/<stack>.placement.lock.json`, committed with the stack.
 *
 * While a lock is feasible, placement keeps its cloud, region and SKUs even when another region
 * became cheaper, and reports the saving left on the table. A lock that became infeasible is an
 * error until the user runs `tessera replan`. Locks are written atomically (temp file + rename);
 * a corrupt lock is an error, never ignored.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { CLOUDS, type Cloud } from "../core/cloud";
import type { Catalog } from "./catalog";
import { cents, regionalPrice } from "./cost";
import type { Candidate } from "./evaluate";
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

/** A lock that cannot be read, or is no longer feasible. */
export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LockError";
  }
}

/** Where a stack's lock lives. */
export const lockPath = (stacksDir: string, stack: string): string => join(stacksDir, `${stack}.placement.lock.json`);

/** Reads and validates a lock; undefined when the file does not exist. */
export function readLock(path: string): Lock | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new LockError(`corrupt placement lock ${path}: ${(e as Error).message}. Restore it from version control, or delete it and run \`tessera replan\`.`);
  }
  const parsed = lockSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path) || "(root)"}: ${i.message}`).join("; ");
    throw new LockError(`corrupt placement lock ${path}: ${problems}. Restore it from version control, or delete it and run \`tessera replan\`.`);
  }
  return parsed.data;
}

/** Writes a lock atomically: a crash leaves the old file or the new one, never half of one. */
export function writeLock(path: string, lock: Lock): void {
  const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.lock.tmp`);
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, `${JSON.stringify(lockSchema.parse(lock), null, 2)}\n`);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // already closed: the failure was in rename
    }
    rmSync(tmp, { force: true });
    throw e;
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

/** How the lock shaped the result. */
export type LockStatus =
  | { readonly status: "unlocked" }
  | { readonly status: "kept"; readonly cheaper?: { readonly cloud: Cloud; readonly region: string; readonly monthlyUsd: number; readonly savingUsd: number } };

/** A placement plus what the lock did. */
export interface LockedPlacement {
  readonly placement: Placement;
  readonly lock: LockStatus;
}

/**
 * Places with stickiness: with a lock, keeps it while feasible; without one, places fresh.
 *
 * @throws LockError when the lock is no longer feasible (the message lists why).
 */
export function placeWithLock(catalog: Catalog, req: Requirements, lock: Lock | undefined, context: PlacementContext = {}): LockedPlacement {
  if (!lock) return { placement: place(catalog, req, context), lock: { status: "unlocked" } };
  const d = lock.decision;
  const pins: Pins = {
    cloud: d.cloud,
    region: d.region,
    skus: skus(d),
    ...(d.secondary ? { secondary: { cloud: d.secondary.cloud, region: d.secondary.region, skus: skus(d.secondary) } } : {}),
  };
  const result = placeLocked(catalog, req, pins, context);
  if ("rejected" in result) {
    const reasons = result.rejected.reasons.map((r) => `  - ${r.message}`).join("\n");
    throw new LockError(
      `the locked placement ${d.cloud} ${d.region} (stack ${lock.stack}) no longer meets the requirements:\n${reasons}\nRun \`tessera replan --stack ${lock.stack}\` to see the migration plan and write a new lock.`,
    );
  }
  const { placement, cheapest } = result;
  if (!cheapest) return { placement, lock: { status: "kept" } };
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
    },
  };
}

/** One stateful service a move would replace. */
export interface Move {
  readonly service: string;
  readonly kind: string;
  readonly dataGb: number;
  readonly egressUsd: number;
  readonly note: string;
}

/** What `tessera replan` shows before it writes a new lock. */
export interface MigrationPlan {
  readonly from: { readonly cloud: Cloud; readonly region: string; readonly monthlyUsd: number };
  readonly to: { readonly cloud: Cloud; readonly region: string; readonly monthlyUsd: number };
  readonly moves: readonly Move[];
  readonly oneTimeEgressUsd: number;
  readonly monthlySavingUsd: number;
}

const STATEFUL = new Set(["database", "object-storage", "kubernetes"]);

/**
 * The migration from the locked site to a fresh placement: which stateful services are
 * replaced, how much data moves, and the one-time egress at the old site's price (inter-region
 * within a cloud, internet egress across clouds).
 */
export function migrationPlan(catalog: Catalog, req: Requirements, lock: Lock, fresh: Placement, lockedCandidate: Candidate | undefined): MigrationPlan {
  const from = lock.decision;
  const to = fresh.decision;
  const moved = from.cloud !== to.cloud || from.region !== to.region;
  const column = from.cloud === to.cloud ? "interRegionEgressGb" : "internetEgressGb";
  const price = regionalPrice(catalog, from.cloud, from.region, column)?.usd ?? 0;
  const moves: Move[] = [];
  for (const [name, service] of Object.entries(req.services)) {
    if (!STATEFUL.has(service.kind)) continue;
    const changed = moved || from.services[name]?.sku !== to.services[name]?.sku;
    if (!changed) continue;
    const dataGb = !moved ? 0 : service.kind === "object-storage" ? service.sizeGb : service.kind === "database" ? service.storageGb : 0;
    const note = !moved
      ? `resized in place: ${from.services[name]?.sku ?? "(new)"} → ${to.services[name]?.sku}`
      : service.kind === "kubernetes"
        ? "cluster replaced; redeploy workloads (persistent volumes are not modelled)"
        : `replaced in ${to.cloud} ${to.region}; copy ${dataGb} GB before switching`;
    moves.push({ service: name, kind: service.kind, dataGb, egressUsd: cents(dataGb * price), note });
  }
  // Today's price of the locked site when it can still be priced, else the price locked in.
  const currentMonthly = lockedCandidate?.monthlyUsd ?? from.monthlyUsd;
  return {
    from: { cloud: from.cloud, region: from.region, monthlyUsd: currentMonthly },
    to: { cloud: to.cloud, region: to.region, monthlyUsd: to.monthlyUsd },
    moves,
    oneTimeEgressUsd: cents(moves.reduce((s, m) => s + m.egressUsd, 0)),
    monthlySavingUsd: cents(currentMonthly - to.monthlyUsd),
  };
}
