/**
 * `tessera plan` and `tessera check` as commands: inputs checked before the work starts, the plan
 * run under a progress line that is always erased (cli/progress.ts), then the document on stdout (terminal text,
 * `--json` or `--markdown`, with `--diff`), `--out` written whole, and the exit code.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadCatalog } from "../../placement/catalog";
import { placeWithLock } from "../../placement/lock";
import { listStacks, readStackFileDetails } from "../../program/stackfile";
import { classify, exitCodeFor, UsageError } from "../errors";
import { infeasibleJson, isInfeasible, outcomeDocument } from "../infeasible";
import { checkStacksDir, readInputs } from "../inputs";
import { checkOutFile, type Format, io, json, note, printDocument, writeOutFile } from "../output";
import { withProgress } from "../progress";
import { diffPlans, readPreviousPlan, renderDiff } from "./diff";
import { blockers, renderMarkdown, renderTerminal, warningLines } from "./render";
import type { PlanReport } from "./schema";

// The program, the five provider SDKs and the policy pack load only once the inputs are known to
// be good and the stack feasible: a bad flag or an infeasible stack answers in a fraction of a second.
const runPlan: typeof import("./run").runPlan = (opts) => (require("./run") as typeof import("./run")).runPlan(opts);

/** What `tessera plan` was asked. */
export interface PlanCommandOptions {
  readonly stack: string;
  readonly stacksDir: string;
  readonly format: Format;
  readonly diff?: string;
  readonly out?: string;
}

/** Runs `tessera plan`; returns the exit code (0 deployable, 1 not). Throws user errors. */
export async function plan(opts: PlanCommandOptions): Promise<number> {
  // Everything that can be checked before the work starts is.
  checkStacksDir(opts.stacksDir);
  readStackFileDetails(opts.stacksDir, opts.stack);
  if (opts.out !== undefined) checkOutFile("--out", opts.out);
  const previous = opts.diff !== undefined ? readPreviousPlan(opts.diff, opts.stack) : undefined;
  const catalog = loadCatalog();
  const inputs = readInputs(catalog, { stack: opts.stack }, opts.stacksDir);
  placeWithLock(catalog, inputs.requirements, inputs.lock, { accounts: inputs.accounts });
  // The first phase loads the program, the provider SDKs and the policy pack (runPlan's module).
  const report = await withProgress("loading the program", (progress) => runPlan({ stack: opts.stack, stacksDir: opts.stacksDir, onPhase: (phase) => progress.update(phase) }));
  const diff = previous ? diffPlans(previous, report) : undefined;
  const document = { ...report, ...(diff ? { diff } : {}) };
  if (opts.out !== undefined) writeOutFile("--out", opts.out, json(document));
  if (opts.format === "json") {
    printDocument(json(document));
  } else {
    const body = opts.format === "markdown" ? renderMarkdown(report) : renderTerminal(report, io().stdout.isTTY === true);
    printDocument(previous ? `${body}\n\n${renderDiff(previous, report, opts.format === "markdown")}` : body);
    // Terminal text: warnings are notes on stderr, after the plan (a pull-request comment in Markdown keeps them).
    if (opts.format === "text") for (const w of warningLines(report)) note(w);
  }
  return report.deployable ? 0 : 1;
}

/** What `tessera plan` with several `--stack` was asked. */
export interface PlanManyOptions {
  readonly stacks: readonly string[];
  readonly stacksDir: string;
  /** Where `<stack>.json` (the plan, or the outcome's JSON document) and `<stack>.md` are written. */
  readonly outDir: string;
  /** Previous plans as `<dir>/<stack>.json` (e.g. the base branch's): each stack's diff against its own. */
  readonly diffDir?: string;
  readonly format: Exclude<Format, "markdown">;
}

/** One stack's outcome in a multi-stack plan. */
interface StackOutcome {
  readonly stack: string;
  readonly exitCode: 0 | 1 | 2;
  readonly summary: string;
}

/** A planned stack's outcome, as `check` and a multi-stack plan say it: where, its size and cost, and what blocks it. */
function plannedOutcome(stack: string, report: PlanReport): StackOutcome {
  const where = `${report.placement.cloud} ${report.placement.region}, ${report.resources.length} resources, ${report.cost.monthlyUsd} USD/month`;
  return report.deployable ? { stack, exitCode: 0, summary: `deployable (${where})` } : { stack, exitCode: 1, summary: `not deployable (${where}): ${blockers(report).join("; ")}` };
}

/**
 * `tessera plan --stack a --stack b …`: every stack planned in this one process (the SDKs, the
 * program and the policy pack load once), each stack's documents written to `outDir` — the JSON
 * plan and the Markdown comment, for every outcome, as a single-stack plan prints them — and one
 * summary line per stack on stdout (or a JSON list). Returns the worst exit code: 0 all
 * deployable, 1 one is not (policy, budget, infeasible), 2 one could not be planned.
 */
