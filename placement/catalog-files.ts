/**
 * Reading the catalog's CSV files (csv-parse), one typed loader per file. Every value is checked;
 * a malformed cell is a {@link CatalogError} naming the file, line and column.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CLOUDS, type Cloud, isCloud } from "../core/cloud";
import { parseCsvCached } from "../core/data";
import type { AvailabilityRow, ComplianceRow, Offering, PostgresPriceRow, PriceRow, Region, ServiceRow, StoragePrices } from "./catalog";
import { CONFIDENCE_LEVELS } from "./confidence";

/** Thrown for a malformed data file, naming the file, line and column. */
export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CatalogError";
  }
}

type Row = Record<string, string>;

function readCsv(dir: string, file: string): Row[] {
  const path = join(dir, file);
  if (!existsSync(path)) throw new CatalogError(`catalog file missing: ${path}`);
  return parseCsvCached(path);
}

/** Column readers that fail with file:line:column instead of producing NaN. */
function reader(file: string, row: Row, index: number) {
  const where = (col: string) => `${file}:${index + 2} column ${col}`;
  const str = (col: string): string => {
    const v = row[col];
    if (v === undefined) throw new CatalogError(`${where(col)}: column missing`);
    return v;
  };
  const optNum = (col: string): number | undefined => {
    const v = str(col);
    if (v === "") return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new CatalogError(`${where(col)}: "${v}" is not a non-negative number`);
    return n;
  };
  const coordinate = (col: string, limit: number): number => {
    const v = str(col);
    const n = Number(v);
    if (v === "" || !Number.isFinite(n) || Math.abs(n) > limit) {
      throw new CatalogError(`${where(col)}: "${v}" is not a coordinate within ±${limit}`);
    }
    return n;
  };
  const num = (col: string): number => {
    const n = optNum(col);
    if (n === undefined) throw new CatalogError(`${where(col)}: empty`);
    return n;
  };
  const cloud = (): Cloud => {
    const v = str("cloud");
    if (!isCloud(v)) throw new CatalogError(`${where("cloud")}: "${v}" is not one of ${CLOUDS.join(", ")}`);
    return v;
  };
  const oneOf = <T extends string>(col: string, allowed: readonly T[]): T => {
    const v = str(col);
    if (!(allowed as readonly string[]).includes(v)) {
      throw new CatalogError(`${where(col)}: "${v}" is not one of ${allowed.join(", ")}`);
    }
    return v as T;
  };
  return { str, num, optNum, coordinate, cloud, oneOf };
}

export function loadOfferings(dir: string): Offering[] {
  const file = "compute-offerings.csv";
  return readCsv(dir, file).map((row, i) => {
    const r = reader(file, row, i);
    const gpuModel = r.str("gpu_model");
    return {
      cloud: r.cloud(),
      region: r.str("region"),
      instanceType: r.str("instance_type"),
      vcpus: r.num("vcpus"),
      memoryGib: r.num("memory_gib"),
      gpuCount: r.num("gpu_count"),
      gpuModel: gpuModel === "" ? undefined : gpuModel,
      priceHour: r.num("price_hour_usd"),
      spotPriceHour: r.optNum("spot_price_hour_usd"),
    };
  });
}

export function loadRegions(dir: string): Region[] {
  const file = "regions.csv";
  return readCsv(dir, file).map((row, i) => {
    const r = reader(file, row, i);
    return {
      cloud: r.cloud(),
      region: r.str("region"),
      displayName: r.str("display_name"),
      country: r.str("country_iso2"),
      continent: r.str("continent"),
      jurisdiction: r.str("jurisdiction"),
      latitude: r.coordinate("latitude", 90),
      longitude: r.coordinate("longitude", 180),
      note: r.str("note"),
    };
  });
}

