/**
 * Cluster on DigitalOcean: a DOKS cluster on the network's VPC (control plane free), running the
 * newest patch of the asked minor version, with one node pool of the placed size carrying the
 * network's firewall tag. The API is public (DOKS has no private endpoint) unless `apiAllowedCidrs`
 * turns on the control-plane firewall. The kubeconfig is the one DOKS issues.
 */
import * as pulumi from "@pulumi/pulumi";
import { getKubernetesVersionsOutput } from "@pulumi/digitalocean/getKubernetesVersions";
import { KubernetesCluster } from "@pulumi/digitalocean/kubernetesCluster";
import { physicalName } from "../../core/naming";
import { type Impl, statefulOpts } from "../registry";
import { doTags } from "../tags";
import { type ClusterArgs, type ClusterOutputs, clusterSettings } from "./contract";

export const digitalocean: Impl<"digitalocean", ClusterArgs, ClusterOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = clusterSettings(args);
  const version = getKubernetesVersionsOutput({ versionPrefix: `${s.version}.` }, { parent, provider: target.provider }).latestVersion;
  const cluster = new KubernetesCluster(
    name,
    {
      name: physicalName("digitalocean", "kubernetesCluster", [target.stack, name]),
      region: target.region,
      version,
      vpcUuid: network.networkId,
      surgeUpgrade: true,
      autoUpgrade: false,
      nodePool: { name: "default", size: args.nodeSize, nodeCount: s.nodeCount, tags: [network.firewall] },
      // DOKS has no private endpoint: the control-plane firewall limits the public one.
      ...(s.apiAllowedCidrs.length > 0 ? { controlPlaneFirewall: { enabled: true, allowedAddresses: s.apiAllowedCidrs } } : {}),
      tags: doTags(target, name, args.labels),
    },
    statefulOpts(parent, target, args.protect),
  );
  return {
    clusterName: cluster.name,
    endpoint: cluster.endpoint,
    kubeconfig: pulumi.secret(cluster.kubeConfigs.apply((k) => k[0]!.rawConfig)),
  };
};