export async function planMany(opts: PlanManyOptions): Promise<number> {
  checkStacksDir(opts.stacksDir);
  const duplicate = opts.stacks.find((s, i) => opts.stacks.indexOf(s) !== i);
  if (duplicate !== undefined) throw new UsageError(`--stack ${duplicate} given twice`);
  for (const stack of opts.stacks) readStackFileDetails(opts.stacksDir, stack);
  for (const stack of opts.stacks) for (const ext of ["json", "md"]) checkOutFile("--out-dir", join(opts.outDir, `${stack}.${ext}`));
  const catalog = loadCatalog();
  const outcomes: StackOutcome[] = [];
  // Said once the progress line is gone (a note written beside it would share its line).
  const notes: string[] = [];
  await withProgress("loading the program", async (progress) => {
    for (const [i, stack] of opts.stacks.entries()) {
      const write = (jsonText: string, markdown: string) => {
        writeOutFile("--out-dir", join(opts.outDir, `${stack}.json`), jsonText);
        writeOutFile("--out-dir", join(opts.outDir, `${stack}.md`), markdown.endsWith("\n") ? markdown : `${markdown}\n`);
      };
      try {
        const previousFile = opts.diffDir !== undefined ? join(opts.diffDir, `${stack}.json`) : undefined;
        let previous: PlanReport | undefined;
        if (previousFile !== undefined && existsSync(previousFile)) {
          // A previous outcome that is not a plan (an error document) gives no diff, as a new stack.
          try {
            previous = readPreviousPlan(previousFile, stack);
          } catch (e) {
            notes.push(`${stack}: no diff: ${(e as Error).message}`);
          }
        }
        const inputs = readInputs(catalog, { stack }, opts.stacksDir);
        placeWithLock(catalog, inputs.requirements, inputs.lock, { accounts: inputs.accounts });
        const report = await runPlan({ stack, stacksDir: opts.stacksDir, onPhase: (phase) => progress.update(`${stack} (${i + 1} of ${opts.stacks.length}): ${phase}`) });
        const diff = previous ? diffPlans(previous, report) : undefined;
        const markdown = renderMarkdown(report);
        write(json({ ...report, ...(diff ? { diff } : {}) }), previous ? `${markdown}\n\n${renderDiff(previous, report, true)}` : markdown);
        const outcome = plannedOutcome(stack, report);
        outcomes.push({ ...outcome, summary: `${outcome.exitCode === 0 ? "✔" : "✘"} ${stack}: ${outcome.summary}` });
      } catch (e) {
        const c = classify(e);
        if (c === undefined) throw e;
        const document = outcomeDocument(stack);
        write(document(e as Error, "json")!, document(e as Error, "markdown")!);
        const why = isInfeasible(e) ? infeasibleJson(e, stack).message : (e as Error).message;
        outcomes.push({ stack, exitCode: c.exitCode, summary: `${c.exitCode === 1 ? "✘" : "⛔"} ${stack}: ${c.exitCode === 1 ? "not feasible" : "could not be planned"}: ${why.split("\n")[0]}` });
      }
    }
  });
  for (const n of notes) note(n);
  const worst = Math.max(...outcomes.map((o) => o.exitCode)) as 0 | 1 | 2;
  if (opts.format === "json") {
    printDocument(json({ schemaVersion: 1, stacks: outcomes.map((o) => ({ stack: o.stack, exitCode: o.exitCode, plan: join(opts.outDir, `${o.stack}.json`), markdown: join(opts.outDir, `${o.stack}.md`) })) }));
  } else {
    const bad = outcomes.filter((o) => o.exitCode !== 0).length;
    printDocument(`${outcomes.map((o) => o.summary).join("\n")}\n${bad === 0 ? `all ${outcomes.length} stacks deployable` : `${bad} of ${outcomes.length} stacks not deployable`}; documents in ${opts.outDir}`);
  }
  return worst;
}

/**
 * `tessera check`: plans every stack in `stacksDir` and prints one line per stack — deployable,
 * or which stack broke and why — so a team's own stack (or an example) that stops planning is
 * named, not hidden in a test failure. Returns the worst exit code: 0 all deployable, 1 one is not
 * (policy, budget, infeasible), 2 one could not be read or planned (its stack file, requirements)
 * or the folder holds no stack file. `json`: `{ schemaVersion, exitCode, stacks: [{ stack,
 * exitCode, summary }] }`, the summary as the line says it.
 */
export async function check(stacksDir: string, format: Exclude<Format, "markdown"> = "text"): Promise<number> {
  checkStacksDir(stacksDir);
  const stacks = listStacks(stacksDir);
  // Nothing to check is a wrong folder, not a pass: CI pointed at it would stay green.
  if (stacks.length === 0) throw new UsageError(`--stacks-dir: no Pulumi.<stack>.yaml in ${stacksDir}; nothing to check`);
  loadCatalog();
  const outcomes: StackOutcome[] = [];
  await withProgress("loading the program", async (progress) => {
    for (const [i, stack] of stacks.entries()) {
      try {
        const report = await runPlan({ stack, stacksDir, onPhase: (phase) => progress.update(`${stack} (${i + 1} of ${stacks.length}): ${phase}`) });
        outcomes.push(plannedOutcome(stack, report));
      } catch (e) {
        const code = exitCodeFor(e);
        if (code === undefined) throw e;
        const why = isInfeasible(e) ? infeasibleJson(e, stack).message : (e as Error).message;
        outcomes.push({ stack, exitCode: code, summary: `${code === 1 ? "not feasible" : "cannot be planned"}: ${why}` });
      }
    }
  });
  // The worst outcome: 1 a stack is not deployable, 2 one could not be read or planned (bad input).
  const worst = Math.max(...outcomes.map((o) => o.exitCode)) as 0 | 1 | 2;
  const failed = outcomes.filter((o) => o.exitCode !== 0).length;
  if (format === "json") {
    printDocument(json({ schemaVersion: 1, exitCode: worst, stacks: outcomes }));
  } else {
    const lines = outcomes.map((o) => `${o.exitCode === 0 ? "✔" : "✘"} ${o.stack}: ${o.summary.split("\n").join("\n    ")}`);
    printDocument(`${lines.join("\n")}\n${failed === 0 ? `all ${stacks.length} stacks deployable` : `${failed} of ${stacks.length} stacks not deployable`}`);
  }
  return worst;
}
