/**
 * Placement golden comparison (issue 17: a speed-up must not change any result): places the same
 * random stacks with this checkout's placement and with another checkout's (built with
 * `npm run bench`, so its `dist/` holds the compiled placement), and reports every stack whose
 * outputs differ — the decision, every candidate with its prices, lines and reasons, the
 * infeasible error's message, rejections and relaxation, and `placeLocked` on the decision's SKUs.
 *
 *   git worktree add /tmp/old main && (cd /tmp/old && npm ci && npm run bench -- placement)
 *   npm run bench -- placement && node dist/bench/golden.js /tmp/old [stacks per variant, default 300]
 *
 * Variants: with and without failover, with and without `tessera:accounts` (empty: every account
 * field missing), two seeds. Exit status 1 when any output differs.
 */
import { isDeepStrictEqual } from "node:util";
import { join, resolve } from "node:path";
import fc from "fast-check";
import * as catalogNew from "../placement/catalog";
import * as placeNew from "../placement/place";
import * as requirementsNew from "../placement/requirements";
import type { PlacementContext } from "../placement/constraints";
import { requirementsArb } from "./stacks";

type Modules = { catalog: typeof catalogNew; place: typeof placeNew; requirements: typeof requirementsNew };

function outputs(m: Modules, catalog: ReturnType<typeof catalogNew.loadCatalog>, req: ReturnType<typeof requirementsNew.parseRequirements>, context: PlacementContext): unknown[] {
  const out: unknown[] = [];
  try {
    const p = m.place.place(catalog, req, context);
    out.push({ placement: p });
    const d = p.decision;
    const skus = (services: Record<string, { sku: string }>) => Object.fromEntries(Object.entries(services).map(([k, s]) => [k, s.sku]));
    const pins = { cloud: d.cloud, region: d.region, skus: skus(d.services), ...(d.secondary ? { secondary: { cloud: d.secondary.cloud, region: d.secondary.region, skus: skus(d.secondary.services) } } : {}) };
    out.push({ locked: m.place.placeLocked(catalog, req, pins, context) });
  } catch (e) {
    if (!(e instanceof m.place.NoFeasiblePlacementError)) throw e;
    out.push({ error: { message: e.message, candidates: e.candidates, top: e.topConstraint, hint: e.hint, rejections: e.rejections, relaxation: e.relaxation } });
  }
  return out;
}

function main(): void {
  const oldRoot = resolve(process.argv[2] ?? "");
  const perVariant = Number(process.argv[3] ?? 300);
  if (!process.argv[2]) throw new Error("usage: node dist/bench/golden.js <other checkout, built with npm run bench> [stacks per variant]");
  const load = <T>(path: string): T => require(join(oldRoot, "dist", "placement", path)) as T;
  const old: Modules = { catalog: load("catalog"), place: load("place"), requirements: load("requirements") };
  const now: Modules = { catalog: catalogNew, place: placeNew, requirements: requirementsNew };
  const catalogs = { old: old.catalog.loadCatalog(), now: now.catalog.loadCatalog() };
  let compared = 0;
  let feasible = 0;
  const differ: string[] = [];
  for (const seed of [42, 7]) {
    for (const failover of [false, true]) {
      for (const context of [{}, { accounts: {} }] as PlacementContext[]) {
        const inputs = fc.sample(requirementsArb(catalogs.now, { failover }), { numRuns: failover ? Math.ceil(perVariant / 3) : perVariant, seed });
        for (const input of inputs) {
          const a = outputs(old, catalogs.old, old.requirements.parseRequirements(input, catalogs.old), context);
          const b = outputs(now, catalogs.now, now.requirements.parseRequirements(input, catalogs.now), context);
          compared++;
          if (a.length === 2) feasible++;
          if (!isDeepStrictEqual(a, b)) differ.push(JSON.stringify(input));
        }
      }
    }
  }
  console.log(`${compared} stacks placed by both (${feasible} feasible, each also placed locked): ${differ.length} differ`);
  for (const input of differ.slice(0, 5)) console.log(`  differs: ${input}`);
  process.exitCode = differ.length > 0 ? 1 : 0;
}

main();
