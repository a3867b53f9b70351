/**
 * The progress spinner `tessera plan` shows on stderr while it works (nanospinner).
 *
 * Why this wrapper — two ways nanospinner 1.2.2 never lets a process end:
 * - `clear()` only erases the line; the 50 ms timer keeps re-arming until `stop()`. The plan
 *   called `clear()`, so in a terminal it printed the whole plan and then spun forever (the
 *   cursor hidden) until Ctrl-C. Here the timer is always stopped, in a `finally`.
 * - it counts the lines to erase as `ceil(length / stream.columns)`; on a terminal that reports
 *   0 columns (a pty nobody sized, e.g. `script` without a terminal, some CI runners) that is
 *   Infinity and the next `clear()` loops forever writing escape codes. Here the spinner only
 *   runs on a terminal with a width.
 * It also decides "terminal" from file descriptor 1 (stdout) while drawing on stderr, so it runs
 * only when both are terminals, not under `CI` and not on a `dumb` terminal. Everywhere else no
 * progress is printed at all.
 */
import { createSpinner } from "nanospinner";
import { io } from "./output";

/** Progress shown while a command works. */
export interface Progress {
  update(text: string): void;
  /** Stops the timer, erases the line, shows the cursor again. Safe to call twice. */
  stop(): void;
}

const NONE: Progress = { update() {}, stop() {} };

/** The parts of a stream the decision reads. */
interface Stream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** True where an animated spinner belongs: both streams are terminals with a width, not CI, not `TERM=dumb`. */
export function animates(env: NodeJS.ProcessEnv = io().env, stdout: Stream = io().stdout, stderr: Stream = io().stderr): boolean {
  return stdout.isTTY === true && stderr.isTTY === true && (stderr.columns ?? 0) > 0 && env.TERM !== "dumb" && !("CI" in env);
}

/** Starts a spinner on stderr where one belongs; otherwise a no-op. */
export function startProgress(text: string): Progress {
  if (!animates()) return NONE;
  const spinner = createSpinner(text, { stream: io().stderr as NodeJS.WriteStream }).start();
  let running = true;
  return {
    update(next) {
      if (running) spinner.update({ text: next });
    },
    stop() {
      if (!running) return;
      running = false;
      // stop() with no argument clears the timer, erases the spinner line and restores the cursor.
      spinner.stop();
    },
  };
}

/** Runs `work` with a spinner that is stopped however `work` ends. */
export async function withProgress<T>(text: string, work: (progress: Progress) => Promise<T>): Promise<T> {
  const progress = startProgress(text);
  try {
    return await work(progress);
  } finally {
    progress.stop();
  }
}
