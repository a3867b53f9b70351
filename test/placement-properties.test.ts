/**
 * Placement properties over random stacks (fast-check): optimality against brute force, no hard
 * constraint ever violated, rejection reasons complete and sound, hints equal to a full re-place,
 * determinism, and failover pairs that are valid and cheapest.
 */
import test from "ava";
import fc from "fast-check";
import { requirementsArb } from "../bench/stacks";
import { loadCatalog, type Region } from "../placement/catalog";
import { CONFIDENCE_LEVELS } from "../placement/confidence";
import { complianceNeeds, inEea, programGap } from "../placement/compliance";
import { cents } from "../placement/cost";
import { replicationPlan, siteMonthlyUsd } from "../placement/cost-replication";
import { type Candidate, evaluateCandidate, pricedSubtotal } from "../placement/evaluate";
import { greatCircleKm, rttMs } from "../placement/geo";
import { NoFeasiblePlacementError, place, type Placement, relax, relaxedSite } from "../placement/place";
import { parseRequirements, type Requirements } from "../placement/requirements";
import { residencyReasons } from "../placement/residency";

const catalog = loadCatalog();
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 80), seed: Number(process.env.PROPERTY_SEED ?? 20261124) };
const stacks = requirementsArb(catalog).map((input) => parseRequirements(input, catalog));

/** The candidates place() judged, feasible or not. */
function judged(req: Requirements): { placement?: Placement; candidates: readonly Candidate[] } {
  try {
    const placement = place(catalog, req);
    return { placement, candidates: placement.candidates };
  } catch (e) {
    if (e instanceof NoFeasiblePlacementError) return { candidates: e.candidates };
    throw e;
  }
}

/** A budget holds when the cost fits and nothing provisioned is unpriced (an unpriced part can never be confirmed). */
const withinBudget = (req: Requirements, cost: number, unpriced: readonly string[]) => req.budget === undefined || (cost <= req.budget.monthlyUsd && unpriced.length === 0);

/** Brute force, independent of place(): every region, every constraint, budget included. */
function bruteForce(req: Requirements): Candidate[] {
  return catalog.regions.map((r) => evaluateCandidate(catalog, req, r)).filter((c) => c.feasible && withinBudget(req, c.monthlyUsd ?? Infinity, c.unpriced));
}

/** The optimum: the cheapest fully priced candidate; only when none is fully priced, the cheapest lower bound. */
const optimum = (costs: ReadonlyArray<{ cost: number; unpriced: boolean }>) => {
  const priced = costs.filter((c) => !c.unpriced);
  return Math.min(...(priced.length > 0 ? priced : costs).map((c) => c.cost));
};

test("the chosen placement costs exactly the minimum over all feasible candidates", (t) => {
  fc.assert(
    fc.property(stacks, (req) => {
      const feasible = bruteForce(req);
      const { placement } = judged(req);
      if (feasible.length === 0) return placement === undefined;
      return placement !== undefined && placement.decision.monthlyUsd === optimum(feasible.map((c) => ({ cost: c.monthlyUsd!, unpriced: c.unpriced.length > 0 })));
    }),
    RUNS,
  );
  t.pass();
});

/** Residency as the README defines it, written independently: countries narrow their own jurisdiction. */
function residencyOk(req: Requirements, region: Region): boolean {
  const r = req.residency;
  if (!r) return true;
  if (r.jurisdictions && !r.jurisdictions.includes(region.jurisdiction)) return false;
  if (r.countries) {
    const narrowing = r.jurisdictions ? r.countries.filter((c) => catalog.regions.some((x) => x.country === c && x.jurisdiction === region.jurisdiction)) : r.countries;
    if (narrowing.length > 0 && !narrowing.includes(region.country)) return false;
  }
  return !r.deny?.jurisdictions?.includes(region.jurisdiction) && !r.deny?.countries?.includes(region.country);
}

test("a decision never violates a hard constraint", (t) => {
  fc.assert(
    fc.property(stacks, (req) => {
      const { placement } = judged(req);
      if (!placement) return true;
      const d = placement.decision;
      const region = catalog.regionByKey.get(`${d.cloud}/${d.region}`)!;
      const needs = complianceNeeds(req.compliance);
      return (
        (!req.clouds?.allow || req.clouds.allow.includes(d.cloud)) &&
        !req.clouds?.deny?.includes(d.cloud) &&
        residencyOk(req, region) &&
        needs.programs.every((p) => programGap(catalog, d.cloud, d.region, p, req.minComplianceConfidence) === undefined) &&
        d.compliance.every((e) => CONFIDENCE_LEVELS.indexOf(e.confidence) >= CONFIDENCE_LEVELS.indexOf(req.minComplianceConfidence)) &&
        (!needs.eea || inEea(region)) &&
        req.users.every((u) => rttMs(u, region) <= u.maxRttMs) &&
        withinBudget(req, d.totalMonthlyUsd, [...d.unpriced, ...(d.secondary?.unpriced ?? [])]) &&
        Object.keys(req.services).every((name) => d.services[name] !== undefined)
      );
    }),
    RUNS,
  );
  t.pass();
});

/** Re-judges one candidate under relaxed requirements, budget included. */
function rejudge(req: Requirements, c: Candidate): Candidate {
  const again = evaluateCandidate(catalog, req, catalog.regionByKey.get(`${c.cloud}/${c.region}`)!);
  const cost = again.monthlyUsd ?? pricedSubtotal(again);
  return !withinBudget(req, cost, again.unpriced)
    ? { ...again, feasible: false, reasons: [...again.reasons, { constraint: "budget", message: "over budget" }] }
    : again;
}

