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
import { type ReplicationPlan, siteMonthlyUsd } from "./cost-replication";
import type { SharedCosts } from "./cost-site";
import { type Candidate, evaluateCandidate, pricedSubtotal, type Reason, usd } from "./evaluate";
import { greatCircleKm } from "./geo";
import type { PlacementContext } from "./constraints";
import type { Requirements } from "./requirements";
import { attempts, type Reached, type Relaxation, relax } from "./hints";
import { findPair, type Pair, siteName, unpricedRank } from "./pair";

export { relax } from "./hints";

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
  /** The standby (its services priced as what they are: replicas, or backup copies) and how its data is kept. */
  readonly secondary?: Site & { readonly distanceKm: number; readonly replication: ReplicationPlan };
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
    /** The hint as requirement edits (`hint` is its text). */
    readonly relaxation?: Relaxation,
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


/** The budget reason of a candidate (or pair) costing `cost` with `unpriced` parts, if any. */
function budgetReason(budget: number | undefined, cost: number, unpriced: readonly string[], suffix = ""): Reason | undefined {
  if (budget === undefined) return undefined;
  if (cost > budget) return { constraint: "budget", message: `over budget: ${usd(cost)} > ${budgetText(budget)} USD/month${suffix}` };
  if (unpriced.length > 0) return { constraint: "budget", message: `budget of ${budgetText(budget)} USD/month cannot be confirmed: ${unpriced.join("; ")}${suffix}` };
  return undefined;
}

/** `usd(budget)`, remembered for the budget asked last: every candidate's reason names it. */
function budgetText(budget: number): string {
  if (!Object.is(budget, lastBudget)) {
    lastBudgetText = usd(budget);
    lastBudget = budget;
  }
  return lastBudgetText;
}
let lastBudget = Number.NaN;
let lastBudgetText = "";

/** `String#localeCompare` without its arguments, as one collator: the same order, without a lookup per comparison. */
const COLLATOR = new Intl.Collator();

