/**
 * The outcome "not feasible" as a document: nothing in the catalog meets the requirements, or the
 * locked placement no longer does. `place --json` and `plan --json` print the JSON (the candidates
 * with every reason, each constraint with the number it excluded and a real example, the closest
 * relaxation); `plan --markdown` prints the pull-request comment. Exit code 1, like any plan that
 * is not deployable.
 */
import { LockInfeasibleError } from "../placement/lock";
import { NoFeasiblePlacementError } from "../placement/place";
import { errorJson, type ErrorJson } from "./errors";
import { type ErrorDocument, json } from "./output";

/** One constraint's share of the rejections. */
export interface Rejection {
  readonly constraint: string;
  readonly count: number;
  readonly example: string;
}

/** `{ feasible: false, … }` (docs/plan-schema.json, `infeasible`). */
export interface InfeasibleJson {
  readonly schemaVersion: 1;
  readonly stack: string | null;
  readonly feasible: false;
  readonly deployable: false;
  /** `no-feasible-placement`: no candidate meets every requirement; `lock-infeasible`: the locked site no longer does. */
  readonly reason: "no-feasible-placement" | "lock-infeasible";
  readonly message: string;
  /** Every constraint that rejected a candidate, most-excluding first, with one example reason. */
  readonly rejections: readonly Rejection[];
  /** The closest single relaxation that makes a candidate feasible, or null. */
  readonly hint: string | null;
  /** Every candidate with every reason it was rejected (empty for a locked placement). */
  readonly candidates: ReadonlyArray<{ readonly cloud: string; readonly region: string; readonly reasons: readonly string[] }>;
  /** The locked site and why it no longer fits (`lock-infeasible` only). */
  readonly lock: { readonly cloud: string; readonly region: string; readonly reasons: readonly string[] } | null;
}

/** True for the errors that mean "not feasible" rather than "bad input". */
export const isInfeasible = (e: unknown): e is NoFeasiblePlacementError | LockInfeasibleError => e instanceof NoFeasiblePlacementError || e instanceof LockInfeasibleError;

/** The JSON document of an infeasible outcome. */
export function infeasibleJson(e: NoFeasiblePlacementError | LockInfeasibleError, stack: string | undefined): InfeasibleJson {
  const base = { schemaVersion: 1 as const, stack: stack ?? null, feasible: false as const, deployable: false as const, message: e.message };
  if (e instanceof LockInfeasibleError) {
    return {
      ...base,
      reason: "lock-infeasible",
      rejections: [],
      hint: `tessera replan --stack ${e.lockedStack}`,
      candidates: [],
      lock: { cloud: e.cloud, region: e.region, reasons: [...e.reasons] },
    };
  }
  return {
    ...base,
    reason: "no-feasible-placement",
    rejections: [...e.rejections],
    hint: e.hint ?? null,
    candidates: e.candidates.map((c) => ({ cloud: c.cloud, region: c.region, reasons: c.reasons.map((r) => r.message) })),
    lock: null,
  };
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The pull-request comment of an infeasible outcome. */
export function infeasibleMarkdown(doc: InfeasibleJson): string {
  const lines = [`### tessera plan — \`${doc.stack ?? "requirements"}\` ❌ not feasible`, ""];
  if (doc.lock) {
    lines.push(`The locked placement **${doc.lock.cloud} ${doc.lock.region}** no longer meets the requirements:`, "", ...doc.lock.reasons.map((r) => `- ${cell(r)}`), "");
    lines.push(`Run \`${doc.hint}\` to see the migration plan and write a new lock.`);
    return lines.join("\n");
  }
  lines.push(`No cloud and region meets every requirement (${doc.candidates.length} candidates considered).`, "");
  lines.push("| constraint | candidates excluded | for example |", "|---|---:|---|");
  for (const r of doc.rejections) lines.push(`| \`${cell(r.constraint)}\` | ${r.count} | ${cell(r.example)} |`);
  lines.push("", doc.hint ? `**Did you mean:** ${cell(doc.hint)}?` : "No single relaxation makes any candidate feasible.");
  return lines.join("\n");
}

/** The Markdown comment for an input error, so a failed plan never posts an empty comment. */
export function errorMarkdown(doc: ErrorJson, stack: string | undefined): string {
  return [`### tessera plan — \`${stack ?? "?"}\` ⛔ could not plan (exit ${doc.error.exitCode}, ${doc.error.kind})`, "", "```", doc.error.message, "```"].join("\n");
}

/** Documents for errors of a command that takes `--stack`: infeasible outcomes and input errors. */
export function outcomeDocument(stack: string | undefined): ErrorDocument {
  return (e, format) => {
    if (format === "text") return undefined;
    if (isInfeasible(e)) {
      const doc = infeasibleJson(e, stack);
      return format === "json" ? json(doc) : `${infeasibleMarkdown(doc)}\n`;
    }
    const doc = errorJson(e);
    return format === "json" ? json(doc) : `${errorMarkdown(doc, stack)}\n`;
  };
}
