/**
 * The cost model: what one service costs per month in one (cloud, region), from the catalog.
 *
 * - compute: count × hoursPerMonth × hourly price of the cheapest CPU offering with at least the
 *   asked vCPUs and memory (the spot price when asked and the catalog has one);
 * - gpu-compute: the same over offerings with the GPU model and at least the GPU count;
 * - object storage: sizeGb × GB-month price + egressGbPerMonth × internet egress price;
 * - database (PostgreSQL): the catalog's managed list price when a captured tier fits, otherwise
 *   the compute-equivalent offering's hourly price (estimated), × 2 with high availability, plus
 *   storageGb × block-storage price;
 * - kubernetes: control-plane fee + nodes × node offering price, 730 h a month;
 * - serverless, secrets, monitoring, analytics: usage-based, not priced (0, marked estimated).
 *
 * Where a region has no storage/database row, the figure is the cloud's reference row scaled by
 * the region's compute price index, and is marked `estimated`.
 */
import type { Cloud } from "../core/cloud";
import { type Catalog, type Offering, regionKey, type StoragePrices } from "./catalog";
import type { ServiceRequirement } from "./requirements";
import { postgresInstanceClass } from "../core/skus";

/** Hours in an average month; managed services bill around the clock. */
export const HOURS_PER_MONTH = 730;

/** One priced line of a service's monthly cost. */
export interface CostLine {
  readonly label: string;
  readonly monthlyUsd: number;
  readonly estimated: boolean;
}

/** A service sized and priced in one region. */
export interface ServiceCost {
  /** The SKU / size components create (`t3.medium`, `db.m6i.large`, `standard`, …). */
  readonly sku: string;
  readonly monthlyUsd: number;
  /** True when any line is derived rather than read from a catalog row. */
  readonly estimated: boolean;
  readonly lines: readonly CostLine[];
  /** The instance count the SKU is multiplied by (compute, GPU compute, Kubernetes nodes). */
  readonly count?: number;
  /** The compute offering behind the SKU, when there is one. */
  readonly offering?: Offering;
}

/** Either a priced service or why it cannot run in that region. */
export type CostResult = { readonly ok: true; readonly cost: ServiceCost } | { readonly ok: false; readonly reason: string };

/** Rounds to cents; every figure tessera prints is a sum of rounded lines. */
export const cents = (usd: number): number => Math.round(usd * 100) / 100;

const line = (label: string, usd: number, estimated: boolean): CostLine => ({ label, monthlyUsd: cents(usd), estimated });

