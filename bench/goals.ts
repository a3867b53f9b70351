/**
 * Issue 17's goals, each measured against its floor in the same run and printed as ratio, floor
 * and absolute figure. Times are CPU seconds (user + system, GNU time) of a fresh process, median
 * of `runs`, because on the shared 2-core machine wall time mostly measures the other processes.
 *
 * - place: `tessera place` per example ÷ Node reading the catalog from data/ (goal ≤ 1.5×).
 * - plan: `tessera plan` per example ÷ Node importing `@pulumi/pulumi` (goal ≤ 1.5×).
 * - per resource: a generated stack of n object stores, CPU and peak memory per added resource
 *   (goal ≤ 2 ms and ≤ 0.2 MB).
 * - hints: the did-you-mean search on an infeasible stack with 500 user locations, with and
 *   without failover, in-process (goal ≤ 2 s).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalog } from "../placement/catalog";
import { NoFeasiblePlacementError, place } from "../placement/place";
import { parseRequirements, type RequirementsInput } from "../placement/requirements";

const ROOT = join(__dirname, "..", "..");
const TIME = "/usr/bin/time";
const CLI = join(ROOT, "bin", "tessera.js");
export const EXAMPLES = ["us-budget", "eu-gdpr", "platform-eu", "shop-dr-eu", "ml-dr-us"] as const;

/** CPU seconds and peak MB of one process. */
interface Run {
  readonly cpu: number;
  readonly peakMb: number;
}

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Every measured process, floors included, runs with the same on-disk compile cache (`tessera`
 * turns Node's on for itself; a floor would otherwise compile what tessera's run reads from the
 * cache), warmed by the run `measure` discards.
 */
const ENV = { ...process.env, NODE_COMPILE_CACHE: join(tmpdir(), "tessera-bench-compile-cache") };

