/**
 * `tessera replan`: what moving a locked stack to today's best placement would take — stateful
 * services replaced, data to copy, one-time egress, monthly saving — and, with `--write`, the new
 * lock.
 */
import Table from "cli-table3";
import pc from "picocolors";
import type { Catalog } from "../placement/catalog";
import type { PlacementContext } from "../placement/constraints";
import { usd } from "../placement/evaluate";
import { type Lock, lockFor, type MigrationPlan, migrationPlan, writeLock } from "../placement/lock";
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
  const region = catalog.regionByKey.get(`${lock.decision.cloud}/${lock.decision.region}`);
  const current = region ? evaluateCandidate(catalog, req, region, {}, context) : undefined;
  return { placement: fresh, migration: migrationPlan(catalog, req, lock, fresh, current), lock: lockFor(stack, fresh, req) };
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
  return `${site(lock.decision)}${lock.decision.secondary ? `, standby ${site(lock.decision.secondary)}` : ""}, ${usd(lock.decision.monthlyUsd)} USD/month, catalog ${lock.catalogDate}`;
}

/** Human report of a replan; `written` when `--write` wrote the new lock. */
export function renderReplan(result: Replan, written = false): string {
  const d = result.placement.decision;
  const m = result.migration;
  const next = written ? "The new lock is written; commit it, then `pulumi up` makes the move." : "Run with --write to write the new lock.";
  if (!m) return `No lock yet. Today's placement: ${d.cloud} ${d.region} — ${usd(d.monthlyUsd)} USD/month. ${written ? "Locked it; commit the lock." : "Run with --write to lock it."}`;
  if (m.from.cloud === m.to.cloud && m.from.region === m.to.region && m.moves.length === 0) {
    return `The lock (${m.from.cloud} ${m.from.region}) is already today's best placement; nothing to move.`;
  }
  const table = new Table({ head: ["service", "kind", "data GB", "one-time egress USD", "what happens"], style: { head: [], border: [], compact: true } });
  for (const move of m.moves) table.push([move.service, move.kind, String(move.dataGb), usd(move.egressUsd), move.note]);
  return [
    `${pc.bold("Migration plan")}: ${m.from.cloud} ${m.from.region} (${usd(m.from.monthlyUsd)} USD/month) → ${m.to.cloud} ${m.to.region} (${usd(m.to.monthlyUsd)} USD/month)`,
    m.moves.length > 0 ? table.toString() : "No stateful service is replaced.",
    `One-time egress: ${usd(m.oneTimeEgressUsd)} USD. Monthly saving: ${usd(m.monthlySavingUsd)} USD${m.monthlySavingUsd > 0 && m.oneTimeEgressUsd > 0 ? ` (pays back in ${Math.ceil(m.oneTimeEgressUsd / m.monthlySavingUsd)} month(s))` : ""}.`,
    "Stateful resources are protected: `pulumi up` will refuse to delete them until you move the data and unprotect them.",
    next,
  ].join("\n");
}
