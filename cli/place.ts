/**
 * `tessera place`: the placement decision as a JSON contract and as a SkyPilot-style table of
 * considered candidates with the top rejection reasons. An infeasible placement is
 * {@link InfeasibleJson} (cli/infeasible.ts).
 */
import Table from "cli-table3";
import colors from "picocolors";
import { displaySku } from "../core/skus";
import type { CloudExclusion, ComplianceEvidence } from "../placement/compliance";
import type { ServiceCost } from "../placement/cost";
import type { Candidate } from "../placement/evaluate";
import { usd } from "../placement/evaluate";
import type { LockedPlacement, LockStatus } from "../placement/lock";
import type { ReplicationPlan } from "../placement/cost-replication";
import type { Decision, Site } from "../placement/place";

/** One service in the JSON contract. */
export interface ServiceJson {
  readonly sku: string;
  /** The SKU in the cloud's own terms when it differs (`VM.Standard.E4.Flex, 1 OCPU, 8 GB`). */
  readonly size?: string;
  readonly count?: number;
  readonly monthlyUsd: number;
  readonly estimated: boolean;
  /** How each line was priced and where the figure was read (spot lines: `basis` "spot" + `priceDate`). */
  readonly lines: ServiceCost["lines"];
  /** Provisioned parts without a price, and why. */
  readonly unpriced?: readonly string[];
  /** Why the SKU's availability in the region is not confirmed by a source. */
  readonly unconfirmed?: string;
}

/** `tessera place --json`: a stable contract other tools rely on. */
export interface PlaceJson {
  /** The document's version, as on every `--json` document (plan, infeasible, error). */
  readonly schemaVersion: 1;
  /** Always true here; an infeasible placement prints an {@link InfeasibleJson} (`feasible: false`). */
  readonly feasible: true;
  readonly decision: {
    readonly cloud: string;
    readonly region: string;
    readonly monthlyUsd: number;
    readonly totalMonthlyUsd: number;
    readonly estimated: boolean;
    readonly services: Record<string, ServiceJson>;
    /** The compliance facts the placement rests on, with confidence and source. */
    readonly compliance: readonly ComplianceEvidence[];
    readonly secondary?: {
      readonly cloud: string;
      readonly region: string;
      readonly monthlyUsd: number;
      readonly distanceKm: number;
      readonly services: Record<string, ServiceJson>;
      readonly compliance: readonly ComplianceEvidence[];
      /** How the standby keeps each data service's data: method, RPO and the monthly transfer (in `totalMonthlyUsd`). */
      readonly replication: ReplicationPlan;
    };
  };
  /** Clouds the compliance list excludes in every region, and why. */
  readonly excludedClouds: readonly CloudExclusion[];
  readonly candidates: ReadonlyArray<{ readonly cloud: string; readonly region: string; readonly feasible: boolean; readonly monthlyUsd?: number; readonly reasons: readonly string[] }>;
  readonly catalog: { readonly date: string; readonly computePriceDate: string };
  readonly lock: LockStatus;
}

const serviceJson = (s: ServiceCost): ServiceJson => ({
  sku: s.sku,
  ...(displaySku(s.sku) !== s.sku ? { size: displaySku(s.sku) } : {}),
  ...(s.count !== undefined ? { count: s.count } : {}),
  monthlyUsd: s.monthlyUsd,
  estimated: s.estimated,
  lines: s.lines,
  ...(s.unpriced.length > 0 ? { unpriced: s.unpriced } : {}),
  ...(s.unconfirmed ? { unconfirmed: s.unconfirmed } : {}),
});

const services = (site: Site): Record<string, ServiceJson> => Object.fromEntries(Object.entries(site.services).map(([name, s]) => [name, serviceJson(s)]));

