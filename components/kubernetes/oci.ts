/**
 * Cluster on OCI: an OKE basic cluster (control plane free) with a private API endpoint in the
 * private subnet (or, with `apiAllowedCidrs`, a public one behind a network security group that
 * admits only them) and load balancers in the public one, and a node pool of the placed shape spread
 * over the region's availability domains. Versions and node images come from OKE's option
 * invokes; the kubeconfig from getClusterKubeConfig.
 */
import * as pulumi from "@pulumi/pulumi";
import { Cluster as OkeCluster } from "@pulumi/oci/containerengine/cluster";
import { getClusterKubeConfigOutput } from "@pulumi/oci/containerengine/getClusterKubeConfig";
import { getClusterOptionOutput } from "@pulumi/oci/containerengine/getClusterOption";
import { getNodePoolOptionOutput } from "@pulumi/oci/containerengine/getNodePoolOption";
import { NodePool } from "@pulumi/oci/containerengine/nodePool";
import { NetworkSecurityGroup } from "@pulumi/oci/core/networkSecurityGroup";
import { NetworkSecurityGroupSecurityRule } from "@pulumi/oci/core/networkSecurityGroupSecurityRule";
import { getAvailabilityDomainsOutput } from "@pulumi/oci/identity/getAvailabilityDomains";
import { physicalName } from "../../core/naming";
import { parseOciFlex } from "../../core/skus";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type ClusterArgs, type ClusterOutputs, clusterSettings } from "./contract";

/** The newest `v1.31.x` OKE offers for a minor version. */
const newest = (versions: readonly string[], minor: string) => {
  const matching = versions.filter((v) => v.startsWith(`v${minor}.`)).sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]));
  const found = matching[matching.length - 1];
  if (!found) throw new Error(`OKE offers no Kubernetes ${minor} (offers ${versions.join(", ")})`);
  return found;
};

export const oci: Impl<"oci", ClusterArgs, ClusterOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = clusterSettings(args);
  const opts = childOpts(parent, target);
  const invoke = { parent, provider: target.provider };
  const freeformTags = tags(target, name, args.labels);
  const open = s.apiAllowedCidrs.length > 0;
  // A public endpoint only when the stack names who may reach it: its own NSG admits the API port from them.
  const apiFirewall = open ? new NetworkSecurityGroup(`${name}-api`, { compartmentId: target.compartmentId, vcnId: network.networkId, displayName: `${name}-api`, freeformTags }, opts) : undefined;
  s.apiAllowedCidrs.forEach((source, i) => {
    new NetworkSecurityGroupSecurityRule(
      `${name}-api-${i}`,
      { networkSecurityGroupId: apiFirewall!.id, direction: "INGRESS", protocol: "6", source, sourceType: "CIDR_BLOCK", description: "Kubernetes API from apiAllowedCidrs", tcpOptions: { destinationPortRange: { min: 6443, max: 6443 } } },
      opts,
    );
  });
  const version = getClusterOptionOutput({ clusterOptionId: "all", compartmentId: target.compartmentId }, invoke).kubernetesVersions.apply((v) => newest(v, s.version));
  const cluster = new OkeCluster(
    name,
    {
      compartmentId: target.compartmentId,
      name: physicalName("oci", "okeCluster", [target.stack, name]),
      vcnId: network.networkId,
      kubernetesVersion: version,
      type: "BASIC_CLUSTER",
      endpointConfig: apiFirewall
        ? { subnetId: network.publicSubnetIds.apply((ids) => ids[0]!), isPublicIpEnabled: true, nsgIds: [apiFirewall.id] }
        : { subnetId: network.privateSubnetIds.apply((ids) => ids[0]!), isPublicIpEnabled: false },
      options: { serviceLbSubnetIds: network.publicSubnetIds },
      freeformTags,
    },
    statefulOpts(parent, target, args.protect),
  );
  const flex = parseOciFlex(args.nodeSize);
  const image = getNodePoolOptionOutput({ nodePoolOptionId: "all", compartmentId: target.compartmentId }, invoke).sources.apply((sources) => {
    const fit = sources.find((src) => src.sourceName.includes(`OKE-${s.version}`) && !/aarch64|GPU/.test(src.sourceName));
    if (!fit) throw new Error(`no OKE node image for Kubernetes ${s.version}`);
    return fit.imageId;
  });
  const domains = getAvailabilityDomainsOutput({ compartmentId: target.compartmentId }, invoke).availabilityDomains.apply((ads) => ads.map((ad) => ad.name));
  new NodePool(
    name,
    {
      clusterId: cluster.id,
      compartmentId: target.compartmentId,
      name: physicalName("oci", "okeNodePool", [name, "nodes"]),
      kubernetesVersion: version,
      nodeShape: flex?.shape ?? args.nodeSize,
      ...(flex ? { nodeShapeConfig: { ocpus: flex.ocpus, memoryInGbs: flex.memoryGib } } : {}),
      nodeSourceDetails: { sourceType: "IMAGE", imageId: image },
      nodeConfigDetails: {
        size: s.nodeCount,
        isPvEncryptionInTransitEnabled: true,
        placementConfigs: pulumi.all([domains, network.privateSubnetIds]).apply(([ads, subnets]) => ads.map((availabilityDomain) => ({ availabilityDomain, subnetId: subnets[0]! }))),
      },
      freeformTags,
    },
    opts,
  );
  const kubeconfig = getClusterKubeConfigOutput({ clusterId: cluster.id, tokenVersion: "2.0.0", endpoint: open ? "PUBLIC_ENDPOINT" : "PRIVATE_ENDPOINT" }, invoke).content;
  return {
    clusterName: cluster.name,
    endpoint: cluster.endpoints.apply((e) => {
      const address = open ? e[0]?.publicEndpoint : e[0]?.privateEndpoint;
      return address ? `https://${address}` : "";
    }),
    kubeconfig: pulumi.secret(kubeconfig),
  };
};
