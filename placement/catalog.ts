/**
 * The reference catalog: compute offerings, regions, storage/egress/database prices, compliance
 * programs and services per cloud, loaded from the CSV files in `data/` (see data/README.md for
 * their sources and dates). Parsed once, validated row by row, and indexed for placement.
 *
 * Pure TypeScript: no Pulumi import, no network.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Cloud } from "../core/cloud";
import { CatalogError, loadAvailability, loadCompliance, loadOfferings, loadPostgresPrices, loadPrices, loadRegions, loadServices, loadStorage, type PRICE_UNITS } from "./catalog-files";
import type { Confidence } from "./confidence";
import { deriveFlexRates, type FlexRates } from "./flex";

export { CatalogError } from "./catalog-files";

/** One (cloud, region, instance type) row of `compute-offerings.csv`. */
export interface Offering {
  readonly cloud: Cloud;
  readonly region: string;
  readonly instanceType: string;
  readonly vcpus: number;
  readonly memoryGib: number;
  readonly gpuCount: number;
  /** GPU model as the source names it (`T4`, `A100-80GB`, …); undefined for CPU shapes. */
  readonly gpuModel: string | undefined;
  readonly priceHour: number;
  /** Spot / preemptible price; undefined where the source has none. */
  readonly spotPriceHour: number | undefined;
}

/** One row of `regions.csv`. */
export interface Region {
  readonly cloud: Cloud;
  readonly region: string;
  readonly displayName: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly continent: string;
  /** `EU` for EU member states, `UK`, otherwise the country code. */
  readonly jurisdiction: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly note: string;
}

/** One row of `storage-and-egress.csv`; `region` is `all` where the cloud has one global price. */
export interface StoragePrices {
  readonly cloud: Cloud;
  readonly region: string;
  readonly objectGbMonth: number | undefined;
  readonly blockGbMonth: number | undefined;
  readonly internetEgressGb: number | undefined;
  readonly interRegionEgressGb: number | undefined;
  readonly postgresSmallHour: number | undefined;
  readonly postgresSmallInstance: string;
  readonly postgres2x8Hour: number | undefined;
  readonly postgres2x8Instance: string;
  readonly k8sControlPlaneHour: number | undefined;
  readonly confidence: string;
  readonly source: string;
}

/** One row of `compliance.csv`. */
export interface ComplianceRow {
  readonly cloud: Cloud;
  readonly program: string;
  /** `none`: the provider states it does not hold the program ("not offered"). */
  readonly scope: "all-regions" | "listed-regions" | "service-dependent" | "none";
  /** For `listed-regions` rows; empty means the list was not captured (treat as unconfirmed). */
  readonly regions: readonly string[];
  readonly source: string;
  readonly confidence: Confidence;
}

/** One row of `prices.csv` (see placement/prices.ts). */
export interface PriceRow {
  readonly cloud: Cloud;
  /** A region id, or `all`. */
  readonly region: string;
  readonly item: string;
  readonly unit: (typeof PRICE_UNITS)[number];
  readonly value: number;
  readonly source: string;
  /** The day the source was read (YYYY-MM-DD). */
  readonly read: string;
  readonly confidence: Confidence;
}

/** One row of `postgres-prices.csv`: a managed PostgreSQL instance class's list price. */
export interface PostgresPriceRow {
  readonly cloud: Cloud;
  readonly region: string;
  readonly instanceClass: string;
  readonly vcpus: number;
  readonly memoryGib: number;
  /** Per hour (hourly-billed classes) … */
  readonly hourUsd: number | undefined;
  /** … or per month (monthly-capped classes). Exactly one is set. */
  readonly monthUsd: number | undefined;
  readonly source: string;
  readonly read: string;
  readonly confidence: Confidence;
}

/** One row of `services.csv`. */
export interface ServiceRow {
  readonly cloud: Cloud;
  readonly service: string;
  readonly offering: string;
  readonly pulumiResource: string;
  readonly availability: "all-regions" | "most-regions" | "none";
}

/** One row of `regional-availability.csv` (published per-region availability of a service). */
export interface AvailabilityRow {
  readonly cloud: Cloud;
  readonly service: string;
  readonly region: string;
  readonly available: boolean;
  readonly source: string;
}

/** Dates of the data (data/manifest.json). */
export interface CatalogManifest {
  readonly date: string;
  readonly assembled: string;
  readonly computePrices: Record<Cloud, { readonly date: string; readonly source: string }>;
}

/** The loaded, indexed catalog. */
export interface Catalog {
  readonly dir: string;
  readonly manifest: CatalogManifest;
  readonly offerings: readonly Offering[];
  readonly regions: readonly Region[];
  readonly storage: readonly StoragePrices[];
  readonly compliance: readonly ComplianceRow[];
  readonly services: readonly ServiceRow[];
  readonly availability: readonly AvailabilityRow[];
  readonly prices: readonly PriceRow[];
  readonly postgresPrices: readonly PostgresPriceRow[];
  /** OCI flex shapes' per-OCPU and per-GB hourly rates, derived exactly from the catalog rows. */
  readonly flexRates: ReadonlyMap<string, FlexRates>;
  /**
   * Published per-region availability, key `cloud/service` → region → available. A pair with no
   * entry has no published table (placement then trusts services.csv).
   */
  readonly availabilityByService: ReadonlyMap<string, ReadonlyMap<string, AvailabilityRow>>;
  /** Offerings of one region, cheapest on-demand first. Key: {@link regionKey}. */
  readonly offeringsByRegion: ReadonlyMap<string, readonly Offering[]>;
  /** Offerings of one region, cheapest spot (else on-demand) first. Key: {@link regionKey}. */
  readonly offeringsBySpotPrice: ReadonlyMap<string, readonly Offering[]>;
  readonly regionByKey: ReadonlyMap<string, Region>;
  /** Region price relative to the cloud's reference region (median over shared instance types); absent for a region without compute prices. */
  readonly priceIndex: ReadonlyMap<string, number>;
  /** The cloud's reference storage row (its first row in storage-and-egress.csv). */
  readonly referenceStorage: ReadonlyMap<Cloud, StoragePrices>;
  readonly jurisdictions: readonly string[];
  readonly countries: readonly string[];
  readonly gpuModels: readonly string[];
  readonly programs: readonly string[];
}

