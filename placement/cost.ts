/**
 * The cost model: what one service costs per month in one (cloud, region), from the catalog. Each
 * line names its source and how it was priced (see cost-line.ts); the README's cost-model table
 * describes the same rules.
 *
 * - compute: count × billed hours × hourly price of the cheapest CPU offering with at least the
 *   asked vCPUs and memory (with a load balancer: the most machines plus the load balancer,
 *   cost-loadbalancer.ts). DigitalOcean bills at most 672 h a month (the monthly price); OCI flex
 *   shapes are priced for the exact size from their OCPU and GB rates (flex.ts); spot lines use the
 *   spot column, dated as a market snapshot;
 * - gpu-compute: the same over offerings with the GPU model and at least the GPU count;
 * - object storage, database, serverless/secrets/monitoring/analytics: cost-storage.ts,
 *   cost-postgres.ts, cost-services.ts;
 * - kubernetes: control-plane fee × 730 h + nodes × node price (DigitalOcean nodes capped at 672 h).
 *
 * Where a region has no storage row, the figure is another region's row scaled by the region's
 * compute price index, and is marked estimated; a region without compute prices has no index and
 * such figures are "not priced".
 */
import type { Cloud } from "../core/cloud";
import { displaySku, parseOciFlex } from "../core/skus";
import { type Catalog, type Offering, regionKey, type StoragePrices } from "./catalog";
import { cents, type CostLine, line, round4 } from "./cost-line";
import { postgres, postgresClassOf } from "./cost-postgres";
import { alwaysOnServices } from "./cost-services";
import { objectStorage } from "./cost-storage";
import { exactFlexSize, flexOffering, validFlexSize } from "./flex";
import { perCatalog } from "./memo";
import { tablePrice } from "./prices";
import type { ServiceRequirement } from "./requirements";
import { webTierCost } from "./cost-loadbalancer";

export { cents, type CostLine, type PriceBasis } from "./cost-line";

/** Hours in an average month; managed services bill around the clock. */
export const HOURS_PER_MONTH = 730;

/** A service sized and priced in one region. */
export interface ServiceCost {
  /** The SKU / size components create (`t3.medium`, `db.t4g.small`, `standard`, …). */
  readonly sku: string;
  /** Sum of the priced lines; a lower bound when some line is `unpriced`. */
  readonly monthlyUsd: number;
  /** True when any line is not a list price read from a row. */
  readonly estimated: boolean;
  readonly lines: readonly CostLine[];
  /** Why provisioned parts of this service have no price (empty when fully priced). */
  readonly unpriced: readonly string[];
  /** The instance count the SKU is multiplied by (compute, GPU compute, Kubernetes nodes). */
  readonly count?: number;
  /** The compute offering behind the SKU, when there is one. */
  readonly offering?: Offering;
  /** Why the SKU's availability in this region is not confirmed by a source (GPU shapes on OCI and Azure). */
  readonly unconfirmed?: string;
  /** An autoscaled service's cost at its fewest and most machines (`monthlyUsd` is the most). */
  readonly range?: { readonly minMonthlyUsd: number; readonly maxMonthlyUsd: number };
}

/** Either a priced service or why it cannot run in that region. */
export type CostResult = { readonly ok: true; readonly cost: ServiceCost } | { readonly ok: false; readonly reason: string };

/** Builds a priced result from its lines. */
export function priced(sku: string, lines: CostLine[], extra: Pick<ServiceCost, "count" | "offering" | "unconfirmed" | "range"> = {}): CostResult {
  // One pass: this runs for every service in every candidate region (issue 17).
  let sum = 0;
  let estimated = false;
  const unpriced: string[] = [];
  for (const l of lines) {
    sum += l.monthlyUsd;
    estimated ||= l.estimated;
    if (l.basis === "unpriced") unpriced.push(l.unpriced ?? l.label);
  }
  return { ok: true, cost: { sku, monthlyUsd: cents(sum), estimated, lines, unpriced, ...extra } };
}

