/**
 * Benchmarks (figures, not pass/fail tests): `npm run bench [name...]`. Compiled with tsc and run
 * with plain node pinned to one core, the way a production process runs tessera's code.
 *
 * - placement: catalog load; 1,000 random stacks placed (targets: < 200 ms, < 1 s).
 * - pack: the policy pack started as the engine starts it, until it serves (target: < 1.5 s).
 * - place, plan, hints: issue 17's goals as ratios to their floors (bench/goals.ts).
 * - typecheck: issue 17's type-check goal, the project's check over its provider floor (bench/typecheck.ts).
 * - phases: where `tessera plan`'s CPU goes on each example (bench/phases.ts).
 * - plan-wall: `tessera plan` wall time on the examples (target on the largest: < 3 s warm, < 600 MB).
 * - progress: what plan's progress line costs in a terminal (bench/progress.ts).
 *
 * Not a bench: `node dist/bench/golden.js <other checkout>` compares this placement's outputs with
 * another checkout's over random stacks (bench/golden.ts), for changes that must not change results.
 */
// Each bench loads its own modules, so one bench's heap (the Pulumi SDK, the pack) never
// slows another's garbage collection.
const benchPack = (...a: Parameters<typeof import("./pack").benchPack>) => (require("./pack") as typeof import("./pack")).benchPack(...a);
const benchPlan = (...a: Parameters<typeof import("./plan").benchPlan>) => (require("./plan") as typeof import("./plan")).benchPlan(...a);
const benchPlacement = () => (require("./placement") as typeof import("./placement")).benchPlacement();
const goals = () => require("./goals") as typeof import("./goals");

const BENCHES: Record<string, () => Promise<string[]> | string[]> = {
  placement: () => {
    const r = benchPlacement();
    return [
      `catalog load: ${r.loadMs.toFixed(0)} ms from the CSV files (target < 200 ms), ${r.cachedLoadMs.toFixed(0)} ms from the parsed-CSV cache`,
      `1,000 random stacks placed (${r.feasible} feasible, the rest with a did-you-mean hint): ${r.placeMs.toFixed(0)} ms (target < 1,000 ms), ${(r.placeMs / r.stacks).toFixed(2)} ms per stack`,
    ];
  },
  // Issue 17's goals, each as a ratio to its floor measured in the same run (CPU seconds).
  place: () => goals().benchPlaceRatio(),
  plan: () => [...goals().benchPlanRatio(), ...goals().benchPerResource()],
  hints: () => goals().benchHints(),
  typecheck: () => (require("./typecheck") as typeof import("./typecheck")).benchTypecheck(),
  // Not a goal: the profile behind the plan goals (CPU per phase on each example).
  phases: () => goals().benchPhases(),
  "plan-wall": () =>
    benchPlan(["us-budget", "eu-gdpr", "platform-eu", "ml-dr-us"]).map(
      (r) => `tessera plan --stack ${r.stack} (${r.resources} resources): ${r.seconds.toFixed(2)} s median of 3 warm runs (target < 3 s), peak ${r.peakMb} MB (target < 600 MB)`,
    ),
  // Not a goal: the progress line's cost (with it and without it, in a pseudo-terminal).
  progress: () => (require("./progress") as typeof import("./progress")).benchProgress(["us-budget", "platform-eu"]),
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
