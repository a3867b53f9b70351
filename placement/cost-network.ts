/**
 * The site's NAT gateway: on where its private machines need it at boot (core/constraints.ts
 * natNeeded) or where the stack asks for it, priced from data/prices.csv. Its hourly fee (and its
 * public address) is carried by the first service that needs it; the per-GB processing fee is
 * usage-based and named in the line, not priced.
 */
import type { Cloud } from "../core/cloud";
import { natNeeded } from "../core/constraints";
import type { Catalog } from "./catalog";
import { type CostLine, round4 } from "./cost-line";
import { HOURS_PER_MONTH } from "./cost";
import { tableLine, tablePrice } from "./prices";
import type { Requirements } from "./requirements";

/** Google's Cloud NAT hourly fee stops growing at this many VMs (cloud.google.com/nat/pricing). */
const GCP_NAT_VM_CAP = 32;

/** The NAT gateway's monthly line and the service that carries it, or undefined when there is none. */
export function natCost(catalog: Catalog, req: Requirements, cloud: Cloud, region: string): { readonly service: string; readonly line: CostLine } | undefined {
  const services = Object.values(req.services);
  const on = req.network?.natGateway ?? natNeeded(cloud, services);
  if (!on || cloud === "digitalocean") return undefined;
  const carrier = Object.entries(req.services).find(([, s]) => ((s.kind === "compute" || s.kind === "gpu-compute") && !s.publicIp) || s.kind === "kubernetes") ?? Object.entries(req.services)[0];
  if (!carrier) return undefined;
  const hour = (item: string) => tablePrice(catalog, cloud, region, item);
  if (cloud === "gcp") {
    const perVm = hour("nat-gateway-vm-hour");
    const ip = hour("nat-ip-hour");
    if (!perVm || !ip) return undefined;
    const vms = Math.min(GCP_NAT_VM_CAP, Math.max(1, services.reduce((n, s) => n + ((s.kind === "compute" || s.kind === "gpu-compute") && !s.publicIp ? s.count : s.kind === "kubernetes" ? s.nodes : 0), 0)));
    const usd = HOURS_PER_MONTH * (vms * perVm.value + ip.value);
    return { service: carrier[0], line: tableLine(`Cloud NAT (${vms} VMs × ${perVm.value} + 1 IP × ${ip.value} USD/h) × ${HOURS_PER_MONTH} h; plus 0.045 USD per GiB processed (usage)`, usd, perVm) };
  }
  const gateway = hour("nat-gateway-hour");
  if (!gateway) return undefined;
  const ip = cloud === "oci" ? undefined : hour("public-ipv4-hour");
  const perHour = gateway.value + (ip?.value ?? 0);
  const what = cloud === "oci" ? "NAT gateway (no charge)" : `NAT gateway ${round4(gateway.value)} + public IP ${ip?.value ?? 0} USD/h`;
  return { service: carrier[0], line: tableLine(`${what} × ${HOURS_PER_MONTH} h${cloud === "oci" ? "" : "; plus per-GB processing (usage)"}`, HOURS_PER_MONTH * perHour, gateway) };
}
