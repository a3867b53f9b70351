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
import { aws } from "./aws";
import { azure } from "./azure";
import { type ClusterArgs, type ClusterOutputs, validateClusterArgs } from "./contract";
import { digitalocean } from "./digitalocean";
import { gcp } from "./gcp";
import { oci } from "./oci";

export type { ClusterArgs, ClusterOutputs } from "./contract";

/** The per-cloud implementations. */
export const CLUSTER_IMPLS = { aws, azure, gcp, digitalocean, oci } satisfies Registry<ClusterArgs, ClusterOutputs>;

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
