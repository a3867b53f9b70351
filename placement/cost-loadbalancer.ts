/**
 * The web tier's cost: the machine range of a load-balanced service (min and max machines; the
 * budget uses max) and its load balancer — the hourly (or monthly) fee and the processed-data
 * charge from `data/load-balancers.csv`, each row with its source and date. Where no source gave
 * a price, the load balancer is "not priced" (0, marked estimated) and the line says why.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { type Cloud, isCloud } from "../core/cloud";
import { type Catalog, type Offering, regionKey } from "./catalog";
import { CatalogError } from "./catalog-files";
import type { CostLine } from "./cost";
import { groupRange, type WebAutoscaling, type WebLoadBalancer } from "./webtier";

/** One row of `load-balancers.csv`. */
export interface LoadBalancerPrice {
  readonly cloud: Cloud;
  readonly product: string;
  /** Provider region, or `all` where one price applies everywhere. */
  readonly region: string;
  /** The fixed fee; undefined where no source gave it. */
  readonly fixedUsd: number | undefined;
  readonly fixedUnit: "hour" | "month-per-node" | "";
  /** Per GB processed (AWS: per LCU-hour, 1 LCU = 1 GB an hour); undefined where not sourced. */
  readonly processedGbUsd: number | undefined;
  readonly confidence: string;
  readonly read: string;
  readonly source: string;
  readonly notes: string;
}

export const LOAD_BALANCER_FILE = "load-balancers.csv";

const cache = new WeakMap<Catalog, readonly LoadBalancerPrice[]>();

/** The rows of `load-balancers.csv` in the catalog's folder, parsed once per catalog. */
export function loadBalancerPrices(catalog: Catalog): readonly LoadBalancerPrice[] {
  let rows = cache.get(catalog);
  if (rows) return rows;
  const path = join(catalog.dir, LOAD_BALANCER_FILE);
  if (!existsSync(path)) throw new CatalogError(`catalog file missing: ${path}`);
  const raw = parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
  rows = raw.map((row, i) => {
    const where = (col: string) => `${LOAD_BALANCER_FILE}:${i + 2} column ${col}`;
    const num = (col: string) => {
      const v = row[col] ?? "";
      if (v === "") return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new CatalogError(`${where(col)}: "${v}" is not a non-negative number`);
      return n;
    };
    const cloud = row.cloud ?? "";
    if (!isCloud(cloud)) throw new CatalogError(`${where("cloud")}: "${cloud}" is not a cloud`);
    const unit = row.fixed_unit ?? "";
    if (unit !== "hour" && unit !== "month-per-node" && unit !== "") throw new CatalogError(`${where("fixed_unit")}: "${unit}" is not one of hour, month-per-node`);
    return {
      cloud,
      product: row.product ?? "",
      region: row.region ?? "",
      fixedUsd: num("fixed_usd"),
      fixedUnit: unit,
      processedGbUsd: num("processed_gb_usd"),
      confidence: row.confidence ?? "",
      read: row.read ?? "",
      source: row.source ?? "",
      notes: row.notes ?? "",
    };
  });
  cache.set(catalog, rows);
  return rows;
}

/** Hours a load balancer runs a month (it bills around the clock). */
const HOURS = 730;
const cents = (usd: number) => Math.round(usd * 100) / 100;
const lbLine = (label: string, usd: number, estimated: boolean): CostLine => ({ label, monthlyUsd: cents(usd), estimated, part: "load-balancer" });

/** The load balancer's lines in (cloud, region) for `processedGbPerMonth`. */
export function loadBalancerLines(catalog: Catalog, cloud: Cloud, region: string, processedGbPerMonth: number): CostLine[] {
  const rows = loadBalancerPrices(catalog).filter((r) => r.cloud === cloud);
  const row = rows.find((r) => r.region === region) ?? rows.find((r) => r.region === "all") ?? rows[0];
  if (!row || row.fixedUsd === undefined) {
    const why = row ? row.notes.replace(/^not priced: /, "").split(";")[0]! : `no ${cloud} row in ${LOAD_BALANCER_FILE}`;
    return [lbLine(`load balancer: not priced (${why})`, 0, true)];
  }
  // A row for one region prices others by the region's compute price index (estimated).
  const scaled = row.region !== region && row.region !== "all";
  const index = scaled ? (catalog.priceIndex.get(regionKey(cloud, region)) ?? 1) : 1;
  const fee = row.fixedUsd * index;
  const fixed =
    row.fixedUnit === "month-per-node"
      ? lbLine(`${row.product}: 1 node × ${round4(fee)} USD/month`, fee, scaled)
      : lbLine(`${row.product}: ${HOURS} h × ${round4(fee)} USD/h`, HOURS * fee, scaled);
  if (row.processedGbUsd === undefined || row.processedGbUsd === 0) return [fixed];
  const perGb = row.processedGbUsd * index;
  // AWS bills LCU-hours; processed bytes alone give one LCU-hour per GB (other dimensions ignored).
  const unit = cloud === "aws" ? `GB ≈ LCU-hours × ${round4(perGb)} USD` : `GB processed × ${round4(perGb)} USD/GB`;
  // Estimated: AWS counts processed bytes only, and GCP's figure was read without its region.
  return [fixed, lbLine(`${row.product}: ${processedGbPerMonth} ${unit}`, processedGbPerMonth * perGb, true)];
}

const round4 = (n: number) => Math.round(n * 10000) / 10000;

/** What a load-balanced compute service costs: lines, the machine count (max) and the monthly range. */
export interface WebTierCost {
  readonly lines: CostLine[];
  readonly count: number;
  readonly range: { readonly minMonthlyUsd: number; readonly maxMonthlyUsd: number };
}

/**
 * The hook `placement/cost.ts` calls for a compute service: undefined without a load balancer;
 * with one, the machines at max (what the budget must cover) plus the load balancer, and the
 * min-to-max range.
 */
export function webTierCost(
  catalog: Catalog,
  cloud: Cloud,
  region: string,
  s: { readonly count: number; readonly hoursPerMonth: number; readonly loadBalancer?: WebLoadBalancer | undefined; readonly autoscaling?: WebAutoscaling | undefined },
  best: Offering,
  priceHour: number,
): WebTierCost | undefined {
  if (!s.loadBalancer) return undefined;
  const { min, max } = groupRange({ kind: "compute", publicIp: false, spot: false, ...s });
  const machines = (n: number) => n * s.hoursPerMonth * priceHour;
  const range = min === max ? `${max}` : `${min}–${max}`;
  const lb = loadBalancerLines(catalog, cloud, region, s.loadBalancer.processedGbPerMonth);
  const lbTotal = lb.reduce((sum, l) => sum + l.monthlyUsd, 0);
  return {
    lines: [{ label: `${range} × ${best.instanceType} × ${s.hoursPerMonth} h × ${priceHour} USD/h (priced at ${max})`, monthlyUsd: cents(machines(max)), estimated: false }, ...lb],
    count: max,
    range: { minMonthlyUsd: cents(cents(machines(min)) + lbTotal), maxMonthlyUsd: cents(cents(machines(max)) + lbTotal) },
  };
}
