/**
 * The placement engine: evaluates every (cloud, region) in the catalog, picks the cheapest
 * feasible one (and a failover secondary when asked), and explains every rejection.
 *
 * Ordering is deterministic: monthly cost (in cents), then the `clouds.prefer` rank, then the
 * largest RTT to the stack's users, then `cloud/region` by name.
 */
import { CLOUDS, type Cloud } from "../core/cloud";
import type { Catalog, Region } from "./catalog";
import { type CloudExclusion, cloudExclusions, type ComplianceEvidence } from "./compliance";
import { cents, type ServiceCost } from "./cost";
import type { SharedCosts } from "./cost-site";
import { type Candidate, evaluateCandidate, pricedSubtotal, type Reason, usd, userLabel } from "./evaluate";
import { greatCircleKm, rttMs } from "./geo";
import type { PlacementContext } from "./constraints";
import { sharedCosts } from "./cost-site";
import type { Requirements } from "./requirements";
import { failoverPairProblem } from "./webtier";

/** A placed (cloud, region) with its sized services. */
export interface Site {
  readonly cloud: Cloud;
  readonly region: string;
  readonly displayName: string;
  readonly monthlyUsd: number;
  readonly estimated: boolean;
  readonly services: Readonly<Record<string, ServiceCost>>;
  /** Site-wide lines (the network's NAT gateway), by prices.csv item. */
  readonly shared: SharedCosts;
  /** `<service>: <why>` for provisioned parts without a price (monthlyUsd is then a lower bound). */
  readonly unpriced: readonly string[];
  /** The compliance facts the site holds each required program by. */
  readonly compliance: readonly ComplianceEvidence[];
}

/** The answer: where the stack goes, and its standby when failover is asked. */
export interface Decision extends Site {
  readonly secondary?: Site & { readonly distanceKm: number };
  /** primary + secondary. */
  readonly totalMonthlyUsd: number;
}

/** A decision with the candidates behind it. */
export interface Placement {
  readonly decision: Decision;
  readonly candidates: readonly Candidate[];
  readonly catalog: { readonly date: string; readonly computePriceDate: string };
  /** Clouds the compliance list excludes in every region, and why (said, never silent). */
  readonly excludedClouds: readonly CloudExclusion[];
}

/** SKUs to keep per service, and the site to keep, from a lock. */
export interface Pins {
  readonly cloud: Cloud;
  readonly region: string;
  readonly skus: Readonly<Record<string, string>>;
  readonly secondary?: { readonly cloud: Cloud; readonly region: string; readonly skus: Readonly<Record<string, string>> };
}

/** Nothing is feasible. `message` names the most-excluding constraint and the closest relaxation. */
export class NoFeasiblePlacementError extends Error {
  constructor(
    message: string,
    readonly candidates: readonly Candidate[],
    readonly topConstraint: string,
    readonly hint: string | undefined,
    /** Every constraint that rejected a candidate, most-excluding first, with one example reason. */
    readonly rejections: ReadonlyArray<{ readonly constraint: string; readonly count: number; readonly example: string }> = [],
  ) {
    super(message);
    this.name = "NoFeasiblePlacementError";
  }
}

const preferRank = (req: Requirements, cloud: Cloud) => {
  const i = req.clouds?.prefer?.indexOf(cloud) ?? -1;
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};

/** The deterministic order of feasible candidates: fully priced first, then cheapest. */
export function compareCandidates(req: Requirements, a: Candidate, b: Candidate): number {
  return unpricedRank(a) - unpricedRank(b) || (a.monthlyUsd ?? Infinity) - (b.monthlyUsd ?? Infinity) || tieBreak(req, a, b);
}

/** 1 when part of a candidate has no price: its total is a lower bound, so it ranks after every priced one. */
const unpricedRank = (c: { readonly unpriced: readonly string[] }) => (c.unpriced.length > 0 ? 1 : 0);

/** The budget reason of a candidate (or pair) costing `cost` with `unpriced` parts, if any. */
function budgetReason(budget: number | undefined, cost: number, unpriced: readonly string[], suffix = ""): Reason | undefined {
  if (budget === undefined) return undefined;
  if (cost > budget) return { constraint: "budget", message: `over budget: ${usd(cost)} > ${usd(budget)} USD/month${suffix}` };
  if (unpriced.length > 0) return { constraint: "budget", message: `budget of ${usd(budget)} USD/month cannot be confirmed: ${unpriced.join("; ")}${suffix}` };
  return undefined;
}