export function loadStorage(dir: string): StoragePrices[] {
  const file = "storage-and-egress.csv";
  return readCsv(dir, file).map((row, i) => {
    const r = reader(file, row, i);
    return {
      cloud: r.cloud(),
      region: r.str("region"),
      objectGbMonth: r.optNum("object_storage_gb_month_usd"),
      blockGbMonth: r.optNum("block_storage_gb_month_usd"),
      internetEgressGb: r.optNum("internet_egress_gb_usd"),
      interRegionEgressGb: r.optNum("inter_region_egress_gb_usd"),
      postgresSmallHour: r.optNum("managed_postgres_small_hour_usd"),
      postgresSmallInstance: r.str("postgres_small_instance"),
      postgres2x8Hour: r.optNum("managed_postgres_2x8_hour_usd"),
      postgres2x8Instance: r.str("postgres_2x8_instance"),
      k8sControlPlaneHour: r.optNum("k8s_control_plane_hour_usd"),
      confidence: r.str("confidence"),
      source: r.str("source"),
    };
  });
}

export function loadCompliance(dir: string): ComplianceRow[] {
  const file = "compliance.csv";
  return readCsv(dir, file).map((row, i) => {
    const r = reader(file, row, i);
    const regions = r.str("regions");
    return {
      cloud: r.cloud(),
      program: r.str("program"),
      scope: r.oneOf("scope", ["all-regions", "listed-regions", "service-dependent", "none"] as const),
      regions: regions === "" ? [] : regions.split(";").map((s) => s.trim()),
      source: r.str("source"),
      confidence: r.oneOf("confidence", CONFIDENCE_LEVELS),
    };
  });
}

export function loadServices(dir: string): ServiceRow[] {
  const file = "services.csv";
  return readCsv(dir, file).map((row, i) => {
    const r = reader(file, row, i);
    return {
      cloud: r.cloud(),
      service: r.str("service"),
      offering: r.str("offering"),
      pulumiResource: r.str("pulumi_resource"),
      availability: r.oneOf("availability", ["all-regions", "most-regions", "none"] as const),
    };
  });
}

export function loadAvailability(dir: string): AvailabilityRow[] {
  const file = "regional-availability.csv";
  return readCsv(dir, file).map((row, i) => {
    const r = reader(file, row, i);
    return {
      cloud: r.cloud(),
      service: r.str("service"),
      region: r.str("region"),
      available: r.oneOf("available", ["yes", "no"] as const) === "yes",
      source: r.str("source"),
    };
  });
}


/** `prices.csv`: the price table of always-on services, billing rules, bundles and free tiers. */
export function loadPrices(dir: string): PriceRow[] {
  const file = "prices.csv";
  return readCsv(dir, file).map((row, i) => {
    const r = reader(file, row, i);
    return {
      cloud: r.cloud(),
      region: r.str("region"),
      item: r.str("item"),
      unit: r.oneOf("unit", PRICE_UNITS),
      value: r.num("value"),
      source: r.str("source"),
      read: r.str("read"),
      confidence: r.oneOf("confidence", CONFIDENCE_LEVELS),
    };
  });
}

/** Units of `prices.csv` values. */
export const PRICE_UNITS = ["usd/hour", "usd/month", "usd/gb-month", "usd/gb", "gb", "gb-month", "hours", "ratio"] as const;

/** `postgres-prices.csv`: managed PostgreSQL list prices per instance class. */
export function loadPostgresPrices(dir: string): PostgresPriceRow[] {
  const file = "postgres-prices.csv";
  return readCsv(dir, file).map((row, i) => {
    const r = reader(file, row, i);
    const hour = r.optNum("hour_usd");
    const month = r.optNum("month_usd");
    if ((hour === undefined) === (month === undefined)) throw new CatalogError(`${file}:${i + 2}: exactly one of hour_usd and month_usd is required`);
    return {
      cloud: r.cloud(),
      region: r.str("region"),
      instanceClass: r.str("instance_class"),
      vcpus: r.num("vcpus"),
      memoryGib: r.num("memory_gib"),
      hourUsd: hour,
      monthUsd: month,
      source: r.str("source"),
      read: r.str("read"),
      confidence: r.oneOf("confidence", CONFIDENCE_LEVELS),
    };
  });
}
