/**
 * `tessera replan`: what moving a locked stack to today's best placement would take — stateful
 * services replaced, data to copy, one-time egress, monthly saving — and, with `--write`, the new
 * lock.
 */
import Table from "cli-table3";
import colors from "picocolors";
import type { Catalog } from "../placement/catalog";
import type { PlacementContext } from "../placement/constraints";
import { usd } from "../placement/evaluate";
import { type Lock, lockFor, type MigrationPlan, migrationPlan, type MigrationSite, writeLock } from "../placement/lock";
import { place, type Placement } from "../placement/place";
import type { Requirements } from "../placement/requirements";
import { evaluateCandidate } from "../placement/evaluate";
import { UsageError } from "./errors";

/** The fresh placement and, when a lock exists, the migration to it. */
export interface Replan {
  readonly placement: Placement;
  readonly migration: MigrationPlan | undefined;
  readonly lock: Lock;
}

/** Computes the replan; never writes. */
export function replan(catalog: Catalog, req: Requirements, stack: string, lock: Lock | undefined, context: PlacementContext = {}): Replan {
  const fresh = place(catalog, req, context);
  if (!lock) return { placement: fresh, migration: undefined, lock: lockFor(stack, fresh, req) };
  // Today's prices of the locked sites (the standby's too: the saving compares whole pairs).
  const priced = (site: { cloud: string; region: string } | undefined) => {
    const region = site && catalog.regionByKey.get(`${site.cloud}/${site.region}`);
    return region ? evaluateCandidate(catalog, req, region, {}, context) : undefined;
  };
  const migration = migrationPlan(catalog, req, lock, fresh, priced(lock.decision), priced(lock.decision.secondary));
  return { placement: fresh, migration, lock: lockFor(stack, fresh, req) };
}

/** Writes the new lock (whole, atomically); returns what it wrote, for the user. */
export function writeReplan(result: Replan, file: string | undefined): string {
  if (!file) throw new UsageError("--write needs --stack (a requirements file has no lock)");
  writeLock(file, result.lock);
  return `wrote ${file}: ${describeLock(result.lock)}`;
}

/** One line for a lock: where and which sizes. */
export function describeLock(lock: Lock): string {
  const site = (s: Lock["decision"] | NonNullable<Lock["decision"]["secondary"]>) =>
    `${s.cloud} ${s.region} (${Object.entries(s.services).map(([n, v]) => `${n} ${v.sku}`).join(", ")})`;
  // Each site with its own monthly cost (the lock records no replication, so no pair total).
  const standby = lock.decision.secondary ? `, standby ${site(lock.decision.secondary)}, ${usd(lock.decision.secondary.monthlyUsd)} USD/month` : "";
  return `${site(lock.decision)}, ${usd(lock.decision.monthlyUsd)} USD/month${standby}, catalog ${lock.catalogDate}`;
}

/**
 * Human report of a replan; `written` when `--write` wrote the new lock; `color` only when stdout
 * is a terminal (picocolors alone would also color captured output whenever `CI` is set).
 */
export function renderReplan(result: Replan, written = false, color = false): string {
  const pc = color ? colors : colors.createColors(false);
  const d = result.placement.decision;
  const m = result.migration;
  const next = written ? "The new lock is written; commit it, then `pulumi up` makes the move." : "Run with --write to write the new lock.";
  const standby = d.secondary ? `, standby ${d.secondary.cloud} ${d.secondary.region}` : "";
  if (!m) return `No lock yet. Today's placement: ${d.cloud} ${d.region}${standby} — ${usd(d.totalMonthlyUsd)} USD/month. ${written ? "Locked it; commit the lock." : "Run with --write to lock it."}`;
  if (m.from.cloud === m.to.cloud && m.from.region === m.to.region && sameStandby(m) && m.moves.length === 0) {
    return `The lock (${m.from.cloud} ${m.from.region}${m.from.standby ? `, standby ${m.from.standby.cloud} ${m.from.standby.region}` : ""}) is already today's best placement; nothing to move.`;
  }
  const table = new Table({ head: ["service", "kind", "data GB", "one-time egress USD", "what happens"], style: { head: [], border: [], compact: true } });
  for (const move of m.moves) table.push([`${move.service}${move.site === "standby" ? " (standby)" : ""}`, move.kind, String(move.dataGb), usd(move.egressUsd), move.note]);
  return [
    `${pc.bold("Migration plan")}: ${m.from.cloud} ${m.from.region} (${usd(m.from.monthlyUsd)} USD/month) → ${m.to.cloud} ${m.to.region} (${usd(m.to.monthlyUsd)} USD/month)`,
    ...pairLines(m),
    m.moves.length > 0 ? table.toString() : "No stateful service is replaced.",
    `One-time egress: ${usd(m.oneTimeEgressUsd)} USD. Monthly saving: ${usd(m.monthlySavingUsd)} USD${m.monthlySavingUsd > 0 && m.oneTimeEgressUsd > 0 ? ` (pays back in ${Math.ceil(m.oneTimeEgressUsd / m.monthlySavingUsd)} month(s))` : ""}.`,
    "Stateful resources are protected: `pulumi up` will refuse to delete them until you move the data and unprotect them.",
    next,
  ].join("\n");
}

const site = (s: MigrationSite | undefined) => (s ? `${s.cloud} ${s.region} (${usd(s.monthlyUsd)} USD/month)` : "none");

const sameStandby = (m: MigrationPlan) => m.from.standby?.cloud === m.to.standby?.cloud && m.from.standby?.region === m.to.standby?.region;

/** With a standby: its move, the replication, and the totals the saving compares. */
function pairLines(m: MigrationPlan): string[] {
  if (m.from.totalMonthlyUsd === undefined || m.to.totalMonthlyUsd === undefined) return [];
  return [
    `Standby: ${site(m.from.standby)} → ${site(m.to.standby)}`,
    `Replication: ${usd(m.from.replicationMonthlyUsd ?? 0)} USD/month → ${usd(m.to.replicationMonthlyUsd ?? 0)} USD/month`,
    `Total (primary + standby + replication): ${usd(m.from.totalMonthlyUsd)} USD/month → ${usd(m.to.totalMonthlyUsd)} USD/month`,
  ];
}
