/**
 * Cluster on GCP: a zonal GKE cluster (one control-plane zone: the region's first, from the
 * catalog) with
 * private nodes, VPC-native networking, Shielded nodes, Workload Identity and deletion protection,
 * its default pool removed for a managed node pool of the placed size.
 */
import { Cluster as GkeCluster } from "@pulumi/gcp/container/cluster";
import { NodePool } from "@pulumi/gcp/container/nodePool";
import { physicalName } from "../../core/naming";
import { enableApis } from "../gcp-project";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { gcpLabels } from "../tags";
import { type ClusterArgs, type ClusterOutputs, clusterSettings, execKubeconfig } from "./contract";

export const gcp: Impl<"gcp", ClusterArgs, ClusterOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = clusterSettings(args);
  const apis = enableApis(target, "container", "compute");
  const opts = childOpts(parent, target, { dependsOn: apis });
  const zone = target.facts.zones[0]!;
  const labels = gcpLabels(target, name, args.labels);
  const cluster = new GkeCluster(
    name,
    {
      name: physicalName("gcp", "gkeCluster", [target.stack, name]),
      project: target.project,
      location: zone,
      network: network.networkId,
      subnetwork: network.privateSubnetIds.apply((ids) => ids[0]!),
      minMasterVersion: s.version,
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: true,
      enableShieldedNodes: true,
      ipAllocationPolicy: {},
      // A private endpoint the network reaches, or a public one limited to the stack's networks.
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: s.apiAllowedCidrs.length === 0 },
      masterAuthorizedNetworksConfig: {
        cidrBlocks:
          s.apiAllowedCidrs.length > 0 ? s.apiAllowedCidrs.map((cidrBlock) => ({ cidrBlock, displayName: "apiAllowedCidrs" })) : [{ cidrBlock: network.cidr, displayName: "the network" }],
        gcpPublicCidrsAccessEnabled: false,
      },
      workloadIdentityConfig: { workloadPool: `${target.project}.svc.id.goog` },
      releaseChannel: { channel: "REGULAR" },
      resourceLabels: labels,
    },
    statefulOpts(parent, target, args.protect, { dependsOn: apis }),
  );
  new NodePool(
    name,
    {
      name: physicalName("gcp", "gkeNodePool", [name, "nodes"]),
      project: target.project,
      location: zone,
      cluster: cluster.name,
      nodeCount: s.nodeCount,
      nodeConfig: {
        machineType: args.nodeSize,
        diskSizeGb: 50,
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: "GKE_METADATA" },
        oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
        resourceLabels: labels,
        tags: [network.firewall],
      },
      management: { autoRepair: true, autoUpgrade: true },
    },
    opts,
  );
  return {
    clusterName: cluster.name,
    endpoint: cluster.endpoint.apply((e) => `https://${e}`),
    kubeconfig: execKubeconfig(cluster.name, cluster.endpoint, cluster.masterAuth.apply((m) => m.clusterCaCertificate), { command: "gke-gcloud-auth-plugin", args: [] }),
  };
};
