/**
 * Issue 17's type-check goal: checking the project ≤ 1.3× its provider floor, in CPU seconds.
 *
 * The floor is what no change to the project can remove: the same compilerOptions (tsconfig.json,
 * `@types/node` and the libs included) over one file that imports exactly the Pulumi SDK modules
 * the project imports (`@pulumi/*` submodules, found in the sources each run) and uses each name
 * the project imports from them: a resource's args with every property type resolved, a
 * function's parameters, a type as is (bench/typecheck-floor/floor.ts, written by `writeFloor()`;
 * `npx tsgo -p bench/typecheck-floor` or `npx tsc -p bench/typecheck-floor` checks it by hand).
 *
 * Both are measured non-incremental (no build info: what CI and a fresh clone pay) with each
 * compiler: tsc (TypeScript 6, the JS compiler) and tsgo (the TypeScript 7 native compiler that
 * `npm run typecheck` uses), plus the warm incremental `npm run typecheck` a developer pays on a
 * second run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, relative } from "node:path";
import { measure, median, once, ratioLine } from "./goals";

const ROOT = join(__dirname, "..", "..");
export const FLOOR_DIR = join(ROOT, "bench", "typecheck-floor");
const GOAL = 1.3;

/** The compilers, as `node <bin>` (tsgo's bin starts the native executable and waits for it). */
export const COMPILERS = {
  tsc: join(ROOT, "node_modules", "typescript", "bin", "tsc"),
  tsgo: join(ROOT, "node_modules", "@typescript", "native-preview", "bin", "tsgo"),
} as const;

