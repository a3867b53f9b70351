/**
 * The always-on lines of a site's network (shared costs, see cost-site.ts), from what
 * components/network/*.ts create. A site has a network when it builds a service inside one
 * (placement/constraints.ts `IN_NETWORK`).
 *
 * - The NAT gateway: on where the site's private machines or nodes need it at boot
 *   (core/constraints.ts natNeeded) unless the stack sets `network.natGateway`, priced from
 *   data/prices.csv: AWS and Azure per gateway-hour plus its public address (`public-ipv4-hour`),
 *   GCP per VM using the gateway (capped at 32; an autoscaled web tier counts at its most machines)
 *   plus its address, OCI free. The per-GB processing fee (`nat-gateway-data`) is usage-based and
 *   named in the line, not priced.
 * - Azure: the privatelink DNS zone every network links for PostgreSQL (`private-dns-zone`).
 *
 * Everything else the network components create (VPCs, subnets, route tables, internet and
 * service gateways, firewalls, GCP's private services range) has no hourly or monthly charge.
 */
import type { Cloud } from "../core/cloud";
import { natGatewayProblem, natNeeded } from "../core/constraints";
import type { Catalog } from "./catalog";
import { type CostLine, line, round4, unpricedLine } from "./cost-line";
import { HOURS_PER_MONTH } from "./cost";
import { IN_NETWORK } from "./constraints";
import { perCatalog } from "./memo";
import { type TablePrice, tablePrice } from "./prices";
import type { Requirements, ServiceRequirement } from "./requirements";
import { groupRange } from "./webtier";

/** Google's Cloud NAT hourly fee stops growing at this many VMs (cloud.google.com/nat/pricing). */
const GCP_NAT_VM_CAP = 32;

/** True when the program builds a Network for this site (program/services.ts). */
export const buildsNetwork = (cloud: Cloud, req: Requirements): boolean => servicesOf(req).some((s) => IN_NETWORK[cloud].includes(s.kind));

const services = new WeakMap<Requirements["services"], readonly ServiceRequirement[]>();

/** `Object.values(req.services)`, once per services object: asked for every candidate region (issue 17). */
function servicesOf(req: Requirements): readonly ServiceRequirement[] {
  let list = services.get(req.services);
  if (!list) services.set(req.services, (list = Object.values(req.services)));
  return list;
}

/** True when the site's network gets a NAT gateway. */
export function natOn(req: Requirements, cloud: Cloud): boolean {
  if (natGatewayProblem(cloud) || !buildsNetwork(cloud, req)) return false;
  return req.network?.natGateway ?? natNeeded(cloud, servicesOf(req));
}

/**
 * Machines of the site in the private subnet, which reach the internet through the NAT gateway: an
 * autoscaled web tier counts at its most machines (what a budget must cover, as its own line does).
 */
export function privateMachines(req: Requirements): number {
  let n = 0;
  for (const s of servicesOf(req)) {
    if (s.kind === "compute" && !s.publicIp) n += groupRange(s).max;
    if (s.kind === "gpu-compute" && !s.publicIp) n += s.count;
    if (s.kind === "kubernetes") n += s.nodes; // private nodes (components/kubernetes)
  }
  return n;
}

/** A line from the prices it multiplies: estimated if any is, every source named. */
function combined(label: string, usd: number, prices: readonly TablePrice[]): CostLine {
  const sources = [...new Set(prices.map((p) => p.source))].join("; ");
  return line(label, usd, prices.some((p) => p.estimated) ? "estimated" : "list", sources, prices[0]!.read);
}

/** The NAT gateway's monthly line, or undefined when the site has none. */
export function natLine(catalog: Catalog, req: Requirements, cloud: Cloud, region: string): CostLine | undefined {
  if (!natOn(req, cloud)) return undefined;
  const vms = cloud === "gcp" ? Math.min(GCP_NAT_VM_CAP, Math.max(1, privateMachines(req))) : 0;
  // The same line for every stack with as many private VMs: remembered per catalog (issue 17).
  return natLines(catalog, cloud, region, String(vms));
}

const natLines = perCatalog((catalog, cloud: Cloud, region, vms) => natLineAt(catalog, cloud, region, Number(vms)));

/** The NAT gateway's line in (cloud, region), `vms` private VMs using it on GCP. */
function natLineAt(catalog: Catalog, cloud: Cloud, region: string, vms: number): CostLine {
  const hour = (item: string) => tablePrice(catalog, cloud, region, item);
  // The processing rate is named where this region has its own (or one global) figure.
  const data = hour("nat-gateway-data");
  const unit = cloud === "gcp" ? "GiB" : "GB";
  const perGb = data && !data.estimated ? `plus ${round4(data.value)} USD per ${unit} processed (usage)` : `plus per-${unit} processing (usage)`;
  if (cloud === "gcp") {
    const perVm = hour("nat-gateway-vm-hour");
    const ip = hour("nat-ip-hour");
    if (!perVm || !ip) return unpricedLine("Cloud NAT, always on", "its price is not in prices.csv (nat-gateway-vm-hour)");
    return combined(`Cloud NAT (${vms} VMs × ${round4(perVm.value)} + 1 IP × ${round4(ip.value)} USD/h) × ${HOURS_PER_MONTH} h; ${perGb}`, HOURS_PER_MONTH * (vms * perVm.value + ip.value), [perVm, ip]);
  }
  const gateway = hour("nat-gateway");
  if (!gateway) return unpricedLine("NAT gateway, always on", "its price is not in prices.csv (nat-gateway)");
  if (cloud === "oci") return combined(`NAT gateway (no charge) × ${HOURS_PER_MONTH} h`, 0, [gateway]);
  const ip = hour("public-ipv4-hour");
  if (!ip) return unpricedLine("NAT gateway's public IPv4 address, always on", "its price is not in prices.csv (public-ipv4-hour)");
  return combined(`NAT gateway ${round4(gateway.value)} + public IP ${round4(ip.value)} USD/h × ${HOURS_PER_MONTH} h; ${perGb}`, HOURS_PER_MONTH * (gateway.value + ip.value), [gateway, ip]);
}

/** Azure's privatelink DNS zone line (one per network), or undefined elsewhere. */
export function privateDnsZoneLine(catalog: Catalog, req: Requirements, cloud: Cloud, region: string): CostLine | undefined {
  if (cloud !== "azure" || !buildsNetwork(cloud, req)) return undefined;
  return zoneLines(catalog, cloud, region, "");
}

const zoneLines = perCatalog((catalog, cloud: Cloud, region) => zoneLineAt(catalog, cloud, region));

function zoneLineAt(catalog: Catalog, cloud: Cloud, region: string): CostLine {
  const zone = tablePrice(catalog, cloud, region, "private-dns-zone");
  const what = "private DNS zone privatelink.postgres.database.azure.com";
  return zone ? combined(`${what} × ${round4(zone.value)} USD/month`, zone.value, [zone]) : unpricedLine(what, "its price is not in prices.csv (private-dns-zone)");
}
