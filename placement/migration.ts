/**
 * What `tessera replan` shows before it writes a new lock: the move from the locked sites to a
 * fresh placement — which stateful services are replaced, how much data moves, the one-time
 * transfer it bills, and the monthly saving.
 *
 * With failover the standby moves too: the comparison is the whole pair (primary + standby +
 * replication, the `totalMonthlyUsd` placement decides on), and the standby's data services are
 * re-seeded from the new primary whenever the primary or the standby changes site (a read replica
 * or a replicated bucket follows its source; a copy of the old pair's data is not reused).
 *
 * Pure: no Pulumi import, no I/O.
 */
import type { Cloud } from "../core/cloud";
import { replicationFor } from "../core/replication";
import type { Catalog } from "./catalog";
import { cents, regionalPrice } from "./cost";
import { replicationPlan, siteMonthlyUsd } from "./cost-replication";
import type { Candidate } from "./evaluate";
import type { Lock } from "./lock";
import type { Placement } from "./place";
import type { Requirements } from "./requirements";

/** One stateful service a move would replace. */
export interface Move {
  readonly service: string;
  /** Which site's copy; present only when the stack has a standby. */
  readonly site?: "primary" | "standby";
  readonly kind: string;
  readonly dataGb: number;
  readonly egressUsd: number;
  readonly note: string;
}

/** One site of a migration, its monthly cost in USD. */
export interface MigrationSite {
  readonly cloud: Cloud;
  readonly region: string;
  readonly monthlyUsd: number;
}

/** A side of a migration; `standby`, `replicationMonthlyUsd` and `totalMonthlyUsd` only when it has a standby. */
export type MigrationSide = MigrationSite & {
  readonly standby?: MigrationSite;
  /** The monthly replication transfer between the pair (in the total). */
  readonly replicationMonthlyUsd?: number;
  /** primary + standby + replication. */
  readonly totalMonthlyUsd?: number;
};

/** What `tessera replan` shows before it writes a new lock. */
export interface MigrationPlan {
  readonly from: MigrationSide;
  readonly to: MigrationSide;
  readonly moves: readonly Move[];
  /** Every move's one-time transfer, both sites. */
  readonly oneTimeEgressUsd: number;
  /** The totals' difference with a standby, else the primary sites'. */
  readonly monthlySavingUsd: number;
}

const STATEFUL = new Set(["database", "object-storage", "kubernetes"]);

const dataGbOf = (service: Requirements["services"][string]): number =>
  service.kind === "object-storage" ? service.sizeGb : service.kind === "database" ? service.storageGb : 0;

const sameSite = (a: { cloud: Cloud; region: string } | undefined, b: { cloud: Cloud; region: string } | undefined): boolean =>
  a?.cloud === b?.cloud && a?.region === b?.region;

/**
 * The migration from the locked sites to a fresh placement: which stateful services are
 * replaced, how much data moves, and the one-time transfer. The primary's data is copied from the
 * old primary at its price (inter-region within a cloud, internet egress across clouds); a
 * standby's data is re-seeded from the new primary at the new primary's price for the pair's
 * transfer (the column its replication bills, core/replication.ts).
 *
 * @param lockedCandidate the locked primary region priced today (undefined: the price locked in).
 * @param lockedStandby the locked standby region priced today (undefined: the price locked in,
 *   without the replication the lock does not record).
 */
