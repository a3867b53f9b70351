/**
 * Running `tessera` from tests: {@link tessera} runs the CLI in this process (cli/tessera.ts
 * `run`, the code path `bin/tessera.js` takes) with captured stdout and stderr — no Node start
 * and SDK import per call — and {@link tesseraProcess} runs `bin/tessera.js` as a child process,
 * for the cases where the process boundary is the point (the real exit status, the Node guard).
 * Deliberately free of provider and SDK imports: `place` tests never load them.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { CliExit, run } from "../cli/tessera";
import type { CliIo } from "../cli/output";
import { ROOT } from "./paths";

/** What a CLI run returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// One in-process run at a time: `plan` drives the process-wide Pulumi runtime (one stack at a
// time, as a multi-stack plan does), and the runs of concurrent tests queue here.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `tessera <args…>` in this process, as `bin/tessera.js` would: stdout and stderr captured
 * (not terminals), the process's environment, and the exit code the process would end with.
 */
export function tessera(...args: string[]): Promise<CliResult> {
  const result = queue.then(() => runCaptured(args));
  queue = result.catch(() => undefined);
  return result;
}

async function runCaptured(args: readonly string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: process.env,
    exit(code: number): never {
      throw new CliExit(code);
    },
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

// At most two CLI processes at a time per test file: each loads the SDKs, and more only thrash
// the two cores (and trip ava's inactivity timeout on a busy machine).
let running = 0;
const waiting: Array<() => void> = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs `bin/tessera.js` as users run it (a child process in the repository root). */
export function tesseraProcess(...args: string[]): Promise<CliResult> {
  return slot(() => spawnCli(args));
}

async function spawnCli(args: readonly string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, "bin", "tessera.js"), ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as CliResult;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