/** Between equal costs: the `prefer` rank, then the lower RTT, then the name. */
function tieBreak(req: Requirements, a: Candidate, b: Candidate): number {
  return preferRank(req, a.cloud) - preferRank(req, b.cloud) || a.maxRttMs - b.maxRttMs || `${a.cloud}/${a.region}`.localeCompare(`${b.cloud}/${b.region}`);
}

const site = (c: Candidate): Site => ({
  cloud: c.cloud,
  region: c.region,
  displayName: c.displayName,
  monthlyUsd: c.monthlyUsd ?? 0,
  estimated: c.estimated,
  services: c.services,
  shared: c.shared,
  unpriced: c.unpriced,
  compliance: c.compliance,
});

const withReasons = (c: Candidate, extra: readonly Reason[]): Candidate =>
  extra.length === 0 ? c : { ...c, reasons: [...c.reasons, ...extra], feasible: false };

/** A secondary for `primary`: another region, far enough, same cloud unless crossCloud (another cloud when `required`). */
export function secondaryOk(req: Requirements, regions: ReadonlyMap<string, Region>, primary: { cloud: Cloud; region: string }, other: { cloud: Cloud; region: string }): boolean {
  if (other.cloud === primary.cloud && other.region === primary.region) return false;
  if (!req.failover!.crossCloud && other.cloud !== primary.cloud) return false;
  if (req.failover!.crossCloud === "required" && other.cloud === primary.cloud) return false;
  if (failoverPairProblem(req, primary.cloud, other.cloud) !== undefined) return false;
  return greatCircleKm(regions.get(`${primary.cloud}/${primary.region}`)!, regions.get(`${other.cloud}/${other.region}`)!) >= req.failover!.minDistanceKm;
}

interface Evaluated {
  readonly candidates: Candidate[];
  readonly pairs: Map<Candidate, Candidate>;
}

/** Evaluates every region, then applies failover pairing and the budget. */
function evaluateAll(catalog: Catalog, req: Requirements, pins: Pins | undefined, context: PlacementContext): Evaluated {
  const base = catalog.regions.map((region) => {
    const pinned = pins && region.cloud === pins.cloud && region.region === pins.region ? pins.skus : pins?.secondary && region.cloud === pins.secondary.cloud && region.region === pins.secondary.region ? pins.secondary.skus : undefined;
    return evaluateCandidate(catalog, req, region, pinned, context);
  });
  const budget = req.budget?.monthlyUsd;
  const pairs = new Map<Candidate, Candidate>();
  if (!req.failover) {
    const candidates = base.map((c) => {
      const reason = budgetReason(budget, c.monthlyUsd ?? pricedSubtotal(c), c.unpriced);
      return reason ? withReasons(c, [reason]) : c;
    });
    return { candidates, pairs };
  }
  // A standby needs everything but the DNS failover service, which lives on the primary's cloud.
  const standbys = base.filter((c) => c.reasons.every((r) => r.constraint === "failover")).sort((a, b) => compareCandidates(req, a, b));
  const candidates = base.map((c) => {
    const extra: Reason[] = [];
    const own = c.monthlyUsd ?? pricedSubtotal(c);
    if (!c.feasible) {
      const reason = budgetReason(budget, own, c.unpriced);
      if (reason) extra.push(reason);
      return withReasons(c, extra);
    }
    // A locked secondary is kept while it is still a valid standby.
    const locked = pins?.secondary && c.cloud === pins.cloud && c.region === pins.region
      ? standbys.find((s) => s.cloud === pins.secondary!.cloud && s.region === pins.secondary!.region && secondaryOk(req, catalog.regionByKey, c, s))
      : undefined;
    const standby = locked ?? standbys.find((s) => secondaryOk(req, catalog.regionByKey, c, s));
    if (!standby) {
      const where = req.failover!.crossCloud === "required" ? `on another cloud than ${c.cloud}` : req.failover!.crossCloud ? "on any allowed cloud" : `on ${c.cloud}`;
      extra.push({ constraint: "failover", message: `no secondary region ≥ ${usd(req.failover!.minDistanceKm)} km away ${where} meets the constraints` });
    } else {
      const total = cents(c.monthlyUsd! + standby.monthlyUsd!);
      const reason = budgetReason(budget, total, [...c.unpriced, ...standby.unpriced.map((u) => `standby ${u}`)], ` (with secondary ${standby.cloud} ${standby.region})`);
      if (reason) extra.push(reason);
    }
    const judged = withReasons(c, extra);
    if (judged.feasible && standby) pairs.set(judged, standby);
    return judged;
  });
  return { candidates, pairs };
}

