/**
 * Prices the resources of a stack with the placement cost model (`placement/cost.ts`): each
 * machine, database, Kubernetes control plane and node pool becomes the service requirement it
 * implements, pinned to its own size, and is priced in its own region. Usage-billed resources
 * (buckets, functions, alerts, warehouses) have no list price and count 0, as in placement.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { Cloud } from "../core/cloud";
import type { Catalog, Offering } from "../placement/catalog";
import { regionKey } from "../placement/catalog";
import { cents, findOffering, HOURS_PER_MONTH, priceService, type ServiceCost } from "../placement/cost";
import type { ServiceRequirement } from "../placement/requirements";
import { postgresInstanceClass } from "../core/skus";
import { known, siteOf } from "./resources";
import type { Props } from "./rule";

/** One priced resource. */
export interface PricedResource {
  readonly resource: PolicyResource;
  readonly monthlyUsd: number;
  /** What was priced: `t3.medium`, `db.m6i.large × 2 (HA)`, `control plane`. */
  readonly what: string;
  /** Set when the resource has a list price but the catalog has no row for it. */
  readonly unpriced?: string;
}

/** What a resource is, in cost-model terms. */
type Billable =
  | { readonly kind: "machine"; readonly sku: string; readonly count: number; readonly spot: boolean }
  | { readonly kind: "database"; readonly sku: string; readonly storageGb: number; readonly ha: boolean; readonly nodes?: number }
  | { readonly kind: "control-plane" };

type Reader = (p: Props) => Billable | undefined;

const s = (v: unknown): string => (typeof v === "string" ? v : "");
const n = (v: unknown, fallback: number): number => (typeof v === "number" ? v : fallback);
const o = (v: unknown): Props => (v !== null && typeof v === "object" ? (v as Props) : {});

/** OCI flex shapes in catalog notation: `VM.Standard.E4.Flex$_<vCPUs>_<GiB>` (vCPUs = 2 × OCPUs). */
const ociSku = (shape: string, config: Props) => (config.ocpus !== undefined ? `${shape}$_${n(config.ocpus, 1) * 2}_${n(config.memoryInGbs, 0)}` : shape);

/** The billable readers, per resource type. */
const READERS: Readonly<Record<string, Reader>> = {
  "aws:ec2/instance:Instance": (p) => ({ kind: "machine", sku: s(p.instanceType), count: 1, spot: o(p.instanceMarketOptions).marketType === "spot" }),
  "azure-native:compute:VirtualMachine": (p) => ({ kind: "machine", sku: s(o(p.hardwareProfile).vmSize), count: 1, spot: p.priority === "Spot" }),
  "gcp:compute/instance:Instance": (p) => {
    const gpu = (Array.isArray(p.guestAccelerators) ? p.guestAccelerators : []).map(o)[0];
    // n1 machines with an attached T4 are one catalog row: n1-standard-4+1xT4.
    const sku = gpu ? `${s(p.machineType)}+${n(gpu.count, 1)}x${s(gpu.type) === "nvidia-tesla-t4" ? "T4" : s(gpu.type)}` : s(p.machineType);
    return { kind: "machine", sku, count: 1, spot: o(p.scheduling).provisioningModel === "SPOT" };
  },
  "digitalocean:index/droplet:Droplet": (p) => ({ kind: "machine", sku: s(p.size), count: 1, spot: false }),
  "oci:Core/instance:Instance": (p) => ({ kind: "machine", sku: ociSku(s(p.shape), o(p.shapeConfig)), count: 1, spot: p.preemptibleInstanceConfig !== undefined }),
  "aws:rds/instance:Instance": (p) => ({ kind: "database", sku: s(p.instanceClass), storageGb: n(p.allocatedStorage, 0), ha: p.multiAz === true }),
  "azure-native:dbforpostgresql:Server": (p) => ({ kind: "database", sku: s(o(p.sku).name), storageGb: n(o(p.storage).storageSizeGB, 0), ha: (o(p.highAvailability).mode ?? "Disabled") !== "Disabled" }),
  "gcp:sql/databaseInstance:DatabaseInstance": (p) => ({ kind: "database", sku: s(o(p.settings).tier), storageGb: n(o(p.settings).diskSize, 10), ha: o(p.settings).availabilityType === "REGIONAL" }),
  "digitalocean:index/databaseCluster:DatabaseCluster": (p) => ({ kind: "database", sku: s(p.size), storageGb: 0, ha: n(p.nodeCount, 1) > 1 }),
  "oci:Psql/dbSystem:DbSystem": (p) => ({
    kind: "database",
    sku: p.instanceOcpuCount !== undefined ? `${s(p.shape)}$_${n(p.instanceOcpuCount, 1) * 2}_${n(p.instanceMemorySizeInGbs, 0)}` : s(p.shape),
    storageGb: 0,
    ha: n(p.instanceCount, 1) > 1,
  }),
  "aws:eks/cluster:Cluster": () => ({ kind: "control-plane" }),
  "gcp:container/cluster:Cluster": () => ({ kind: "control-plane" }),
  "oci:ContainerEngine/cluster:Cluster": () => ({ kind: "control-plane" }),
  "aws:eks/nodeGroup:NodeGroup": (p) => ({ kind: "machine", sku: s((p.instanceTypes as unknown[] | undefined)?.[0]), count: n(o(p.scalingConfig).desiredSize, 1), spot: p.capacityType === "SPOT" }),
  "gcp:container/nodePool:NodePool": (p) => ({ kind: "machine", sku: s(o(p.nodeConfig).machineType), count: n(p.nodeCount, 1), spot: o(p.nodeConfig).spot === true }),
  "oci:ContainerEngine/nodePool:NodePool": (p) => ({ kind: "machine", sku: ociSku(s(p.nodeShape), o(p.nodeShapeConfig)), count: n(o(p.nodeConfigDetails).size, 1), spot: false }),
  "digitalocean:index/kubernetesCluster:KubernetesCluster": (p) => ({ kind: "machine", sku: s(o(p.nodePool).size), count: n(o(p.nodePool).nodeCount, 1), spot: false }),
  "azure-native:containerservice:ManagedCluster": (p) => {
    const pool = (Array.isArray(p.agentPoolProfiles) ? p.agentPoolProfiles : []).map(o)[0] ?? {};
    return { kind: "machine", sku: s(pool.vmSize), count: n(pool.count, 1), spot: false };
  },
};