const rejectedSample = (req: Requirements) => judged(req).candidates.filter((c) => !c.feasible).filter((_, i) => i % 37 === 0);

test("rejection reasons are complete: relaxing every listed constraint makes the candidate feasible", (t) => {
  fc.assert(
    fc.property(stacks, (req) =>
      rejectedSample(req).every((c) => {
        const relaxed = [...new Set(c.reasons.map((r) => r.constraint))].reduce(relax, req);
        return rejudge(relaxed, c).feasible;
      }),
    ),
    RUNS,
  );
  t.pass();
});

test("rejection reasons are sound: relaxing one constraint removes its reasons, and the only one flips the verdict", (t) => {
  fc.assert(
    fc.property(stacks, (req) =>
      rejectedSample(req).every((c) => {
        const constraints = [...new Set(c.reasons.map((r) => r.constraint))];
        return constraints.every((s) => {
          const after = rejudge(relax(req, s), c);
          const gone = after.reasons.every((r) => r.constraint !== s);
          return gone && (constraints.length > 1 || after.feasible);
        });
      }),
    ),
    RUNS,
  );
  t.pass();
});

/** For an infeasible stack, every constraint's relaxation from the hint search equals placing the relaxed requirements from scratch. */
const hintsExact = (req: Requirements) => {
  const { candidates, placement } = judged(req);
  if (placement) return true;
  const constraints = [...new Set(candidates.flatMap((c) => c.reasons.map((r) => r.constraint)))];
  return constraints.every((s) => {
    const fast = relaxedSite(catalog, req, s);
    const slow = judged(relax(req, s)).placement?.decision;
    return fast === undefined ? slow === undefined : slow !== undefined && fast.cloud === slow.cloud && fast.region === slow.region && fast.totalMonthlyUsd === slow.totalMonthlyUsd;
  });
};

test("the did-you-mean relaxation equals placing the relaxed requirements from scratch", (t) => {
  fc.assert(fc.property(stacks, hintsExact), RUNS);
  t.pass();
});

test("with failover, the did-you-mean relaxation equals placing the relaxed requirements from scratch", (t) => {
  fc.assert(fc.property(requirementsArb(catalog, { failover: true }).map((i) => parseRequirements(i, catalog)), hintsExact), { numRuns: 40, seed: 1213 });
  t.pass();
});

test("same requirements, same placement and candidate order", (t) => {
  fc.assert(
    fc.property(requirementsArb(catalog), (input) => {
      const a = judged(parseRequirements(input, catalog));
      const b = judged(parseRequirements(structuredClone(input), catalog));
      return JSON.stringify(a) === JSON.stringify(b);
    }),
    { numRuns: 30, seed: 7 },
  );
  t.pass();
});

test("failover: the secondary is valid and the pair is the cheapest valid pair", (t) => {
  fc.assert(
    fc.property(requirementsArb(catalog, { failover: true }).map((i) => parseRequirements(i, catalog)), (req) => {
      const { placement } = judged(req);
      const standbys = catalog.regions.map((r) => evaluateCandidate(catalog, req, r)).filter((c) => c.reasons.every((x) => x.constraint === "failover"));
      const primaries = standbys.filter((c) => c.feasible);
      const where = (c: { cloud: string; region: string }) => catalog.regionByKey.get(`${c.cloud}/${c.region}`)!;
      const crossOk = (p: Candidate, s: Candidate) => (req.failover!.crossCloud === "required" ? p.cloud !== s.cloud : req.failover!.crossCloud || p.cloud === s.cloud);
      const valid: Array<{ cost: number; unpriced: boolean }> = [];
      for (const p of primaries) {
        for (const s of standbys) {
          const ok = (p.cloud !== s.cloud || p.region !== s.region) && crossOk(p, s) && greatCircleKm(where(p), where(s)) >= req.failover!.minDistanceKm;
          // The standby priced as what it is, plus the replication that keeps its data.
          const r = replicationPlan(catalog, req, p, s, s.services);
          if (!r.ok) continue;
          const total = cents(p.monthlyUsd! + cents(siteMonthlyUsd(r.standbyServices, s.shared) + r.plan.monthlyUsd));
          const unpriced = [...p.unpriced, ...s.unpriced];
          if (ok && withinBudget(req, total, unpriced)) valid.push({ cost: total, unpriced: unpriced.length > 0 });
        }
      }
      if (!placement) return valid.length === 0;
      const best = optimum(valid);
      const d = placement.decision;
      const s = d.secondary!;
      return (
        d.totalMonthlyUsd === best &&
        (s.cloud !== d.cloud || s.region !== d.region) &&
        // Every replicated copy lives on the standby: under the primary's residency, with a fact for each compliance program.
        residencyReasons(catalog, req.residency, where(s)).length === 0 &&
        req.compliance.every((program) => s.compliance.some((e) => e.requirement === program)) &&
        (req.failover!.crossCloud === "required" ? s.cloud !== d.cloud : req.failover!.crossCloud || s.cloud === d.cloud) &&
        greatCircleKm(where(d), where(s)) >= req.failover!.minDistanceKm
      );
    }),
    { numRuns: 40, seed: 99 },
  );
  t.pass();
});
