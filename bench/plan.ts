/**
 * `tessera plan` end to end, as a user runs it (a fresh `node bin/tessera.js plan` process: tsx,
 * placement, the program under the harness, the pack, rendering) on every example stack. Wall
 * time and peak memory from GNU time. Targets on the largest stack: < 3 s warm, < 600 MB.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const TIME = "/usr/bin/time";

/** One measured run: seconds and peak resident memory (MB). */
interface Run {
  readonly seconds: number;
  readonly peakMb: number;
}

function once(stack: string): Run {
  if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed to measure peak memory: apt-get install time`);
  const r = spawnSync(TIME, ["-f", "%e %M", process.execPath, join(ROOT, "bin", "tessera.js"), "plan", "--stack", stack, "--json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`plan --stack ${stack} failed (${r.status}): ${r.stderr}`);
  const [seconds, kb] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { seconds: seconds!, peakMb: Math.round(kb! / 1024) };
}

/** Median run of each stack after one warm-up run (file caches and tsx's transform cache warm). */
export function benchPlan(stacks: readonly string[], runs = 3): Array<{ stack: string; resources: number; seconds: number; peakMb: number }> {
  return stacks.map((stack) => {
    once(stack);
    const measured = Array.from({ length: runs }, () => once(stack)).sort((a, b) => a.seconds - b.seconds);
    const json = spawnSync(process.execPath, [join(ROOT, "bin", "tessera.js"), "plan", "--stack", stack, "--json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const resources = (JSON.parse(json.stdout) as { resources: unknown[] }).resources.length;
    const median = measured[Math.floor(runs / 2)]!;
    return { stack, resources, seconds: median.seconds, peakMb: Math.max(...measured.map((m) => m.peakMb)) };
  });
}
