/**
 * `tessera plan`: placement, the program under the engine-faithful harness with preview
 * semantics, a cost per resource from the placement cost model, and the policy pack run over the
 * registrations the way the engine runs it. Produces a {@link PlanReport}; renders live elsewhere.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { type Cloud, cloudOfPackage } from "../../core/cloud";
import { installHarness, type Registration } from "../../harness";
import { analyzeRegistrations, inProcessAnalyzer } from "../../harness/policy";
import { loadCatalog, repoRoot } from "../../placement/catalog";
import type { ServiceCost } from "../../placement/cost";
import { placeWithLock } from "../../placement/lock";
import type { Decision } from "../../placement/place";
import { createPolicies, packOptionsSchema, type PackOptions, RULES } from "../../policies/pack";
import { FRAMEWORKS } from "../../policies/frameworks";
import { tessera } from "../../program";
import { governanceReport } from "../../program/governance";
import { STANDBY_SUFFIX } from "../../program/services";
import { readStackFileDetails } from "../../program/stackfile";
import { readInputs, STACKS_DIR } from "../inputs";
import { topReasons } from "../place";
import { displaySku } from "../../core/skus";
import { BILLABLE, resourceCost, SHARED_BILLABLE } from "./cost";
import { reachabilityWarnings } from "./reachability";
import { governanceResourceCost } from "../../placement/cost";
import { LOG_STORE } from "../../core/tags";
import { plainSecretOutputs } from "./outputs";
import type { PlanReport, PlanResource, PlanVerdict } from "./schema";

/** Where and how to plan. */
export interface PlanOptions {
  readonly stack: string;
  readonly stacksDir?: string;
  /** Policy pack options; default: policies/tessera-policies.json when present. */
  readonly policyOptions?: PackOptions;
  /** Today, for the catalog-age warning. @default new Date() */
  readonly now?: Date;
  /** Called as each phase starts (progress indicator). */
  readonly onPhase?: (phase: string) => void;
}

const ROOT = repoRoot();
const DAY_MS = 86_400_000;
/** Older compute prices than this get a warning. */
export const STALE_AFTER_DAYS = 90;

/** The pack options the repository's pack would use. */
export function repoPolicyOptions(): PackOptions {
  const file = join(ROOT, "policies", "tessera-policies.json");
  return existsSync(file) ? packOptionsSchema.parse(JSON.parse(readFileSync(file, "utf8"))) : {};
}

/**
 * The options with the planned stack's folder given to every rule that reads the stack file (the
 * budget, an audit opt-out), unless the options name a folder: those rules default to the
 * repository's stacks/, which is not where `--stacks-dir` points.
 */
export function withStacksDir(options: PackOptions, stacksDir: string): PackOptions {
  const config: Record<string, object> = { ...options.config };
  for (const rule of RULES) {
    if ("stacksDir" in rule.defaults) config[rule.id] = { stacksDir, ...config[rule.id] };
  }
  return { ...options, config };
}

/** Registrations by URN, and each one's properties decoded once (both are asked per resource). */
interface Index {
  readonly byUrn: ReadonlyMap<string, Registration>;
  readonly props: (r: Registration) => Record<string, unknown>;
}

function indexOf(registrations: readonly Registration[]): Index {
  const byUrn = new Map(registrations.map((r) => [r.urn, r]));
  const decoded = new Map<Registration, Record<string, unknown>>();
  const props = (r: Registration) => {
    let p = decoded.get(r);
    if (!p) decoded.set(r, (p = r.struct.toJavaScript() as Record<string, unknown>));
    return p;
  };
  return { byUrn, props };
}

function providerInfo(index: Index, r: Registration): { provider: string; cloud: string; region: string } {
  if (!r.provider) return { provider: "", cloud: "", region: "" };
  const provider = index.byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::")));
  const props = provider ? index.props(provider) : {};
  const region = props.region ?? props.location ?? index.props(r).region;
  const pkg = provider?.type.replace("pulumi:providers:", "") ?? "";
  return { provider: provider?.name ?? "", cloud: cloudOfPackage(pkg) ?? pkg, region: typeof region === "string" ? region : "" };
}