type PriceColumn = "objectGbMonth" | "blockGbMonth" | "internetEgressGb" | "interRegionEgressGb" | "postgresSmallHour" | "postgres2x8Hour";

/** A regional price with the row it came from. */
export interface RegionalPrice {
  readonly usd: number;
  readonly estimated: boolean;
  /** `storage-and-egress.csv <cloud> <region> ← <pages>`. */
  readonly source: string;
}

/**
 * A storage-table price for (cloud, region): the region's own row, else the cloud's `all` row,
 * else the reference row × the region's price index (estimated). Undefined when no row has it or
 * the region has no price index (no compute prices to compare).
 */
export function regionalPrice(catalog: Catalog, cloud: Cloud, region: string, column: PriceColumn): RegionalPrice | undefined {
  return regionalPrices(catalog, cloud, region, column);
}

const regionalPrices = perCatalog((catalog, cloud: Cloud, region, column: PriceColumn) => lookUpRegional(catalog, cloud, region, column));

function lookUpRegional(catalog: Catalog, cloud: Cloud, region: string, column: PriceColumn): RegionalPrice | undefined {
  const own = catalog.storage.find((r) => r.cloud === cloud && (r.region === region || r.region === "all") && r[column] !== undefined);
  if (own) return { usd: own[column]!, estimated: false, source: `storage-and-egress.csv ${cloud} ${own.region} ← ${own.source}` };
  const ref: StoragePrices | undefined = catalog.referenceStorage.get(cloud);
  const value = ref?.[column];
  const factor = catalog.priceIndex.get(regionKey(cloud, region));
  if (value === undefined || factor === undefined) return undefined;
  return { usd: value * factor, estimated: true, source: `storage-and-egress.csv ${cloud} ${ref!.region} × price index of ${region} (${round4(factor)})` };
}

/** `displaySku` without its regular expression for the SKUs it returns unchanged (all but OCI flex sizes, `…Flex$_<ocpus>_<gb>`). */
const skuText = (sku: string): string => (sku.includes("Flex$_") ? displaySku(sku) : sku);

/** Where a compute row's price was read: the catalog file and its upstream source. */
export const computeSource = (catalog: Catalog, cloud: Cloud): string => computeSources(catalog, cloud, "", "");

const computeSources = perCatalog((catalog, cloud: Cloud) => `compute-offerings.csv ← ${catalog.manifest.computePrices[cloud].source}`);

/**
 * The offerings of a region a requirement can pick from: the catalog rows, with OCI's sampled flex
 * rows replaced by each flex shape at the exact size asked (and at a locked size).
 */
function candidates(catalog: Catalog, cloud: Cloud, region: string, spot: boolean, size?: { vcpus: number; memoryGib: number }, pin?: string): readonly Offering[] {
  const list = regionOfferings(catalog, cloud, region, spot ? "spot" : "list");
  if (cloud !== "oci" || catalog.flexRates.size === 0) return list;
  const order = spot ? bySpotPrice : byPrice;
  // The catalog rows without the sampled flex rows, in order: once per (region, spot) (issue 17).
  const fixed = ociFixed(catalog, region, spot ? "spot" : "list", "");
  const flex: Offering[] = [];
  const locked = pin !== undefined ? parseOciFlex(pin) : undefined;
  for (const rates of catalog.flexRates.values()) {
    const exact = size && exactFlexSize(rates, size.vcpus, size.memoryGib);
    if (exact) flex.push(flexOffering(rates, region, exact));
    if (locked && locked.shape === rates.shape && validFlexSize(rates, locked)) flex.push(flexOffering(rates, region, locked));
  }
  if (flex.length === 0) return fixed;
  // What sorting [...fixed, ...flex] stably gives: both sorted, merged with fixed rows first on ties.
  if (flex.length > 1) flex.sort(order);
  const out: Offering[] = [];
  let i = 0;
  let j = 0;
  while (i < fixed.length && j < flex.length) out.push(order(fixed[i]!, flex[j]!) <= 0 ? fixed[i++]! : flex[j++]!);
  while (i < fixed.length) out.push(fixed[i++]!);
  while (j < flex.length) out.push(flex[j++]!);
  return out;
}

