/**
 * Cluster on Azure: an AKS cluster (Free tier control plane, system-assigned identity, Azure CNI
 * with network policy, RBAC; a private cluster unless `apiAllowedCidrs` opens the API to them) whose system node pool sits in the private subnet. The kubeconfig is
 * read with the listManagedClusterUserCredentials invoke.
 */
import * as pulumi from "@pulumi/pulumi";
import { listManagedClusterUserCredentialsOutput } from "@pulumi/azure-native/containerservice/listManagedClusterUserCredentials";
import { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster";
import { physicalName } from "../../core/naming";
import { type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type ClusterArgs, type ClusterOutputs, clusterSettings } from "./contract";

export const azure: Impl<"azure", ClusterArgs, ClusterOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = clusterSettings(args);
  const cluster = new ManagedCluster(
    name,
    {
      resourceGroupName: target.resourceGroupName,
      location: target.region,
      resourceName: physicalName("azure", "aksCluster", [target.stack, name]),
      dnsPrefix: physicalName("azure", "aksDnsPrefix", [target.stack, name]),
      kubernetesVersion: s.version,
      sku: { name: "Base", tier: "Free" },
      identity: { type: "SystemAssigned" },
      enableRBAC: true,
      agentPoolProfiles: [
        { name: "system", mode: "System", type: "VirtualMachineScaleSets", osType: "Linux", count: s.nodeCount, vmSize: args.nodeSize, vnetSubnetID: network.privateSubnetIds.apply((ids) => ids[0]!), enableNodePublicIP: false },
      ],
      networkProfile: { networkPlugin: "azure", networkPolicy: "azure", serviceCidr: "172.16.0.0/16", dnsServiceIP: "172.16.0.10" },
      // A private cluster, or a public API limited to the stack's networks (AKS refuses both at once).
      apiServerAccessProfile: s.apiAllowedCidrs.length > 0 ? { authorizedIPRanges: s.apiAllowedCidrs } : { enablePrivateCluster: true },
      tags: tags(target, name, args.labels),
    },
    statefulOpts(parent, target, args.protect),
  );
  const credentials = listManagedClusterUserCredentialsOutput({ resourceGroupName: target.resourceGroupName, resourceName: cluster.name }, { parent, provider: target.provider });
  return {
    clusterName: cluster.name,
    endpoint: (s.apiAllowedCidrs.length > 0 ? cluster.fqdn : cluster.privateFQDN).apply((fqdn) => `https://${fqdn}`),
    kubeconfig: pulumi.secret(credentials.kubeconfigs.apply((k) => Buffer.from(k[0]!.value, "base64").toString("utf8"))),
  };
};
