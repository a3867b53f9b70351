/**
 * The always-on lines of a site's network, from what components/network/*.ts create. A site has a
 * network when it builds a service inside one (placement/constraints.ts `IN_NETWORK`).
 *
 * - `network.natGateway` (prices.csv `nat-gateway`, `nat-gateway-data` and the address item):
 *   - AWS: the gateway per hour + its Elastic IP (`public-ipv4`, AWS bills every public IPv4 hour);
 *   - Azure: the gateway per hour + its Standard static public IP (`public-ip`);
 *   - GCP Cloud NAT: per hour for each VM that uses it, counted up to {@link CLOUD_NAT_BILLED_VMS}
 *     (`nat-gateway-vm`), + one automatically allocated external address (`public-ip`) while any
 *     VM uses it — the VMs are the site's private machines and Kubernetes nodes;
 *   - OCI: no NAT charge (`nat-gateway` 0, see data/README.md);
 *   data processed is billed per GB, so the label names the rate and the total leaves it out.
 * - Azure: the privatelink DNS zone every network links for PostgreSQL (`private-dns-zone`).
 *
 * Everything else the network components create (VPCs, subnets, route tables, internet and
 * service gateways, firewalls, GCP's private services range) has no hourly or monthly charge.
 */
import type { Cloud } from "../core/cloud";
import type { Catalog } from "./catalog";
import { type CostLine, line, round4, unpricedLine } from "./cost-line";
import { HOURS_PER_MONTH } from "./cost";
import { IN_NETWORK } from "./constraints";
import { type TablePrice, tablePrice } from "./prices";
import type { Requirements } from "./requirements";
import { groupRange } from "./webtier";

/**
 * Cloud NAT bills the gateway per VM using it up to this many VMs, a flat rate above (Google's
 * Cloud NAT pricing page as read on 2026-10-16 by the source in prices.csv `nat-gateway-vm`;
 * Infracost caps the count the same way: internal/resources/google/compute_router_nat.go).
 */
export const CLOUD_NAT_BILLED_VMS = 32;

/** The public address each cloud's NAT gateway holds, by prices.csv item (OCI's is free). */
const NAT_ADDRESS: Partial<Record<Cloud, string>> = { aws: "public-ipv4", azure: "public-ip", gcp: "public-ip" };

/** True when the program builds a Network for this site (program/services.ts). */
export const buildsNetwork = (cloud: Cloud, req: Requirements): boolean => Object.values(req.services).some((s) => IN_NETWORK[cloud].includes(s.kind));

/** The network's shared lines, by prices.csv item. */
export function networkCosts(catalog: Catalog, cloud: Cloud, region: string, req: Requirements): Record<string, CostLine> {
  const out: Record<string, CostLine> = {};
  if (!buildsNetwork(cloud, req)) return out;
  if (req.network?.natGateway) out["nat-gateway"] = natGateway(catalog, cloud, region, req);
  if (cloud === "azure") {
    const zone = tablePrice(catalog, cloud, region, "private-dns-zone");
    out["private-dns-zone"] = zone
      ? line(`private DNS zone privatelink.postgres.database.azure.com × ${round4(zone.value)} USD/month`, zone.value, zone.estimated ? "estimated" : "list", zone.source, zone.read)
      : unpricedLine("private DNS zone privatelink.postgres.database.azure.com", "its price is not in prices.csv (private-dns-zone)");
  }
  return out;
}

/**
 * Machines of the site in the private subnet, which reach the internet through the NAT gateway: an
 * autoscaled web tier counts at its most machines (what a budget must cover, as its own line does).
 */
export function privateMachines(req: Requirements): number {
  let n = 0;
  for (const s of Object.values(req.services)) {
    if (s.kind === "compute" && !s.publicIp) n += groupRange(s).max;
    if (s.kind === "gpu-compute" && !s.publicIp) n += s.count;
    if (s.kind === "kubernetes") n += s.nodes; // private nodes (components/kubernetes)
  }
  return n;
}

interface Part {
  readonly label: string;
  readonly usd: number;
  readonly price: TablePrice;
}

function natGateway(catalog: Catalog, cloud: Cloud, region: string, req: Requirements): CostLine {
  const price = (item: string) => tablePrice(catalog, cloud, region, item);
  const missing = (item: string) => unpricedLine("NAT gateway, always on", `its price is not in prices.csv (${item})`);
  const parts: Part[] = [];
  let what = "NAT gateway";
  if (cloud === "gcp") {
    const perVm = price("nat-gateway-vm");
    if (!perVm) return missing("nat-gateway-vm");
    const vms = privateMachines(req);
    const billed = Math.min(vms, CLOUD_NAT_BILLED_VMS);
    what = `Cloud NAT (${vms} VM${vms === 1 ? "" : "s"} use it)`;
    parts.push({ label: `${billed} VM${billed === 1 ? "" : "s"}${vms > billed ? ` (billed up to ${CLOUD_NAT_BILLED_VMS})` : ""} × ${HOURS_PER_MONTH} h × ${round4(perVm.value)} USD/h`, usd: billed * HOURS_PER_MONTH * perVm.value, price: perVm });
    if (vms === 0) return combine(what, parts, undefined);
  } else {
    const gateway = price("nat-gateway");
    if (!gateway) return missing("nat-gateway");
    parts.push({ label: `${HOURS_PER_MONTH} h × ${round4(gateway.value)} USD/h`, usd: HOURS_PER_MONTH * gateway.value, price: gateway });
  }
  const addressItem = NAT_ADDRESS[cloud];
  if (addressItem) {
    const address = price(addressItem);
    if (!address) return missing(addressItem);
    parts.push({ label: `1 public IPv4 address × ${HOURS_PER_MONTH} h × ${round4(address.value)} USD/h`, usd: HOURS_PER_MONTH * address.value, price: address });
  }
  return combine(what, parts, price("nat-gateway-data"));
}

/** One line from its parts; data processed is named, not added (billed per GB used). */
function combine(what: string, parts: readonly Part[], data: TablePrice | undefined): CostLine {
  const perGb = data ? ` (+ ${round4(data.value)} USD per GB processed, billed per use)` : "";
  const estimated = parts.some((p) => p.price.estimated) || (data?.estimated ?? false);
  const sources = [...new Set([...parts.map((p) => p.price.source), ...(data ? [data.source] : [])])];
  return line(`${what}: ${parts.map((p) => p.label).join(" + ")}${perGb}`, parts.reduce((s, p) => s + p.usd, 0), estimated ? "estimated" : "list", sources.join("; "), parts[0]!.price.read);
}
