/**
 * The failover pair search: for a primary candidate, the cheapest standby that is far enough,
 * on an allowed cloud, and can keep the primary's data (its services repriced as replicas plus
 * the replication transfer). Split from place.ts, which ranks the primaries.
 */
import type { Cloud } from "../core/cloud";
import type { Catalog, Region } from "./catalog";
import { cents, type ServiceCost } from "./cost";
import { type ReplicationPlan, replicationPlan, siteMonthlyUsd } from "./cost-replication";
import type { Candidate } from "./evaluate";
import { greatCircleKm } from "./geo";
import type { Requirements } from "./requirements";
import { failoverPairProblem } from "./webtier";

/** `cloud/region`: the catalog's region key and the name ties are broken by. */
export const siteName = (c: { readonly cloud: Cloud; readonly region: string }): string => `${c.cloud}/${c.region}`;

/** 1 when part of a candidate has no price: its total is a lower bound, so it ranks after every priced one. */
export const unpricedRank = (c: { readonly unpriced: readonly string[] }): number => (c.unpriced.length > 0 ? 1 : 0);

/**
 * Whether `other` can be `primary`'s standby: another region, at least `failover.minDistanceKm`
 * away, the same cloud unless `crossCloud` (another cloud when `required`), and a pair the web
 * tier can fail over between. The primary's region is only looked up when the distance is needed.
 */
function secondaryOkAt(req: Requirements, primary: { cloud: Cloud; region: string }, primaryRegion: () => Region, other: { cloud: Cloud; region: string }, otherRegion: Region): boolean {
  if (other.cloud === primary.cloud && other.region === primary.region) return false;
  if (!req.failover!.crossCloud && other.cloud !== primary.cloud) return false;
  if (req.failover!.crossCloud === "required" && other.cloud === primary.cloud) return false;
  if (failoverPairProblem(req, primary.cloud, other.cloud) !== undefined) return false;
  return greatCircleKm(primaryRegion(), otherRegion) >= req.failover!.minDistanceKm;
}

/** A primary's standby, its repriced services and the replication between them. */
export interface Pair {
  readonly standby: Candidate;
  readonly services: Readonly<Record<string, ServiceCost>>;
  /** The standby's own cost plus the replication transfer. */
  readonly monthlyUsd: number;
  readonly replication: ReplicationPlan;
  readonly unpriced: readonly string[];
}

/**
 * The cheapest standby (its repriced services plus the replication) that is far enough and can
 * keep the primary's data; priced standbys before ones with unpriced parts, then the standby order.
 * Returns the first reason a standby could not keep the data when none can.
 */
export function findPair(catalog: Catalog, req: Requirements, primary: Candidate, standbys: readonly Candidate[], regions: readonly Region[]): Pair | string {
  let why = "";
  let best: Pair | undefined;
  // The primary's region, looked up once (every standby is checked against it).
  let at: Region | undefined;
  const primaryRegion = () => (at ??= catalog.regionByKey.get(siteName(primary))!);
  for (let i = 0; i < standbys.length; i++) {
    const s = standbys[i]!;
    if (!secondaryOkAt(req, primary, primaryRegion, s, regions[i]!)) continue;
    const r = replicationPlan(catalog, req, primary, s, s.services);
    if (!r.ok) {
      why ||= ` (${s.cloud} ${s.region}: ${r.reason})`;
      continue;
    }
    const pair: Pair = { standby: s, services: r.standbyServices, replication: r.plan, monthlyUsd: cents(siteMonthlyUsd(r.standbyServices, s.shared) + r.plan.monthlyUsd), unpriced: s.unpriced };
    if (!best || unpricedRank(pair) - unpricedRank(best) < 0 || (unpricedRank(pair) === unpricedRank(best) && pair.monthlyUsd < best.monthlyUsd)) best = pair;
  }
  return best ?? why;
}

