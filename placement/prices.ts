/**
 * The price table (`data/prices.csv`): prices of always-on services, billing rules, bundles and
 * free tiers that are not compute, storage or PostgreSQL rows. One row per (cloud, region, item);
 * `region` is `all` where the provider has one price.
 *
 * Adding a priced line (a NAT gateway, a load balancer, …):
 *   1. add a row `cloud,region,item,unit,value,source,read,confidence,notes` to data/prices.csv
 *      (item e.g. `nat-gateway`, unit `usd/hour`; source = the page read, read = the day);
 *   2. in the cost code, `const p = tablePrice(catalog, cloud, region, "nat-gateway")` and turn it
 *      into a line with {@link tableLine} (`p` undefined → {@link unpricedLine} with the reason:
 *      never a made-up figure);
 *   3. a test asserting the exact figure.
 * A row for another region of the same cloud is scaled by the region's compute price index and
 * marked estimated; a cloud with no row at all is "not priced".
 */
import type { Cloud } from "../core/cloud";
import { type Catalog, type PriceRow, regionKey } from "./catalog";
import { line, type CostLine } from "./cost-line";
import { perCatalog } from "./memo";

/** A price read from the table, with its provenance. */
export interface TablePrice {
  readonly value: number;
  readonly unit: PriceRow["unit"];
  /** `prices.csv <cloud> <region> <item> ← <page>`. */
  readonly source: string;
  readonly read: string;
  readonly confidence: PriceRow["confidence"];
  /** True when another region's row was scaled by the price index. */
  readonly estimated: boolean;
}

const index = new WeakMap<Catalog, Map<string, PriceRow>>();

function rowOf(catalog: Catalog, cloud: Cloud, region: string, item: string): PriceRow | undefined {
  let byKey = index.get(catalog);
  if (!byKey) {
    byKey = new Map(catalog.prices.map((r) => [`${r.cloud}/${r.region}/${r.item}`, r]));
    index.set(catalog, byKey);
  }
  return byKey.get(`${cloud}/${region}/${item}`);
}

const describe = (r: PriceRow): string => `prices.csv ${r.cloud} ${r.region} ${r.item} ← ${r.source}`;

/**
 * The table's value for (cloud, region, item): the region's own row, else the cloud's `all` row,
 * else (money units only) another region's row × this region's price index, estimated.
 */
export function tablePrice(catalog: Catalog, cloud: Cloud, region: string, item: string): TablePrice | undefined {
  // Memoized per catalog: placement prices every service in every candidate region, and a
  // stack of 200 object stores asks for the same few answers ~100,000 times (issue 17).
  // Nested maps, not a joined key: the lookup allocates nothing (it runs millions of times in
  // the property tests, where a string per call was a good part of the garbage).
  return tablePrices(catalog, cloud, region, item);
}

const tablePrices = perCatalog((catalog, cloud: Cloud, region, item) => lookUp(catalog, cloud, region, item));

function lookUp(catalog: Catalog, cloud: Cloud, region: string, item: string): TablePrice | undefined {
  const own = rowOf(catalog, cloud, region, item) ?? rowOf(catalog, cloud, "all", item);
  if (own) return { value: own.value, unit: own.unit, source: describe(own), read: own.read, confidence: own.confidence, estimated: false };
  const other = catalog.prices.find((r) => r.cloud === cloud && r.item === item && r.unit.startsWith("usd/"));
  const factor = other && catalog.priceIndex.get(regionKey(cloud, region));
  if (!other || factor === undefined) return undefined;
  const otherFactor = catalog.priceIndex.get(regionKey(cloud, other.region)) ?? 1;
  return { value: (other.value * factor) / otherFactor, unit: other.unit, source: `${describe(other)} × price index of ${region}`, read: other.read, confidence: other.confidence, estimated: true };
}

/** A cost line from a table price. */
export const tableLine = (label: string, usd: number, price: TablePrice): CostLine => line(label, usd, price.estimated ? "estimated" : "list", price.source, price.read);
