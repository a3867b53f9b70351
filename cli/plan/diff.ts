/**
 * `tessera plan --diff previous.json`: what changed between two plans — placement, monthly cost
 * (total and per resource), resources added or removed, and policy verdicts gained or resolved
 * (in the spirit of `infracost diff`).
 */
import { existsSync, readFileSync } from "node:fs";
import { usd } from "../../placement/evaluate";
import { UsageError } from "../errors";
import { type PlanReport, planSchema } from "./schema";

/** Reads and validates a previous `plan --json` output. */
export function readPreviousPlan(file: string): PlanReport {
  if (!existsSync(file)) throw new UsageError(`--diff: no such file ${file}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageError(`--diff: ${file} is not JSON: ${(e as Error).message}`);
  }
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--diff: ${file} is not a tessera plan (schema version 1): ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** The structured difference. */
export interface PlanDiff {
  readonly placement: { readonly from: string; readonly to: string } | undefined;
  /** The serving site of a failover stack, when a promotion or a fail-back changed it. */
  readonly active: { readonly from: string; readonly to: string } | undefined;
  readonly monthlyUsd: { readonly from: number; readonly to: number; readonly delta: number };
  readonly added: ReadonlyArray<{ readonly urn: string; readonly monthlyUsd: number }>;
  readonly removed: ReadonlyArray<{ readonly urn: string; readonly monthlyUsd: number }>;
  readonly changed: ReadonlyArray<{ readonly urn: string; readonly from: number; readonly to: number }>;
  readonly newViolations: readonly string[];
  readonly resolvedViolations: readonly string[];
}

const cents = (n: number) => Math.round(n * 100) / 100;
const verdictKey = (v: PlanReport["policies"]["verdicts"][number]) => `${v.enforcement} ${v.policy} ${v.urn}: ${v.message}`;

/** Compares two plans. */
export function diffPlans(before: PlanReport, after: PlanReport): PlanDiff {
  const old = new Map(before.resources.map((r) => [r.urn, r]));
  const now = new Map(after.resources.map((r) => [r.urn, r]));
  const where = (p: PlanReport) => `${p.placement.cloud} ${p.placement.region}`;
  const oldVerdicts = new Set(before.policies.verdicts.map(verdictKey));
  const newVerdicts = new Set(after.policies.verdicts.map(verdictKey));
  return {
    placement: where(before) === where(after) ? undefined : { from: where(before), to: where(after) },
    active: before.placement.secondary && after.placement.secondary && before.placement.secondary.active !== after.placement.secondary.active ? { from: before.placement.secondary.active, to: after.placement.secondary.active } : undefined,
    monthlyUsd: { from: before.cost.monthlyUsd, to: after.cost.monthlyUsd, delta: cents(after.cost.monthlyUsd - before.cost.monthlyUsd) },
    added: after.resources.filter((r) => !old.has(r.urn)).map((r) => ({ urn: r.urn, monthlyUsd: r.monthlyUsd })),
    removed: before.resources.filter((r) => !now.has(r.urn)).map((r) => ({ urn: r.urn, monthlyUsd: r.monthlyUsd })),
    changed: after.resources
      .filter((r) => old.has(r.urn) && old.get(r.urn)!.monthlyUsd !== r.monthlyUsd)
      .map((r) => ({ urn: r.urn, from: old.get(r.urn)!.monthlyUsd, to: r.monthlyUsd })),
    newViolations: [...newVerdicts].filter((v) => !oldVerdicts.has(v)).sort(),
    resolvedViolations: [...oldVerdicts].filter((v) => !newVerdicts.has(v)).sort(),
  };
}

const signed = (n: number) => `${n >= 0 ? "+" : "−"}${usd(Math.abs(n))}`;
const short = (urn: string) => `${urn.split("::")[2]?.split("$").pop()} ${urn.split("::").pop()}`;

/** Renders a diff (terminal or Markdown). */
export function renderDiff(before: PlanReport, after: PlanReport, markdown: boolean): string {
  const d = diffPlans(before, after);
  const bullet = markdown ? "- " : "  ";
  const lines = [
    markdown ? "#### Changes since the previous plan" : "Changes since the previous plan:",
    `${bullet}monthly cost: ${usd(d.monthlyUsd.from)} → ${usd(d.monthlyUsd.to)} USD (${signed(d.monthlyUsd.delta)})`,
  ];
  if (d.placement) lines.push(`${bullet}placement: ${d.placement.from} → ${d.placement.to}`);
  if (d.active) {
    const databases = Object.entries(after.placement.secondary?.replication ?? {}).filter(([, r]) => r.kind === "database").map(([n]) => n);
    lines.push(
      d.active.to === "standby"
        ? `${bullet}failover: the standby now serves (promotion): ${databases.length > 0 ? `database replicas ${databases.join(", ")} become standalone, writable databases; ` : ""}bucket replication turns around where the method can; the failover DNS name prefers the standby`
        : `${bullet}failover: the primary serves again (fail-back): bucket replication runs primary → standby; the failover DNS name prefers the primary`,
    );
  }
  for (const r of d.added) lines.push(`${bullet}+ ${short(r.urn)}${r.monthlyUsd ? ` (${signed(r.monthlyUsd)} USD/month)` : ""}`);
  for (const r of d.removed) lines.push(`${bullet}- ${short(r.urn)}${r.monthlyUsd ? ` (${signed(-r.monthlyUsd)} USD/month)` : ""}`);
  for (const r of d.changed) lines.push(`${bullet}~ ${short(r.urn)}: ${usd(r.from)} → ${usd(r.to)} USD/month`);
  for (const v of d.newViolations) lines.push(`${bullet}new violation: ${v}`);
  for (const v of d.resolvedViolations) lines.push(`${bullet}resolved: ${v}`);
  if (lines.length === 2 && d.monthlyUsd.delta === 0) lines.push(`${bullet}no change`);
  return lines.join("\n");
}
