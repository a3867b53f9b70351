/**
 * `tessera place`: the placement decision as a JSON contract and as a SkyPilot-style table of
 * considered candidates with the top rejection reasons. An infeasible placement is
 * {@link InfeasibleJson} (cli/infeasible.ts).
 */
import Table from "cli-table3";
import colors from "picocolors";
import type { Candidate } from "../placement/evaluate";
import { usd } from "../placement/evaluate";
import type { LockedPlacement, LockStatus } from "../placement/lock";
import type { Decision, Site } from "../placement/place";

/** One service in the JSON contract. */
export interface ServiceJson {
  readonly sku: string;
  readonly count?: number;
  readonly monthlyUsd: number;
  readonly estimated: boolean;
}

/** `tessera place --json`: a stable contract other tools rely on. */
export interface PlaceJson {
  /** Always true here; an infeasible placement prints an {@link InfeasibleJson} (`feasible: false`). */
  readonly feasible: true;
  readonly decision: {
    readonly cloud: string;
    readonly region: string;
    readonly monthlyUsd: number;
    readonly totalMonthlyUsd: number;
    readonly estimated: boolean;
    readonly services: Record<string, ServiceJson>;
    readonly secondary?: { readonly cloud: string; readonly region: string; readonly monthlyUsd: number; readonly distanceKm: number; readonly services: Record<string, ServiceJson> };
  };
  readonly candidates: ReadonlyArray<{ readonly cloud: string; readonly region: string; readonly feasible: boolean; readonly monthlyUsd?: number; readonly reasons: readonly string[] }>;
  readonly catalog: { readonly date: string; readonly computePriceDate: string };
  readonly lock: LockStatus;
}

const services = (site: Site): Record<string, ServiceJson> =>
  Object.fromEntries(
    Object.entries(site.services).map(([name, s]) => [name, { sku: s.sku, ...(s.count !== undefined ? { count: s.count } : {}), monthlyUsd: s.monthlyUsd, estimated: s.estimated }]),
  );

/** The JSON contract for a placement. */
export function placeJson(result: LockedPlacement): PlaceJson {
  const d: Decision = result.placement.decision;
  return {
    feasible: true,
    decision: {
      cloud: d.cloud,
      region: d.region,
      monthlyUsd: d.monthlyUsd,
      totalMonthlyUsd: d.totalMonthlyUsd,
      estimated: d.estimated,
      services: services(d),
      ...(d.secondary
        ? { secondary: { cloud: d.secondary.cloud, region: d.secondary.region, monthlyUsd: d.secondary.monthlyUsd, distanceKm: d.secondary.distanceKm, services: services(d.secondary) } }
        : {}),
    },
    candidates: result.placement.candidates.map((c) => ({
      cloud: c.cloud,
      region: c.region,
      feasible: c.feasible,
      ...(c.monthlyUsd !== undefined ? { monthlyUsd: c.monthlyUsd } : {}),
      reasons: c.reasons.map((r) => r.message),
    })),
    catalog: result.placement.catalog,
    lock: result.lock,
  };
}

const sizeOf = (c: Candidate, name: string) => {
  const s = c.services[name];
  return s ? `${s.count !== undefined && s.count > 1 ? `${s.count}× ` : ""}${s.sku}` : "–";
};

/** Top rejection reasons: constraint → how many candidates it rejected, with one example. */
export function topReasons(candidates: readonly Candidate[], limit = 6): Array<{ constraint: string; count: number; example: string }> {
  const byConstraint = new Map<string, { count: number; example: string }>();
  for (const c of candidates) {
    // Count candidates, not reasons: one constraint can reject a candidate for two reasons.
    const seen = new Set<string>();
    for (const r of c.reasons) {
      if (seen.has(r.constraint)) continue;
      seen.add(r.constraint);
      const entry = byConstraint.get(r.constraint);
      if (entry) entry.count++;
      else byConstraint.set(r.constraint, { count: 1, example: `${c.cloud} ${c.region}: ${r.message}` });
    }
  }
  return [...byConstraint].map(([constraint, v]) => ({ constraint, ...v })).sort((a, b) => b.count - a.count || a.constraint.localeCompare(b.constraint)).slice(0, limit);
}

/** The human report: decision, considered candidates, rejection reasons. */
export function renderPlace(result: LockedPlacement, opts: { top?: number; color?: boolean } = {}): string {
  const { placement, lock } = result;
  const d = placement.decision;
  const names = Object.keys(d.services);
  const pc = opts.color ? colors : colors.createColors(false);
  const table = new Table({ head: ["", "cloud", "region", ...names, "USD/month"], style: { head: opts.color ? ["cyan"] : [], border: opts.color ? ["grey"] : [], compact: true } });
  const feasible = placement.candidates.filter((c) => c.feasible);
  for (const c of feasible.slice(0, opts.top ?? 10)) {
    const chosen = c.cloud === d.cloud && c.region === d.region;
    table.push([chosen ? pc.green("✔") : "", c.cloud, c.region, ...names.map((n) => sizeOf(c, n)), `${usd(c.monthlyUsd ?? 0)}${c.estimated ? "*" : ""}`]);
  }
  const lines = [
    `${pc.bold("Placement")}: ${d.cloud} ${d.region} (${d.displayName}) — ${usd(d.monthlyUsd)} USD/month${d.estimated ? " (* includes estimates)" : ""}`,
  ];
  if (d.secondary) {
    lines.push(`${pc.bold("Failover")}: ${d.secondary.cloud} ${d.secondary.region}, ${usd(d.secondary.distanceKm)} km away — ${usd(d.secondary.monthlyUsd)} USD/month; total ${usd(d.totalMonthlyUsd)} USD/month`);
  }
  if (lock.status === "kept") {
    lines.push(
      lock.cheaper
        ? pc.yellow(`Locked: kept; ${lock.cheaper.cloud} ${lock.cheaper.region} would save ${usd(lock.cheaper.savingUsd)} USD/month (tessera replan to move)`)
        : "Locked: kept (still the cheapest feasible)",
    );
    for (const r of lock.resized ?? []) {
      lines.push(pc.yellow(`Locked size of ${r.service}${r.site === "standby" ? " (standby)" : ""} no longer fits: ${r.from} → ${r.to} (tessera replan --write records it)`));
    }
  }
  lines.push(`Catalog ${placement.catalog.date}; ${d.cloud} compute prices from ${placement.catalog.computePriceDate}`, "");
  lines.push(`Considered ${placement.candidates.length} candidates, ${feasible.length} feasible${feasible.length > (opts.top ?? 10) ? ` (cheapest ${opts.top ?? 10} shown)` : ""}:`);
  lines.push(table.toString());
  const reasons = topReasons(placement.candidates);
  if (reasons.length > 0) {
    lines.push("", `Rejected ${placement.candidates.length - feasible.length}; top reasons:`);
    for (const r of reasons) lines.push(`  ${String(r.count).padStart(4)} × ${r.constraint.padEnd(18)} e.g. ${r.example}`);
  }
  return lines.join("\n");
}
