/**
 * Stack rules judged over every resource at the end of a preview or update: data residency (every
 * resource's region in the allowed jurisdictions/countries) and the monthly budget (the stack
 * priced with the placement cost model).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CLOUDS } from "../../core/cloud";
import { TAG_KEYS } from "../../core/tags";
import { type Catalog, loadCatalog, regionKey, repoRoot } from "../../placement/catalog";
import { usd } from "../../placement/evaluate";
import { readStackFile } from "../../program/stackfile";
import { PRICED_TYPES, priceResource } from "../cost";
import { CONTROLS } from "../frameworks";
import { isCloudResource, labelsOf, siteOf, stackOf } from "../resources";
import type { StackFinding, StackRule } from "../rule";

// The catalog is read on the first stack check, never while the pack starts.
let catalog: Catalog | undefined;
const theCatalog = () => (catalog ??= loadCatalog());

/** GCP multi-region locations and the jurisdiction they keep data in. */
const MULTI_REGIONS: Readonly<Record<string, string>> = { eu: "EU", us: "US" };

/** Settings of {@link residency}. */
export interface ResidencyConfig {
  /** Allowed jurisdictions (EU, US, UK, …). Empty: each resource's tessera-residency stamp. */
  readonly jurisdictions: readonly string[];
  /** Allowed countries (ISO alpha-2). Empty: each resource's tessera-residency stamp. */
  readonly countries: readonly string[];
}

/** The allowed set from a `tessera-residency` stamp (`eu`, `eu_ch`, `any`). */
const fromStamp = (stamp: string | undefined): string[] | undefined => (stamp === undefined || stamp === "any" ? undefined : stamp.split("_").map((s) => s.toUpperCase()));

export const residency: StackRule<ResidencyConfig> = {
  kind: "stack",
  id: "residency",
  description: "Every resource must run in a region of the allowed jurisdictions or countries (default: the residency the stack's requirements stamped on its resources).",
  severity: "critical",
  frameworks: CONTROLS.residency,
  remediation: "Place the stack again (tessera place) so every service lands in an allowed region, or move the resource; regions and their jurisdictions are in data/regions.csv.",
  defaults: { jurisdictions: [], countries: [] },
  configSchema: {
    jurisdictions: { type: "array", items: { type: "string" }, description: "Allowed jurisdictions; empty uses the tessera-residency stamps." },
    countries: { type: "array", items: { type: "string" }, description: "Allowed countries; empty uses the tessera-residency stamps." },
  },
  covers: [],
  clouds: [...CLOUDS],
  check: (resources, config) => {
    const configured = [...config.jurisdictions, ...config.countries].map((s) => s.toUpperCase());
    // Resources without a stamp (companions, user resources) follow the stack's one residency.
    const stamps = [...new Set(resources.map((r) => labelsOf(r)[TAG_KEYS.residency]).filter((s): s is string => s !== undefined && s !== "any"))];
    const stackWide = stamps.length === 1 ? fromStamp(stamps[0]) : undefined;
    const findings: StackFinding[] = [];
    for (const r of resources.filter(isCloudResource)) {
      const allowed = configured.length > 0 ? configured : (fromStamp(labelsOf(r)[TAG_KEYS.residency]) ?? stackWide);
      const site = siteOf(r);
      if (!allowed || !site || site.region === "" || site.region === "global") continue;
      const region = theCatalog().regionByKey.get(regionKey(site.cloud, site.region));
      const multi = MULTI_REGIONS[site.region.toLowerCase()];
      const where = region ? [...new Set([region.jurisdiction, region.country])] : multi ? [multi] : undefined;
      if (!where) {
        findings.push({ resource: r, message: `${r.type} ${r.name} is in ${site.cloud} ${site.region}, which is not in the region catalog: its residency cannot be confirmed` });
      } else if (!where.some((w) => allowed.includes(w))) {
        findings.push({ resource: r, message: `${r.type} ${r.name} is in ${site.cloud} ${site.region} (${where.join(", ")}), outside the allowed residency [${allowed.join(", ")}]` });
      }
    }
    return findings;
  },
};

/** Settings of {@link budget}. */
export interface BudgetConfig {
  /** The monthly budget in USD; 0 reads `budget.monthlyUsd` from the stack's requirements. */
  readonly monthlyUsd: number;
  /** Where `Pulumi.<stack>.yaml` lives when the budget comes from it. @default the repository's stacks/ */
  readonly stacksDir: string;
}

/** `budget.monthlyUsd` of a stack's requirements, if its stack file states one. */
function stackBudget(stacksDir: string, stack: string): number | undefined {
  const dir = stacksDir || join(repoRoot(), "stacks");
  if (!existsSync(join(dir, `Pulumi.${stack}.yaml`))) return undefined;
  const requirements = readStackFile(dir, stack)["tessera:requirements"];
  const value = requirements === undefined ? undefined : (JSON.parse(requirements) as { budget?: { monthlyUsd?: unknown } }).budget?.monthlyUsd;
  return typeof value === "number" ? value : undefined;
}

export const budget: StackRule<BudgetConfig> = {
  kind: "stack",
  id: "budget",
  description: "The stack's estimated monthly cost (placement cost model, list prices) must stay within its budget.",
  severity: "high",
  frameworks: CONTROLS.cost,
  remediation: "Resize or remove resources, or raise budget.monthlyUsd in the stack's requirements (tessera plan shows the cost per resource).",
  defaults: { monthlyUsd: 0, stacksDir: "" },
  configSchema: {
    monthlyUsd: { type: "number", default: 0, description: "Monthly budget in USD; 0 reads the stack's requirements." },
    stacksDir: { type: "string", default: "", description: "Folder of the stack files (default: the repository's stacks/)." },
  },
  covers: PRICED_TYPES,
  clouds: [...CLOUDS],
  check: (resources, config) => {
    const cloud = resources.filter(isCloudResource);
    if (cloud.length === 0) return [];
    const limit = config.monthlyUsd > 0 ? config.monthlyUsd : stackBudget(config.stacksDir, stackOf(cloud[0]!));
    if (limit === undefined) return [];
    const priced = cloud.map((r) => priceResource(theCatalog(), r)).filter((p) => p !== undefined);
    const total = Math.round(priced.reduce((sum, p) => sum + p.monthlyUsd, 0) * 100) / 100;
    if (total <= limit) return [];
    const largest = [...priced].sort((a, b) => b.monthlyUsd - a.monthlyUsd).slice(0, 3).map((p) => `${p.resource.name} ${p.what} ${usd(p.monthlyUsd)}`);
    const unpriced = priced.filter((p) => p.unpriced).length;
    return [
      {
        message: `estimated ${usd(total)} USD/month exceeds the budget of ${usd(limit)} USD/month (largest: ${largest.join("; ")})${unpriced > 0 ? `; ${unpriced} resource(s) without a catalog price not counted` : ""}`,
      },
    ];
  },
};
