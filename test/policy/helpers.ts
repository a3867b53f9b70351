/**
 * Shared by the policy tests: capture a program's registrations under the harness, run the pack
 * over them in-process (the engine's call sequence), and view verdicts compactly.
 */
import { type Cloud, cloudOfType } from "../../core/cloud";
import type { Target } from "../../components/target";
import { installHarness, type Registration } from "../../harness";
import { analyzeRegistrations, inProcessAnalyzer, type Verdict } from "../../harness/policy";
import { createPolicies, type PackOptions, RULES } from "../../policies/pack";
import { coveredClouds, coveredTypes } from "../../policies/rule";
import { allComponents } from "../fixtures/components";
import { allViolations } from "../fixtures/noncompliant";
import { sorted, targets } from "../helpers";

/** Registrations of one program run. */
export interface Captured {
  readonly registrations: readonly Registration[];
  readonly stack: string;
  readonly project: string;
}

/** Runs `build` under the harness (update semantics unless `preview`). */
export async function capture(build: (t: Record<Cloud, Target>) => void, preview = false): Promise<Captured> {
  const h = await installHarness({ preview });
  await h.run(() => build(targets()));
  return { registrations: [...h.registrations], stack: h.stack, project: h.project };
}

/** Every verdict of the pack built with `options`, in a stable order. */
export async function verdicts(run: Captured, options: PackOptions = {}): Promise<Verdict[]> {
  const result = await analyzeRegistrations(inProcessAnalyzer(createPolicies(options)), run.registrations, { stack: run.stack, project: run.project, config: {} });
  return sorted(result.verdicts);
}

/**
 * The verdicts of the rules `options.config` configures, from the pack built with `options`, in a
 * stable order: the same as those rules' verdicts in {@link verdicts}' (each rule judges alone, and
 * no rule remediates unless `options.enforcement` says so), without analyzing every other rule of
 * the pack over the whole capture again (most of a re-analysis's CPU).
 */
export async function configuredVerdicts(run: Captured, options: PackOptions): Promise<Verdict[]> {
  const ids = new Set(Object.keys(options.config ?? {}));
  const policies = createPolicies(options).filter((p) => ids.has(p.name));
  if (policies.length !== ids.size) throw new Error(`configuredVerdicts: the pack has no rule for ${[...ids].filter((id) => !policies.some((p) => p.name === id)).join(", ")}`);
  const result = await analyzeRegistrations(inProcessAnalyzer(policies), run.registrations, { stack: run.stack, project: run.project, config: {} });
  return sorted(result.verdicts);
}

/** `[resource name, message]` of one policy's verdicts on resources whose name starts with `prefix`. */
export function of(vs: readonly Verdict[], policy: string, prefix = "bad-"): Array<[string, string]> {
  return vs
    .filter((v) => v.policy === policy)
    .map((v): [string, string] => [v.urn.split("::").pop() ?? "", v.message])
    .filter(([name]) => name.startsWith(prefix))
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

/** The clouds of the resources named in `pairs`, from their registrations. */
export function cloudsOf(run: Captured, pairs: ReadonlyArray<[string, string]>): Cloud[] {
  const names = new Set(pairs.map(([n]) => n));
  const clouds = run.registrations.filter((r) => names.has(r.name)).map((r) => cloudOfType(r.type));
  return [...new Set(clouds.filter((c): c is Cloud => c !== undefined))].sort();
}

/** A rule's covered types and clouds. */
export function coverage(id: string): { types: string[]; clouds: Cloud[] } {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return { types: coveredTypes(rule), clouds: coveredClouds(rule).sort() };
}

/** Clouds with at least one resource of a covered type in `run` whose name starts with `prefix`. */
export function judgedClouds(run: Captured, id: string, prefix: string): Cloud[] {
  const { types } = coverage(id);
  const clouds = run.registrations.filter((r) => r.name.startsWith(prefix) && types.includes(r.type)).map((r) => cloudOfType(r.type));
  return [...new Set(clouds.filter((c): c is Cloud => c !== undefined))].sort();
}

/** A capture and the default pack's verdicts over it. */
export interface SharedRun {
  readonly run: Captured;
  readonly all: Verdict[];
}

let shared: Promise<SharedRun> | undefined;

/**
 * Every component on every cloud plus every non-compliant fixture (`bad-*`, `good-*`), captured
 * once per process with update semantics, with the default pack's verdicts.
 */
export function sharedRun(): Promise<SharedRun> {
  return (shared ??= (async () => {
    const run = await capture(everything);
    return { run, all: await verdicts(run) };
  })());
}

/** The program behind {@link sharedRun}. */
export function everything(t: Record<Cloud, Target>): void {
  allComponents(t);
  allViolations(t);
}
