/**
 * Managed PostgreSQL from list prices (postgres-prices.csv per instance class, prices.csv per-unit
 * rates), never from the same-size VM:
 *
 * - a class with a list price (RDS `db.t4g.*`, DigitalOcean `db-s-*`): the cheapest that fits,
 *   billed around the clock (DigitalOcean: the monthly price);
 * - per-unit rates (Cloud SQL: per vCPU-hour + per GB-hour) for the sizes the service sells; OCI
 *   Database with PostgreSQL: the shape's compute at the exact flex size + a fee per OCPU
 *   (prices.csv `postgres-ocpu-fee`);
 * - otherwise the size is chosen as the service sells it and the instance line is "not priced".
 *
 * High availability bills a second instance and a second copy of the storage where the source says
 * so (prices.csv `postgres-ha-instances`: RDS Multi-AZ); elsewhere the standby is assumed to cost
 * the same as the primary and the line says it is an estimate. Storage: included in a plan that
 * includes it (DigitalOcean, cost-postgres-storage.ts), else the service's own rate (prices.csv
 * `postgres-storage`), else the block-storage rate, estimated.
 */
import type { Cloud } from "../core/cloud";
import { postgresHaProblem } from "../core/constraints";
import { displaySku, postgresInstanceClass } from "../core/skus";
import { type Catalog, type Offering, type PostgresPriceRow, regionKey } from "./catalog";
import { type CostLine, line, round4, unpricedLine } from "./cost-line";
import { planStorageLine } from "./cost-postgres-storage";
import { billedHours, cheapest, computeSource, type CostResult, fits, HOURS_PER_MONTH, priced, regionalPrice, sizeText } from "./cost";
import { perCatalog } from "./memo";
import { tableLine, tablePrice } from "./prices";
import type { ServiceRequirement } from "./requirements";

type Database = Extract<ServiceRequirement, { kind: "database" }>;

/** A list-priced class in this region: the row's own region, `all`, or another region × index. */
interface ClassPrice {
  readonly row: PostgresPriceRow;
  readonly monthlyUsd: number;
  readonly label: string;
  readonly estimated: boolean;
  readonly source: string;
}

/** The managed PostgreSQL classes' prices in (cloud, region), computed once per catalog and site. */
function classPrices(catalog: Catalog, cloud: Cloud, region: string): readonly ClassPrice[] {
  return classPricesBySite(catalog, cloud, region, "");
}

const classPricesBySite = perCatalog((catalog, cloud: Cloud, region): readonly ClassPrice[] => sitePrices(catalog, cloud, region));

function sitePrices(catalog: Catalog, cloud: Cloud, region: string): ClassPrice[] {
  const rows = catalog.postgresPrices.filter((r) => r.cloud === cloud);
  const local = rows.filter((r) => r.region === region || r.region === "all");
  const factor = catalog.priceIndex.get(regionKey(cloud, region));
  const chosen = local.length > 0 ? local.map((row) => ({ row, factor: 1 })) : factor === undefined ? [] : rows.map((row) => ({ row, factor: factor / (catalog.priceIndex.get(regionKey(cloud, row.region)) ?? 1) }));
  return chosen.map(({ row, factor: f }) => {
    const estimated = f !== 1 || (local.length === 0 && rows.length > 0);
    const source = `postgres-prices.csv ${cloud} ${row.region} ${row.instanceClass} ← ${row.source}${estimated ? ` × price index of ${region}` : ""}`;
    if (row.monthUsd !== undefined) return { row, monthlyUsd: row.monthUsd * f, label: `${round4(row.monthUsd * f)} USD/month`, estimated, source };
    const billed = billedHours(catalog, cloud, region, HOURS_PER_MONTH);
    const hour = row.hourUsd! * f;
    return { row, monthlyUsd: billed.hours * hour, label: `${billed.hours} h${billed.note} × ${round4(hour)} USD/h`, estimated, source };
  });
}

// The managed class of an offering never changes: compute it once per offering.
const postgresClasses = new WeakMap<Offering, string | null>();
export function postgresClassOf(cloud: Cloud, o: Offering): string | undefined {
  let cls = postgresClasses.get(o);
  if (cls === undefined) {
    cls = postgresInstanceClass(cloud, o) ?? null;
    postgresClasses.set(o, cls);
  }
  return cls ?? undefined;
}