/** Between equal costs: the `prefer` rank, then the lower RTT, then the name. */
function tieBreak(req: Requirements, a: Candidate, b: Candidate): number {
  return preferRank(req, a.cloud) - preferRank(req, b.cloud) || a.maxRttMs - b.maxRttMs || COLLATOR.compare(siteName(a), siteName(b));
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

interface Evaluated {
  readonly candidates: Candidate[];
  readonly pairs: Map<Candidate, Pair>;
  /** The candidates before failover pairing and the budget (what the hint search relaxes). */
  readonly base: readonly Candidate[];
}

/** Evaluates every region, then applies failover pairing and the budget. */
function evaluateAll(catalog: Catalog, req: Requirements, pins: Pins | undefined, context: PlacementContext): Evaluated {
  const base = catalog.regions.map((region) => {
    const pinned = pins && region.cloud === pins.cloud && region.region === pins.region ? pins.skus : pins?.secondary && region.cloud === pins.secondary.cloud && region.region === pins.secondary.region ? pins.secondary.skus : undefined;
    return evaluateCandidate(catalog, req, region, pinned, context);
  });
  return { ...judge(catalog, req, base, pins), base };
}

/** Failover pairing and the budget over evaluated candidates. */
function judge(catalog: Catalog, req: Requirements, base: readonly Candidate[], pins: Pins | undefined): Omit<Evaluated, "base"> {
  const budget = req.budget?.monthlyUsd;
  const pairs = new Map<Candidate, Pair>();
  if (!req.failover) {
    const candidates = base.map((c) => {
      const reason = budgetReason(budget, c.monthlyUsd ?? pricedSubtotal(c), c.unpriced);
      return reason ? withReasons(c, [reason]) : c;
    });
    return { candidates, pairs };
  }
  // A standby needs everything but the DNS failover service, which lives on the primary's cloud.
  const standbys = base.filter((c) => c.reasons.every((r) => r.constraint === "failover")).sort((a, b) => compareCandidates(req, a, b));
  const regionOf = (c: Candidate) => catalog.regionByKey.get(siteName(c))!;
  const standbyRegions = standbys.map(regionOf);
  const candidates = base.map((c) => {
    const extra: Reason[] = [];
    const own = c.monthlyUsd ?? pricedSubtotal(c);
    if (!c.feasible) {
      const reason = budgetReason(budget, own, c.unpriced);
      if (reason) extra.push(reason);
      return withReasons(c, extra);
    }
    // A locked secondary is kept while it is still a valid standby.
    const lockedStandby = pins?.secondary && c.cloud === pins.cloud && c.region === pins.region
      ? standbys.filter((s) => s.cloud === pins.secondary!.cloud && s.region === pins.secondary!.region)
      : [];
    const locked = lockedStandby.length > 0 ? findPair(catalog, req, c, lockedStandby, lockedStandby.map(regionOf)) : undefined;
    const pair = typeof locked === "object" ? locked : findPair(catalog, req, c, standbys, standbyRegions);
    if (typeof pair === "string") {
      const where = req.failover!.crossCloud === "required" ? `on another cloud than ${c.cloud}` : req.failover!.crossCloud ? "on any allowed cloud" : `on ${c.cloud}`;
      extra.push({ constraint: "failover", message: `no secondary region ≥ ${usd(req.failover!.minDistanceKm)} km away ${where} meets the constraints${pair ? ` and can keep the data${pair}` : ""}` });
    } else {
      const total = cents(c.monthlyUsd! + pair.monthlyUsd);
      const reason = budgetReason(budget, total, [...c.unpriced, ...pair.unpriced.map((u) => `standby ${u}`)], ` (with secondary ${pair.standby.cloud} ${pair.standby.region} and replication)`);
      if (reason) extra.push(reason);
    }
    const judged = withReasons(c, extra);
    if (judged.feasible && typeof pair === "object") pairs.set(judged, pair);
    return judged;
  });
  return { candidates, pairs };
}

const pairCost = (pairs: Map<Candidate, Pair>, c: Candidate) => cents(c.monthlyUsd! + (pairs.get(c)?.monthlyUsd ?? 0));

function toDecision(regions: ReadonlyMap<string, Region>, primary: Candidate, pair: Pair | undefined): Decision {
  const p = site(primary);
  if (!pair) return { ...p, totalMonthlyUsd: p.monthlyUsd };
  const standby = pair.standby;
  const distanceKm = Math.round(greatCircleKm(regions.get(`${primary.cloud}/${primary.region}`)!, regions.get(`${standby.cloud}/${standby.region}`)!));
  const services = pair.services;
  const secondary = { ...site(standby), services, monthlyUsd: siteMonthlyUsd(services, standby.shared), estimated: standby.estimated || Object.values(services).some((s) => s.estimated), distanceKm, replication: pair.replication };
  return { ...p, secondary, totalMonthlyUsd: cents(p.monthlyUsd + pair.monthlyUsd) };
}

const catalogInfo = (catalog: Catalog, cloud: Cloud) => ({ date: catalog.manifest.date, computePriceDate: catalog.manifest.computePrices[cloud].date });

/** 1 when the candidate or its standby has a part without a price. */
const pairUnpriced = (pairs: Map<Candidate, Pair>, c: Candidate) => (c.unpriced.length > 0 || (pairs.get(c)?.unpriced.length ?? 0) > 0 ? 1 : 0);

/** Sorts candidates for display: feasible first in decision order, then rejected by name. */
function displayOrder(req: Requirements, pairs: Map<Candidate, Pair>, candidates: Candidate[]): Candidate[] {
  const feasible = candidates.filter((c) => c.feasible).sort((a, b) => pairUnpriced(pairs, a) - pairUnpriced(pairs, b) || pairCost(pairs, a) - pairCost(pairs, b) || compareCandidates(req, a, b));
  // By name, each name built once (the comparator ran ~1,500 times per placement).
  const rejected = candidates
    .filter((c) => !c.feasible)
    .map((c) => ({ c, name: siteName(c) }))
    .sort((a, b) => COLLATOR.compare(a.name, b.name))
    .map(({ c }) => c);
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
  if (!("decision" in result)) throw infeasible(catalog, req, result.candidates, result.base, context);
  return result;
}

/** Places, or returns the candidates when nothing is feasible (no hint search: cheap). */
function tryPlace(catalog: Catalog, req: Requirements, context: PlacementContext): Placement | Omit<Evaluated, "pairs"> {
  const { candidates, pairs, base } = evaluateAll(catalog, req, undefined, context);
  const ordered = displayOrder(req, pairs, candidates);
  const best = ordered[0];
  if (!best || !best.feasible) return { candidates, base };
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

/**
 * The did-you-mean search: where relaxing one constraint leads, for any constraint. Equal to
 * `place(relax(req, constraint))` (property tests check it, with and without failover) without
 * evaluating the whole catalog again per constraint: relaxing `X` can only free a candidate that
 * `X` alone rejects (with failover, `X` and `failover`: a standby needs everything but the DNS
 * failover service), so the candidates are indexed once by what rejects them, and each
 * constraint re-evaluates only its own few under the relaxed requirements (so a removed service
 * or NAT gateway is repriced exactly) and judges them as placement does (pairing and budget). An
 * `accounts:<path>` constraint is relaxed alone: the other missing fields still reject.
 *
 * @param base the candidates before pairing and budget (`Evaluated.base`).
 */
function relaxations(catalog: Catalog, req: Requirements, base: readonly Candidate[], context: PlacementContext): (constraint: string, relaxed?: Requirements) => Reached | undefined {
  // What rejects each candidate; one rejected by three or more constraints stays rejected after relaxing one.
  const byRejection = new Map<string, Candidate[]>();
  for (const c of base) {
    // The distinct rejecting constraints, sorted and joined (at most two; a third skips the candidate).
    let first: string | undefined;
    let second: string | undefined;
    let more = false;
    for (const { constraint } of c.reasons) {
      if (constraint === first || constraint === second) continue;
      if (first === undefined) first = constraint;
      else if (second === undefined) second = constraint;
      else {
        more = true;
        break;
      }
    }
    if (more) continue;
    const key = first === undefined ? "" : second === undefined ? first : first < second ? `${first}\n${second}` : `${second}\n${first}`;
    const list = byRejection.get(key);
    if (list) list.push(c);
    else byRejection.set(key, [c]);
  }
  const rejectedBy = (...constraints: string[]) => byRejection.get([...new Set(constraints)].sort().join("\n")) ?? [];

  return (constraint, relaxed = relax(req, constraint)) => {
    const primaries = constraint === "budget" ? rejectedBy() : [...rejectedBy(), ...rejectedBy(constraint)];
    if (primaries.length === 0) return undefined;
    const standbys = !req.failover ? [] : constraint === "budget" ? rejectedBy("failover") : [...rejectedBy("failover"), ...rejectedBy(constraint, "failover")];
    // Only an `accounts:` relaxation leaves its reasons in place (the field is supplied, not a requirement).
    const accounts = constraint.startsWith("accounts:");
    const freed = [...primaries, ...standbys].map((c) => {
      const judged = evaluateCandidate(catalog, relaxed, catalog.regionByKey.get(`${c.cloud}/${c.region}`)!, undefined, context, { req, candidate: c });
      return accounts ? withoutReasons(judged, constraint) : judged;
    });
    const { candidates, pairs } = judge(catalog, relaxed, freed, undefined);
    const best = displayOrder(relaxed, pairs, candidates)[0];
    if (!best?.feasible) return undefined;
    const d = toDecision(catalog.regionByKey, best, pairs.get(best));
    const unpriced = [...d.unpriced, ...(d.secondary?.unpriced.map((u) => `standby ${u}`) ?? [])];
    return { cloud: d.cloud, region: d.region, totalMonthlyUsd: d.totalMonthlyUsd, clouds: [...new Set([d.cloud, ...(d.secondary ? [d.secondary.cloud] : [])])], unpriced, ...(d.secondary && { standby: { cloud: d.secondary.cloud, region: d.secondary.region } }) };
  };
}

const withoutReasons = (c: Candidate, constraint: string): Candidate => {
  const reasons = c.reasons.filter((r) => r.constraint !== constraint);
  return reasons.length === c.reasons.length ? c : { ...c, reasons, feasible: reasons.length === 0 };
};

/** Where relaxing one constraint leads (see {@link relaxations}): the site and its monthly cost with the standby, undefined when nothing becomes feasible. */
export function relaxedSite(catalog: Catalog, req: Requirements, constraint: string, context: PlacementContext = {}): Reached | undefined {
  return relaxations(catalog, req, evaluateAll(catalog, req, undefined, context).base, context)(constraint);
}

/**
 * The infeasible error: every rejecting constraint with a real example, and the closest valid
 * relaxation. Candidates on the clouds the stack allows come first: their constraints rank first
 * and give the examples, so the real blocker is never hidden behind `clouds`.
 */
function infeasible(catalog: Catalog, req: Requirements, candidates: readonly Candidate[], base: readonly Candidate[], context: PlacementContext): NoFeasiblePlacementError {
  const onAllowed = (c: Candidate) => !c.reasons.some((r) => r.constraint === "clouds");
  const allowed = candidates.filter(onAllowed);
  const excluded = new Map<string, { count: number; allowed: number }>();
  const seen = new Set<string>();
  for (const c of candidates) {
    const onAllowedCloud = onAllowed(c);
    seen.clear();
    for (const { constraint: id } of c.reasons) {
      if (seen.has(id)) continue;
      seen.add(id);
      let n = excluded.get(id);
      if (!n) excluded.set(id, (n = { count: 0, allowed: 0 }));
      n.count++;
      if (onAllowedCloud) n.allowed++;
    }
  }
  const ranked = [...excluded].sort((a, b) => b[1].allowed - a[1].allowed || b[1].count - a[1].count || a[0].localeCompare(b[0]));
  const [top, { count, allowed: topAllowed }] = ranked[0] ?? ["(none)", { count: 0, allowed: 0 }];
  const relaxedSite = relaxations(catalog, req, base, context);
  // One real reason per constraint ("no GPU offering A100 ×4 …"), not only its id; from an allowed cloud first.
  const example = (constraint: string) => {
    for (const list of [allowed, candidates]) {
      for (const c of list) {
        const r = c.reasons.find((x) => x.constraint === constraint);
        if (r) return `${c.cloud} ${c.region}: ${r.message}`;
      }
    }
    return "";
  };
  const allowedClouds = CLOUDS.filter((c) => (!req.clouds?.allow || req.clouds.allow.includes(c)) && !req.clouds?.deny?.includes(c));
  let best: (Relaxation & { tier: number; distance: number }) | undefined;
  for (const attempt of attempts(catalog, req, ranked.map(([id]) => id), allowedClouds)) {
    const reached = relaxedSite(attempt.constraint, attempt.relaxed);
    const option = reached && attempt.describe(reached);
    if (!reached || !option) continue;
    if (!best || attempt.tier < best.tier || (attempt.tier === best.tier && option.distance < best.distance)) best = { constraint: attempt.constraint, ...option, reached, tier: attempt.tier };
  }
  const restricted = allowed.length > 0 && allowed.length < candidates.length;
  const lines = [
    `no feasible placement among ${candidates.length} candidates.`,
    restricted
      ? `The constraint that excluded the most of the ${allowed.length} on allowed clouds: ${top} (${topAllowed} of ${allowed.length}), e.g. ${example(top)}.`
      : `The constraint that excluded the most: ${top} (${count} of ${candidates.length}), e.g. ${example(top)}.`,
    ...ranked.slice(1, 4).map(([id, n]) => `  then ${id} (${restricted && n.allowed > 0 ? `${n.allowed} on allowed clouds` : n.count}), e.g. ${example(id)}`),
    best ? `Did you mean: ${best.text}?` : "No single relaxation makes any candidate feasible.",
  ];
  const rejections = ranked.map(([constraint, n]) => ({ constraint, count: n.count, example: example(constraint) }));
  const relaxation = best && { constraint: best.constraint, text: best.text, edits: best.edits, reached: best.reached };
  return new NoFeasiblePlacementError(lines.join("\n"), candidates, top, best?.text, rejections, relaxation);
}
