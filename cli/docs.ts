/**
 * Generated documentation: the capability matrix and the kept-name table in README.md, the rule ×
 * cloud × framework table in policies/README.md, the physical-name rules in docs/naming.md, and
 * docs/plan-schema.json. Generated sections sit between
 * `<!-- generated:<name> -->` and `<!-- /generated:<name> -->` markers; `tessera docs` checks
 * them, `tessera docs --write` rewrites them.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CAPABILITIES, type Capability, GOVERNANCE, GOVERNANCE_FEATURES } from "../core/capabilities";
import { CLOUD_NAMES, CLOUDS, SERVICE_KINDS } from "../core/cloud";
import { NAME_RULES, type NameRule } from "../core/naming";
import { repoRoot } from "../placement/catalog";
import { FRAMEWORKS, FRAMEWORK_NAMES } from "../policies/frameworks";
import { RULES } from "../policies/pack";
import { coveredClouds } from "../policies/rule";
import { planDocumentSchema } from "./plan/schema";
import { type ReplicationCell, replicationRows } from "../core/replication";

const ROOT = repoRoot();

/** One matrix cell: the offering (and its caveat), or what the cloud lacks and why. */
function matrixCell(cell: Capability): string {
  return cell.supported ? `✅ ${cell.offering}${"note" in cell && cell.note ? ` ⚠️ ${cell.note}` : ""}` : `❌ ${cell.reason}`;
}

/** The capability matrix as a Markdown table. */
export function capabilityTable(): string {
  const rows = [`| service | ${CLOUDS.map((c) => CLOUD_NAMES[c]).join(" | ")} |`, `|---|${CLOUDS.map(() => "---").join("|")}|`];
  for (const service of SERVICE_KINDS) rows.push(`| ${service} | ${CLOUDS.map((cloud) => matrixCell(CAPABILITIES[service][cloud])).join(" | ")} |`);
  // Replication per cloud and per cross-cloud pair (core/replication.ts): method, then RPO.
  for (const row of replicationRows()) rows.push(`| ${row.label} | ${CLOUDS.map((cloud) => replicationCell(row.cells[cloud])).join(" | ")} |`);
  return rows.join("\n");
}

/** A replication cell: the method and its recovery point (and caveat), why there is none, or – (not this column's pair). */
function replicationCell(cell: ReplicationCell | undefined): string {
  if (cell === undefined) return "–";
  return cell.supported ? `✅ ${cell.method}; RPO ${cell.rpo.text}${cell.note ? ` ⚠️ ${cell.note}` : ""}` : `❌ ${cell.reason}`;
}

/** The governance matrix (what every stack gets on each cloud, or what the cloud lacks) as a Markdown table. */
export function governanceTable(): string {
  const rows = [`| control | ${CLOUDS.map((c) => CLOUD_NAMES[c]).join(" | ")} |`, `|---|${CLOUDS.map(() => "---").join("|")}|`];
  for (const feature of GOVERNANCE_FEATURES) rows.push(`| ${feature} | ${CLOUDS.map((cloud) => matrixCell(GOVERNANCE[feature][cloud])).join(" | ")} |`);
  return rows.join("\n");
}

/** Rule × cloud coverage × frameworks. */
export function ruleTable(): string {
  const rows = [
    `| rule | kind | severity | ${CLOUDS.join(" | ")} | ${FRAMEWORKS.map((f) => FRAMEWORK_NAMES[f]).join(" | ")} |`,
    `|---|---|---|${CLOUDS.map(() => ":-:").join("|")}|${FRAMEWORKS.map(() => "---").join("|")}|`,
  ];
  for (const rule of RULES) {
    const clouds = coveredClouds(rule);
    rows.push(
      `| \`${rule.id}\` — ${rule.description} | ${rule.kind} | ${rule.severity} | ${CLOUDS.map((c) => (clouds.includes(c) ? "✅" : "–")).join(" | ")} | ${FRAMEWORKS.map((f) => rule.frameworks[f]?.join(", ") ?? "").join(" | ")} |`,
    );
  }
  return rows.join("\n");
}