const pairCost = (pairs: Map<Candidate, Candidate>, c: Candidate) => cents(c.monthlyUsd! + (pairs.get(c)?.monthlyUsd ?? 0));

function toDecision(regions: ReadonlyMap<string, Region>, primary: Candidate, standby: Candidate | undefined): Decision {
  const p = site(primary);
  if (!standby) return { ...p, totalMonthlyUsd: p.monthlyUsd };
  const distanceKm = Math.round(greatCircleKm(regions.get(`${primary.cloud}/${primary.region}`)!, regions.get(`${standby.cloud}/${standby.region}`)!));
  return { ...p, secondary: { ...site(standby), distanceKm }, totalMonthlyUsd: cents(p.monthlyUsd + standby.monthlyUsd!) };
}

const catalogInfo = (catalog: Catalog, cloud: Cloud) => ({ date: catalog.manifest.date, computePriceDate: catalog.manifest.computePrices[cloud].date });

/** 1 when the candidate or its standby has a part without a price. */
const pairUnpriced = (pairs: Map<Candidate, Candidate>, c: Candidate) => (c.unpriced.length > 0 || (pairs.get(c)?.unpriced.length ?? 0) > 0 ? 1 : 0);

/** Sorts candidates for display: feasible first in decision order, then rejected by name. */
function displayOrder(req: Requirements, pairs: Map<Candidate, Candidate>, candidates: Candidate[]): Candidate[] {
  const feasible = candidates.filter((c) => c.feasible).sort((a, b) => pairUnpriced(pairs, a) - pairUnpriced(pairs, b) || pairCost(pairs, a) - pairCost(pairs, b) || compareCandidates(req, a, b));
  const rejected = candidates.filter((c) => !c.feasible).sort((a, b) => `${a.cloud}/${a.region}`.localeCompare(`${b.cloud}/${b.region}`));
  return [...feasible, ...rejected];
}

/**
 * Places a stack: the cheapest feasible candidate (with failover: the cheapest feasible pair).
 *
 * @param context what placement knows beyond the requirements (the stack's `tessera:accounts`).
 * @throws NoFeasiblePlacementError when nothing is feasible.
 */
export function place(catalog: Catalog, req: Requirements, context: PlacementContext = {}): Placement {
  const result = tryPlace(catalog, req, context);
  if ("candidates" in result && !("decision" in result)) throw infeasible(catalog, req, result.candidates, context);
  return result;
}

/** Places, or returns the candidates when nothing is feasible (no hint search: cheap). */
function tryPlace(catalog: Catalog, req: Requirements, context: PlacementContext): Placement | { candidates: Candidate[] } {
  const { candidates, pairs } = evaluateAll(catalog, req, undefined, context);
  const ordered = displayOrder(req, pairs, candidates);
  const best = ordered[0];
  if (!best || !best.feasible) return { candidates };
  return { decision: toDecision(catalog.regionByKey, best, pairs.get(best)), candidates: ordered, catalog: catalogInfo(catalog, best.cloud), excludedClouds: exclusions(catalog, req) };
}

/** Clouds the stack's compliance list excludes everywhere (among the clouds it allows). */
function exclusions(catalog: Catalog, req: Requirements): CloudExclusion[] {
  const allowed = CLOUDS.filter((c) => (!req.clouds?.allow || req.clouds.allow.includes(c)) && !req.clouds?.deny?.includes(c));
  return cloudExclusions(catalog, allowed, req.compliance, req.minComplianceConfidence);
}

/**
 * Evaluates the locked site (keeping its SKUs while they fit) next to every other candidate.
 * Returns the kept placement, or the locked candidate's reasons when it is no longer feasible.
 */
