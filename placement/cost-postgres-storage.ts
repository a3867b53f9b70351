/**
 * Storage of a managed PostgreSQL plan whose price already includes it (DigitalOcean `db-s-*`):
 * the plan's monthly price covers a base amount of storage, and only storage added beyond it is
 * billed on top (prices.csv `postgres-storage-in-plan`, from DigitalOcean's API reference:
 * `storage_size_mib` is "additional storage … beyond what is provided as a base amount from the
 * size"). Charging the whole `storageGb` again at a disk rate would count it twice.
 *
 * - the class's base amount known (`postgres-included-storage:<class>`) and enough: 0, list;
 * - known and too small: the excess at `postgres-additional-storage` (usd/gb-month), or "not
 *   priced" without that rate — never a borrowed disk rate;
 * - unknown: 0, estimated, the label stating the assumption that the base amount holds it.
 */
import type { Cloud } from "../core/cloud";
import type { Catalog } from "./catalog";
import { type CostLine, line, round4, unpricedLine } from "./cost-line";
import { tableLine, tablePrice } from "./prices";

/**
 * The storage line of `instanceClass` when the cloud's plans include storage in their price, else
 * undefined (the service bills storage separately). `replicas` nodes each hold a copy.
 */
export function planStorageLine(catalog: Catalog, cloud: Cloud, region: string, instanceClass: string, storageGb: number, replicas: number, haText: string): CostLine | undefined {
  const inPlan = tablePrice(catalog, cloud, region, "postgres-storage-in-plan");
  if (!inPlan || inPlan.value !== 1) return undefined;
  const included = tablePrice(catalog, cloud, region, `postgres-included-storage:${instanceClass}`);
  if (!included) {
    return line(
      `${storageGb} GB storage: included in the ${instanceClass} price, assuming the size's base storage holds it (its base amount is not in the catalog; storage beyond it is billed extra)`,
      0,
      "estimated",
      inPlan.source,
      inPlan.read,
    );
  }
  if (storageGb <= included.value) return tableLine(`${storageGb} GB storage: within the ${included.value} GB included in the ${instanceClass} price`, 0, included);
  const extra = storageGb - included.value;
  const label = `${storageGb} GB storage: ${extra} GB beyond the ${included.value} GB included in the ${instanceClass} price${haText}`;
  const rate = tablePrice(catalog, cloud, region, "postgres-additional-storage");
  if (!rate) return unpricedLine(label, `the ${cloud} additional-storage rate is not in prices.csv`, included.source);
  return tableLine(`${label} × ${round4(rate.value)} USD/GB-month`, replicas * extra * rate.value, { ...rate, source: `${included.source}; ${rate.source}` });
}
