/**
 * Policy pack start-up: the pack launched the way the engine launches it (run-policy-pack, cwd =
 * the pack folder) until it serves gRPC and answers GetAnalyzerInfo. Target: < 1.5 s.
 */
import { join } from "node:path";
import { startPack } from "../harness/policy";

/** Median of a list. */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Starts the pack `runs` times; returns the median time to serve and to answer GetAnalyzerInfo. */
export async function benchPack(runs = 5): Promise<{ serveMs: number; infoMs: number; rules: number; runs: number }> {
  const dir = join(__dirname, "..", "..", "policies");
  const serve: number[] = [];
  const info: number[] = [];
  let rules = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const pack = await startPack(dir);
    serve.push(pack.startupMs);
    rules = (await pack.info()).getPoliciesList().length;
    info.push(performance.now() - started);
    pack.stop();
  }
  return { serveMs: median(serve), infoMs: median(info), rules, runs };
}
