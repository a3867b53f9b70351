/**
 * Serverless, secrets, monitoring and analytics: usage-billed where the service scales to zero,
 * priced or "not priced" where it is always-on capacity.
 *
 * - serverless: Lambda, Container Apps, Cloud Run and OCI Functions bill per request and
 *   GB-second (usage); a DigitalOcean App Platform service runs one container around the clock,
 *   priced from prices.csv `app-platform:<size>` (the size the Function component picks);
 * - secrets, monitoring: per-key, per-secret, per-alarm and per-request fees (usage; not in the
 *   catalog);
 * - analytics: Athena and BigQuery bill per TB scanned (usage); an Azure Data Explorer cluster and
 *   an OCI Autonomous Database run (and bill) every hour: priced from prices.csv
 *   (`adx-cluster:<sku>` per instance-hour; `autonomous-database-ecpu` per ECPU-hour and
 *   `autonomous-database-storage` per GB-month) when a row exists, otherwise "not priced" — a
 *   budget is then never confirmed.
 */
import type { Cloud } from "../core/cloud";
import { appPlatformSize } from "../core/skus";
import type { Catalog } from "./catalog";
import { type CostLine, unpricedLine, usageLine } from "./cost-line";
import { type CostResult, HOURS_PER_MONTH, priced } from "./cost";
import { tableLine, tablePrice } from "./prices";
import type { ServiceRequirement } from "./requirements";

type Usage = Extract<ServiceRequirement, { kind: "serverless" | "secrets" | "monitoring" | "analytics" }>;

/** Azure Data Explorer SKU and instance count the Warehouse component creates by default (components/analytics/contract.ts). */
export const ADX_DEFAULT = { sku: "Standard_E2ads_v5", instances: 2 } as const;
/** ECPUs an OCI Autonomous AI Lakehouse gets by default (components/analytics/contract.ts). */
export const ADB_DEFAULT_ECPUS = 2;
/** Storage (TB) an OCI Autonomous AI Lakehouse gets by default (components/analytics/contract.ts `storageTb`). */
export const ADB_DEFAULT_STORAGE_TB = 1;
/** GB per TB of Autonomous Database storage when the price list bills per GB (assumed binary). */
const GB_PER_TB = 1024;

export function alwaysOnServices(catalog: Catalog, cloud: Cloud, region: string, s: Usage): CostResult {
  switch (s.kind) {
    case "serverless":
      return cloud === "digitalocean" ? appPlatform(catalog, cloud, region, s.memoryMb) : priced("serverless", [usageLine("billed per request and GB-second; scales to zero")]);
    case "secrets":
      return priced("secrets", [usageLine("billed per key, per secret version and per request; not in the catalog")]);
    case "monitoring":
      return priced("monitoring", [usageLine("billed per alarm, per GB of logs and per notification; not in the catalog")]);
    case "analytics":
      return analytics(catalog, cloud, region, s);
  }
}

function appPlatform(catalog: Catalog, cloud: Cloud, region: string, memoryMb: number): CostResult {
  const size = appPlatformSize(memoryMb);
  const price = tablePrice(catalog, cloud, region, `app-platform:${size}`);
  if (!price) return priced(size, [unpricedLine(`App Platform service ${size}, always on`, `its monthly price is not in prices.csv`)]);
  return priced(size, [tableLine(`App Platform service ${size}, always on × ${price.value} USD/month`, price.value, price)]);
}

function analytics(catalog: Catalog, cloud: Cloud, region: string, s: Extract<Usage, { kind: "analytics" }>): CostResult {
  if (cloud === "azure") {
    const instances = s.computeUnits ?? ADX_DEFAULT.instances;
    const what = `Azure Data Explorer cluster ${ADX_DEFAULT.sku} × ${instances} instances, always on`;
    const price = tablePrice(catalog, cloud, region, `adx-cluster:${ADX_DEFAULT.sku}`);
    const lines: CostLine[] = [
      price
        ? tableLine(`${what} × ${HOURS_PER_MONTH} h × ${price.value} USD/h`, instances * HOURS_PER_MONTH * price.value, price)
        : unpricedLine(what, `the cluster's hourly price (compute + Data Explorer markup) is not in prices.csv`),
    ];
    return priced(ADX_DEFAULT.sku, lines);
  }
  if (cloud === "oci") {
    const ecpus = s.computeUnits ?? ADB_DEFAULT_ECPUS;
    const what = `Autonomous AI Lakehouse, ${ecpus} ECPUs, always on`;
    const price = tablePrice(catalog, cloud, region, "autonomous-database-ecpu");
    const storage = tablePrice(catalog, cloud, region, "autonomous-database-storage");
    const gb = ADB_DEFAULT_STORAGE_TB * GB_PER_TB;
    return priced("autonomous-database", [
      price ? tableLine(`${what} × ${HOURS_PER_MONTH} h × ${price.value} USD/ECPU-h`, ecpus * HOURS_PER_MONTH * price.value, price) : unpricedLine(what, "the ECPU-hour price is not in prices.csv (autonomous-database-ecpu)"),
      storage
        ? // The component provisions whole TB; the price list bills GB: 1 TB counted as 1,024 GB (an assumption, so estimated).
          tableLine(`${ADB_DEFAULT_STORAGE_TB} TB storage (counted as ${gb} GB) × ${storage.value} USD/GB-month`, gb * storage.value, { ...storage, estimated: true })
        : unpricedLine(`${ADB_DEFAULT_STORAGE_TB} TB storage`, "the storage price is not in prices.csv (autonomous-database-storage)"),
    ]);
  }
  return priced("analytics", [usageLine(cloud === "aws" ? "Athena: billed per TB scanned" : cloud === "gcp" ? "BigQuery: billed per TB scanned and GB stored" : "billed per use")]);
}
