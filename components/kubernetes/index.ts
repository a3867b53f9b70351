/**
 * `tessera:kubernetes:Cluster` — managed Kubernetes (EKS, AKS, GKE, DOKS, OKE) with one node pool
 * sized by placement and a secret kubeconfig.
 *
 * @example
 * const k8s = new Cluster("apps", { target, network, nodeSize: decision.services.apps.sku, nodeCount: 3 });
 * export const kubeconfig = k8s.kubeconfig; // secret
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type ClusterArgs, type ClusterOutputs, validateClusterArgs } from "./contract";

export type { ClusterArgs, ClusterOutputs } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const CLUSTER_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<ClusterArgs, ClusterOutputs>;

/** Managed Kubernetes with one node pool and a secret kubeconfig. */
export class Cluster extends pulumi.ComponentResource implements ClusterOutputs {
  public readonly clusterName: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  /** Secret. */
  public readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: ClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("kubernetes", args.target.cloud);
    validateClusterArgs(args);
    super(TOKENS.cluster, name, {}, opts);
    const out = build(CLUSTER_IMPLS, name, args, this);
    this.clusterName = out.clusterName;
    this.endpoint = out.endpoint;
    this.kubeconfig = pulumi.secret(out.kubeconfig);
    this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint, kubeconfig: this.kubeconfig });
  }
}
