/**
 * What `tessera plan`'s progress line costs (cli/progress.ts: a worker thread draws it): the plan
 * in a pseudo-terminal with the line (TERM=xterm-256color) and without it (TERM=dumb, the same
 * terminal otherwise), runs alternating, GNU time's wall, CPU (every thread) and peak memory, and
 * the frames the terminal received. Under `npm run bench` the processes inherit its one-core
 * affinity: the worker then shares the plan's core, the dearest case.
 */
import { join } from "node:path";
import { spawn } from "@lydell/node-pty";
import { median } from "./goals";

const ROOT = join(__dirname, "..", "..");

interface Run {
  readonly wall: number;
  readonly cpu: number;
  readonly peakMb: number;
  readonly frames: number;
}

function once(stack: string, term: string): Promise<Run> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "CI") env[k] = v;
  env.TERM = term;
  const args = ["-f", "TIME %e %U %S %M", process.execPath, join(ROOT, "bin", "tessera.js"), "plan", "--stack", stack];
  const pty = spawn("/usr/bin/time", args, { name: term, cols: 120, rows: 40, cwd: ROOT, env });
  let screen = "";
  pty.onData((d) => (screen += d));
  return new Promise((resolve, reject) => {
    pty.onExit(() => {
      const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(screen);
      if (!m) return reject(new Error(`plan --stack ${stack} (TERM=${term}): no timing in ${screen.slice(-500)}`));
      // eslint-disable-next-line no-control-regex
      resolve({ wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), peakMb: Number(m[4]) / 1024, frames: (screen.match(/\r\x1b\[33m.\x1b\[39m /gu) ?? []).length });
    });
  });
}

/** Median figures with and without the progress line, `runs` of each after one warm-up. */
export async function benchProgress(stacks: readonly string[], runs = 5): Promise<string[]> {
  const lines: string[] = [];
  for (const stack of stacks) {
    await once(stack, "dumb");
    const on: Run[] = [];
    const off: Run[] = [];
    for (let i = 0; i < runs; i++) {
      on.push(await once(stack, "xterm-256color"));
      off.push(await once(stack, "dumb"));
    }
    const fig = (rs: Run[]) => `${median(rs.map((r) => r.wall)).toFixed(2)} s wall, ${median(rs.map((r) => r.cpu)).toFixed(2)} s CPU, ${median(rs.map((r) => r.peakMb)).toFixed(0)} MB`;
    lines.push(`tessera plan --stack ${stack} in a terminal: with the progress line ${fig(on)} (${median(on.map((r) => r.frames))} frames); without (TERM=dumb) ${fig(off)}; median of ${runs}`);
  }
  return lines;
}