const regionOfferings = perCatalog((catalog, cloud: Cloud, region, spot: "spot" | "list"): readonly Offering[] => (spot === "spot" ? catalog.offeringsBySpotPrice : catalog.offeringsByRegion).get(regionKey(cloud, region)) ?? []);
const ociFixed = perCatalog((catalog, region, spot: "spot" | "list"): readonly Offering[] =>
  regionOfferings(catalog, "oci", region, spot)
    .filter((o) => !catalog.flexRates.has(parseOciFlex(o.instanceType)?.shape ?? ""))
    .sort(spot === "spot" ? bySpotPrice : byPrice),
);
const byName = (a: Offering, b: Offering) => (a.instanceType < b.instanceType ? -1 : a.instanceType > b.instanceType ? 1 : 0);
const byPrice = (a: Offering, b: Offering) => a.priceHour - b.priceHour || byName(a, b);
const bySpotPrice = (a: Offering, b: Offering) => (a.spotPriceHour ?? a.priceHour) - (b.spotPriceHour ?? b.priceHour) || byName(a, b);

/**
 * The catalog offering named `sku` in a region, OCI flex sizes included (priced from the shape's
 * rates): how the budget policy prices a resource it finds in a program.
 */
export function findOffering(catalog: Catalog, cloud: Cloud, region: string, sku: string): Offering | undefined {
  const row = catalog.offeringsByRegion.get(regionKey(cloud, region))?.find((o) => o.instanceType === sku);
  if (row || cloud !== "oci") return row;
  const flex = parseOciFlex(sku);
  const rates = flex && catalog.flexRates.get(flex.shape);
  return rates && catalog.regionByKey.has(regionKey(cloud, region)) && validFlexSize(rates, flex) ? flexOffering(rates, region, flex) : undefined;
}

/**
 * Cheapest offering in a region matching `accept`, in price order (spot order when `spot`). A
 * `pin` (a locked SKU) wins while it is still accepted, so a price change never resizes.
 */
export function cheapest(catalog: Catalog, cloud: Cloud, region: string, accept: (o: Offering) => boolean, opts: { spot?: boolean; size?: { vcpus: number; memoryGib: number }; pin?: string; pinned?: (o: Offering) => boolean } = {}): Offering | undefined {
  const list = candidates(catalog, cloud, region, opts.spot ?? false, opts.size, opts.pin);
  const pinned = opts.pinned ?? (opts.pin !== undefined ? (o: Offering) => o.instanceType === opts.pin : undefined);
  if (pinned) {
    for (const o of list) if (pinned(o) && accept(o)) return o;
  }
  for (const o of list) if (accept(o)) return o;
  return undefined;
}

export const fits = (o: Offering, vcpus: number | undefined, memoryGib: number | undefined): boolean => o.vcpus >= (vcpus ?? 0) && o.memoryGib >= (memoryGib ?? 0);
export const sizeText = (vcpus: number | undefined, memoryGib: number | undefined): string =>
  [vcpus !== undefined ? `≥ ${vcpus} vCPU` : "", memoryGib !== undefined ? `≥ ${memoryGib} GiB` : ""].filter(Boolean).join(" and ");

/**
 * Hours a machine running `hours` a month is billed for: DigitalOcean caps a month at 672 hours
 * (prices.csv `billing-cap`), which is the monthly price; everything else bills every hour.
 */
export function billedHours(catalog: Catalog, cloud: Cloud, region: string, hours: number): { hours: number; note: string; capped: boolean; source?: string } {
  const cap = tablePrice(catalog, cloud, region, "billing-cap");
  if (cap && cap.unit === "hours" && hours > cap.value) return { hours: cap.value, note: ` (monthly cap; ${hours} h run)`, capped: true, source: cap.source };
  return { hours, note: "", capped: false };
}

/** `count` machines for `hours` at `price`: a capped month is the monthly price, in whole cents per machine. */
const machineMonth = (count: number, billed: { hours: number; capped: boolean }, price: number) => count * (billed.capped ? cents(billed.hours * price) : billed.hours * price);