/** The JSON contract for a placement. */
export function placeJson(result: LockedPlacement): PlaceJson {
  const d: Decision = result.placement.decision;
  return {
    schemaVersion: 1,
    feasible: true,
    decision: {
      cloud: d.cloud,
      region: d.region,
      monthlyUsd: d.monthlyUsd,
      totalMonthlyUsd: d.totalMonthlyUsd,
      estimated: d.estimated,
      services: services(d),
      compliance: d.compliance,
      ...(d.secondary
        ? {
            secondary: {
              cloud: d.secondary.cloud,
              region: d.secondary.region,
              monthlyUsd: d.secondary.monthlyUsd,
              distanceKm: d.secondary.distanceKm,
              services: services(d.secondary),
              compliance: d.secondary.compliance,
              replication: d.secondary.replication,
            },
          }
        : {}),
    },
    excludedClouds: result.placement.excludedClouds,
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
  return s ? `${s.count !== undefined && s.count > 1 ? `${s.count}× ` : ""}${displaySku(s.sku)}${s.lines.some((l) => l.basis === "spot") ? " (spot)" : ""}` : "–";
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
    `${pc.bold("Placement")}: ${d.cloud} ${d.region} (${d.displayName}) — ${usd(d.monthlyUsd)} USD/month${d.unpriced.length > 0 ? " + parts not priced" : ""}${d.estimated ? " (* includes estimates)" : ""}`,
  ];
  if (d.secondary) {
    lines.push(`${pc.bold("Failover")}: ${d.secondary.cloud} ${d.secondary.region}, ${usd(d.secondary.distanceKm)} km away — ${usd(d.secondary.monthlyUsd)} USD/month; total ${usd(d.totalMonthlyUsd)} USD/month`);
    lines.push(...replicationLines(d.secondary.replication));
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
  lines.push(...complianceLines(d.compliance, d.secondary?.compliance), ...pricingNotes(d), ...exclusionLines(placement.excludedClouds));
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

/** What the standby keeps of the data: per service the method, its RPO and the replication cost with its lines. */
export function replicationLines(r: ReplicationPlan): string[] {
  const entries = Object.entries(r.services);
  if (entries.length === 0) return [];
  const star = (estimated: boolean) => (estimated ? "*" : "");
  return [
    `Replication (in the total): ${usd(r.monthlyUsd)}${star(r.estimated)} USD/month`,
    ...entries.flatMap(([name, s]) => [
      `  ${name}: ${s.method}; RPO ${s.rpo.text}; ${usd(s.monthlyUsd)}${star(s.estimated)} USD/month (${s.changeGbPerMonth} GB/month)`,
      ...s.lines.map((l) => `    ${l.label} = ${usd(l.monthlyUsd)}${star(l.estimated)} USD/month`),
    ]),
  ];
}

/** One line per deciding compliance fact: program, confidence and source. */
export function complianceLines(primary: readonly ComplianceEvidence[], secondary: readonly ComplianceEvidence[] = []): string[] {
  const all = [...primary.map((e) => ({ e, site: "" })), ...secondary.map((e) => ({ e, site: " (standby)" }))];
  if (all.length === 0) return [];
  return [
    "Compliance (each fact with its confidence and source; verify anything below high against the attestation):",
    ...all.map(({ e, site }) => `  ${e.requirement === e.program ? e.program : `${e.requirement} → ${e.program}`}${site}: ${e.cloud} ${e.region}, ${e.scope}, ${e.confidence} — ${e.source}`),
  ];
}

/** Unpriced parts and spot snapshots of a decision, said in words. */
export function pricingNotes(d: Decision): string[] {
  const sites = [d as Site, ...(d.secondary ? [d.secondary as Site] : [])];
  const out: string[] = [];
  for (const site of sites) {
    const tag = site === d ? "" : " (standby)";
    for (const u of site.unpriced) out.push(`Not priced${tag}: ${u}`);
    for (const [name, s] of Object.entries(site.services)) {
      if (s.unconfirmed) out.push(`Not confirmed${tag}: ${name}: ${s.unconfirmed}`);
      for (const l of s.lines) if (l.basis === "spot") out.push(`Spot${tag}: ${name} is priced at the spot market price of ${l.priceDate} (a snapshot, not a list price)`);
    }
  }
  return out;
}

/** Clouds excluded everywhere by the compliance list, with the kind of gap. */
export function exclusionLines(excluded: readonly CloudExclusion[]): string[] {
  return excluded.map((x) => `Excluded in every region: ${x.cloud} — ${x.reason} (${x.kind.replace("-", " ")})`);
}
