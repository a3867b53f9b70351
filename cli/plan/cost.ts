/**
 * Prices each planned resource with the placement cost model: a service's monthly cost is carried
 * by the resources that incur it (the bucket, each instance, the database, the cluster's control
 * plane and its node pool). Other children (access blocks, policies, firewalls) cost 0 in the
 * model, so the resource lines always add up to the placement total.
 */
import type { ServiceCost } from "../../placement/cost";
import type { RequestedKind } from "../../placement/requirements";

/** How a resource type carries its service's cost. */
type Share = "all" | "per-instance" | "control-plane" | "nodes" | "machines" | "load-balancer";

/** Billable resource types per service kind. */
export const BILLABLE: { readonly [K in RequestedKind]: Readonly<Record<string, Share>> } = {
  "object-storage": {
    "aws:s3/bucket:Bucket": "all",
    "azure-native:storage:StorageAccount": "all",
    "gcp:storage/bucket:Bucket": "all",
    "digitalocean:index/spacesBucket:SpacesBucket": "all",
    "oci:ObjectStorage/bucket:Bucket": "all",
  },
  compute: {
    "aws:ec2/instance:Instance": "per-instance",
    "azure-native:compute:VirtualMachine": "per-instance",
    "gcp:compute/instance:Instance": "per-instance",
    "digitalocean:index/droplet:Droplet": "per-instance",
    "oci:Core/instance:Instance": "per-instance",
    // A web tier: the autoscaling group carries the machines, the load balancer its own lines.
    "aws:autoscaling/group:Group": "machines",
    "aws:lb/loadBalancer:LoadBalancer": "load-balancer",
    "azure-native:compute:VirtualMachineScaleSet": "machines",
    "azure-native:network:ApplicationGateway": "load-balancer",
    "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager": "machines",
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": "load-balancer",
    "digitalocean:index/dropletAutoscale:DropletAutoscale": "machines",
    "digitalocean:index/loadBalancer:LoadBalancer": "load-balancer",
    "oci:Core/instancePool:InstancePool": "machines",
    "oci:LoadBalancer/loadBalancer:LoadBalancer": "load-balancer",
  },
  "gpu-compute": {
    "aws:ec2/instance:Instance": "per-instance",
    "azure-native:compute:VirtualMachine": "per-instance",
    "gcp:compute/instance:Instance": "per-instance",
    "digitalocean:index/droplet:Droplet": "per-instance",
    "oci:Core/instance:Instance": "per-instance",
  },
  database: {
    "aws:rds/instance:Instance": "all",
    "azure-native:dbforpostgresql:Server": "all",
    "gcp:sql/databaseInstance:DatabaseInstance": "all",
    "digitalocean:index/databaseCluster:DatabaseCluster": "all",
    "oci:Psql/dbSystem:DbSystem": "all",
  },
  kubernetes: {
    "aws:eks/cluster:Cluster": "control-plane",
    "aws:eks/nodeGroup:NodeGroup": "nodes",
    "azure-native:containerservice:ManagedCluster": "all",
    "gcp:container/cluster:Cluster": "control-plane",
    "gcp:container/nodePool:NodePool": "nodes",
    "digitalocean:index/kubernetesCluster:KubernetesCluster": "all",
    "oci:ContainerEngine/cluster:Cluster": "control-plane",
    "oci:ContainerEngine/nodePool:NodePool": "nodes",
  },
  serverless: {},
  secrets: {},
  monitoring: {},
  analytics: {},
};

/**
 * Resources that carry a bucket's replication transfer (placement/cost-replication.ts), by type:
 * S3 replication configuration, the two halves of an Azure object replication policy, the Storage
 * Transfer Service job, the OCI replication policy.
 */
export const REPLICATION_BILLABLE: Readonly<Record<string, Share>> = {
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": "all",
  "azure-native:storage:ObjectReplicationPolicy": "per-instance",
  "gcp:storage/transferJob:TransferJob": "all",
  "oci:ObjectStorage/replicationPolicy:ReplicationPolicy": "all",
};

/** A resource's share of its service's cost. */
export interface ResourceCost {
  readonly monthlyUsd: number;
  readonly estimated: boolean;
  readonly label: string;
}

const NONE: ResourceCost = { monthlyUsd: 0, estimated: false, label: "" };
const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * The cost a resource of `type` carries within a service. `instances` is how many resources of
 * that type the service has (each instance carries an equal share; the last absorbs rounding).
 */
export function resourceCost(kind: RequestedKind | "replication", type: string, cost: ServiceCost, index: number, instances: number): ResourceCost {
  const share = kind === "replication" ? REPLICATION_BILLABLE[type] : BILLABLE[kind][type];
  if (!share) return NONE;
  const lines =
    share === "control-plane"
      ? cost.lines.slice(0, 1)
      : share === "nodes"
        ? cost.lines.slice(1)
        : share === "load-balancer"
          ? cost.lines.filter((l) => l.part === "load-balancer")
          : cost.lines.filter((l) => l.part === undefined);
  const total = lines.reduce((s, l) => s + l.monthlyUsd, 0);
  const estimated = lines.some((l) => l.estimated);
  const label = lines.map((l) => l.label).join(" + ");
  if (share !== "per-instance" || instances <= 1) return { monthlyUsd: cents(total), estimated, label };
  const each = cents(total / instances);
  const last = cents(total - each * (instances - 1));
  return { monthlyUsd: index === instances - 1 ? last : each, estimated, label: `1/${instances} of ${label}` };
}

/** Resource types that carry a site's shared lines (placement/cost-site.ts), by prices.csv item. */
export const SHARED_BILLABLE: Readonly<Record<string, string>> = {
  "aws:ec2/natGateway:NatGateway": "nat-gateway",
  "azure-native:network:NatGateway": "nat-gateway",
  "gcp:compute/routerNat:RouterNat": "nat-gateway",
  "oci:Core/natGateway:NatGateway": "nat-gateway",
  "azure-native:privatedns:PrivateZone": "private-dns-zone",
};