export function migrationPlan(
  catalog: Catalog,
  req: Requirements,
  lock: Lock,
  fresh: Placement,
  lockedCandidate: Candidate | undefined,
  lockedStandby?: Candidate,
): MigrationPlan {
  const from = lock.decision;
  const to = fresh.decision;
  const paired = from.secondary !== undefined || to.secondary !== undefined;
  const moved = !sameSite(from, to);
  const column = from.cloud === to.cloud ? "interRegionEgressGb" : "internetEgressGb";
  const price = regionalPrice(catalog, from.cloud, from.region, column)?.usd ?? 0;
  const moves: Move[] = [];
  for (const [name, service] of Object.entries(req.services)) {
    if (!STATEFUL.has(service.kind)) continue;
    const changed = moved || from.services[name]?.sku !== to.services[name]?.sku;
    if (!changed) continue;
    const dataGb = !moved ? 0 : dataGbOf(service);
    const note = !moved
      ? `resized in place: ${from.services[name]?.sku ?? "(new)"} → ${to.services[name]?.sku}`
      : service.kind === "kubernetes"
        ? "cluster replaced; redeploy workloads (persistent volumes are not modelled)"
        : `replaced in ${to.cloud} ${to.region}; copy ${dataGb} GB before switching`;
    moves.push({ service: name, ...(paired ? { site: "primary" as const } : {}), kind: service.kind, dataGb, egressUsd: cents(dataGb * price), note });
  }
  if (paired) moves.push(...standbyMoves(catalog, req, lock, fresh, moved));
  // Today's price of the locked site when it can still be priced, else the price locked in.
  const currentMonthly = lockedCandidate?.monthlyUsd ?? from.monthlyUsd;
  const fromSide: MigrationSide = { cloud: from.cloud, region: from.region, monthlyUsd: currentMonthly, ...(paired ? lockedPair(catalog, req, lock, lockedCandidate, lockedStandby, currentMonthly) : {}) };
  const toSide: MigrationSide = {
    cloud: to.cloud,
    region: to.region,
    monthlyUsd: to.monthlyUsd,
    ...(paired
      ? {
          ...(to.secondary ? { standby: { cloud: to.secondary.cloud, region: to.secondary.region, monthlyUsd: to.secondary.monthlyUsd } } : {}),
          replicationMonthlyUsd: to.secondary?.replication.monthlyUsd ?? 0,
          totalMonthlyUsd: to.totalMonthlyUsd,
        }
      : {}),
  };
  return {
    from: fromSide,
    to: toSide,
    moves,
    oneTimeEgressUsd: cents(moves.reduce((s, m) => s + m.egressUsd, 0)),
    monthlySavingUsd: cents((fromSide.totalMonthlyUsd ?? fromSide.monthlyUsd) - (toSide.totalMonthlyUsd ?? toSide.monthlyUsd)),
  };
}

/** The locked standby and replication priced today (as placement prices a pair), else as locked. */
function lockedPair(
  catalog: Catalog,
  req: Requirements,
  lock: Lock,
  primary: Candidate | undefined,
  standby: Candidate | undefined,
  primaryMonthly: number,
): Pick<MigrationSide, "standby" | "replicationMonthlyUsd" | "totalMonthlyUsd"> {
  const s = lock.decision.secondary;
  if (!s) return { replicationMonthlyUsd: 0, totalMonthlyUsd: primaryMonthly };
  const r = primary && standby && standby.monthlyUsd !== undefined ? replicationPlan(catalog, req, primary, standby, standby.services) : undefined;
  const standbyMonthly = r?.ok ? siteMonthlyUsd(r.standbyServices, standby!.shared) : s.monthlyUsd;
  const replicationMonthlyUsd = r?.ok ? r.plan.monthlyUsd : 0;
  return {
    standby: { cloud: s.cloud, region: s.region, monthlyUsd: standbyMonthly },
    replicationMonthlyUsd,
    totalMonthlyUsd: cents(primaryMonthly + standbyMonthly + replicationMonthlyUsd),
  };
}

/** The standby's stateful services: re-seeded, resized, created or removed. */
function standbyMoves(catalog: Catalog, req: Requirements, lock: Lock, fresh: Placement, primaryMoved: boolean): Move[] {
  const from = lock.decision.secondary;
  const to = fresh.decision.secondary;
  const primary = fresh.decision;
  const moved = primaryMoved || !sameSite(from, to);
  const moves: Move[] = [];
  for (const [name, service] of Object.entries(req.services)) {
    if (!STATEFUL.has(service.kind)) continue;
    const base = { service: name, site: "standby" as const, kind: service.kind };
    if (!to) {
      moves.push({ ...base, dataGb: 0, egressUsd: 0, note: `standby in ${from!.cloud} ${from!.region} removed (no failover asked); nothing to copy` });
      continue;
    }
    const before = from?.services[name]?.sku;
    const after = to.services[name]?.sku;
    if (!moved && before === after) continue;
    if (!moved) {
      moves.push({ ...base, dataGb: 0, egressUsd: 0, note: `resized in place: ${before ?? "(new)"} → ${after}` });
      continue;
    }
    if (service.kind === "kubernetes") {
      moves.push({ ...base, dataGb: 0, egressUsd: 0, note: `cluster ${from ? "replaced" : "created"} in ${to.cloud} ${to.region}; redeploy workloads (persistent volumes are not modelled)` });
      continue;
    }
    // The new standby's copy is seeded from the new primary, over the link its replication uses.
    const dataGb = dataGbOf(service);
    const cell = replicationFor(service.kind as "database" | "object-storage", primary.cloud, to.cloud);
    const column = cell.supported && cell.transfer === "inter-region" ? "interRegionEgressGb" : "internetEgressGb";
    const price = regionalPrice(catalog, primary.cloud, primary.region, column)?.usd ?? 0;
    const note = `${from ? "replaced" : "created"} in ${to.cloud} ${to.region}; seed ${dataGb} GB from the primary (${primary.cloud} ${primary.region})`;
    moves.push({ ...base, dataGb, egressUsd: cents(dataGb * price), note });
  }
  return moves;
}
