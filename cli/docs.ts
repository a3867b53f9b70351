/**
 * Generated documentation: the capability matrix in README.md, the rule × cloud × framework table
 * in policies/README.md, and docs/plan-schema.json. Generated sections sit between
 * `<!-- generated:<name> -->` and `<!-- /generated:<name> -->` markers; `tessera docs` checks
 * them, `tessera docs --write` rewrites them.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CAPABILITIES } from "../core/capabilities";
import { CLOUD_NAMES, CLOUDS, SERVICE_KINDS } from "../core/cloud";
import { repoRoot } from "../placement/catalog";
import { FRAMEWORKS, FRAMEWORK_NAMES } from "../policies/frameworks";
import { RULES } from "../policies/pack";
import { coveredClouds } from "../policies/rule";
import { planDocumentSchema } from "./plan/schema";

const ROOT = repoRoot();

/** The capability matrix as a Markdown table. */
export function capabilityTable(): string {
  const rows = [`| service | ${CLOUDS.map((c) => CLOUD_NAMES[c]).join(" | ")} |`, `|---|${CLOUDS.map(() => "---").join("|")}|`];
  for (const service of SERVICE_KINDS) {
    const cells = CLOUDS.map((cloud) => {
      const cell = CAPABILITIES[service][cloud];
      return cell.supported ? `✅ ${cell.offering}${"note" in cell && cell.note ? ` ⚠️ ${cell.note}` : ""}` : `❌ ${cell.reason}`;
    });
    rows.push(`| ${service} | ${cells.join(" | ")} |`);
  }
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
    ["README.md", (t) => replaceSection(t, "capabilities", capabilityTable())],
    [join("policies", "README.md"), (t) => replaceSection(replaceSection(t, "rules", ruleTable()), "settings", settingsTable())],
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