/**
 * Clouds whose catalog lists a GPU size in regions that do not sell it, so a listed (region, GPU
 * size) is not a confirmed offering: the SkyPilot OCI file repeats every shape in every region
 * (data/README.md), and Azure's price list carries meters for regions where a size cannot be
 * deployed. A (cloud, region, SKU) row in regional-availability.csv (`service` = the SKU)
 * confirms it (`yes`) or removes it (`no`).
 */
export const GPU_AVAILABILITY_UNCONFIRMED: Partial<Record<Cloud, string>> = {
  oci: "the OCI catalog lists every shape in every region",
  azure: "Azure's price list has meters for regions where a size cannot be deployed",
};

/** A GPU offering's availability: sold (confirmed or not, and why) or known not to be sold. */
function gpuAvailability(catalog: Catalog, o: Offering): { sold: boolean; unconfirmed?: string } {
  const row = catalog.availabilityByService.get(`${o.cloud}/${o.instanceType}`)?.get(o.region);
  if (row) return { sold: row.available };
  const why = GPU_AVAILABILITY_UNCONFIRMED[o.cloud];
  return why ? { sold: true, unconfirmed: `${o.instanceType} availability in ${o.region} not confirmed: ${why}` } : { sold: true };
}

function machines(catalog: Catalog, cloud: Cloud, region: string, s: Extract<ServiceRequirement, { kind: "compute" | "gpu-compute" }>, pin?: string): CostResult {
  const gpu = s.kind === "gpu-compute" ? s.gpu : undefined;
  const accept = (o: Offering) => fits(o, s.vcpus, s.memoryGib) && (gpu ? o.gpuModel === gpu.model && o.gpuCount >= gpu.count && gpuAvailability(catalog, o).sold : o.gpuCount === 0);
  const size = gpu ? undefined : { vcpus: s.vcpus!, memoryGib: s.memoryGib! };
  const best = cheapest(catalog, cloud, region, accept, { spot: s.spot, size, pin });
  if (!best) {
    if (!catalog.offeringsByRegion.has(regionKey(cloud, region))) return { ok: false, reason: `not priced: ${cloud} ${region} has no compute prices in compute-offerings.csv` };
    const what = gpu ? `${gpu.model} ×${gpu.count}${s.vcpus !== undefined || s.memoryGib !== undefined ? ` with ${sizeText(s.vcpus, s.memoryGib)}` : ""}` : `with ${sizeText(s.vcpus, s.memoryGib)}`;
    return { ok: false, reason: `no ${gpu ? "GPU " : ""}offering ${what} in ${cloud} ${region}` };
  }
  const spot = s.spot && best.spotPriceHour !== undefined;
  const price = spot ? best.spotPriceHour! : best.priceHour;
  const billed = billedHours(catalog, cloud, region, s.hoursPerMonth);
  const date = catalog.manifest.computePrices[cloud].date;
  const what = `${s.count} × ${skuText(best.instanceType)}${spot ? ` (spot, market price of ${date})` : ""}`;
  const unconfirmed = gpu ? gpuAvailability(catalog, best).unconfirmed : undefined;
  // A load-balanced service: its machine range and its load balancer (cost-loadbalancer.ts).
  const machineLine = (n: number, label: string) =>
    line(`${label} × ${billed.hours} h${billed.note} × ${price} USD/h`, machineMonth(n, billed, price), spot ? "spot" : "list", computeSource(catalog, cloud) + (billed.source ? `; ${billed.source}` : ""), date);
  const web = s.kind === "compute" ? webTierCost(catalog, cloud, region, s, best, machineLine) : undefined;
  if (web) return priced(best.instanceType, web.lines, { count: web.count, offering: best, range: web.range });
  return priced(
    best.instanceType,
    [line(`${what} × ${billed.hours} h${billed.note} × ${price} USD/h`, machineMonth(s.count, billed, price), spot ? "spot" : "list", computeSource(catalog, cloud) + (billed.source ? `; ${billed.source}` : ""), date)],
    { count: s.count, offering: best, ...(unconfirmed ? { unconfirmed } : {}) },
  );
}

