/**
 * The progress line `tessera plan` and `tessera check` show on stderr while they work:
 * `⠹ running the program (preview)`, redrawn in place and erased when the work ends.
 *
 * Why a worker thread draws it: planning keeps the main thread busy from start to end — loading
 * the provider SDKs is synchronous, and the program under the mock engine is one long chain of
 * promise callbacks that never lets a timer run — so a spinner timed on the main thread
 * (nanospinner, before) drew one frame and froze until the plan was done. The worker draws on
 * stderr's file descriptor directly (`writeSync`), every {@link INTERVAL_MS} and at once on each
 * new phase, whatever the main thread does; it sleeps in `Atomics.wait` and costs the plan its
 * start (Node's per-thread bootstrap, on another core where there is one: 0.05–0.22 s CPU and
 * 10–14 MB measured; `npm run bench progress`).
 *
 * Only where it belongs ({@link animates}): both stdout and stderr are terminals with a width,
 * not under `CI`, not on a `dumb` terminal; everywhere else no progress is printed at all. The
 * line is cut to the terminal's width (it never wraps, so `\r` and erase-to-end-of-line clear it)
 * and the cursor is never hidden: no signal handler is needed to show it again, so Ctrl-C ends a
 * busy plan at once (a handler could only run once the main thread is idle, i.e. after the plan).
 */
import { io } from "./output";

/** Progress shown while a command works. */
export interface Progress {
  /** Shows this text from the next frame (drawn at once). */
  update(text: string): void;
  /** Erases the line; returns once it is erased. Safe to call twice. */
  stop(): void;
}

const NONE: Progress = { update() {}, stop() {} };

/** Time between frames: cli-spinners' "dots" (the frames nanospinner drew too). */
export const INTERVAL_MS = 80;
const DOTS = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
/** The Linux console has no braille glyphs (as is-unicode-supported decides). */
const ASCII = ["-", "\\", "|", "/"];

/** The parts of a stream the decision reads. */
interface Stream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** True where a progress line belongs: both streams are terminals with a width, not CI, not `TERM=dumb`. */
export function animates(env: NodeJS.ProcessEnv = io().env, stdout: Stream = io().stdout, stderr: Stream = io().stderr): boolean {
  return stdout.isTTY === true && stderr.isTTY === true && (stderr.columns ?? 0) > 0 && env.TERM !== "dumb" && !("CI" in env);
}

// The worker's states (Int32Array slot 0): the main thread and the worker move it with compare-exchange.
const STARTING = 0;
const DRAWING = 1;
const STOPPING = 2;
const STOPPED = 3;

/**
 * The worker (plain JavaScript: evaluated as is, in the bundle and under tsx alike). It draws the
 * first frame, then one per interval and one per new text, until asked to stop; then it erases
 * the line and says so. A stop asked before it started: it draws nothing.
 */
const WORKER = `
const { workerData, receiveMessageOnPort } = require("node:worker_threads");
const { writeSync } = require("node:fs");
const { state, port, fd, frames, interval, width, color } = workerData;
let text = workerData.text;
let frame = 0;
const write = (s) => {
  for (let i = 0; i < 3; i++) {
    try { writeSync(fd, s); return; } catch (e) { if (e.code !== "EAGAIN") return; }
  }
};
const draw = () => {
  const glyph = frames[frame];
  frame = (frame + 1) % frames.length;
  const max = width - 3;
  const line = text.length > max ? text.slice(0, Math.max(0, max - 1)) + "…" : text;
  write("\\r" + (color ? "\\x1b[33m" + glyph + "\\x1b[39m" : glyph) + " " + line + "\\x1b[K");
};
if (Atomics.compareExchange(state, 0, ${STARTING}, ${DRAWING}) === ${STARTING}) {
  draw();
  for (;;) {
    Atomics.wait(state, 0, ${DRAWING}, interval);
    let drawn = false;
    for (let m; (m = receiveMessageOnPort(port)) !== undefined; drawn = true) {
      text = m.message;
      draw();
    }
    if (Atomics.load(state, 0) !== ${DRAWING}) break;
    if (!drawn) draw();
  }
  write("\\r\\x1b[K");
}
Atomics.store(state, 0, ${STOPPED});
Atomics.notify(state, 0);
`;

/** Starts the progress line on stderr where one belongs; otherwise a no-op. */
export function startProgress(text: string): Progress {
  const out = io();
  // The worker draws on the process's own stderr: not on in-process I/O that says it is a terminal.
  if (!animates() || out.stderr !== process.stderr) return NONE;
  const { MessageChannel, Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
  const state = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, {
    eval: true,
    // Not the parent's flags (under the tests: --import=tsx): the worker needs plain Node only.
    execArgv: [],
    argv: [],
    workerData: {
      state,
      port: port2,
      fd: process.stderr.fd,
      frames: out.env.TERM === "linux" ? ASCII : DOTS,
      interval: INTERVAL_MS,
      width: process.stderr.columns,
      color: !("NO_COLOR" in out.env),
      text,
    },
    transferList: [port2],
  });
  // Never what keeps the process alive, and never an unhandled error (the work matters, not its progress).
  worker.unref();
  worker.on("error", () => {});
  port1.unref();
  let running = true;
  const stop = (): void => {
    if (!running) return;
    running = false;
    process.off("exit", stop);
    // Not started yet: it will draw nothing. Drawing: ask it to erase the line and wait until it has.
    if (Atomics.compareExchange(state, 0, STARTING, STOPPED) === STARTING) return;
    if (Atomics.compareExchange(state, 0, DRAWING, STOPPING) !== DRAWING) return;
    Atomics.notify(state, 0);
    if (Atomics.wait(state, 0, STOPPING, 1000) === "timed-out") {
      void worker.terminate();
      process.stderr.write("\r\x1b[K");
    }
  };
  // A process that exits mid-work (an uncaught error) leaves no frame in front of its message.
  process.on("exit", stop);
  return {
    update(next) {
      if (!running) return;
      port1.postMessage(next);
      Atomics.notify(state, 0);
    },
    stop,
  };
}

/** Runs `work` with a progress line that is erased however `work` ends. */
export async function withProgress<T>(text: string, work: (progress: Progress) => Promise<T>): Promise<T> {
  const progress = startProgress(text);
  try {
    return await work(progress);
  } finally {
    progress.stop();
  }
}