export function placeLocked(
  catalog: Catalog,
  req: Requirements,
  pins: Pins,
  context: PlacementContext = {},
): { placement: Placement; cheapest: { cloud: Cloud; region: string; totalMonthlyUsd: number } | undefined } | { rejected: Candidate } {
  const { candidates, pairs } = evaluateAll(catalog, req, pins, context);
  const locked = candidates.find((c) => c.cloud === pins.cloud && c.region === pins.region);
  if (!locked) {
    const missing: Candidate = { cloud: pins.cloud, region: pins.region, displayName: pins.region, feasible: false, monthlyUsd: undefined, estimated: false, services: {}, shared: {}, unpriced: [], compliance: [], maxRttMs: 0, reasons: [{ constraint: "catalog", message: `region ${pins.cloud} ${pins.region} is no longer in the catalog` }] };
    return { rejected: missing };
  }
  if (!locked.feasible) return { rejected: locked };
  const ordered = displayOrder(req, pairs, candidates);
  const cheapest = ordered[0];
  return {
    placement: { decision: toDecision(catalog.regionByKey, locked, pairs.get(locked)), candidates: ordered, catalog: catalogInfo(catalog, locked.cloud), excludedClouds: exclusions(catalog, req) },
    cheapest:
      cheapest && cheapest !== locked && pairUnpriced(pairs, cheapest) <= pairUnpriced(pairs, locked) && pairCost(pairs, cheapest) < pairCost(pairs, locked)
        ? { cloud: cheapest.cloud, region: cheapest.region, totalMonthlyUsd: pairCost(pairs, cheapest) }
        : undefined,
  };
}

/** Requirements with one constraint removed (the inverse of a {@link Reason}'s `constraint`). */
export function relax(req: Requirements, constraint: string): Requirements {
  const [kind, arg] = constraint.split(/:(.*)/s) as [string, string | undefined];
  switch (kind) {
    case "clouds":
      return { ...req, clouds: req.clouds?.prefer ? { prefer: req.clouds.prefer } : undefined };
    case "residency":
      return { ...req, residency: undefined };
    case "compliance":
      return { ...req, compliance: req.compliance.filter((id) => id !== arg) };
    case "service": {
      const { [arg!]: _removed, ...rest } = req.services;
      return { ...req, services: rest };
    }
    case "latency":
      // Lift the bound rather than drop the user, so other users' indices stay stable.
      return { ...req, users: req.users.map((u, i) => (userLabel(u, i) === arg ? { ...u, maxRttMs: Number.POSITIVE_INFINITY } : u)) };
    case "budget":
      return { ...req, budget: undefined };
    case "failover":
      return { ...req, failover: undefined };
    case "network":
      return { ...req, network: req.network ? { ...req.network, natGateway: false } : undefined };
    case "accounts":
      // Accounts are not requirements: relaxContext supplies the missing field instead.
      return req;
    default:
      throw new Error(`unknown constraint ${constraint}`);
  }
}

/** The context with an `accounts:<path>` constraint lifted (the field treated as given). */
function relaxContext(context: PlacementContext, constraint: string): PlacementContext {
  return constraint.startsWith("accounts:") ? { ...context, accounts: undefined } : context;
}

/** The site a relaxation reaches and its monthly cost. */
interface Reached {
  readonly cloud: Cloud;
  readonly region: string;
  readonly totalMonthlyUsd: number;
}

function describeRelaxation(catalog: Catalog, req: Requirements, constraint: string, d: Reached): { text: string; distance: number } {
  const [kind, arg] = constraint.split(/:(.*)/s) as [string, string | undefined];
  const region = catalog.regionByKey.get(`${d.cloud}/${d.region}`)!;
  const to = `→ ${d.cloud} ${d.region}`;
  switch (kind) {
    case "budget": {
      const need = d.totalMonthlyUsd;
      return { text: `budget.monthlyUsd: ${usd(need)} (was ${usd(req.budget!.monthlyUsd)}) ${to}`, distance: (need - req.budget!.monthlyUsd) / req.budget!.monthlyUsd };
    }
    case "latency": {
      const i = req.users.findIndex((u, n) => userLabel(u, n) === arg);
      const user = req.users[i]!;
      const need = Math.ceil(rttMs(user, region));
      return { text: `users[${i}].maxRttMs (${arg}): ${need} (was ${user.maxRttMs}) ${to}`, distance: (need - user.maxRttMs) / user.maxRttMs };
    }
    case "compliance":
      return { text: `drop compliance "${arg}" ${to}`, distance: 1 };
    case "service":
      return { text: `drop or resize service "${arg}" ${to}`, distance: 1.5 };
    case "clouds":
      return { text: `remove clouds.allow/deny ${to}`, distance: 1 };
    case "residency":
      return { text: `allow jurisdiction ${region.jurisdiction} in residency ${to}`, distance: 1.2 };
    case "accounts":
      return { text: `set ${arg} in the stack config ${to}`, distance: 0.5 };
    case "network":
      return { text: `network.natGateway: false ${to}`, distance: 1 };
    default:
      return { text: `drop ${constraint} ${to}`, distance: 1.2 };
  }
}

