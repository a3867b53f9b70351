/**
 * Renders a plan for a terminal (colour when it is a TTY) or as Markdown for a pull-request
 * comment. Both show the same facts: decision and why, the resource tree with a monthly cost per
 * line and the total, policy results by severity and framework, the catalog date, warnings, and
 * whether the plan is deployable.
 */
import Table from "cli-table3";
import pc from "picocolors";
import { usd } from "../../placement/evaluate";
import { displaySku } from "../../core/skus";
import type { PlanReport, PlanResource, PlanVerdict } from "./schema";

const SEVERITY_ORDER = ["critical", "high", "medium", "low", ""] as const;

/** Resources in tree order (parents first), with their depth. */
export function tree(resources: readonly PlanResource[]): Array<{ resource: PlanResource; depth: number }> {
  const byParent = new Map<string, PlanResource[]>();
  for (const r of resources) byParent.set(r.parent, [...(byParent.get(r.parent) ?? []), r]);
  const out: Array<{ resource: PlanResource; depth: number }> = [];
  const walk = (parent: string, depth: number) => {
    const kids = (byParent.get(parent) ?? []).sort((a, b) => Number(b.type.startsWith("tessera:")) - Number(a.type.startsWith("tessera:")) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
    for (const r of kids) {
      out.push({ resource: r, depth });
      walk(r.urn, depth + 1);
    }
  };
  walk("", 0);
  return out;
}

const money = (r: { monthlyUsd: number; estimated: boolean }, star = "*") => (r.monthlyUsd === 0 && !r.estimated ? "" : `${usd(r.monthlyUsd)}${r.estimated ? star : ""}`);
const shortType = (type: string) => (type.startsWith("pulumi:providers:") ? `provider:${type.slice(17)}` : type.replace(/^([^:]+):[^:]*\/?[^:]*:/, "$1:"));
const verdictLine = (v: PlanVerdict) => `[${v.enforcement}] ${v.policy} — ${v.urn.split("::").pop()} (${shortType(v.urn.split("::")[2]?.split("$").pop() ?? "")}): ${v.message}${v.frameworks.length > 0 ? ` {${v.frameworks.join(", ")}}` : ""}`;

function bySeverity(verdicts: readonly PlanVerdict[]): Array<[string, PlanVerdict[]]> {
  return SEVERITY_ORDER.map((s): [string, PlanVerdict[]] => [s || "unspecified", verdicts.filter((v) => v.severity === s)]).filter(([, vs]) => vs.length > 0);
}

function byFramework(verdicts: readonly PlanVerdict[]): string {
  const counts = new Map<string, number>();
  for (const v of verdicts) for (const f of v.frameworks) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f, n]) => `${f} ${n}`).join(", ");
}

function decisionLines(p: PlanReport, star = "*"): string[] {
  const d = p.placement;
  const lines = [
    `Placement: ${d.cloud} ${d.region} (${d.displayName}) — ${usd(d.monthlyUsd)} USD/month${d.estimated ? star : ""}`,
    `  why: cheapest of ${d.candidates.feasible} feasible candidates out of ${d.candidates.considered}; lock: ${d.lock.status}`,
  ];
  for (const [name, s] of Object.entries(d.services)) {
    const spot = s.lines.find((l) => l.basis === "spot");
    const note = [spot ? `spot, market price of ${spot.priceDate}` : "", s.unpriced && s.unpriced.length > 0 ? `not priced: ${s.unpriced.join("; ")}` : "", s.unconfirmed ?? ""].filter(Boolean).join("; ");
    // An autoscaled service shows its machine range and cost range; the budget counts the most.
    const ranged = s.range !== undefined && s.range.minMonthlyUsd !== s.range.maxMonthlyUsd;
    const size = ranged ? `${s.lines[0]?.label.split(" × ")[0] ?? s.count}× ` : s.count && s.count > 1 ? `${s.count}× ` : "";
    const cost = ranged ? `${usd(s.range!.minMonthlyUsd)}–${usd(s.range!.maxMonthlyUsd)}` : usd(s.monthlyUsd);
    const notes = [ranged ? "budget counts the most" : "", note].filter(Boolean).join("; ");
    lines.push(`  ${name} (${s.kind}): ${size}${displaySku(s.sku)} — ${cost}${s.estimated ? star : ""} USD/month${notes ? ` (${notes})` : ""}`);
  }
  if (d.secondary) {
    lines.push(`  failover: ${d.secondary.cloud} ${d.secondary.region} (${usd(d.secondary.distanceKm)} km) — ${usd(d.secondary.monthlyUsd)} USD/month`);
    // What the standby keeps of the data: method, recovery point and replication cost per service.
    for (const [name, r] of Object.entries(d.secondary.replication ?? {})) {
      lines.push(`    ${name}: ${r.method}; RPO ${r.rpo.text}; replication ${usd(r.monthlyUsd)}${r.estimated ? star : ""} USD/month (${r.changeGbPerMonth} GB/month)`);
    }
  }
  for (const f of [...(d.compliance ?? []), ...(d.secondary?.compliance ?? []).map((x) => ({ ...x, requirement: `${x.requirement} (standby)` }))]) {
    lines.push(`  compliance ${f.requirement === f.program ? f.program : `${f.requirement} → ${f.program}`}: ${f.cloud} ${f.region}, ${f.confidence} confidence — ${f.source}`);
  }
  for (const x of d.excludedClouds ?? []) lines.push(`  excluded in every region: ${x.cloud} — ${x.reason} (${x.kind.replace("-", " ")})`);
  if (d.topRejections.length > 0) lines.push(`  rejected most by: ${d.topRejections.map((r) => `${r.constraint} (${r.count})`).join(", ")}`);
  return lines;
}