export function once(args: readonly string[], ok: readonly number[] = [0, 1], env: NodeJS.ProcessEnv = ENV): Run {
  const r = spawnSync(TIME, ["-f", "%U %S %M", process.execPath, ...args], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (!ok.includes(r.status ?? -1)) throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [user, sys, kb] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { cpu: user! + sys!, peakMb: kb! / 1024 };
}

/** Median CPU and largest peak memory of `runs` runs after one warm-up. */
export function measure(args: readonly string[], runs = 5, env: NodeJS.ProcessEnv = ENV): Run {
  once(args, [0, 1], env);
  const all = Array.from({ length: runs }, () => once(args, [0, 1], env));
  return { cpu: median(all.map((r) => r.cpu)), peakMb: Math.max(...all.map((r) => r.peakMb)) };
}

/** A goal's line: ratio to its floor, the floor, the figure and whether the goal is met. */
export const ratioLine = (what: string, value: number, floor: number, goal: number) =>
  `${what}: ${(value / floor).toFixed(2)}× its floor (${floor.toFixed(2)} s), ${value.toFixed(2)} s CPU — goal ≤ ${goal}×: ${value / floor <= goal ? "met" : "NOT met"}`;

/**
 * `tessera place` against its floor: Node reading the catalog from its CSV files in data/ (the
 * issue's "Node plus the catalog"). tessera itself reads the parsed records from its cache
 * (core/data.ts), so Node loading the catalog from that cache is printed too, for reference.
 */
export function benchPlaceRatio(runs = 5): string[] {
  const load = ["-e", `require(${JSON.stringify(join(ROOT, "dist", "placement", "catalog.js"))}).loadCatalog()`];
  const floor = measure(load, runs, { ...ENV, TESSERA_CSV_CACHE: "off" }).cpu;
  const cached = measure(load, runs).cpu;
  return [
    ...EXAMPLES.map((stack) => ratioLine(`tessera place --stack ${stack}`, measure([CLI, "place", "--stack", stack, "--json"], runs).cpu, floor, 1.5)),
    `(for reference: Node loading the catalog from tessera's parsed-CSV cache ${cached.toFixed(2)} s CPU)`,
  ];
}

/** `tessera plan` against Node importing the Pulumi SDK. */
export function benchPlanRatio(runs = 3): string[] {
  const floor = measure(["-e", 'require("@pulumi/pulumi")'], runs).cpu;
  return EXAMPLES.map((stack) => {
    const r = measure([CLI, "plan", "--stack", stack, "--json"], runs);
    return `${ratioLine(`tessera plan --stack ${stack}`, r.cpu, floor, 1.5)}, peak ${Math.round(r.peakMb)} MB`;
  });
}

/** A stack of `n` object stores (one bucket and its settings each) in the EU. */
function bucketsStack(dir: string, n: number): string {
  const services = Object.fromEntries(Array.from({ length: n }, (_, i) => [`b${i}`, { kind: "object-storage", sizeGb: 10 }]));
  const name = `buckets-${n}`;
  writeFileSync(join(dir, `Pulumi.${name}.yaml`), `config:\n  tessera:requirements: ${JSON.stringify({ services, residency: { jurisdictions: ["EU"] } })}\n`);
  return name;
}

/** CPU and memory per resource: the slope between a small and a large generated stack. */
export function benchPerResource(small = 5, large = 200, runs = 3): string[] {
  const dir = mkdtempSync(join(tmpdir(), "tessera-bench-"));
  const sizes = [small, large].map((n) => {
    const stack = bucketsStack(dir, n);
    const args = [CLI, "plan", "--stack", stack, "--stacks-dir", dir, "--json"];
    const out = spawnSync(process.execPath, args, { cwd: ROOT, env: ENV, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const resources = (JSON.parse(out.stdout) as { resources: unknown[] }).resources.length;
    return { resources, ...measure(args, runs) };
  });
  const [a, b] = sizes as [(typeof sizes)[0], (typeof sizes)[0]];
  const added = b.resources - a.resources;
  const ms = ((b.cpu - a.cpu) * 1000) / added;
  const mb = (b.peakMb - a.peakMb) / added;
  // The SDK's own slope, the floor under any per-resource figure: n component + child pairs.
  const floorScript = join(ROOT, "dist", "bench", "sdk-floor.js");
  const pairs = (resources: number) => Math.round(resources / 2);
  const [fa, fb] = [a.resources, b.resources].map((r) => ({ resources: 2 * pairs(r), ...measure([floorScript, String(pairs(r))], runs) })) as [Run & { resources: number }, Run & { resources: number }];
  const floorMs = ((fb.cpu - fa.cpu) * 1000) / (fb.resources - fa.resources);
  const floorMb = (fb.peakMb - fa.peakMb) / (fb.resources - fa.resources);
  return [
    `per resource (${a.resources} → ${b.resources} resources: ${a.cpu.toFixed(2)} → ${b.cpu.toFixed(2)} s CPU, ${Math.round(a.peakMb)} → ${Math.round(b.peakMb)} MB): ${ms.toFixed(2)} ms (goal ≤ 2 ms: ${ms <= 2 ? "met" : "NOT met"}), ${mb.toFixed(3)} MB (goal ≤ 0.2 MB: ${mb <= 0.2 ? "met" : "NOT met"})`,
    `the Pulumi SDK alone under mocks (${fa.resources} → ${fb.resources} resources, bench/sdk-floor.ts): ${floorMs.toFixed(2)} ms and ${floorMb.toFixed(3)} MB per resource; tessera's per-resource figures are ${(ms / floorMs).toFixed(1)}× and ${(mb / floorMb).toFixed(1)}× the SDK's`,
  ];
}

/** An infeasible stack: 500 users around the world, each asking for at most 250 ms RTT, and a budget too small. */
export function hintStack(users: number, failover: boolean): RequirementsInput {
  let seed = 17;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return {
    services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 }, db: { kind: "database", vcpus: 2, memoryGib: 8, storageGb: 100 } },
    users: Array.from({ length: users }, (_, i) => ({ name: `u${i}`, latitude: -40 + rnd() * 100, longitude: -150 + rnd() * 300, maxRttMs: 250 })),
    budget: { monthlyUsd: 100, email: "finance@example.com" },
    ...(failover ? { failover: { minDistanceKm: 500, crossCloud: true } } : {}),
  } as RequirementsInput;
}

/** The did-you-mean search at 500 user locations, in-process CPU time (median of `runs`). */
export function benchHints(users = 500, runs = 3): string[] {
  const catalog = loadCatalog();
  return [false, true].map((failover) => {
    const req = parseRequirements(hintStack(users, failover), catalog);
    const times: number[] = [];
    let hint: string | undefined;
    for (let i = 0; i < runs; i++) {
      const t0 = process.cpuUsage();
      try {
        place(catalog, req);
        hint = "(feasible: no search)";
      } catch (e) {
        if (!(e instanceof NoFeasiblePlacementError)) throw e;
        hint = e.hint ?? "(no single relaxation)";
      }
      const u = process.cpuUsage(t0);
      times.push((u.user + u.system) / 1e6);
    }
    const s = median(times);
    return `did-you-mean at ${users} user locations ${failover ? "with" : "without"} failover: ${s.toFixed(2)} s CPU (goal ≤ 2 s: ${s <= 2 ? "met" : "NOT met"}); hint: ${hint}`;
  });
}

/** Where `tessera plan`'s CPU goes on each example: cumulative seconds per phase (bench/phases.ts), median run by total. */
export function benchPhases(runs = 3): string[] {
  const script = join(ROOT, "dist", "bench", "phases.js");
  return EXAMPLES.map((stack) => {
    const all = Array.from({ length: runs + 1 }, () => {
      const r = spawnSync(process.execPath, [script, stack], { cwd: ROOT, env: ENV, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`phases ${stack} failed (${r.status}): ${r.stderr.slice(-2000)}`);
      return JSON.parse(r.stdout) as { resources: number; at: { sdk: number; modules: number; placed: number; program: number; pack: number }; sdks: Record<string, number> };
    }).slice(1);
    const { resources, at, sdks } = [...all].sort((a, b) => a.at.pack - b.at.pack)[Math.floor(runs / 2)]!;
    const modules = Object.entries(sdks).map(([sdk, n]) => `${sdk} ${n}`).join(", ") || "none";
    const step = (a: number, b: number) => `+${(b - a).toFixed(2)} s`;
    const per = (a: number, b: number) => `${(((b - a) * 1000) / resources).toFixed(1)} ms per resource`;
    return (
      `${stack} (${resources} resources): Node + SDK ${at.sdk.toFixed(2)} s, modules ${step(at.sdk, at.modules)}, placement ${step(at.modules, at.placed)}, ` +
      `program ${step(at.placed, at.program)} (${per(at.placed, at.program)}), policy pack and report ${step(at.program, at.pack)} (${per(at.program, at.pack)}); total ${at.pack.toFixed(2)} s = ${(at.pack / at.sdk).toFixed(2)}× the SDK; provider modules loaded: ${modules}`
    );
  });
}