/**
 * Where relaxing one constraint leads, from the candidates already evaluated: drop that
 * constraint's reasons, re-derive the cost (removing a service lowers it) and the budget verdict.
 * Equal to `place(relax(req, constraint))` without evaluating the catalog again (a property test
 * checks the equality); with failover the pairing depends on every candidate, so that case
 * re-places.
 */
export function relaxedSite(catalog: Catalog, req: Requirements, candidates: readonly Candidate[], constraint: string, context: PlacementContext = {}): Reached | undefined {
  if (req.failover) {
    const found = tryPlace(catalog, relax(req, constraint), relaxContext(context, constraint));
    return "decision" in found ? { cloud: found.decision.cloud, region: found.decision.region, totalMonthlyUsd: found.decision.totalMonthlyUsd } : undefined;
  }
  const removed = constraint.startsWith("service:") ? constraint.slice("service:".length) : undefined;
  const budget = constraint === "budget" ? undefined : req.budget?.monthlyUsd;
  // Without the service, the site's shared lines (its NAT gateway) may change: recompute them.
  const without = removed !== undefined ? relax(req, constraint) : req;
  let best: { c: Candidate; cost: number; unpriced: number } | undefined;
  for (const c of candidates) {
    if (c.reasons.some((r) => r.constraint !== constraint && r.constraint !== "budget")) continue;
    const shared = removed === undefined ? c.shared : sharedCosts(catalog, c.cloud, c.region, without);
    const unpriced =
      removed === undefined
        ? c.unpriced
        : [...c.unpriced.filter((u) => !u.startsWith(`${removed}: `) && !u.startsWith("network: ")), ...Object.values(shared).flatMap((l) => (l.unpriced ? [`network: ${l.unpriced}`] : []))];
    let cost: number;
    if (removed !== undefined) {
      let sum = 0;
      for (const [name, s] of Object.entries(c.services)) if (name !== removed) sum += s.monthlyUsd;
      for (const l of Object.values(shared)) sum += l.monthlyUsd;
      cost = cents(sum);
    } else if (c.monthlyUsd === undefined) {
      continue;
    } else {
      cost = c.monthlyUsd;
    }
    if (budgetReason(budget, cost, unpriced)) continue;
    const rank = unpriced.length > 0 ? 1 : 0;
    if (!best || rank < best.unpriced || (rank === best.unpriced && (cost < best.cost || (cost === best.cost && tieBreak(req, c, best.c) < 0)))) best = { c, cost, unpriced: rank };
  }
  return best ? { cloud: best.c.cloud, region: best.c.region, totalMonthlyUsd: best.cost } : undefined;
}

function infeasible(catalog: Catalog, req: Requirements, candidates: readonly Candidate[], context: PlacementContext): NoFeasiblePlacementError {
  const excluded = new Map<string, number>();
  for (const c of candidates) for (const id of new Set(c.reasons.map((r) => r.constraint))) excluded.set(id, (excluded.get(id) ?? 0) + 1);
  const ranked = [...excluded].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [top, count] = ranked[0] ?? ["(none)", 0];
  // One real reason per constraint ("no GPU offering A100 ×4 …"), not only its id.
  const example = (constraint: string) => {
    for (const c of candidates) {
      const r = c.reasons.find((x) => x.constraint === constraint);
      if (r) return `${c.cloud} ${c.region}: ${r.message}`;
    }
    return "";
  };
  let best: { text: string; distance: number } | undefined;
  for (const [constraint] of ranked) {
    // Dropping the only service is not advice.
    if (constraint.startsWith("service:") && Object.keys(req.services).length === 1) continue;
    const reached = relaxedSite(catalog, req, candidates, constraint, context);
    if (!reached) continue;
    const option = describeRelaxation(catalog, req, constraint, reached);
    if (!best || option.distance < best.distance) best = option;
  }
  const lines = [
    `no feasible placement among ${candidates.length} candidates.`,
    `The constraint that excluded the most: ${top} (${count} of ${candidates.length}), e.g. ${example(top)}.`,
    ...ranked.slice(1, 4).map(([id, n]) => `  then ${id} (${n}), e.g. ${example(id)}`),
    best ? `Did you mean: ${best.text}?` : "No single relaxation makes any candidate feasible.",
  ];
  const rejections = ranked.map(([constraint, n]) => ({ constraint, count: n, example: example(constraint) }));
  return new NoFeasiblePlacementError(lines.join("\n"), candidates, top, best?.text, rejections);
}
