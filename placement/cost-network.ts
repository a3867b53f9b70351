/**
 * The site's NAT gateway line (a shared cost, see cost-site.ts): on where the site's private
 * machines or nodes need it at boot (core/constraints.ts natNeeded) unless the stack sets
 * `network.natGateway`, priced from data/prices.csv: AWS and Azure per gateway-hour plus its public
 * address, GCP per VM using the gateway (capped at 32) plus its address, OCI free. The per-GB
 * processing fee is usage-based and named in the line, not priced.
 */
import type { Cloud } from "../core/cloud";
import { natGatewayProblem, natNeeded } from "../core/constraints";
import type { Catalog } from "./catalog";
import { type CostLine, round4, unpricedLine } from "./cost-line";
import { HOURS_PER_MONTH } from "./cost";
import { tableLine, tablePrice } from "./prices";
import type { Requirements } from "./requirements";

/** Google's Cloud NAT hourly fee stops growing at this many VMs (cloud.google.com/nat/pricing). */
const GCP_NAT_VM_CAP = 32;

/** True when the site's network gets a NAT gateway. */
export function natOn(req: Requirements, cloud: Cloud): boolean {
  if (natGatewayProblem(cloud)) return false;
  return req.network?.natGateway ?? natNeeded(cloud, Object.values(req.services));
}

/** The NAT gateway's monthly line, or undefined when the site has none. */
export function natLine(catalog: Catalog, req: Requirements, cloud: Cloud, region: string): CostLine | undefined {
  if (!natOn(req, cloud)) return undefined;
  const hour = (item: string) => tablePrice(catalog, cloud, region, item);
  if (cloud === "gcp") {
    const perVm = hour("nat-gateway-vm-hour");
    const ip = hour("nat-ip-hour");
    if (!perVm || !ip) return unpricedLine("Cloud NAT, always on", "its price is not in prices.csv (nat-gateway-vm-hour)");
    const services = Object.values(req.services);
    const vms = Math.min(GCP_NAT_VM_CAP, Math.max(1, services.reduce((n, s) => n + ((s.kind === "compute" || s.kind === "gpu-compute") && !s.publicIp ? s.count : s.kind === "kubernetes" ? s.nodes : 0), 0)));
    return tableLine(`Cloud NAT (${vms} VMs × ${perVm.value} + 1 IP × ${ip.value} USD/h) × ${HOURS_PER_MONTH} h; plus 0.045 USD per GiB processed (usage)`, HOURS_PER_MONTH * (vms * perVm.value + ip.value), perVm);
  }
  const gateway = hour("nat-gateway");
  if (!gateway) return unpricedLine("NAT gateway, always on", "its price is not in prices.csv (nat-gateway)");
  if (cloud === "oci") return tableLine(`NAT gateway (no charge) × ${HOURS_PER_MONTH} h`, 0, gateway);
  const ip = hour("public-ipv4-hour");
  const perHour = gateway.value + (ip?.value ?? 0);
  return tableLine(`NAT gateway ${round4(gateway.value)} + public IP ${ip?.value ?? 0} USD/h × ${HOURS_PER_MONTH} h; plus per-GB processing (usage)`, HOURS_PER_MONTH * perHour, gateway);
}
