/**
 * Placement properties over random stacks (fast-check): optimality against brute force, no hard
 * constraint ever violated, rejection reasons complete and sound, hints equal to a full re-place,
 * determinism, and failover pairs that are valid and cheapest.
 */
import test from "ava";
import fc from "fast-check";
import { requirementsArb } from "../bench/stacks";
import { loadCatalog } from "../placement/catalog";
import { complianceNeeds, inEea, programGap } from "../placement/compliance";
import { cents } from "../placement/cost";
import { replicationPlan, siteMonthlyUsd } from "../placement/cost-replication";
import { type Candidate, evaluateCandidate, pricedSubtotal } from "../placement/evaluate";
import { greatCircleKm, rttMs } from "../placement/geo";
import { NoFeasiblePlacementError, place, type Placement, relax, relaxedSite } from "../placement/place";
import { parseRequirements, type Requirements } from "../placement/requirements";

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

/** Brute force, independent of place(): every region, every constraint, budget included. */
function bruteForce(req: Requirements): Candidate[] {
  return catalog.regions
    .map((r) => evaluateCandidate(catalog, req, r))
    .filter((c) => c.feasible && (req.budget === undefined || (c.monthlyUsd ?? Infinity) <= req.budget.monthlyUsd));
}

test("the chosen placement costs exactly the minimum over all feasible candidates", (t) => {
  fc.assert(
    fc.property(stacks, (req) => {
      const feasible = bruteForce(req);
      const { placement } = judged(req);
      if (feasible.length === 0) return placement === undefined;
      return placement !== undefined && placement.decision.monthlyUsd === Math.min(...feasible.map((c) => c.monthlyUsd!));
    }),
    RUNS,
  );
  t.pass();
});

test("a decision never violates a hard constraint", (t) => {
  fc.assert(
    fc.property(stacks, (req) => {
      const { placement } = judged(req);
      if (!placement) return true;
      const d = placement.decision;
      const region = catalog.regionByKey.get(`${d.cloud}/${d.region}`)!;
      const r = req.residency;
      const needs = complianceNeeds(req.compliance);
      return (
        (!req.clouds?.allow || req.clouds.allow.includes(d.cloud)) &&
        !req.clouds?.deny?.includes(d.cloud) &&
        (!r?.jurisdictions && !r?.countries ? true : (r.jurisdictions?.includes(region.jurisdiction) ?? false) || (r.countries?.includes(region.country) ?? false)) &&
        needs.programs.every((p) => programGap(catalog, d.cloud, d.region, p) === undefined) &&
        (!needs.eea || inEea(region)) &&
        req.users.every((u) => rttMs(u, region) <= u.maxRttMs) &&
        (req.budget === undefined || d.totalMonthlyUsd <= req.budget.monthlyUsd) &&
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
  return req.budget !== undefined && cost > req.budget.monthlyUsd
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

test("the did-you-mean relaxation equals placing the relaxed requirements from scratch", (t) => {
  fc.assert(
    fc.property(stacks, (req) => {
      const { candidates, placement } = judged(req);
      if (placement) return true;
      const constraints = [...new Set(candidates.flatMap((c) => c.reasons.map((r) => r.constraint)))];
      return constraints.every((s) => {
        const fast = relaxedSite(catalog, req, candidates, s);
        const slow = judged(relax(req, s)).placement?.decision;
        return fast === undefined ? slow === undefined : slow !== undefined && fast.cloud === slow.cloud && fast.region === slow.region && fast.totalMonthlyUsd === slow.totalMonthlyUsd;
      });
    }),
    RUNS,
  );
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
      let best = Infinity;
      for (const p of primaries) {
        for (const s of standbys) {
          const ok = (p.cloud !== s.cloud || p.region !== s.region) && (req.failover!.crossCloud || p.cloud === s.cloud) && greatCircleKm(where(p), where(s)) >= req.failover!.minDistanceKm;
          // The standby priced as what it is, plus the replication that keeps its data.
          const r = replicationPlan(catalog, req, p, s, s.services);
          if (!r.ok) continue;
          const total = cents(p.monthlyUsd! + cents(siteMonthlyUsd(r.standbyServices) + r.plan.monthlyUsd));
          if (ok && (req.budget === undefined || total <= req.budget.monthlyUsd)) best = Math.min(best, total);
        }
      }
      if (!placement) return best === Infinity;
      const d = placement.decision;
      const s = d.secondary!;
      return (
        d.totalMonthlyUsd === best &&
        (s.cloud !== d.cloud || s.region !== d.region) &&
        (req.failover!.crossCloud || s.cloud === d.cloud) &&
        greatCircleKm(where(d), where(s)) >= req.failover!.minDistanceKm
      );
    }),
    { numRuns: 40, seed: 99 },
  );
  t.pass();
});
