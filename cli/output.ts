/**
 * Where the CLI writes. stdout holds only the document asked for (the report, `--json`,
 * `--markdown`), so `tessera plan --json | jq` and a pull-request comment never carry a log
 * line; everything else — progress, "wrote …", warnings, errors — goes to stderr.
 *
 * How a command ends on an error: the message on stderr, and with `--json` / `--markdown` also the
 * document for that outcome on stdout (an infeasible placement is a document, not 0 bytes), then
 * the exit code of {@link classify}. Anything that is not a user error is a bug and keeps its trace.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { dirname } from "node:path";
import { existsSync, statSync } from "node:fs";
import { writeFileWhole } from "../placement/lock";
import { classify, errorJson, OutputError, UsageError } from "./errors";

/** The document format a command prints. */
export type Format = "text" | "json" | "markdown";

/** A stream the CLI writes to (the parts of `process.stdout` it uses). */
export interface CliStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * Where one CLI run writes and how it ends: the process's own streams, or (tests running the CLI
 * in-process) captures. Everything in cli/ reaches stdout, stderr, the environment and the exit
 * through {@link io}, never through `process` directly.
 */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: NodeJS.ProcessEnv;
  /** Ends the run now with this exit code (the process: `process.exit`). */
  exit(code: number): never;
}

/** The process's own streams, environment and exit. */
export const PROCESS_IO: CliIo = {
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
  get env() {
    return process.env;
  },
  exit: (code) => process.exit(code),
};

const current = new AsyncLocalStorage<CliIo>();

/** The I/O of the run in progress (outside a run: the process's). */
export const io = (): CliIo => current.getStore() ?? PROCESS_IO;

/** Runs `work` with `cliIo` as the I/O of everything it calls (cli/tessera.ts `run`). */
export const withIo = <T>(cliIo: CliIo, work: () => T): T => current.run(cliIo, work);

/** Writes the document (stdout). */
export const printDocument = (text: string): void => {
  io().stdout.write(text.endsWith("\n") ? text : `${text}\n`);
};

/** Writes a note for the person at the terminal (stderr). */
export const note = (text: string): void => {
  io().stderr.write(`tessera: ${text}\n`);
};

/** JSON as every command prints it. */
export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** How a command turns a user error into its document for a format (undefined: no document). */
export type ErrorDocument = (e: Error, format: Format) => string | undefined;

/** The default: with `--json`, the JSON error object. */
export const jsonErrorDocument: ErrorDocument = (e, format) => (format === "json" ? json(errorJson(e)) : undefined);

/** Ends the command for an error: stderr message, document on stdout, exit code. Rethrows bugs. */
export function fail(e: unknown, format: Format = "text", document: ErrorDocument = jsonErrorDocument): never {
  const c = classify(e);
  if (c === undefined) throw e;
  const out = io();
  out.stderr.write(`tessera: ${(e as Error).message}\n`);
  const doc = document(e as Error, format);
  if (doc !== undefined) out.stdout.write(doc);
  return out.exit(c.exitCode);
}

/** Checks before the work starts that `file` can be created: its folder exists. */
export function checkOutFile(flag: string, file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${flag}: no folder ${dir} to write ${file} into`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`${flag}: ${file} is a folder`);
}

/** Writes a file whole (temp file, flush, rename, read back). @throws OutputError naming the file. */
export function writeOutFile(flag: string, file: string, text: string): void {
  try {
    writeFileWhole(file, text, `${file}.${process.pid}.tmp`);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new OutputError(`${flag}: could not write ${file}: ${err.code ? `${err.code} ` : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
}
