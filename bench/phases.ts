/**
 * Where `tessera plan`'s CPU goes, phase by phase, for one stack: `node dist/bench/phases.js
 * <stack>` prints one JSON line of cumulative CPU seconds (user + system, `process.cpuUsage`)
 * at each boundary of a fresh process:
 *
 * - `sdk`: Node started and `@pulumi/pulumi` imported (the plan goal's floor);
 * - `modules`: every module a plan loads up front (the policy pack, tessera's components, harness
 *   and catalog code); the placed clouds' provider modules load later, in `program`, as the first
 *   component on each cloud is built;
 * - `placed`, `program`, `pack`: `runPlan`'s own phases (cli/plan/run.ts `onPhase`): the
 *   placement, the Pulumi program under the harness, the policy pack and the report.
 *
 * It also counts the provider SDK modules the plan loaded, per SDK (a stack loads only its
 * placed clouds' since the registries load each cloud's implementation on first use).
 *
 * The modules here are tsc's output, not the CLI's bundle, so `modules` differs a little from
 * what `tessera plan` pays; the phases after it run the same code.
 */
const cpu = () => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000) / 1000;
};

async function main(stack: string): Promise<void> {
  require("@pulumi/pulumi");
  const at: Record<string, number> = { sdk: cpu() };
  const { runPlan } = require("../cli/plan/run") as typeof import("../cli/plan/run");
  at.modules = cpu();
  // Each phase's start is the previous one's end.
  const ended: Record<string, string> = { "running the program (preview)": "placed", "running the policy pack": "program" };
  const report = await runPlan({
    stack,
    onPhase: (phase) => {
      const name = ended[phase];
      if (name) at[name] = cpu();
    },
  });
  at.pack = cpu();
  // The provider SDKs' modules the plan loaded: only the placed clouds' (components/registry.ts).
  const sdks: Record<string, number> = {};
  for (const file of Object.keys(require.cache)) {
    const sdk = /node_modules\/@pulumi\/(aws|azure-native|gcp|digitalocean|oci)\//.exec(file)?.[1];
    if (sdk) sdks[sdk] = (sdks[sdk] ?? 0) + 1;
  }
  process.stdout.write(JSON.stringify({ stack, resources: report.resources.length, at, sdks }) + "\n");
}

void main(process.argv[2]!);