/** Resource types the model prices. */
export const PRICED_TYPES: readonly string[] = Object.keys(READERS);

function offering(catalog: Catalog, cloud: Cloud, region: string, match: (o: Offering) => boolean): Offering | undefined {
  return (catalog.offeringsByRegion.get(regionKey(cloud, region)) ?? []).find(match);
}

/** The compute requirement an offering satisfies exactly (pinned to it when priced). */
function machine(o: Offering, count: number, spot: boolean): ServiceRequirement {
  const base = { vcpus: o.vcpus, memoryGib: o.memoryGib, count, hoursPerMonth: HOURS_PER_MONTH, spot, image: "ubuntu-24.04", publicIp: false } as const;
  return o.gpuCount > 0 && o.gpuModel ? { kind: "gpu-compute", gpu: { model: o.gpuModel, count: o.gpuCount }, ...base } : { kind: "compute", ...base };
}

/** Prices one resource, or undefined when the model has no price for its type. */
export function priceResource(catalog: Catalog, r: PolicyResource): PricedResource | undefined {
  const reader = READERS[r.type];
  const site = siteOf(r);
  const billable = reader && known(() => reader(r.props as Props));
  if (!billable || !site) return undefined;
  const { cloud, region } = site;
  const unpriced = (what: string): PricedResource => ({ resource: r, monthlyUsd: 0, what, unpriced: `${what} has no ${cloud} ${region} row in the catalog` });
  if (billable.kind === "control-plane") {
    const fee = catalog.referenceStorage.get(cloud)?.k8sControlPlaneHour;
    return fee === undefined ? unpriced("control plane") : { resource: r, monthlyUsd: cents(fee * HOURS_PER_MONTH), what: "control plane" };
  }
  if (billable.kind === "machine") {
    const o = findOffering(catalog, cloud, region, billable.sku);
    const what = `${billable.count > 1 ? `${billable.count} × ` : ""}${billable.sku}${billable.spot ? " (spot)" : ""}`;
    const priced = o && priceService(catalog, cloud, region, machine(o, billable.count, billable.spot), billable.sku);
    return priced?.ok ? withUnpriced(r, priced.cost, what) : unpriced(what);
  }
  // GCP custom classes name their size; other clouds' classes map back to a compute offering.
  const custom = /^db-custom-(\d+)-(\d+)$/.exec(billable.sku);
  const o = custom ? undefined : offering(catalog, cloud, region, (x) => postgresInstanceClass(cloud, x) === billable.sku);
  const size = custom ? { vcpus: Number(custom[1]), memoryGib: Number(custom[2]) / 1024 } : o && { vcpus: o.vcpus, memoryGib: o.memoryGib };
  const what = `${billable.sku}${billable.ha ? " × 2 (HA)" : ""}`;
  if (!size) return unpriced(what);
  const requirement: ServiceRequirement = { kind: "database", engine: "postgres", version: "16", ...size, storageGb: Math.max(1, billable.storageGb), highAvailability: billable.ha, backupRetentionDays: 7 };
  const priced = priceService(catalog, cloud, region, requirement, billable.sku);
  return priced.ok ? withUnpriced(r, priced.cost, what) : unpriced(what);
}

/** A priced resource, marked unpriced when part of its cost has no catalog price. */
const withUnpriced = (r: PolicyResource, cost: ServiceCost, what: string): PricedResource =>
  cost.unpriced.length > 0 ? { resource: r, monthlyUsd: cost.monthlyUsd, what, unpriced: `${what}: ${cost.unpriced.join("; ")}` } : { resource: r, monthlyUsd: cost.monthlyUsd, what };