/** Terminal rendering (the plan; its warnings go to stderr: {@link warningLines}). */
export function renderTerminal(p: PlanReport, color = false): string {
  const c = color ? pc : pc.createColors(false);
  const table = new Table({ head: ["resource", "where", "USD/month"], style: { head: color ? ["cyan"] : [], border: color ? ["grey"] : [], compact: true }, colAligns: ["left", "left", "right"] });
  for (const { resource: r, depth } of tree(p.resources)) {
    table.push([`${"  ".repeat(depth)}${shortType(r.type)} ${r.name}${r.protect ? " 🔒" : ""}`, r.region ? `${r.cloud} ${r.region}` : "", money(r)]);
  }
  table.push([c.bold("total"), "", c.bold(`${usd(p.cost.monthlyUsd)}${p.cost.estimated ? "*" : ""}`)]);
  const lines = [c.bold(`tessera plan — stack ${p.stack}`), ...decisionLines(p), "", table.toString()];
  if (p.cost.budgetUsd !== undefined) lines.push(`Budget ${usd(p.cost.budgetUsd)} USD/month: ${budgetWord(p, c.red, c.green)}`);
  lines.push("", c.bold(`Policies (${p.policies.pack}): ${p.policies.mandatory} mandatory, ${p.policies.advisory} advisory`));
  for (const [severity, vs] of bySeverity(p.policies.verdicts)) {
    lines.push(`  ${severity}:`);
    for (const v of vs) lines.push(`    ${v.enforcement === "mandatory" ? c.red("✘") : c.yellow("!")} ${verdictLine(v)}`);
  }
  if (p.policies.verdicts.length > 0) lines.push(`  by framework: ${byFramework(p.policies.verdicts)}`);
  lines.push(...governanceLines(p, c));
  lines.push("", `Catalog ${p.catalog.date}; ${p.placement.cloud} compute prices ${p.catalog.computePriceDate} (${age(p.catalog.ageDays)})`);
  lines.push(p.deployable ? c.green("✔ deployable") : c.red(`✘ not deployable: ${blockers(p).join("; ")}`));
  return lines.join("\n");
}

/** The plan's warnings as the terminal shows them, one line each, on stderr (the README: stdout holds the plan). */
export const warningLines = (p: PlanReport): string[] => p.warnings.map((w) => `warning: ${w}`);

const GOVERNANCE_MARK = { built: "✔", "opted-out": "–", unavailable: "✘", incomplete: "!" } as const;

/** The governance section: each control built, opted out (and why), unavailable on the cloud (and why) or incomplete (the setting to add). */
function governanceLines(p: PlanReport, c: { yellow: (s: string) => string; bold: (s: string) => string } = pc.createColors(false)): string[] {
  if (p.governance.length === 0) return [];
  return ["", c.bold("Governance:"), ...p.governance.map((g) => `  ${g.status === "built" ? GOVERNANCE_MARK.built : c.yellow(GOVERNANCE_MARK[g.status])} ${g.feature} (${g.cloud}): ${g.status === "built" ? "" : `${g.status}: `}${g.detail}`)];
}