/** The top-level component a resource belongs to: its name is the service's (plus the standby suffix). */
function componentOf(index: Index, r: Registration): string {
  let current: Registration | undefined = r;
  while (current && current.parent) {
    const parent = index.byUrn.get(current.parent);
    if (!parent || parent.type === "pulumi:pulumi:Stack") return current.type.startsWith("tessera:") ? current.name : "";
    current = parent;
  }
  return "";
}

/** Runs the whole plan. */
export async function runPlan(opts: PlanOptions): Promise<PlanReport> {
  const stacksDir = opts.stacksDir ?? STACKS_DIR;
  const catalog = loadCatalog();
  opts.onPhase?.("placing");
  const inputs = readInputs(catalog, { stack: opts.stack }, stacksDir);
  const req = inputs.requirements;
  const { placement, lock } = placeWithLock(catalog, req, inputs.lock, { accounts: inputs.accounts });
  const d = placement.decision;

  opts.onPhase?.("running the program (preview)");
  const file = readStackFileDetails(stacksDir, opts.stack);
  const h = await installHarness({ stack: opts.stack, config: file.config, secretKeys: file.secretKeys, preview: true });
  await h.run(() => tessera({ stacksDir, writeLock: false }));
  const registrations = h.registrations;

  // Which service and site each resource serves: `web` (primary) or `web-standby` (standby).
  const siteOf = (component: string): { service: string; site: "primary" | "standby" | ""; replication?: true } => {
    if (req.services[component]) return { service: component, site: "primary" };
    // A bucket's replication (`images-to-standby`, or `images-to-primary` after a promotion).
    const replicated = /^(.+)-to-(standby|primary)$/.exec(component)?.[1];
    if (replicated !== undefined && req.services[replicated] && d.secondary) return { service: replicated, site: "standby", replication: true };
    const base = component.endsWith(STANDBY_SUFFIX) ? component.slice(0, -STANDBY_SUFFIX.length) : "";
    return req.services[base] && d.secondary ? { service: base, site: "standby" } : { service: "", site: "" };
  };
  const index = indexOf(registrations);
  const components = new Map(registrations.map((r) => [r.urn, componentOf(index, r)]));
  // How many resources of each type a component has: each carries an equal share of its cost.
  const typeIn = (r: Registration) => `${components.get(r.urn)}/${r.type}`;
  const instances = new Map<string, number>();
  for (const r of registrations) instances.set(typeIn(r), (instances.get(typeIn(r)) ?? 0) + 1);
  const perType = new Map<string, number>();
  const resources: PlanResource[] = registrations.map((r) => {
    const where = providerInfo(index, r);
    const component = components.get(r.urn)!;
    const { service, site, replication } = siteOf(component);
    const sized = replication ? replicationCostOf(d, service) : withReplication(d, service, site === "standby" ? d.secondary?.services[service] : d.services[service], site);
    let cost = { monthlyUsd: 0, estimated: false, label: "" };
    // The site's shared lines (the NAT gateway) sit on the network's resources of that site.
    const sharedItem = SHARED_BILLABLE[r.type];
    const sharedSite = component === "network" ? d : component === `network${STANDBY_SUFFIX}` ? d.secondary : undefined;
    const sharedLine = sharedItem && sharedSite ? sharedSite.shared[sharedItem] : undefined;
    if (sharedLine) cost = { monthlyUsd: sharedLine.monthlyUsd, estimated: sharedLine.estimated, label: sharedLine.label };
    // A service's cost sits on its own resources (the bucket named after it, not its access-log bucket).
    if (service && sized && (r.name === component || BILLABLE[req.services[service]!.kind][r.type] !== "all")) {
      const key = typeIn(r);
      const index = perType.get(key) ?? 0;
      perType.set(key, index + 1);
      cost = resourceCost(replication ? "replication" : req.services[service]!.kind, r.type, sized, index, instances.get(key)!);
    }
    if (cost.label === "" && r.custom) {
      const props = index.props(r) as { tags?: unknown; logConfig?: unknown };
      const tagged = props.tags !== null && typeof props.tags === "object" && LOG_STORE in props.tags;
      cost = governanceResourceCost(r.type, { logStore: tagged || r.name.endsWith("-access-logs"), flowLogs: props.logConfig !== undefined }) ?? cost;
    }
    return { urn: r.urn, type: r.type, name: r.name, parent: r.parent, ...where, service, site, protect: r.protect, monthlyUsd: cost.monthlyUsd, estimated: cost.estimated, costLabel: cost.label };
  });

  opts.onPhase?.("running the policy pack");
  const options = withStacksDir(opts.policyOptions ?? repoPolicyOptions(), stacksDir);
  const run = await analyzeRegistrations(inProcessAnalyzer(createPolicies(options)), registrations, { stack: h.stack, project: h.project, config: {} });
  const frameworksOf = new Map(RULES.map((r) => [r.id, FRAMEWORKS.filter((f) => r.frameworks[f])]));
  const verdicts: PlanVerdict[] = run.verdicts.map((v) => ({ ...v, frameworks: frameworksOf.get(v.policy) ?? [] }));

  const monthlyUsd = Math.round(resources.reduce((s, r) => s + r.monthlyUsd, 0) * 100) / 100;
  const budgetUsd = req.budget?.monthlyUsd;
  const overBudget = budgetUsd !== undefined && d.totalMonthlyUsd > budgetUsd;
  const unpriced = [...d.unpriced, ...(d.secondary?.unpriced ?? []).map((u) => `standby ${u}`)];
  const budgetStatus = budgetUsd === undefined ? undefined : overBudget ? "exceeded" : unpriced.length > 0 ? "unconfirmed" : "within";
  const mandatory = verdicts.filter((v) => v.enforcement === "mandatory").length;
  const stackOutputs = registrations.find((r) => r.type === "pulumi:pulumi:Stack")?.outputs;
  const plainSecrets = plainSecretOutputs(stackOutputs);
  const ageDays = Math.floor(((opts.now ?? new Date()).getTime() - Date.parse(placement.catalog.computePriceDate)) / DAY_MS);
  const warnings: string[] = [];
  if (ageDays > STALE_AFTER_DAYS) warnings.push(`${d.cloud} compute prices are ${ageDays} days old (snapshot ${placement.catalog.computePriceDate}); refresh data/ before trusting the figures`);
  if (!inputs.lock) warnings.push(`no placement lock: the first \`pulumi up\` writes ${relative(ROOT, inputs.lockFile ?? "")}; commit it (or run \`tessera place --stack ${opts.stack} --write\`)`);
  if (lock.status === "kept" && lock.cheaper) warnings.push(`the lock keeps ${d.cloud} ${d.region}; ${lock.cheaper.cloud} ${lock.cheaper.region} would save ${lock.cheaper.savingUsd} USD/month (tessera replan)`);
  warnings.push(...reachabilityWarnings(req));
  if (d.estimated) warnings.push("some figures are estimates (marked *): the catalog has no exact row for them");
  for (const e of h.errors) warnings.push(`the engine would refuse this program: ${e}`);
  // What the program logged as a warning or error is a diagnostic of `pulumi up` too.
  for (const l of h.logs) if (l.severity === "warning" || l.severity === "error") warnings.push(`program ${l.severity}: ${l.message}`);
  for (const path of plainSecrets) warnings.push(`stack output ${path} looks like a secret but is not a Pulumi secret (wrap it in pulumi.secret)`);

  return {
    schemaVersion: 1,
    stack: opts.stack,
    feasible: true,
    placement: {
      cloud: d.cloud,
      region: d.region,
      displayName: d.displayName,
      monthlyUsd: d.monthlyUsd,
      totalMonthlyUsd: d.totalMonthlyUsd,
      estimated: d.estimated,
      services: Object.fromEntries(
        Object.entries(d.services).map(([name, s]) => [
          name,
          {
            kind: req.services[name]!.kind,
            sku: s.sku,
            ...(displaySku(s.sku) !== s.sku ? { size: displaySku(s.sku) } : {}),
            ...(s.count !== undefined ? { count: s.count } : {}),
            monthlyUsd: s.monthlyUsd,
            ...(s.range ? { range: s.range } : {}),
            estimated: s.estimated,
            lines: [...s.lines],
            ...(s.unpriced.length > 0 ? { unpriced: [...s.unpriced] } : {}),
            ...(s.unconfirmed ? { unconfirmed: s.unconfirmed } : {}),
          },
        ]),
      ),
      ...(d.secondary
        ? {
            secondary: {
              cloud: d.secondary.cloud as Cloud,
              region: d.secondary.region,
              distanceKm: d.secondary.distanceKm,
              monthlyUsd: d.secondary.monthlyUsd,
              compliance: [...d.secondary.compliance],
              active: activeSite(stackOutputs),
              replication: Object.fromEntries(
                Object.entries(d.secondary.replication.services).map(([name, r]) => [name, { kind: r.kind, method: r.method, rpo: { ...r.rpo }, changeGbPerMonth: r.changeGbPerMonth, monthlyUsd: r.monthlyUsd, estimated: r.estimated, lines: [...r.lines] }]),
              ),
            },
          }
        : {}),
      compliance: [...d.compliance],
      excludedClouds: [...placement.excludedClouds],
      ...(Object.keys(d.shared).length > 0 ? { shared: { ...d.shared } } : {}),
      lock: lock.status === "unlocked" ? { status: "unlocked" } : { status: "kept", ...(lock.cheaper ? { cheaper: { ...lock.cheaper } } : {}), ...(lock.resized ? { resized: [...lock.resized] } : {}) },
      candidates: { considered: placement.candidates.length, feasible: placement.candidates.filter((c) => c.feasible).length },
      topRejections: topReasons(placement.candidates),
    },
    resources,
    // Usage-billed services carry no resource line but make the total an estimate, as in placement.
    cost: {
      monthlyUsd,
      estimated: resources.some((r) => r.estimated) || d.estimated || (d.secondary?.estimated ?? false),
      ...(budgetUsd !== undefined ? { budgetUsd } : {}),
      overBudget,
      ...(unpriced.length > 0 ? { unpriced } : {}),
      ...(budgetStatus ? { budgetStatus } : {}),
    },
    policies: { pack: "tessera@0.1.0", verdicts, mandatory, advisory: verdicts.filter((v) => v.enforcement === "advisory").length },
    catalog: { ...placement.catalog, ageDays },
    governance: governanceReport(req, [
      { cloud: d.cloud, region: d.region, monthlyUsd: d.monthlyUsd },
      ...(d.secondary ? [{ cloud: d.secondary.cloud as Cloud, region: d.secondary.region, monthlyUsd: d.secondary.monthlyUsd }] : []),
    ]).map((l) => ({ ...l })),
    warnings,
    outputs: { plainSecrets },
    deployable: mandatory === 0 && !overBudget && budgetStatus !== "unconfirmed" && h.errors.length === 0 && plainSecrets.length === 0,
  };
}

