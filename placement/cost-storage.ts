/**
 * Object storage: GB stored × the GB-month price + internet egress × the egress price, less the
 * per-account free egress (prices.csv `internet-egress-free`: AWS and Azure 100 GB, OCI 10 TB a
 * month), and DigitalOcean Spaces' bundle: a 5 USD monthly subscription (the minimum) that
 * includes 250 GiB stored and 1 TiB out, then per-GiB overage (prices.csv `spaces-*`). Allowances
 * are per account, so a site's buckets share them in the order the stack lists them.
 */
import type { Cloud } from "../core/cloud";
import type { Catalog } from "./catalog";
import { type CostLine, line, round4 } from "./cost-line";
import { type Allowances, type CostResult, priced, regionalPrice } from "./cost";
import { tableLine, tablePrice } from "./prices";
import type { ServiceRequirement } from "./requirements";

type ObjectStorage = Extract<ServiceRequirement, { kind: "object-storage" }>;

/** Per-account allowances of DigitalOcean Spaces, shared by a site's buckets. */
interface SpacesAllowances extends Allowances {
  spacesSubscribed?: boolean;
  spacesStorageGb?: number;
  spacesTransferGb?: number;
}

export function objectStorage(catalog: Catalog, cloud: Cloud, region: string, s: ObjectStorage, allowances: Allowances): CostResult {
  if (tablePrice(catalog, cloud, region, "spaces-subscription")) return spaces(catalog, cloud, region, s, allowances as SpacesAllowances);
  const gb = regionalPrice(catalog, cloud, region, "objectGbMonth");
  const egress = regionalPrice(catalog, cloud, region, "internetEgressGb");
  if (!gb || !egress) return { ok: false, reason: `not priced: no object storage or egress price for ${cloud} ${region} in storage-and-egress.csv` };
  const lines: CostLine[] = [line(`${s.sizeGb} GB × ${round4(gb.usd)} USD/GB-month`, s.sizeGb * gb.usd, gb.estimated ? "estimated" : "list", gb.source)];
  const free = tablePrice(catalog, cloud, region, "internet-egress-free");
  const remaining = free ? (allowances.egressGb ?? free.value) : 0;
  const freeUsed = Math.min(remaining, s.egressGbPerMonth);
  if (free) allowances.egressGb = remaining - freeUsed;
  const basis = egress.estimated ? "estimated" : "list";
  if (freeUsed > 0) {
    lines.push(line(`${s.egressGbPerMonth} GB egress − ${freeUsed} GB free a month × ${round4(egress.usd)} USD/GB`, (s.egressGbPerMonth - freeUsed) * egress.usd, basis, `${egress.source}; ${free!.source}`));
  } else {
    lines.push(line(`${s.egressGbPerMonth} GB egress × ${round4(egress.usd)} USD/GB`, s.egressGbPerMonth * egress.usd, basis, egress.source));
  }
  return priced("standard", lines);
}

function spaces(catalog: Catalog, cloud: Cloud, region: string, s: ObjectStorage, allowances: SpacesAllowances): CostResult {
  const item = (name: string) => tablePrice(catalog, cloud, region, name);
  const subscription = item("spaces-subscription")!;
  const includedStorage = item("spaces-included-storage");
  const includedTransfer = item("spaces-included-transfer");
  const storageRate = item("spaces-storage-overage");
  const transferRate = item("spaces-transfer-overage");
  if (!includedStorage || !includedTransfer || !storageRate || !transferRate) return { ok: false, reason: `not priced: the ${cloud} Spaces bundle is incomplete in prices.csv` };
  const lines: CostLine[] = [];
  if (!allowances.spacesSubscribed) {
    allowances.spacesSubscribed = true;
    allowances.spacesStorageGb = includedStorage.value;
    allowances.spacesTransferGb = includedTransfer.value;
    lines.push(tableLine(`Spaces subscription (includes ${includedStorage.value} GiB stored, ${includedTransfer.value} GiB out)`, subscription.value, subscription));
  }
  const storageOver = Math.max(0, s.sizeGb - allowances.spacesStorageGb!);
  allowances.spacesStorageGb = Math.max(0, allowances.spacesStorageGb! - s.sizeGb);
  const transferOver = Math.max(0, s.egressGbPerMonth - allowances.spacesTransferGb!);
  allowances.spacesTransferGb = Math.max(0, allowances.spacesTransferGb! - s.egressGbPerMonth);
  lines.push(tableLine(`${s.sizeGb} GiB stored, ${storageOver} GiB over the bundle × ${storageRate.value} USD/GiB-month`, storageOver * storageRate.value, storageRate));
  lines.push(tableLine(`${s.egressGbPerMonth} GiB out, ${transferOver} GiB over the bundle × ${transferRate.value} USD/GiB`, transferOver * transferRate.value, transferRate));
  return priced("standard", lines);
}
