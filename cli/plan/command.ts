/**
 * `tessera plan` and `tessera check` as commands: inputs checked before the work starts, the plan
 * run under a progress spinner that always stops, then the document on stdout (terminal text,
 * `--json` or `--markdown`, with `--diff`), `--out` written whole, and the exit code.
 */
import { loadCatalog } from "../../placement/catalog";
import { placeWithLock } from "../../placement/lock";
import { listStacks, readStackFileDetails } from "../../program/stackfile";
import { exitCodeFor } from "../errors";
import { infeasibleJson, isInfeasible } from "../infeasible";
import { checkStacksDir, readInputs } from "../inputs";
import { checkOutFile, type Format, json, printDocument, writeOutFile } from "../output";
import { withProgress } from "../progress";
import { diffPlans, readPreviousPlan, renderDiff } from "./diff";
import { blockers, renderMarkdown, renderTerminal } from "./render";

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
  const previous = opts.diff !== undefined ? readPreviousPlan(opts.diff) : undefined;
  const catalog = loadCatalog();
  const inputs = readInputs(catalog, { stack: opts.stack }, opts.stacksDir);
  placeWithLock(catalog, inputs.requirements, inputs.lock, { accounts: inputs.accounts });
  const report = await withProgress("planning", (progress) => runPlan({ stack: opts.stack, stacksDir: opts.stacksDir, onPhase: (phase) => progress.update(phase) }));
  const diff = previous ? diffPlans(previous, report) : undefined;
  const document = { ...report, ...(diff ? { diff } : {}) };
  if (opts.out !== undefined) writeOutFile("--out", opts.out, json(document));
  if (opts.format === "json") {
    printDocument(json(document));
  } else {
    const body = opts.format === "markdown" ? renderMarkdown(report) : renderTerminal(report, process.stdout.isTTY === true);
    printDocument(previous ? `${body}\n\n${renderDiff(previous, report, opts.format === "markdown")}` : body);
  }
  return report.deployable ? 0 : 1;
}

/**
 * `tessera check`: plans every stack in `stacksDir` and prints one line per stack — deployable,
 * or which stack broke and why — so a team's own stack (or an example) that stops planning is
 * named, not hidden in a test failure. Returns 1 when any stack is not deployable.
 */
export async function check(stacksDir: string): Promise<number> {
  checkStacksDir(stacksDir);
  const stacks = listStacks(stacksDir);
  if (stacks.length === 0) {
    printDocument(`no Pulumi.<stack>.yaml in ${stacksDir}`);
    return 0;
  }
  loadCatalog();
  let failed = 0;
  const lines: string[] = [];
  for (const stack of stacks) {
    try {
      const report = await runPlan({ stack, stacksDir });
      const where = `${report.placement.cloud} ${report.placement.region}, ${report.resources.length} resources, ${report.cost.monthlyUsd} USD/month`;
      if (report.deployable) lines.push(`✔ ${stack}: deployable (${where})`);
      else {
        failed++;
        lines.push(`✘ ${stack}: not deployable (${where}): ${blockers(report).join("; ")}`);
      }
    } catch (e) {
      const code = exitCodeFor(e);
      if (code === undefined) throw e;
      failed++;
      const why = isInfeasible(e) ? infeasibleJson(e, stack).message : (e as Error).message;
      lines.push(`✘ ${stack}: ${code === 1 ? "not feasible" : "cannot be planned"}: ${why.split("\n").join("\n    ")}`);
    }
  }
  printDocument(`${lines.join("\n")}\n${failed === 0 ? `all ${stacks.length} stacks deployable` : `${failed} of ${stacks.length} stacks not deployable`}`);
  return failed === 0 ? 0 : 1;
}