export function postgres(catalog: Catalog, cloud: Cloud, region: string, s: Database, pin?: string): CostResult {
  const ha = s.highAvailability;
  const haRule = tablePrice(catalog, cloud, region, "postgres-ha-instances");
  const replicas = ha ? (haRule?.value ?? 2) : 1;
  const haText = ha ? ` × ${replicas} (HA standby${haRule ? "" : ", assumed billed like the primary"})` : "";
  const haEstimated = ha && !haRule;

  let sku: string | undefined;
  let instance: CostLine | undefined;
  // 1. A class with a list price.
  const listed = classPrices(catalog, cloud, region)
    // With HA, only classes the managed service can run a standby on (core/constraints.ts).
    .filter((c) => c.row.vcpus >= s.vcpus && c.row.memoryGib >= s.memoryGib && !(ha && postgresHaProblem(cloud, c.row.instanceClass)))
    .sort((a, b) => Number(b.row.instanceClass === pin) - Number(a.row.instanceClass === pin) || a.monthlyUsd - b.monthlyUsd);
  const best = listed[0];
  if (best && (pin === undefined || !isComputeClass(catalog, cloud, pin) || best.row.instanceClass === pin)) {
    sku = best.row.instanceClass;
    instance = line(`${sku}${haText} × ${best.label}`, replicas * best.monthlyUsd, best.estimated || haEstimated ? "estimated" : "list", best.source + (ha && haRule ? `; ${haRule.source}` : ""), best.row.read);
  }
  if (!instance) {
    // 2./3. The sizes the service sells (its classes map from compute shapes).
    const accept = (o: Offering) => o.gpuCount === 0 && fits(o, s.vcpus, s.memoryGib) && postgresClassOf(cloud, o) !== undefined && !(ha && postgresHaProblem(cloud, postgresClassOf(cloud, o)!));
    const offering = cheapest(catalog, cloud, region, accept, { size: { vcpus: s.vcpus, memoryGib: s.memoryGib }, pin: pin?.replace(/^PostgreSQL\./, ""), pinned: pin === undefined ? undefined : (o) => postgresClassOf(cloud, o) === pin });
    if (!offering) {
      if (!catalog.offeringsByRegion.has(regionKey(cloud, region))) return { ok: false, reason: `not priced: ${cloud} ${region} has no compute prices in compute-offerings.csv` };
      return { ok: false, reason: `no managed PostgreSQL size with ${sizeText(s.vcpus, s.memoryGib)} in ${cloud} ${region}` };
    }
    sku = postgresClassOf(cloud, offering)!;
    const vcpu = tablePrice(catalog, cloud, region, "postgres-vcpu-hour");
    const gb = tablePrice(catalog, cloud, region, "postgres-memory-gb-hour");
    const fee = tablePrice(catalog, cloud, region, "postgres-ocpu-fee");
    if (fee) {
      // OCI: the shape's compute at the exact size (flex rates) plus the service's fee per OCPU.
      const ocpus = offering.vcpus / 2;
      const hour = offering.priceHour + ocpus * fee.value;
      instance = line(
        `${displaySku(sku)}${haText} × ${HOURS_PER_MONTH} h × (${round4(offering.priceHour)} USD/h shape + ${ocpus} OCPU × ${round4(fee.value)} USD/h PostgreSQL fee)`,
        replicas * HOURS_PER_MONTH * hour,
        fee.estimated || haEstimated ? "estimated" : "list",
        `${computeSource(catalog, cloud)}; ${fee.source}`,
        fee.read,
      );
    } else if (vcpu && gb) {
      const hour = offering.vcpus * vcpu.value + offering.memoryGib * gb.value;
      const est = vcpu.estimated || gb.estimated || haEstimated;
      instance = line(
        `${sku}${haText} × ${HOURS_PER_MONTH} h × (${offering.vcpus} vCPU × ${round4(vcpu.value)} + ${offering.memoryGib} GB × ${round4(gb.value)}) USD/h`,
        replicas * HOURS_PER_MONTH * hour,
        est ? "estimated" : "list",
        `${vcpu.source}; ${gb.source}`,
        vcpu.read,
      );
    } else {
      instance = unpricedLine(`${sku}${haText}`, `the managed PostgreSQL list price of ${cloud} is not in postgres-prices.csv`);
    }
  }
  // A list-priced plan may include its storage (DigitalOcean): only storage beyond it is billed.
  const inPlan = best && sku === best.row.instanceClass ? planStorageLine(catalog, cloud, region, sku, s.storageGb, replicas, haText) : undefined;
  return priced(sku!, [instance, inPlan ?? storage(catalog, cloud, region, s, replicas, haText, haEstimated)]);
}

/** True when `pin` is a class sized from compute shapes (not a list-priced class). */
function isComputeClass(catalog: Catalog, cloud: Cloud, pin: string): boolean {
  return !catalog.postgresPrices.some((r) => r.cloud === cloud && r.instanceClass === pin) && pin !== "";
}

function storage(catalog: Catalog, cloud: Cloud, region: string, s: Database, replicas: number, haText: string, haEstimated: boolean): CostLine {
  const own = tablePrice(catalog, cloud, region, "postgres-storage");
  if (own) return tableLine(`${s.storageGb} GB storage${haText} × ${round4(own.value)} USD/GB-month`, replicas * s.storageGb * own.value, { ...own, estimated: own.estimated || haEstimated });
  const block = regionalPrice(catalog, cloud, region, "blockGbMonth");
  if (!block) return unpricedLine(`${s.storageGb} GB storage`, `no storage price for ${cloud} ${region}`);
  return line(`${s.storageGb} GB storage${haText} × ${round4(block.usd)} USD/GB-month (block-storage rate; the service's storage rate is not in the catalog)`, replicas * s.storageGb * block.usd, "estimated", block.source);
}