/** A bucket's replication transfer as a cost its replication resources carry. */
function replicationCostOf(d: Decision, service: string): ServiceCost | undefined {
  const r = d.secondary?.replication.services[service];
  return r ? { sku: "replication", monthlyUsd: r.monthlyUsd, estimated: r.estimated, lines: r.lines, unpriced: [] } : undefined;
}

/**
 * A database's cost with its replication added: the standby's replica carries the transfer; an OCI
 * primary, which copies its backups to the standby region (no standby database runs), carries the
 * copies' storage and their transfer.
 */
function withReplication(d: Decision, service: string, sized: ServiceCost | undefined, site: "primary" | "standby" | ""): ServiceCost | undefined {
  const r = d.secondary?.replication.services[service];
  if (!sized || !r || r.kind !== "database") return sized;
  const copies = d.secondary!.services[service]!;
  const add = site === "standby" && copies.sku !== "backup-copy" ? r.lines : site === "primary" && copies.sku === "backup-copy" ? [...copies.lines, ...r.lines] : [];
  if (add.length === 0) return sized;
  const lines = [...sized.lines, ...add];
  return { ...sized, lines, monthlyUsd: Math.round(lines.reduce((s, l) => s + l.monthlyUsd, 0) * 100) / 100, estimated: lines.some((l) => l.estimated) };
}

/** The serving site the program reported (its `placement.active` output). */
function activeSite(outputs: Record<string, unknown> | undefined): "primary" | "standby" {
  const placement = outputs?.placement as { active?: unknown } | undefined;
  return placement?.active === "standby" ? "standby" : "primary";
}
