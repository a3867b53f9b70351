/**
 * Cluster: managed Kubernetes with one node pool sized by placement, nodes in the network's
 * private subnets, and a kubeconfig output kept secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { checkNetwork } from "../compute/contract";
import type { NetworkRef } from "../network/contract";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { notPublicCidr } from "../../core/cidr";
import { checkInt, checkOneOf, invalid } from "../validation";

/** Arguments of {@link Cluster}. */
export interface ClusterArgs {
  /** Where to build, from the placement decision. */
  readonly target: Target;
  /** The network the nodes join (private subnets). */
  readonly network: NetworkRef;
  /** Node size, as placement chooses it (OCI flex shapes in catalog notation). */
  readonly nodeSize: string;
  /** @default 2 */
  readonly nodeCount?: number;
  /**
   * Kubernetes minor version: one the cloud supports on the catalog date
   * (`target.facts.kubernetes.supported`, from data/kubernetes-versions.csv). DigitalOcean and OKE
   * resolve the newest patch.
   * @default target.facts.kubernetes.default (the newest version every cloud supports)
   */
  readonly version?: string;
  /**
   * Public IPv4 blocks allowed to reach the Kubernetes API from outside the network. Empty: the
   * API has a private endpoint only (EKS private endpoint, AKS private cluster, GKE private
   * endpoint with the network as its authorized network, OKE private endpoint); DigitalOcean has
   * no private endpoint, so there the API stays public unless blocks are given (DOKS control-plane
   * firewall). Given: EKS publicAccessCidrs, AKS authorized IP ranges, GKE master authorized
   * networks, OKE public endpoint behind a network security group, DOKS control-plane firewall.
   * Never 0.0.0.0/0 or private space.
   * @default []
   */
  readonly apiAllowedCidrs?: readonly string[];
  /** Pulumi `protect` on the cluster. @default true */
  readonly protect?: boolean;
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns. */
export interface ClusterOutputs {
  readonly clusterName: pulumi.Output<string>;
  /** API server endpoint. */
  readonly endpoint: pulumi.Output<string>;
  /** kubeconfig (YAML), a Pulumi secret. */
  readonly kubeconfig: pulumi.Output<string>;
}

/** Defaults filled in. */
export const clusterSettings = (args: ClusterArgs) => ({ version: args.version ?? args.target.facts.kubernetes.default, nodeCount: args.nodeCount ?? 2, apiAllowedCidrs: [...(args.apiAllowedCidrs ?? [])] });

/**
 * A kubeconfig for a cluster whose credentials come from a CLI plugin (`aws eks get-token`,
 * `gke-gcloud-auth-plugin`), as the clouds' own `get-credentials` commands write it.
 */
export function execKubeconfig(cluster: pulumi.Input<string>, server: pulumi.Input<string>, caData: pulumi.Input<string>, exec: { command: string; args: readonly string[] }): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.all([cluster, server, caData]).apply(([name, endpoint, ca]) =>
      stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: endpoint.startsWith("https://") ? endpoint : `https://${endpoint}`, "certificate-authority-data": ca } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        users: [{ name, user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: exec.command, args: [...exec.args], interactiveMode: "Never" } } }],
      }),
    ),
  );
}

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateClusterArgs(args: ClusterArgs): void {
  checkNetwork(args.target, args.network);
  if (!args.nodeSize) invalid("nodeSize", "is required (placement's SKU for the node pool)");
  checkInt("nodeCount", args.nodeCount, 1, 500);
  checkOneOf("version", args.version, args.target.facts.kubernetes.supported);
  (args.apiAllowedCidrs ?? []).forEach((cidr, i) => {
    const why = notPublicCidr(cidr);
    if (why) invalid(`apiAllowedCidrs[${i}]`, why);
  });
  checkInt("apiAllowedCidrs.length", args.apiAllowedCidrs?.length, 0, 20);
}