function priced(sku: string, lines: CostLine[], extra: Pick<ServiceCost, "count" | "offering"> = {}): CostResult {
  const monthlyUsd = cents(lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
  return { ok: true, cost: { sku, monthlyUsd, estimated: lines.some((l) => l.estimated), lines, ...extra } };
}

/**
 * Managed PostgreSQL tiers whose list price the catalog captured, with the size of the named
 * instance (db.t4g.micro: 2 vCPU / 1 GiB; db-custom-2-8192: 2 vCPU / 8 GiB; DigitalOcean's
 * 15 USD plan: 1 vCPU / 1 GiB). Cloud SQL db-f1-micro is shared-core and is not used.
 */
const POSTGRES_TIERS: Partial<Record<Cloud, ReadonlyArray<{ column: "postgresSmallHour" | "postgres2x8Hour"; sku: string; vcpus: number; memoryGib: number }>>> = {
  aws: [{ column: "postgresSmallHour", sku: "db.t4g.micro", vcpus: 2, memoryGib: 1 }],
  gcp: [{ column: "postgres2x8Hour", sku: "db-custom-2-8192", vcpus: 2, memoryGib: 8 }],
  digitalocean: [{ column: "postgresSmallHour", sku: "db-s-1vcpu-1gb", vcpus: 1, memoryGib: 1 }],
};

type PriceColumn = "objectGbMonth" | "blockGbMonth" | "internetEgressGb" | "interRegionEgressGb" | "postgresSmallHour" | "postgres2x8Hour";

/**
 * A storage-table price for (cloud, region): the region's own row, else the cloud's `all` row,
 * else the reference row × the region's price index (estimated). Undefined when no row has it.
 */
export function regionalPrice(catalog: Catalog, cloud: Cloud, region: string, column: PriceColumn): { usd: number; estimated: boolean } | undefined {
  const own = catalog.storage.find((r) => r.cloud === cloud && (r.region === region || r.region === "all") && r[column] !== undefined);
  if (own) return { usd: own[column]!, estimated: false };
  const ref: StoragePrices | undefined = catalog.referenceStorage.get(cloud);
  const value = ref?.[column];
  if (value === undefined) return undefined;
  return { usd: value * (catalog.priceIndex.get(regionKey(cloud, region)) ?? 1), estimated: true };
}

/**
 * Cheapest offering in a region matching `accept`: the first match in the region's price-sorted
 * list (spot-sorted when `spot`). A `pinned` offering (a locked SKU) wins while it is still
 * accepted, so a price change never resizes.
 */
function cheapest(catalog: Catalog, cloud: Cloud, region: string, accept: (o: Offering) => boolean, spot = false, pinned?: (o: Offering) => boolean): Offering | undefined {
  const key = regionKey(cloud, region);
  const list = (spot ? catalog.offeringsBySpotPrice : catalog.offeringsByRegion).get(key) ?? [];
  if (pinned) {
    for (const o of list) if (pinned(o) && accept(o)) return o;
  }
  for (const o of list) if (accept(o)) return o;
  return undefined;
}

const fits = (o: Offering, vcpus: number | undefined, memoryGib: number | undefined) => o.vcpus >= (vcpus ?? 0) && o.memoryGib >= (memoryGib ?? 0);
const sizeText = (vcpus: number | undefined, memoryGib: number | undefined) =>
  [vcpus !== undefined ? `≥ ${vcpus} vCPU` : "", memoryGib !== undefined ? `≥ ${memoryGib} GiB` : ""].filter(Boolean).join(" and ");

function machines(catalog: Catalog, cloud: Cloud, region: string, s: Extract<ServiceRequirement, { kind: "compute" | "gpu-compute" }>, pin?: string): CostResult {
  const gpu = s.kind === "gpu-compute" ? s.gpu : undefined;
  const effective = (o: Offering) => (s.spot && o.spotPriceHour !== undefined ? o.spotPriceHour : o.priceHour);
  const accept = (o: Offering) =>
    fits(o, s.vcpus, s.memoryGib) && (gpu ? o.gpuModel === gpu.model && o.gpuCount >= gpu.count : o.gpuCount === 0);
  const best = cheapest(catalog, cloud, region, accept, s.spot, pin === undefined ? undefined : (o) => o.instanceType === pin);
  if (!best) {
    const what = gpu ? `${gpu.model} ×${gpu.count}${s.vcpus !== undefined || s.memoryGib !== undefined ? ` with ${sizeText(s.vcpus, s.memoryGib)}` : ""}` : `with ${sizeText(s.vcpus, s.memoryGib)}`;
    return { ok: false, reason: `no ${gpu ? "GPU " : ""}offering ${what} in ${cloud} ${region}` };
  }
  const spot = s.spot && best.spotPriceHour !== undefined;
  const price = effective(best);
  return priced(
    best.instanceType,
    [line(`${s.count} × ${best.instanceType}${spot ? " (spot)" : ""} × ${s.hoursPerMonth} h × ${price} USD/h`, s.count * s.hoursPerMonth * price, false)],
    { count: s.count, offering: best },
  );
}

function objectStorage(catalog: Catalog, cloud: Cloud, region: string, s: Extract<ServiceRequirement, { kind: "object-storage" }>): CostResult {
  const gb = regionalPrice(catalog, cloud, region, "objectGbMonth");
  const egress = regionalPrice(catalog, cloud, region, "internetEgressGb");
  if (!gb || !egress) return { ok: false, reason: `no object storage price for ${cloud} in storage-and-egress.csv` };
  return priced("standard", [
    line(`${s.sizeGb} GB × ${round4(gb.usd)} USD/GB-month`, s.sizeGb * gb.usd, gb.estimated),
    line(`${s.egressGbPerMonth} GB egress × ${round4(egress.usd)} USD/GB`, s.egressGbPerMonth * egress.usd, egress.estimated),
  ]);
}

function database(catalog: Catalog, cloud: Cloud, region: string, s: Extract<ServiceRequirement, { kind: "database" }>, pin?: string): CostResult {
  const replicas = s.highAvailability ? 2 : 1;
  const ha = s.highAvailability ? " × 2 (HA standby)" : "";
  const block = regionalPrice(catalog, cloud, region, "blockGbMonth");
  if (!block) return { ok: false, reason: `no block storage price for ${cloud} in storage-and-egress.csv` };
  const storage = line(`${s.storageGb} GB storage${ha} × ${round4(block.usd)} USD/GB-month`, replicas * s.storageGb * block.usd, block.estimated);

  // A captured managed list price, when a tier fits, is closer to the bill than an estimate.
  // A locked compute-equivalent SKU skips the tiers so the instance class does not change.
  const tiers = pin !== undefined && !(POSTGRES_TIERS[cloud] ?? []).some((t) => t.sku === pin) ? [] : (POSTGRES_TIERS[cloud] ?? []);
  for (const tier of tiers) {
    if (tier.vcpus < s.vcpus || tier.memoryGib < s.memoryGib) continue;
    const price = regionalPrice(catalog, cloud, region, tier.column);
    if (!price) continue;
    return priced(tier.sku, [line(`${tier.sku}${ha} × ${HOURS_PER_MONTH} h × ${round4(price.usd)} USD/h`, replicas * HOURS_PER_MONTH * price.usd, price.estimated), storage]);
  }
  const best = cheapest(
    catalog,
    cloud,
    region,
    (o) => o.gpuCount === 0 && fits(o, s.vcpus, s.memoryGib) && postgresClassOf(cloud, o) !== undefined,
    false,
    pin === undefined ? undefined : (o) => postgresClassOf(cloud, o) === pin,
  );
  if (!best) return { ok: false, reason: `no managed PostgreSQL size with ${sizeText(s.vcpus, s.memoryGib)} in ${cloud} ${region}` };
  const sku = postgresClassOf(cloud, best)!;
  return priced(
    sku,
    [line(`${sku}${ha} × ${HOURS_PER_MONTH} h × ${best.priceHour} USD/h (compute-equivalent ${best.instanceType}; managed list price not in catalog)`, replicas * HOURS_PER_MONTH * best.priceHour, true), storage],
    { offering: best },
  );
}

function kubernetes(catalog: Catalog, cloud: Cloud, region: string, s: Extract<ServiceRequirement, { kind: "kubernetes" }>, pin?: string): CostResult {
  const fee = catalog.referenceStorage.get(cloud)?.k8sControlPlaneHour;
  if (fee === undefined) return { ok: false, reason: `no Kubernetes control-plane fee for ${cloud} in storage-and-egress.csv` };
  const node = cheapest(catalog, cloud, region, (o) => o.gpuCount === 0 && fits(o, s.vcpus, s.memoryGib), false, pin === undefined ? undefined : (o) => o.instanceType === pin);
  if (!node) return { ok: false, reason: `no node offering with ${sizeText(s.vcpus, s.memoryGib)} in ${cloud} ${region}` };
  return priced(
    node.instanceType,
    [
      line(`control plane × ${HOURS_PER_MONTH} h × ${fee} USD/h`, HOURS_PER_MONTH * fee, false),
      line(`${s.nodes} × ${node.instanceType} × ${HOURS_PER_MONTH} h × ${node.priceHour} USD/h`, s.nodes * HOURS_PER_MONTH * node.priceHour, false),
    ],
    { count: s.nodes, offering: node },
  );
}

const round4 = (n: number) => Math.round(n * 10000) / 10000;

// Governance (audit trails, flow and access logs, keys, budgets) is priced per resource by its own module.
export { GOVERNANCE_RATES, type GovernanceCost, governanceResourceCost } from "./cost-governance";

// The managed class of an offering never changes: compute it once per offering.
const postgresClasses = new WeakMap<Offering, string | null>();
function postgresClassOf(cloud: Cloud, o: Offering): string | undefined {
  let cls = postgresClasses.get(o);
  if (cls === undefined) {
    cls = postgresInstanceClass(cloud, o) ?? null;
    postgresClasses.set(o, cls);
  }
  return cls ?? undefined;
}

/**
 * Sizes and prices one service in (cloud, region).
 *
 * @param pin a SKU to keep (from the lock) while it still meets the requirement.
 */
export function priceService(catalog: Catalog, cloud: Cloud, region: string, service: ServiceRequirement, pin?: string): CostResult {
  switch (service.kind) {
    case "compute":
    case "gpu-compute":
      return machines(catalog, cloud, region, service, pin);
    case "object-storage":
      return objectStorage(catalog, cloud, region, service);
    case "database":
      return database(catalog, cloud, region, service, pin);
    case "kubernetes":
      return kubernetes(catalog, cloud, region, service, pin);
    case "serverless":
    case "secrets":
    case "monitoring":
    case "analytics":
      return priced(service.kind, [line(`${service.kind}: usage-based, no list price in the catalog`, 0, true)]);
  }
}
