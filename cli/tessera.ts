/**
 * The `tessera` command.
 *
 *   tessera place  --stack <name> | --requirements <file>  [--json] [--write]
 *   tessera replan --stack <name>                            [--json] [--write]
 *   tessera plan   --stack <name>  [--json | --markdown] [--diff <previous.json>] [--out <file>]
 *   tessera docs   [--write]
 *
 * Exit codes: 0 done, 1 not deployable / nothing feasible, 2 bad input (see cli/errors.ts).
 */
import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { createSpinner } from "nanospinner";
import { loadCatalog } from "../placement/catalog";
import { lockFor, placeWithLock, writeLock } from "../placement/lock";
import { fail, UsageError } from "./errors";
import { readInputs, STACKS_DIR } from "./inputs";
import { placeJson, renderPlace } from "./place";
import { renderReplan, replan, writeReplan } from "./replan";

// `plan` and `docs` load the Pulumi program, every provider SDK and the policy pack; `place` and
// `replan` need none of it, so those modules load only when their command runs.
const planModules = () => ({
  ...(require("./plan/diff") as typeof import("./plan/diff")),
  ...(require("./plan/render") as typeof import("./plan/render")),
  ...(require("./plan/run") as typeof import("./plan/run")),
});
const docsModule = () => require("./docs") as typeof import("./docs");

const out = (text: string) => process.stdout.write(`${text}\n`);

const program = new Command()
  .name("tessera")
  .description("Place multi-cloud stacks by requirements, preview them offline, and check them against policy.")
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

program
  .command("place")
  .description("choose cloud, region and sizes for a stack and explain every rejected candidate")
  .option("-s, --stack <name>", "a stack in stacks/ (reads its requirements and lock)")
  .option("-r, --requirements <file>", "a YAML/JSON file holding a tessera:requirements object")
  .option("--json", "print the decision as JSON")
  .option("--write", "write the placement lock when the stack has none")
  .option("--stacks-dir <dir>", "where stack files and locks live", STACKS_DIR)
  .action((opts: { stack?: string; requirements?: string; json?: boolean; write?: boolean; stacksDir: string }) => {
    try {
      const catalog = loadCatalog();
      const inputs = readInputs(catalog, opts, opts.stacksDir);
      const result = placeWithLock(catalog, inputs.requirements, inputs.lock, { accounts: inputs.accounts });
      if (opts.write) {
        if (!inputs.stack || !inputs.lockFile) throw new UsageError("--write needs --stack (a requirements file has no lock)");
        if (!inputs.lock) writeLock(inputs.lockFile, lockFor(inputs.stack, result.placement, inputs.requirements));
      }
      out(opts.json ? JSON.stringify(placeJson(result), null, 2) : renderPlace(result, { color: process.stdout.isTTY === true }));
    } catch (e) {
      fail(e);
    }
  });

program
  .command("replan")
  .description("show what moving a locked stack to today's best placement would take")
  .requiredOption("-s, --stack <name>", "a stack in stacks/")
  .option("--json", "print the plan as JSON")
  .option("--write", "write the new lock")
  .option("--stacks-dir <dir>", "where stack files and locks live", STACKS_DIR)
  .action((opts: { stack: string; json?: boolean; write?: boolean; stacksDir: string }) => {
    try {
      const catalog = loadCatalog();
      const inputs = readInputs(catalog, { stack: opts.stack }, opts.stacksDir);
      const result = replan(catalog, inputs.requirements, opts.stack, inputs.lock, { accounts: inputs.accounts });
      if (opts.write) writeReplan(result, inputs.lockFile);
      out(opts.json ? JSON.stringify({ decision: placeJson({ placement: result.placement, lock: { status: "unlocked" } }).decision, migration: result.migration ?? null }, null, 2) : renderReplan(result));
    } catch (e) {
      fail(e);
    }
  });

program
  .command("plan")
  .description("preview the stack offline: placement, resources, monthly cost and policy verdicts")
  .requiredOption("-s, --stack <name>", "a stack in stacks/")
  .addOption(new Option("--json", "print the plan as JSON (schema: docs/plan-schema.json)").conflicts("markdown"))
  .addOption(new Option("--markdown", "print Markdown for a pull-request comment").conflicts("json"))
  .option("--diff <previous.json>", "compare with a previous `plan --json` output")
  .option("--out <file>", "also write the JSON plan to this file")
  .option("--stacks-dir <dir>", "where stack files and locks live", STACKS_DIR)
  .action(async (opts: { stack: string; json?: boolean; markdown?: boolean; diff?: string; out?: string; stacksDir: string }) => {
    const { readPreviousPlan, renderDiff, renderMarkdown, renderTerminal, runPlan } = planModules();
    const tty = process.stderr.isTTY === true && !opts.json;
    const spinner = tty ? createSpinner("planning", { stream: process.stderr }).start() : undefined;
    try {
      const previous = opts.diff !== undefined ? readPreviousPlan(opts.diff) : undefined;
      const report = await runPlan({ stack: opts.stack, stacksDir: opts.stacksDir, onPhase: (phase) => spinner?.update({ text: phase }) });
      spinner?.clear();
      if (opts.out) writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
      const body = opts.json ? JSON.stringify(report, null, 2) : opts.markdown ? renderMarkdown(report) : renderTerminal(report, process.stdout.isTTY === true);
      out(previous && !opts.json ? `${body}\n\n${renderDiff(previous, report, opts.markdown === true)}` : body);
      process.exitCode = report.deployable ? 0 : 1;
    } catch (e) {
      spinner?.clear();
      fail(e);
    }
  });

program
  .command("docs")
  .description("regenerate the generated README/policy tables and docs/plan-schema.json")
  .option("--write", "write the files (default: check they are up to date)")
  .action((opts: { write?: boolean }) => {
    try {
      const stale = docsModule().writeDocs(opts.write === true);
      if (stale.length > 0) {
        process.stderr.write(`tessera: generated docs are out of date: ${stale.join(", ")} (run npm run docs)\n`);
        process.exitCode = 1;
      }
    } catch (e) {
      fail(e);
    }
  });

program.parseAsync(process.argv).catch(fail);
