/**
 * The `tessera` command.
 *
 *   tessera place  --stack <name> | --requirements <file>  [--json] [--write]
 *   tessera replan --stack <name>                            [--json] [--write]
 *   tessera plan   --stack <name>  [--json | --markdown] [--diff <previous.json>] [--out <file>]
 *   tessera plan   --stack <a> --stack <b> … --out-dir <dir> [--diff-dir <dir>] [--json]
 *   tessera failover --stack <name> --promote [--planned] [--restore <db>=<backup OCID>] | --fail-back
 *   tessera check  [--stacks-dir <dir>] [--json]
 *   tessera --version | --help
 *
 * Maintainers also have `tessera docs [--write]` (hidden from the help).
 * Exit codes: 0 done, 1 not deployable / not feasible, 2 could not run as asked (cli/errors.ts).
 * stdout holds only the document; notes, progress and errors go to stderr (cli/output.ts).
 */
// First: defers the SDK's TypeScript and Arborist (see the module) before anything loads the SDK.
import "../harness/defer-sdk-deps";
import { isDeepStrictEqual } from "node:util";
import { Command, CommanderError, type Help, InvalidArgumentError, Option } from "commander";
import { loadCatalog } from "../placement/catalog";
import { type Lock, lockFor, placeWithLock, writeLock } from "../placement/lock";
import { errorJson, INTERNAL_EXIT_CODE, internalErrorJson, UsageError } from "./errors";
import { parseRestore, writeFailover } from "./failover";
import { outcomeDocument } from "./infeasible";
import { readInputs, STACKS_DIR } from "./inputs";
import { type CliIo, fail, type Format, io, json, note, PROCESS_IO, printDocument, withIo } from "./output";
import { placeJson, renderPlace } from "./place";
import { describeLock, renderReplan, replan, writeReplan } from "./replan";

// `plan`, `check` and `docs` load the Pulumi program, every provider SDK and the policy pack;
// `place` and `replan` need none of it, so those modules load only when their command runs.
const planCommand = () => require("./plan/command") as typeof import("./plan/command");
const docsModule = () => require("./docs") as typeof import("./docs");

/** The package version (package.json; esbuild inlines it into the bundle). */
const VERSION = (require("../package.json") as { version: string }).version;

/**
 * `--stack`'s value, refused when it looks like an option: `--stack --json` (a forgotten name)
 * would otherwise plan a stack called "--json" and print no JSON document.
 */
function stackName(value: string): string {
  if (value.startsWith("-")) throw new InvalidArgumentError(`a stack name, not an option, is needed after --stack (got "${value}")`);
  return value;
}

/**
 * A single-valued option's parser that refuses a second occurrence: commander would keep the last
 * silently, and `failover --stack a --stack b` must not rewrite a stack the user did not mean.
 */
const once =
  <T>(flag: string, parse: (value: string) => T) =>
  (value: string, previous: T | undefined): T => {
    if (previous !== undefined) throw new InvalidArgumentError(`${flag} given twice (${String(previous)}, then ${value}); give it once`);
    return parse(value);
  };
const asIs = (value: string): string => value;

const formatOf = (opts: { json?: boolean; markdown?: boolean }): Format => (opts.json ? "json" : opts.markdown ? "markdown" : "text");

/**
 * The `tessera` program, built anew for each run (commander keeps parsed options on the command).
 * With I/O other than the process's, commander writes its usage and errors there too (set before
 * the subcommands are added: they copy it).
 */