/** Every rule setting with its type and default. */
export function settingsTable(): string {
  const rows = ["| rule | setting | type | default | meaning |", "|---|---|---|---|---|"];
  for (const rule of RULES) {
    const defaults = rule.defaults as Record<string, unknown>;
    for (const [key, schema] of Object.entries(rule.configSchema ?? {})) {
      const type = typeof schema === "object" && schema !== null && "type" in schema ? String(schema.type) : "";
      const description = typeof schema === "object" && schema !== null && "description" in schema ? String(schema.description) : "";
      rows.push(`| \`${rule.id}\` | \`${key}\` | ${type} | \`${JSON.stringify(defaults[key])}\` | ${description} |`);
    }
    rows.push(`| \`${rule.id}\` | \`exclude\` | array | \`[]\` | Resource name glob patterns this rule skips. |`);
  }
  return rows.join("\n");
}

const md = (s: string) => s.replace(/\|/g, "\\|");
const sourceLinks = (source: string) => source.split("; ").map((s) => (s.startsWith("https://") ? `<${s.split(" ")[0]}>${s.includes(" ") ? ` ${md(s.slice(s.indexOf(" ") + 1))}` : ""}` : md(s))).join("; ");

/** Every physical-name rule (core/name-rules/), one row each. */
export function nameRuleTable(): string {
  const rows = ["| cloud | kind | name | length | characters (first, last) | unique per | source |", "|---|---|---|---|---|---|---|"];
  for (const cloud of CLOUDS) {
    for (const [kind, rule] of Object.entries(NAME_RULES[cloud]) as Array<[string, NameRule]>) {
      const ends = rule.first === rule.charset && rule.last === rule.charset ? "" : ` (\`${md(rule.first)}\`, \`${md(rule.last)}\`)`;
      const extra = [rule.prefix ? `starts \`${rule.prefix}\`` : "", rule.noRepeat ? `no \`${rule.noRepeat}${rule.noRepeat}\`` : "", ...(rule.reserved ?? []).map((r) => md(r.reason))].filter(Boolean);
      rows.push(`| ${cloud} | \`${kind}\` | ${rule.resource} | ${rule.minLength}-${rule.maxLength} | \`${md(rule.charset)}\`${ends}${extra.length ? `; ${extra.join("; ")}` : ""} | ${rule.scope} | ${sourceLinks(rule.source)} |`);
    }
  }
  return rows.join("\n");
}

/** The names a cloud keeps after a delete (or shares across every account): random suffix kept in state. */
export function keptNameTable(): string {
  const rows = ["| cloud | name | why a new stack needs a new name | source |", "|---|---|---|---|"];
  for (const cloud of CLOUDS) {
    for (const rule of Object.values(NAME_RULES[cloud]) as NameRule[]) {
      if (rule.kept) rows.push(`| ${CLOUD_NAMES[cloud]} | ${rule.resource} | ${md(rule.kept).replace(/</g, "&lt;")} | ${sourceLinks(rule.source)} |`);
    }
  }
  return rows.join("\n");
}

function replaceSection(text: string, name: string, body: string): string {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`missing ${start} … ${end} markers`);
  return `${text.slice(0, i + start.length)}\n${body}\n${text.slice(j)}`;
}

/** Regenerates (write) or checks the generated docs; returns the files that were stale. */
export function writeDocs(write: boolean): string[] {
  const targets: Array<[string, (old: string) => string]> = [
    ["README.md", (t) => replaceSection(replaceSection(replaceSection(t, "capabilities", capabilityTable()), "governance", governanceTable()), "kept-names", keptNameTable())],
    [join("policies", "README.md"), (t) => replaceSection(replaceSection(t, "rules", ruleTable()), "settings", settingsTable())],
    [join("docs", "naming.md"), (t) => replaceSection(replaceSection(t, "kept-names", keptNameTable()), "name-rules", nameRuleTable())],
    [join("docs", "plan-schema.json"), () => `${JSON.stringify(z.toJSONSchema(planDocumentSchema), null, 2)}\n`],
  ];
  const stale: string[] = [];
  for (const [file, render] of targets) {
    const path = join(ROOT, file);
    const old = existsSync(path) ? readFileSync(path, "utf8") : "";
    const next = render(old);
    if (next !== old) {
      stale.push(file);
      if (write) writeFileSync(path, next);
    }
  }
  return write ? [] : stale;
}