/** Why a plan is not deployable, one phrase per reason. */
export function blockers(p: PlanReport): string[] {
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? "" : "s"}`;
  return [
    ...(p.policies.mandatory > 0 ? [n(p.policies.mandatory, "mandatory policy violation")] : []),
    ...(p.cost.overBudget ? [`over the budget of ${usd(p.cost.budgetUsd ?? 0)} USD/month`] : []),
    ...(p.cost.budgetStatus === "unconfirmed" ? [`the budget of ${usd(p.cost.budgetUsd ?? 0)} USD/month cannot be confirmed (${p.cost.unpriced?.length ?? 0} not priced)`] : []),
    ...(p.outputs.plainSecrets.length > 0 ? [n(p.outputs.plainSecrets.length, "secret output") + " not marked secret"] : []),
    ...(p.warnings.some((w) => w.startsWith("the engine would refuse")) ? ["the engine would refuse the program"] : []),
  ];
}

/** "exceeded", "cannot be confirmed: …" or "within" — never "within" while a provisioned part is unpriced. */
function budgetWord(p: PlanReport, bad: (s: string) => string, good: (s: string) => string): string {
  if (p.cost.overBudget) return bad("exceeded");
  if (p.cost.unpriced && p.cost.unpriced.length > 0) return bad(`cannot be confirmed: not priced: ${p.cost.unpriced.join("; ")}`);
  return good("within");
}

const age = (days: number) => `${days} day${days === 1 ? "" : "s"} old`;

const md = (s: string) => s.replace(/\|/g, "\\|");

/** Markdown rendering for a pull-request comment. */
export function renderMarkdown(p: PlanReport): string {
  const lines = [
    `### tessera plan — \`${p.stack}\` ${p.deployable ? "✅ deployable" : `❌ not deployable: ${blockers(p).join("; ")}`}`,
    "",
    ...decisionLines(p, "\\*").map((l) => (l.startsWith("  ") ? `- ${l.trim()}` : `**${l}**`)),
    "",
    "| resource | where | USD/month |",
    "|---|---|---:|",
    ...tree(p.resources).map(({ resource: r, depth }) => `| ${"&nbsp;&nbsp;".repeat(depth)}\`${md(shortType(r.type))}\` ${md(r.name)}${r.protect ? " 🔒" : ""} | ${r.region ? `${r.cloud} ${r.region}` : ""} | ${money(r, "\\*")} |`),
    `| **total** | | **${usd(p.cost.monthlyUsd)}${p.cost.estimated ? "\\*" : ""}** |`,
    "",
  ];
  if (p.cost.budgetUsd !== undefined) lines.push(`Budget ${usd(p.cost.budgetUsd)} USD/month: ${budgetWord(p, (s) => `**${s}**`, (s) => s)}`, "");
  lines.push(`#### Policies (${p.policies.pack}): ${p.policies.mandatory} mandatory, ${p.policies.advisory} advisory`);
  for (const [severity, vs] of bySeverity(p.policies.verdicts)) {
    lines.push("", `<details${severity === "critical" || severity === "high" ? " open" : ""}><summary>${severity} (${vs.length})</summary>`, "");
    for (const v of vs) lines.push(`- ${v.enforcement === "mandatory" ? "❌" : "⚠️"} ${md(verdictLine(v))}`);
    lines.push("", "</details>");
  }
  if (p.policies.verdicts.length > 0) lines.push("", `By framework: ${byFramework(p.policies.verdicts)}`);
  if (p.governance.length > 0) {
    lines.push("", "#### Governance", "", "| control | cloud | status | detail |", "|---|---|---|---|");
    for (const g of p.governance) lines.push(`| ${g.feature} | ${g.cloud} | ${GOVERNANCE_MARK[g.status]} ${g.status} | ${md(g.detail)} |`);
  }
  lines.push("", `Catalog ${p.catalog.date}; ${p.placement.cloud} compute prices ${p.catalog.computePriceDate} (${age(p.catalog.ageDays)}). \\* = estimate.`);
  for (const w of p.warnings) lines.push(`> ⚠️ ${md(w)}`);
  return lines.join("\n");
}
