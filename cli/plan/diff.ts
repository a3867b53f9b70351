/**
 * `tessera plan --diff previous.json`: what changed between two plans — placement, monthly cost
 * (total and per resource), resources added or removed, and policy verdicts gained or resolved
 * (in the spirit of `infracost diff`).
 */
import { existsSync, readFileSync } from "node:fs";
import { usd } from "../../placement/evaluate";
import { UsageError } from "../errors";
import { type PlanDiff, type PlanReport, planSchema } from "./schema";

/** Reads and validates a previous `plan --json` output of `stack` (a plan of another stack is no baseline). */
export function readPreviousPlan(file: string, stack: string): PlanReport {
  if (!existsSync(file)) throw new UsageError(`--diff: no such file ${file}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageError(`--diff: ${file} is not JSON: ${(e as Error).message}`);
  }
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--diff: ${file} is not a tessera plan (schema version 1): ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  if (parsed.data.stack !== stack) throw new UsageError(`--diff: ${file} is a plan of stack ${parsed.data.stack}, not ${stack}; compare with a previous plan of ${stack}`);
  return parsed.data;
}

/** The structured difference (docs/plan-schema.json, `diff`). */
export type { PlanDiff } from "./schema";

const cents = (n: number) => Math.round(n * 100) / 100;
const verdictKey = (v: PlanReport["policies"]["verdicts"][number]) => `${v.enforcement} ${v.policy} ${v.urn}: ${v.message}`;
type Resource = PlanReport["resources"][number];
const where = (r: Resource) => `${r.cloud} ${r.region}`;
/** The serving site of a failover stack; plans written before `active` existed served from the primary. */
const activeSite = (p: PlanReport) => p.placement.secondary?.active ?? "primary";

/**
 * A removed and an added resource that are the same thing under a renamed service: same type,
 * and the name with the old service name swapped for the new one (`docs-blob` → `documents-blob`).
 */
function renamedFrom(removed: Resource, added: Resource): boolean {
  if (removed.type !== added.type || !removed.service || !added.service || removed.service === added.service) return false;
  return removed.name.startsWith(removed.service) && added.name === `${added.service}${removed.name.slice(removed.service.length)}`;
}

/**
 * Compares two plans. Besides cost and verdicts it finds what a reviewer must see before
 * `pulumi up`: resources that are replaced (a region or cloud move keeps a resource's URN but not
 * the resource; a renamed service gives every resource a new URN), and every protected,
 * data-holding resource the change would delete — the engine refuses to delete a protected
 * resource, so `pulumi up` stops there.
 */
export function diffPlans(before: PlanReport, after: PlanReport): PlanDiff {
  const old = new Map(before.resources.map((r) => [r.urn, r]));
  const now = new Map(after.resources.map((r) => [r.urn, r]));
  const site = (p: PlanReport) => `${p.placement.cloud} ${p.placement.region}`;
  const oldVerdicts = new Set(before.policies.verdicts.map(verdictKey));
  const newVerdicts = new Set(after.policies.verdicts.map(verdictKey));
  let removed = before.resources.filter((r) => !now.has(r.urn));
  let added = after.resources.filter((r) => !old.has(r.urn));
  const replaced: PlanDiff["replaced"][number][] = [];
  // Same URN, another cloud or region: the provider deletes and creates it.
  for (const r of after.resources) {
    const o = old.get(r.urn);
    if (o && o.cloud && r.cloud && where(o) !== where(r)) {
      replaced.push({ urn: r.urn, type: r.type, from: where(o), to: where(r), because: `moves from ${where(o)} to ${where(r)}`, protect: o.protect });
    }
  }
  // A renamed service: new URNs for the same resources.
  for (const o of [...removed]) {
    const a = added.find((x) => renamedFrom(o, x));
    if (!a) continue;
    replaced.push({ urn: a.urn, type: a.type, from: o.urn, to: a.urn, because: `service ${o.service} renamed to ${a.service} (a new URN: add an alias to keep it)`, protect: o.protect });
    removed = removed.filter((x) => x !== o);
    added = added.filter((x) => x !== a);
  }
  const protectedLosses = [...replaced.filter((r) => r.protect).map((r) => r.from.includes("::") ? r.from : r.urn), ...removed.filter((r) => r.protect).map((r) => r.urn)];
  const brief = (r: Resource) => ({ urn: r.urn, monthlyUsd: r.monthlyUsd, protect: r.protect });
  return {
    placement: site(before) === site(after) ? null : { from: site(before), to: site(after) },
    active: activeSite(before) !== activeSite(after) && before.placement.secondary && after.placement.secondary ? { from: activeSite(before), to: activeSite(after) } : null,
    monthlyUsd: { from: before.cost.monthlyUsd, to: after.cost.monthlyUsd, delta: cents(after.cost.monthlyUsd - before.cost.monthlyUsd) },
    added: added.map(brief),
    removed: removed.map(brief),
    replaced,
    changed: after.resources
      .filter((r) => old.has(r.urn) && old.get(r.urn)!.monthlyUsd !== r.monthlyUsd && !replaced.some((x) => x.urn === r.urn))
      .map((r) => ({ urn: r.urn, from: old.get(r.urn)!.monthlyUsd, to: r.monthlyUsd })),
    protectedLosses,
    newViolations: [...newVerdicts].filter((v) => !oldVerdicts.has(v)).sort(),
    resolvedViolations: [...oldVerdicts].filter((v) => !newVerdicts.has(v)).sort(),
  };
}

const signed = (n: number) => `${n >= 0 ? "+" : "−"}${usd(Math.abs(n))}`;
const short = (urn: string) => `${urn.split("::")[2]?.split("$").pop()} ${urn.split("::").pop()}`;
const lock = (p: boolean) => (p ? " 🔒" : "");

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
  for (const r of d.replaced) lines.push(`${bullet}± replace ${short(r.urn)}${lock(r.protect)}: ${r.because}`);
  for (const r of d.added) lines.push(`${bullet}+ ${short(r.urn)}${r.monthlyUsd ? ` (${signed(r.monthlyUsd)} USD/month)` : ""}`);
  for (const r of d.removed) lines.push(`${bullet}- ${short(r.urn)}${lock(r.protect)}${r.monthlyUsd ? ` (${signed(-r.monthlyUsd)} USD/month)` : ""}`);
  for (const r of d.changed) lines.push(`${bullet}~ ${short(r.urn)}: ${usd(r.from)} → ${usd(r.to)} USD/month`);
  for (const v of d.newViolations) lines.push(`${bullet}new violation: ${v}`);
  for (const v of d.resolvedViolations) lines.push(`${bullet}resolved: ${v}`);
  if (lines.length === 2 && d.monthlyUsd.delta === 0) lines.push(`${bullet}no change`);
  if (d.protectedLosses.length > 0) {
    const n = d.protectedLosses.length;
    const text = `${n} protected resource${n === 1 ? "" : "s"} holding data would be deleted (${d.protectedLosses.map(short).join(", ")}): \`pulumi up\` will stop at ${n === 1 ? "it" : "them"}. Copy the data first (tessera replan shows the migration), then unprotect (\`pulumi state unprotect\`) — or keep the old name or placement.`;
    lines.push(markdown ? `\n> [!WARNING]\n> 🔒 ${text}` : `${bullet}🔒 ${text}`);
  }
  return lines.join("\n");
}
