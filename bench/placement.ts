/**
 * Placement speed: catalog load, then 1,000 random stacks placed against the full catalog on one
 * core (one thread). Targets: load < 200 ms, 1,000 placements < 1 s.
 */
import fc from "fast-check";
import { loadCatalog } from "../placement/catalog";
import { NoFeasiblePlacementError, place } from "../placement/place";
import { parseRequirements } from "../placement/requirements";
import { requirementsArb } from "./stacks";

export function benchPlacement(): { loadMs: number; placeMs: number; stacks: number; feasible: number } {
  const t0 = performance.now();
  const catalog = loadCatalog();
  const loadMs = performance.now() - t0;
  const stacks = fc.sample(requirementsArb(catalog), { numRuns: 1000, seed: 42 }).map((r) => parseRequirements(r, catalog));
  // Warm-up outside the measurement (JIT), as a long-running CLI or service would be.
  for (const req of stacks.slice(0, 50)) tryPlace(req);
  let feasible = 0;
  const t1 = performance.now();
  for (const req of stacks) if (tryPlace(req)) feasible++;
  return { loadMs, placeMs: performance.now() - t1, stacks: stacks.length, feasible };

  function tryPlace(req: ReturnType<typeof parseRequirements>): boolean {
    try {
      place(catalog, req);
      return true;
    } catch (e) {
      if (e instanceof NoFeasiblePlacementError) return false;
      throw e;
    }
  }
}

