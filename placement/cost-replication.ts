/**
 * What keeping a failover standby's data costs, and what it gives: for each data-holding service
 * (PostgreSQL, object storage), the replication method between the placed pair (core/replication.ts),
 * its recovery point (RPO) and the monthly transfer it bills — the replicated bytes times the
 * catalog's inter-region egress price of the primary's region (same cloud) or its internet egress
 * price (across clouds), plus a method's own per-GB fee (S3 Replication Time Control).
 *
 * Replicated bytes per month are the service's `changeGbPerMonth`; without it, tessera assumes the
 * whole data set is rewritten once a month (sizeGb, storageGb) and marks the line estimated. The
 * one-time initial copy of the existing data is not a monthly figure and is not included.
 *
 * The standby is priced as what it is: a live replica costs what the primary's service costs in the
 * standby region (the standby site's own line); a backup-copy standby (OCI PostgreSQL) runs no
 * database until promoted and costs the copied backups' storage, priced at the standby region's
 * object storage price (OCI keeps database backups in Object Storage; estimated).
 *
 * Pure: no Pulumi import. `placement/place.ts` calls {@link replicationPlan} for each pair.
 */
import type { SharedCosts } from "./cost-site";
import type { Cloud } from "../core/cloud";
import { DATA_KINDS, type DataKind, replicationFor, type Rpo } from "../core/replication";
import type { Catalog } from "./catalog";
import { cents, type CostLine, regionalPrice, type ServiceCost } from "./cost";
import { line, round4 } from "./cost-line";
import type { Requirements, ServiceRequirement } from "./requirements";

/** What one data-holding service's standby copy gets and costs. */
export interface ServiceReplication {
  readonly kind: DataKind;
  readonly method: string;
  readonly rpo: Rpo;
  /** Replicated GB per month the cost assumes. */
  readonly changeGbPerMonth: number;
  readonly monthlyUsd: number;
  readonly estimated: boolean;
  readonly lines: readonly CostLine[];
}

/** The replication of a whole pair. */
export interface ReplicationPlan {
  readonly services: Readonly<Record<string, ServiceReplication>>;
  /** Sum of the services' transfer costs. */
  readonly monthlyUsd: number;
  readonly estimated: boolean;
}

/** A site of a pair. */
export interface PairSite {
  readonly cloud: Cloud;
  readonly region: string;
}

/** The answer for a pair: the plan and the standby's repriced services, or why the pair cannot keep the data. */
export type PairReplication =
  | { readonly ok: true; readonly plan: ReplicationPlan; readonly standbyServices: Readonly<Record<string, ServiceCost>> }
  | { readonly ok: false; readonly reason: string };

const isData = (s: ServiceRequirement): s is Extract<ServiceRequirement, { kind: DataKind }> => (DATA_KINDS as readonly string[]).includes(s.kind);

/**
 * The replication between `primary` and `standby` for every data-holding service of `req`, with
 * the standby's service costs adjusted for backup-copy standbys.
 */
export function replicationPlan(
  catalog: Catalog,
  req: Requirements,
  primary: PairSite & { readonly services: Readonly<Record<string, ServiceCost>> },
  standby: PairSite,
  standbyServices: Readonly<Record<string, ServiceCost>>,
): PairReplication {
  const services: Record<string, ServiceReplication> = {};
  const adjusted: Record<string, ServiceCost> = { ...standbyServices };
  for (const [name, service] of Object.entries(req.services)) {
    if (!isData(service)) continue;
    const cell = replicationFor(service.kind, primary.cloud, standby.cloud);
    if (!cell.supported) return { ok: false, reason: `${name} (${service.kind}): ${cell.reason}` };
    const burstable = service.kind === "database" && primary.cloud === "azure" ? [primary.services[name]?.sku, standbyServices[name]?.sku].find((sku) => sku !== undefined && /^Standard_B/.test(sku)) : undefined;
    if (burstable) return { ok: false, reason: `${name}: Azure read replicas need a General Purpose or Memory Optimized size, and placement sized it ${burstable} (Burstable)` };
    const column = cell.transfer === "inter-region" ? "interRegionEgressGb" : "internetEgressGb";
    const price = regionalPrice(catalog, primary.cloud, primary.region, column);
    if (!price) return { ok: false, reason: `${name}: no ${cell.transfer} transfer price for ${primary.cloud} in storage-and-egress.csv` };
    const size = service.kind === "database" ? service.storageGb : service.sizeGb;
    const gb = service.changeGbPerMonth ?? size;
    const assumed = service.changeGbPerMonth === undefined;
    const lines: CostLine[] = [
      line(
        `${gb} GB/month ${cell.transfer} transfer × ${round4(price.usd)} USD/GB${assumed ? " (assumed: the data rewritten once a month; set changeGbPerMonth)" : ""}`,
        gb * price.usd,
        price.estimated || assumed ? "estimated" : "list",
        price.source,
      ),
    ];
    if (cell.feePerGb) lines.push(line(`${gb} GB/month × ${cell.feePerGb.usd} USD/GB ${cell.feePerGb.label}`, gb * cell.feePerGb.usd, assumed ? "estimated" : "list", cell.feePerGb.source));
    const monthlyUsd = cents(lines.reduce((s, l) => s + l.monthlyUsd, 0));
    services[name] = { kind: service.kind, method: cell.method, rpo: cell.rpo, changeGbPerMonth: gb, monthlyUsd, estimated: lines.some((l) => l.estimated), lines };
    if (cell.standby === "backup-copy") {
      const stored = regionalPrice(catalog, standby.cloud, standby.region, "objectGbMonth");
      if (!stored) return { ok: false, reason: `${name}: no object storage price for ${standby.cloud} to price its backup copies` };
      // OCI keeps database backups in Object Storage: priced at its GB-month price (estimated).
      const copies = line(`backup copies: ${size} GB × ${round4(stored.usd)} USD/GB-month (no standby database runs until promoted)`, size * stored.usd, "estimated", stored.source);
      adjusted[name] = { sku: "backup-copy", monthlyUsd: copies.monthlyUsd, estimated: true, lines: [copies], unpriced: [] };
    }
  }
  const all = Object.values(services);
  return {
    ok: true,
    plan: { services, monthlyUsd: cents(all.reduce((s, r) => s + r.monthlyUsd, 0)), estimated: all.some((r) => r.estimated) },
    standbyServices: adjusted,
  };
}

/** The standby site's monthly cost from its (adjusted) services and its site-wide lines (the NAT gateway). */
export const siteMonthlyUsd = (services: Readonly<Record<string, ServiceCost>>, shared: SharedCosts = {}): number =>
  cents([...Object.values(services), ...Object.values(shared)].reduce((s, c) => s + c.monthlyUsd, 0));