/** The directories tsconfig.json includes (besides index.ts); the floor itself is excluded. */
const SOURCE_DIRS = ["core", "components", "placement", "policies", "program", "cli", "harness", "test", "bench"];
const SKIP = new Set(["node_modules", "dist", "fixtures", "typecheck-floor"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIP.has(name) ? [] : sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/**
 * Every `@pulumi/*` module the project's sources import (static imports, re-exports and
 * `import("…")` types; `require()` is untyped and loads nothing for the checker), with the names
 * imported from it (empty for `* as` and `import()`).
 */
export function projectPulumiImports(): Map<string, Set<string>> {
  const files = [join(ROOT, "index.ts"), ...SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)))];
  const found = new Map<string, Set<string>>();
  const add = (spec: string, names: readonly string[]) => {
    const set = found.get(spec) ?? new Set<string>();
    for (const n of names) set.add(n);
    found.set(spec, set);
  };
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    // Statements at the start of a line, so doc comments' example imports do not count.
    for (const m of text.matchAll(/^(?:import|export)\s+(?:type\s+)?([^;]*?)\s+from\s+"(@pulumi\/[^"]+)"/gm)) {
      const clause = m[1]!;
      const braces = /\{([^}]*)\}/.exec(clause);
      const names = braces ? braces[1]!.split(",").map((s) => s.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!).filter(Boolean) : [];
      add(m[2]!, names);
    }
    for (const m of text.matchAll(/import\("(@pulumi\/[^"]+)"\)/g)) add(m[1]!, []);
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * How the floor uses a name: a resource class's args with every property's declared type resolved
 * (an object literal checked against them resolves the ones it sets, and with them the provider's
 * shared `types/input` declarations); a function's parameters; a type as is.
 */
function use(spec: string, ns: string, name: string): string {
  const base = join(ROOT, "node_modules", spec);
  const dts = [`${base}.d.ts`, join(base, "index.d.ts")].find(existsSync);
  const text = dts ? readFileSync(dts, "utf8") : "";
  if (new RegExp(`^export declare class ${name} extends pulumi\\.(?:Custom|Provider)Resource\\b`, "m").test(text)) return `Resolved<NonNullable<ConstructorParameters<typeof ${ns}.${name}>[1]>>`;
  if (new RegExp(`^export declare (?:abstract )?class ${name}\\b`, "m").test(text)) return `ConstructorParameters<typeof ${ns}.${name}>`;
  if (new RegExp(`^export declare function ${name}\\b`, "m").test(text)) return `Parameters<typeof ${ns}.${name}>`;
  if (new RegExp(`^export (?:declare )?(?:interface|type|enum|const enum) ${name}\\b`, "m").test(text)) return `${ns}.${name}`;
  // Re-exported through an index (@pulumi/pulumi, @pulumi/policy): a value or a type, so both
  // spellings would not compile; the namespace's member keys resolve every export's symbol.
  return `keyof typeof ${ns}`;
}

/** The floor's one source file. */
export function floorSource(imports = projectPulumiImports()): string {
  const lines = [
    "// Generated by bench/typecheck.ts (writeFloor) from the project's @pulumi imports: the type-check floor.",
    "// Regenerated by `npm run bench typecheck`; do not edit.",
  ];
  const uses: string[] = [];
  [...imports].forEach(([spec, names], i) => {
    const ns = `m${i}`;
    lines.push(`import type * as ${ns} from "${spec}";`);
    const mine = new Set(names.size === 0 ? [`keyof typeof ${ns}`] : [...names].sort().map((name) => use(spec, ns, name)));
    uses.push(...mine);
  });
  lines.push("", "/** T with every property's declared type resolved: comparing Required<T> to T reads each one. */");
  lines.push("type Resolved<T> = Required<T> extends T ? T : never;");
  lines.push("", "/** One use of every name the project imports, so each is resolved as the project's uses resolve it. */");
  lines.push("export type Floor = [", ...uses.map((u) => `  ${u},`), "];", "");
  return lines.join("\n");
}

/** Writes bench/typecheck-floor/floor.ts; returns the number of modules and names it uses. */
export function writeFloor(): { modules: number; names: number } {
  const imports = projectPulumiImports();
  mkdirSync(FLOOR_DIR, { recursive: true });
  writeFileSync(join(FLOOR_DIR, "floor.ts"), floorSource(imports));
  return { modules: imports.size, names: [...imports.values()].reduce((n, s) => n + Math.max(1, s.size), 0) };
}

/** Runs a compiler once and fails loudly on any diagnostic: a floor or a check that errs measures nothing. */
function clean(compiler: keyof typeof COMPILERS, args: readonly string[]): void {
  const r = spawnSync(process.execPath, [COMPILERS[compiler], ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${compiler} ${args.join(" ")} failed (${r.status}):\n${r.stdout}${r.stderr}`);
}

const FLOOR_ARGS = ["-p", relative(ROOT, FLOOR_DIR)];
const PROJECT_ARGS = ["--noEmit", "-p", "."];

/** Floor and project alternately (after one warm-up of each), so a change in the shared machine's load hits both alike. */
function pair(compiler: keyof typeof COMPILERS, runs: number): { floor: number; project: number; floorMb: number; projectMb: number } {
  clean(compiler, FLOOR_ARGS);
  clean(compiler, PROJECT_ARGS);
  const floor: number[] = [];
  const project: number[] = [];
  let floorMb = 0;
  let projectMb = 0;
  for (let i = 0; i < runs; i++) {
    const f = once([COMPILERS[compiler], ...FLOOR_ARGS]);
    const p = once([COMPILERS[compiler], ...PROJECT_ARGS]);
    floor.push(f.cpu);
    project.push(p.cpu);
    floorMb = Math.max(floorMb, f.peakMb);
    projectMb = Math.max(projectMb, p.peakMb);
  }
  return { floor: median(floor), project: median(project), floorMb, projectMb };
}

/** The bench's lines: per compiler the floor, the project and their ratio; tsgo's check over tsc's floor; the warm incremental check. */
export function benchTypecheck(runs = 3): string[] {
  const { modules, names } = writeFloor();
  const load = () => loadavg()[0]!.toFixed(1);
  const lines = [
    `floor: ${modules} @pulumi modules, ${names} uses (bench/typecheck-floor); CPU seconds (user + system), median of ${runs} after a warm-up, floor and project alternately, non-incremental; load average ${load()} at start`,
  ];
  const r = { tsgo: pair("tsgo", runs), tsc: pair("tsc", runs) };
  for (const compiler of ["tsgo", "tsc"] as const) {
    const { floor, project, floorMb, projectMb } = r[compiler];
    lines.push(`${ratioLine(`${compiler} --noEmit -p . over ${compiler} on the floor`, project, floor, GOAL)}; peak ${Math.round(projectMb)} MB (floor ${Math.round(floorMb)} MB)`);
  }
  lines.push(ratioLine("tsgo --noEmit -p . (npm run typecheck) over tsc on the floor", r.tsgo.project, r.tsc.floor, GOAL));
  // A second `npm run typecheck`: measure()'s warm-up run writes the build info the measured runs read.
  const buildInfo = join(ROOT, "dist", ".typecheck-bench.tsbuildinfo");
  for (const compiler of ["tsgo", "tsc"] as const) {
    rmSync(buildInfo, { force: true });
    const warm = measure([COMPILERS[compiler], ...PROJECT_ARGS, "--incremental", "--tsBuildInfoFile", buildInfo], runs).cpu;
    lines.push(`${compiler} --incremental with its build info warm (a second \`npm run typecheck${compiler === "tsc" ? ":tsc" : ""}\`): ${warm.toFixed(2)} s CPU`);
  }
  rmSync(buildInfo, { force: true });
  lines.push(`load average ${load()} at the end`);
  return lines;
}
