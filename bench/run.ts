/**
 * Benchmarks (figures, not pass/fail tests): `npm run bench [name...]`. Compiled with tsc and run
 * with plain node pinned to one core, the way a production process runs tessera's code.
 *
 * - placement: catalog load; 1,000 random stacks placed (targets: < 200 ms, < 1 s).
 * - pack: the policy pack started as the engine starts it, until it serves (target: < 1.5 s).
 */
import { benchPack } from "./pack";
import { benchPlacement } from "./placement";

const BENCHES: Record<string, () => Promise<string[]> | string[]> = {
  placement: () => {
    const r = benchPlacement();
    return [
      `catalog load: ${r.loadMs.toFixed(0)} ms (target < 200 ms)`,
      `1,000 random stacks placed (${r.feasible} feasible, the rest with a did-you-mean hint): ${r.placeMs.toFixed(0)} ms (target < 1,000 ms), ${(r.placeMs / r.stacks).toFixed(2)} ms per stack`,
    ];
  },
  pack: async () => {
    const r = await benchPack();
    return [`policy pack (${r.rules} rules) serving gRPC: ${r.serveMs.toFixed(0)} ms median of ${r.runs} starts (target < 1,500 ms); answering GetAnalyzerInfo: ${r.infoMs.toFixed(0)} ms`];
  },
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`unknown bench "${name}"; benches: ${Object.keys(BENCHES).join(", ")}`);
    console.log(`## ${name}`);
    for (const line of await bench()) console.log(line);
  }
}

void main();