/** `cloud/region`, the key of every per-region index. */
export const regionKey = (cloud: Cloud, region: string): string => `${cloud}/${region}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Price index of every region against its cloud's reference region (the region of the cloud's
 * first storage row; clouds priced `all` have index 1 everywhere): the median, over instance types
 * sold in both, of the on-demand price ratio. Used to estimate a regional price the catalog lacks.
 */
function buildPriceIndex(
  byRegion: Map<string, Offering[]>,
  regions: readonly Region[],
  reference: ReadonlyMap<Cloud, StoragePrices>,
): Map<string, number> {
  const index = new Map<string, number>();
  for (const region of regions) {
    const ref = reference.get(region.cloud);
    const key = regionKey(region.cloud, region.region);
    if (!ref || ref.region === "all" || ref.region === region.region) {
      index.set(key, 1);
      continue;
    }
    const refPrices = new Map((byRegion.get(regionKey(region.cloud, ref.region)) ?? []).map((o) => [o.instanceType, o.priceHour]));
    const ratios = (byRegion.get(key) ?? [])
      .filter((o) => refPrices.has(o.instanceType) && refPrices.get(o.instanceType)! > 0)
      .map((o) => o.priceHour / refPrices.get(o.instanceType)!);
    // A region without compute rows to compare has no index: its missing prices stay unpriced.
    if (ratios.length > 0) index.set(key, median(ratios));
  }
  return index;
}

/** Walks up from `start` to the folder holding `data/manifest.json`. */
export function findDataDir(start: string = __dirname): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "data", "manifest.json"))) return join(dir, "data");
    const parent = dirname(dir);
    if (parent === dir) throw new CatalogError(`no data/manifest.json found above ${start}`);
    dir = parent;
  }
}

/**
 * The repository root (the folder holding `data/`), wherever the code runs from: the sources,
 * the bundled CLI in `dist/`, or the bundled policy pack in `policies/dist/`.
 */
export const repoRoot = (start: string = __dirname): string => dirname(findDataDir(start));

const cache = new Map<string, Catalog>();

/** Loads (once per folder) and indexes the catalog in `dir` (default: the repository's `data/`). */
export function loadCatalog(dir: string = findDataDir()): Catalog {
  const cached = cache.get(dir);
  if (cached) return cached;
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as CatalogManifest;
  const offerings = loadOfferings(dir);
  const regions = loadRegions(dir);
  const storage = loadStorage(dir);
  const compliance = loadCompliance(dir);
  const services = loadServices(dir);
  const availability = loadAvailability(dir);
  const prices = loadPrices(dir);
  const postgresPrices = loadPostgresPrices(dir);
  const availabilityByService = new Map<string, Map<string, AvailabilityRow>>();
  for (const row of availability) {
    const key = `${row.cloud}/${row.service}`;
    const byRegion = availabilityByService.get(key) ?? new Map<string, AvailabilityRow>();
    byRegion.set(row.region, row);
    availabilityByService.set(key, byRegion);
  }

  const byRegion = new Map<string, Offering[]>();
  for (const o of offerings) {
    const key = regionKey(o.cloud, o.region);
    const list = byRegion.get(key) ?? [];
    list.push(o);
    byRegion.set(key, list);
  }
  // Ties by name with plain `<` so every consumer orders them the same way.
  const byName = (a: Offering, b: Offering) => (a.instanceType < b.instanceType ? -1 : a.instanceType > b.instanceType ? 1 : 0);
  const bySpot = new Map<string, Offering[]>();
  for (const [key, list] of byRegion) {
    list.sort((a, b) => a.priceHour - b.priceHour || byName(a, b));
    const spot = (o: Offering) => o.spotPriceHour ?? o.priceHour;
    bySpot.set(key, [...list].sort((a, b) => spot(a) - spot(b) || byName(a, b)));
  }
  const regionByKey = new Map(regions.map((r) => [regionKey(r.cloud, r.region), r]));
  for (const key of byRegion.keys()) {
    if (!regionByKey.has(key)) throw new CatalogError(`compute-offerings.csv: region ${key} is not in regions.csv`);
  }
  const referenceStorage = new Map<Cloud, StoragePrices>();
  for (const row of storage) if (!referenceStorage.has(row.cloud)) referenceStorage.set(row.cloud, row);

  const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();
  const catalog: Catalog = {
    dir,
    manifest,
    offerings,
    regions,
    storage,
    compliance,
    services,
    availability,
    prices,
    postgresPrices,
    flexRates: deriveFlexRates(offerings),
    availabilityByService,
    offeringsByRegion: byRegion,
    offeringsBySpotPrice: bySpot,
    regionByKey,
    priceIndex: buildPriceIndex(byRegion, regions, referenceStorage),
    referenceStorage,
    jurisdictions: sortedUnique(regions.map((r) => r.jurisdiction)),
    countries: sortedUnique(regions.map((r) => r.country)),
    gpuModels: sortedUnique(offerings.flatMap((o) => (o.gpuModel ? [o.gpuModel] : []))),
    programs: sortedUnique(compliance.map((c) => c.program)),
  };
  cache.set(dir, catalog);
  return catalog;
}