function createProgram(setExitCode: (code: number) => void, jsonMode: boolean): Command {
  const program = new Command()
    .name("tessera")
    .description("Place multi-cloud stacks by requirements, preview them offline, and check them against policy.")
    // With --json every output is a JSON document, the version and the help too (commander prints them).
    .version(jsonMode ? json({ schemaVersion: 1, version: VERSION }).trimEnd() : VERSION, "-V, --version", "print the tessera version")
    // One message per mistake, not the whole usage: the way to the options instead.
    .showHelpAfterError("(`tessera <command> --help` lists a command's options)")
    .exitOverride();

  const out = io();
  if (out !== PROCESS_IO) {
    program.configureOutput({
      writeOut: (s) => void out.stdout.write(s),
      writeErr: (s) => void out.stderr.write(s),
      // As commander sizes the process's streams: the terminal's width, else 80.
      getOutHelpWidth: () => (out.stdout.isTTY ? out.stdout.columns : undefined) ?? 80,
      getErrHelpWidth: () => (out.stderr.isTTY ? out.stderr.columns : undefined) ?? 80,
      // Captured output is not a color terminal (commander then strips any color from help).
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  }
  // Set before the subcommands are added, as the output: they copy it.
  if (jsonMode) program.configureHelp({ formatHelp: (cmd, helper) => json(helpJson(cmd, helper)) });

  program
    .command("place")
    .description("choose cloud, region and sizes for a stack and explain every rejected candidate")
    .option("-s, --stack <name>", "a stack in the stacks folder (reads its requirements and lock)", once("--stack", stackName))
    .option("-r, --requirements <file>", "a YAML/JSON file: a requirements map, or a Pulumi stack file with tessera:requirements", once("--requirements", asIs))
    .option("--json", "print the decision (or why nothing is feasible) as JSON")
    .option("--write", "write the placement lock when the stack has none")
    .option("--stacks-dir <dir>", "where stack files and locks live", STACKS_DIR)
    .action((opts: { stack?: string; requirements?: string; json?: boolean; write?: boolean; stacksDir: string }) => {
      const format = formatOf(opts);
      try {
        const catalog = loadCatalog();
        const inputs = readInputs(catalog, opts, opts.stacksDir);
        const result = placeWithLock(catalog, inputs.requirements, inputs.lock, { accounts: inputs.accounts });
        if (opts.write) {
          if (inputs.lock) {
            note(`kept the existing lock ${inputs.lockFile}; nothing written (tessera replan --write moves it)`);
          } else {
            const lock = lockFor(inputs.stack!, result.placement, inputs.requirements);
            writeLock(inputs.lockFile!, lock);
            note(`wrote ${inputs.lockFile}: ${describeLock(lock)}; commit it`);
          }
        }
        printDocument(format === "json" ? json(placeJson(result)) : renderPlace(result, { color: io().stdout.isTTY === true }));
      } catch (e) {
        fail(e, format, outcomeDocument(opts.stack));
      }
    });

  program
    .command("replan")
    .description("show what moving a locked stack to today's best placement would take")
    .requiredOption("-s, --stack <name>", "a stack in the stacks folder", once("--stack", stackName))
    .option("--json", "print the plan as JSON")
    .option("--write", "write the new lock")
    .option("--stacks-dir <dir>", "where stack files and locks live", STACKS_DIR)
    .action((opts: { stack: string; json?: boolean; write?: boolean; stacksDir: string }) => {
      const format = formatOf(opts);
      try {
        const catalog = loadCatalog();
        const inputs = readInputs(catalog, { stack: opts.stack, write: opts.write === true }, opts.stacksDir);
        const result = replan(catalog, inputs.requirements, opts.stack, inputs.lock, { accounts: inputs.accounts });
        // A lock that already holds today's placement is left alone: nothing to write, no "wrote" line.
        // The placement is the sites and sizes; the lock's monthlyUsd is a note of what they cost then.
        const current = inputs.lock !== undefined && isDeepStrictEqual(placementOf(inputs.lock), placementOf(result.lock));
        const written = opts.write === true && !current;
        if (written) note(writeReplan(result, inputs.lockFile));
        else if (opts.write) note(`kept ${inputs.lockFile}: it already holds today's best placement; nothing written`);
        printDocument(
          format === "json"
            ? json({ schemaVersion: 1, decision: placeJson({ placement: result.placement, lock: { status: "unlocked" } }).decision, migration: result.migration ?? null, written })
            : renderReplan(result, written, io().stdout.isTTY === true),
        );
      } catch (e) {
        fail(e, format, outcomeDocument(opts.stack));
      }
    });

  program
    .command("plan")
    .description("preview the stack offline: placement, resources, monthly cost and policy verdicts")
    .requiredOption("-s, --stack <name>", "a stack in the stacks folder (repeat for several stacks, planned in one process: needs --out-dir)", (v: string, prev: string[] = []) => [...prev, stackName(v)])
    .addOption(new Option("--json", "print the plan as JSON (schema: docs/plan-schema.json)").conflicts("markdown"))
    .addOption(new Option("--markdown", "print Markdown for a pull-request comment").conflicts("json"))
    .option("--diff <previous.json>", "compare with a previous `plan --json` output", once("--diff", asIs))
    .option("--out <file>", "also write the JSON plan to this file", once("--out", asIs))
    .option("--out-dir <dir>", "several stacks: write <stack>.json and <stack>.md here; stdout is one line per stack", once("--out-dir", asIs))
    .option("--diff-dir <dir>", "several stacks: compare each with <dir>/<stack>.json when it is there", once("--diff-dir", asIs))
    .option("--stacks-dir <dir>", "where stack files and locks live", STACKS_DIR)
    .action(async (opts: { stack: string[]; json?: boolean; markdown?: boolean; diff?: string; out?: string; outDir?: string; diffDir?: string; stacksDir: string }) => {
      const format = formatOf(opts);
      const single = opts.stack.length === 1 && opts.outDir === undefined && opts.diffDir === undefined;
      try {
        if (single) {
          setExitCode(await planCommand().plan({ ...opts, stack: opts.stack[0]!, format }));
          return;
        }
        if (opts.outDir === undefined) throw new UsageError("plan: several --stack (or --diff-dir) need --out-dir <dir> for each stack's <stack>.json and <stack>.md");
        if (opts.out !== undefined || opts.diff !== undefined || format === "markdown") throw new UsageError("plan: with --out-dir, each stack's documents go to <dir>/<stack>.json and <stack>.md; use --diff-dir instead of --diff, and no --out or --markdown");
        setExitCode(await planCommand().planMany({ stacks: opts.stack, stacksDir: opts.stacksDir, outDir: opts.outDir, ...(opts.diffDir !== undefined ? { diffDir: opts.diffDir } : {}), format: format === "json" ? "json" : "text" }));
      } catch (e) {
        fail(e, format, outcomeDocument(single ? opts.stack[0] : undefined));
      }
    });

  program
    .command("check")
    .description("plan every stack in the stacks folder; say which one is not deployable and why")
    .option("--json", "print each stack's outcome as JSON")
    .option("--stacks-dir <dir>", "where stack files and locks live", STACKS_DIR)
    .action(async (opts: { json?: boolean; stacksDir: string }) => {
      const format = opts.json ? "json" : "text";
      try {
        setExitCode(await planCommand().check(opts.stacksDir, format));
      } catch (e) {
        fail(e, format);
      }
    });

  program
    .command("failover")
    .description("promote a failover stack's standby, or fail back to the primary (writes tessera:failover; apply with pulumi up)")
    .requiredOption("-s, --stack <name>", "a stack in the stacks folder with failover", once("--stack", stackName))
    .addOption(new Option("--promote", "serve from the standby: promote its database replicas, turn bucket replication around, move the DNS name").conflicts("failBack"))
    .addOption(new Option("--fail-back", "serve from the primary again (after re-seeding its database, see README)").conflicts("promote"))
    .option("--planned", "Azure: wait for replicas to catch up (a switchover while the primary is healthy)")
    .option("--restore <service=ocid>", "OCI: restore the standby database from this copied backup (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--json", "print the setting written as JSON")
    .option("--stacks-dir <dir>", "where stack files and locks live", STACKS_DIR)
    .action((opts: { stack: string; promote?: boolean; failBack?: boolean; planned?: boolean; restore?: string[]; json?: boolean; stacksDir: string }) => {
      const format = formatOf(opts);
      try {
        if (!opts.promote && !opts.failBack) throw new UsageError("failover: which site serves? allowed values: --promote (the standby), --fail-back (the primary)");
        if (opts.failBack && (opts.planned || opts.restore)) throw new UsageError(`failover: ${opts.planned ? "--planned" : "--restore"} applies to --promote only`);
        const written = writeFailover(loadCatalog(), opts.stacksDir, opts.stack, {
          active: opts.promote ? "standby" : "primary",
          planned: opts.planned === true,
          restore: parseRestore(opts.restore ?? []),
        });
        // Nothing to do (the site already serves) is exit 0 with nothing written, as replan's kept lock.
        if (written.written) note(`wrote tessera:failover ${JSON.stringify(written.setting)} to ${written.path}; review with \`tessera plan --stack ${opts.stack} --diff <previous plan.json>\`, then run \`pulumi up\``);
        else note(`kept ${written.path}: ${written.kept}; nothing written`);
        const site = `the ${opts.promote ? "standby" : "primary"} ${written.written ? `serves (${opts.promote ? "promotion" : "fail-back"})` : "already serves; nothing written"}`;
        printDocument(format === "json" ? json({ schemaVersion: 1, stack: opts.stack, file: written.path, failover: written.setting, written: written.written }) : `${opts.stack}: ${site}`);
      } catch (e) {
        fail(e, format);
      }
    });

  program
    .command("docs", { hidden: true })
    .description("(maintainers) regenerate the generated README/policy tables and docs/plan-schema.json")
    .option("--write", "write the files (default: check they are up to date)")
    .action((opts: { write?: boolean }) => {
      const stale = docsModule().writeDocs(opts.write === true);
      if (stale.length > 0) {
        io().stderr.write(`tessera: generated docs are out of date: ${stale.join(", ")} (run npm run docs)\n`);
        setExitCode(1);
      }
    });

  return program;
}

/** `--help --json`: a command's usage, options and subcommands as data (what the help text says). */
export function helpJson(cmd: Command, helper: Help): HelpJson {
  return {
    schemaVersion: 1,
    usage: helper.commandUsage(cmd),
    description: helper.commandDescription(cmd),
    options: helper.visibleOptions(cmd).map((o) => ({
      flags: o.flags,
      description: o.description,
      ...(o.mandatory ? { required: true } : {}),
      ...(o.defaultValue !== undefined ? { default: o.defaultValue as unknown } : {}),
    })),
    commands: helper.visibleCommands(cmd).map((c) => ({ name: c.name(), usage: helper.subcommandTerm(c), description: helper.subcommandDescription(c) })),
  };
}

/** What `tessera [command] --help --json` prints. */
export interface HelpJson {
  readonly schemaVersion: 1;
  /** As the help's first line: `tessera plan [options]`. */
  readonly usage: string;
  readonly description: string;
  readonly options: ReadonlyArray<{ readonly flags: string; readonly description: string; readonly required?: true; readonly default?: unknown }>;
  readonly commands: ReadonlyArray<{ readonly name: string; readonly usage: string; readonly description: string }>;
}

/** A lock's placement: each site's cloud, region and sizes, without the cost noted beside them. */
function placementOf(lock: Lock): unknown {
  const site = ({ cloud, region, services }: Lock["decision"] | NonNullable<Lock["decision"]["secondary"]>) => ({ cloud, region, services });
  return { ...site(lock.decision), secondary: lock.decision.secondary ? site(lock.decision.secondary) : null };
}

/** Flag errors (commander already printed them): exit 2, and with `--json` the JSON error too. */
function flagError(err: CommanderError, argv: readonly string[]): never {
  if (err.exitCode === 0) return io().exit(0); // --help, --version
  if (argv.includes("--json")) printDocument(json(errorJson(new UsageError(flagMessage(err, argv)))));
  return io().exit(2);
}

/** The message of a flag error; for the help commander shows instead of a missing or unknown command ("(outputHelp)"), what was missing. */
function flagMessage(err: CommanderError, argv: readonly string[]): string {
  if (err.code !== "commander.help") return err.message.replace(/^error: /, "");
  const named = argv[0] === "help" ? argv.slice(1).find((a) => !a.startsWith("-")) : undefined;
  return `${named !== undefined ? `unknown command '${named}'` : "a command is needed"}; commands: place, replan, plan, check, failover (tessera --help lists them)`;
}

/** Thrown by the `exit` of in-process I/O to end a run early: {@link run} returns its code. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = "CliExit";
  }
}

/**
 * Runs `tessera <argv…>` (the arguments after the command name) with the given I/O; resolves to
 * the exit code. The process entry ({@link main}) and the tests (in-process) both come here, so
 * they run the same code. A bug (not a user error) rejects with its trace. One run at a time per
 * process: `plan` drives the process-wide Pulumi runtime.
 */
export async function run(argv: readonly string[], cliIo: CliIo = PROCESS_IO): Promise<number> {
  return withIo(cliIo, async () => {
    let exitCode = 0;
    try {
      try {
        await createProgram((code) => (exitCode = code), argv.includes("--json")).parseAsync([...argv], { from: "user" });
      } catch (e) {
        if (e instanceof CommanderError) flagError(e, argv);
        if (!(e instanceof CliExit)) fail(e);
        throw e;
      }
    } catch (e) {
      if (e instanceof CliExit) return e.code;
      throw e;
    }
    return exitCode;
  });
}

/**
 * {@link run} for a process: a bug (an error no command classifies) is reported, not rethrown —
 * its trace on stderr, with `--json` the error document (kind `internal`) on stdout — and ends
 * with exit code 3, so CI never reads a crash as "not deployable" (1) or "bad input" (2).
 */
export async function runReportingBugs(argv: readonly string[], cliIo: CliIo = PROCESS_IO): Promise<number> {
  try {
    return await run(argv, cliIo);
  } catch (e) {
    const trace = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
    cliIo.stderr.write(`tessera: internal error, a bug in tessera (please report it with this trace):\n${trace}\n`);
    if (argv.includes("--json")) cliIo.stdout.write(json(internalErrorJson(e)));
    return INTERNAL_EXIT_CODE;
  }
}

/** The process entry (bin/tessera.js): `process.argv`, the process's streams; error exits end the process at once. */
export function main(): void {
  void runReportingBugs(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
