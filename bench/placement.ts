/**
 * Placement speed: catalog load (a fresh process, median of 5: from the CSV files, and from
 * tessera's parsed-CSV cache), then 1,000 random stacks placed against the full catalog on one
 * core (one thread). Targets: load < 200 ms, 1,000 placements < 1 s.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import { loadCatalog } from "../placement/catalog";
import { NoFeasiblePlacementError, place } from "../placement/place";
import { parseRequirements } from "../placement/requirements";
import { requirementsArb } from "./stacks";

/** Milliseconds `loadCatalog()` takes in a fresh process (this one may hold the catalog already). */
function freshLoadMs(csvCache: boolean): number {
  const catalogModule = JSON.stringify(join(__dirname, "..", "placement", "catalog.js"));
  const code = `const m = require(${catalogModule}); const t = performance.now(); m.loadCatalog(); process.stdout.write(String(performance.now() - t))`;
  const env = { ...process.env, ...(csvCache ? {} : { TESSERA_CSV_CACHE: "off" }) };
  const runs = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ["-e", code], { env, encoding: "utf8" })));
  return runs.sort((a, b) => a - b)[2]!;
}

export function benchPlacement(): { loadMs: number; cachedLoadMs: number; placeMs: number; stacks: number; feasible: number } {
  const loadMs = freshLoadMs(false);
  const cachedLoadMs = freshLoadMs(true);
  const catalog = loadCatalog();
  const stacks = fc.sample(requirementsArb(catalog), { numRuns: 1000, seed: 42 }).map((r) => parseRequirements(r, catalog));
  // Warm-up outside the measurement (JIT), as a long-running CLI or service would be.
  for (const req of stacks.slice(0, 50)) tryPlace(req);
  let feasible = 0;
  const t1 = performance.now();
  for (const req of stacks) if (tryPlace(req)) feasible++;
  return { loadMs, cachedLoadMs, placeMs: performance.now() - t1, stacks: stacks.length, feasible };

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