function kubernetes(catalog: Catalog, cloud: Cloud, region: string, s: Extract<ServiceRequirement, { kind: "kubernetes" }>, pin?: string): CostResult {
  const ref = catalog.referenceStorage.get(cloud);
  const fee = ref?.k8sControlPlaneHour;
  if (fee === undefined) return { ok: false, reason: `no Kubernetes control-plane fee for ${cloud} in storage-and-egress.csv` };
  const node = cheapest(catalog, cloud, region, (o) => o.gpuCount === 0 && fits(o, s.vcpus, s.memoryGib), { size: { vcpus: s.vcpus, memoryGib: s.memoryGib }, pin });
  if (!node) {
    if (!catalog.offeringsByRegion.has(regionKey(cloud, region))) return { ok: false, reason: `not priced: ${cloud} ${region} has no compute prices in compute-offerings.csv` };
    return { ok: false, reason: `no node offering with ${sizeText(s.vcpus, s.memoryGib)} in ${cloud} ${region}` };
  }
  const billed = billedHours(catalog, cloud, region, HOURS_PER_MONTH);
  const date = catalog.manifest.computePrices[cloud].date;
  return priced(
    node.instanceType,
    [
      line(`control plane × ${HOURS_PER_MONTH} h × ${fee} USD/h`, HOURS_PER_MONTH * fee, "list", `storage-and-egress.csv ${cloud} ${ref!.region} k8s_control_plane_hour_usd`),
      line(`${s.nodes} × ${skuText(node.instanceType)} × ${billed.hours} h${billed.note} × ${node.priceHour} USD/h`, machineMonth(s.nodes, billed, node.priceHour), "list", computeSource(catalog, cloud) + (billed.source ? `; ${billed.source}` : ""), date),
    ],
    { count: s.nodes, offering: node },
  );
}

// Governance (audit trails, flow and access logs, keys, budgets) is priced per resource by its own module.
export { GOVERNANCE_RATES, type GovernanceCost, governanceResourceCost } from "./cost-governance";

/** What a site's earlier services leave of per-account allowances (free egress), in GB. */
export interface Allowances {
  egressGb?: number;
}

/**
 * Whether the catalog still offers `sku` for a service of `kind` in (cloud, region): a machine
 * or node type, or a managed PostgreSQL class or tier. Kinds without a catalog size (storage,
 * serverless, …) always are. Used to tell a locked size that left the catalog from one that
 * simply no longer fits.
 */
export function skuOffered(catalog: Catalog, cloud: Cloud, region: string, kind: ServiceRequirement["kind"], sku: string): boolean {
  const list = catalog.offeringsByRegion.get(regionKey(cloud, region)) ?? [];
  switch (kind) {
    case "compute":
    case "gpu-compute":
    case "kubernetes":
      return findOffering(catalog, cloud, region, sku) !== undefined;
    case "database":
      return catalog.postgresPrices.some((r) => r.cloud === cloud && r.instanceClass === sku) || list.some((o) => postgresClassOf(cloud, o) === sku);
    default:
      return true;
  }
}

/**
 * Sizes and prices one service in (cloud, region).
 *
 * @param pin a SKU to keep (from the lock) while it still meets the requirement.
 * @param allowances per-account free allowances the site's services share; consumed in order.
 */
export function priceService(catalog: Catalog, cloud: Cloud, region: string, service: ServiceRequirement, pin?: string, allowances: Allowances = {}): CostResult {
  switch (service.kind) {
    case "compute":
    case "gpu-compute":
      return machines(catalog, cloud, region, service, pin);
    case "object-storage":
      return objectStorage(catalog, cloud, region, service, allowances);
    case "database":
      return postgres(catalog, cloud, region, service, pin);
    case "kubernetes":
      return kubernetes(catalog, cloud, region, service, pin);
    case "serverless":
    case "secrets":
    case "monitoring":
    case "analytics":
      return alwaysOnServices(catalog, cloud, region, service);
  }
}
