/**
 * `tessera:network:Network` — a private network with public and private subnets and a
 * default-deny firewall, on the placed cloud. Instances, Postgres and Cluster take it as their
 * `network`.
 *
 * @example
 * const net = new Network("core", { target, ingress: [{ ports: 443, sources: ["0.0.0.0/0"] }] });
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import type { Cloud } from "../../core/cloud";
import { build, type Registry } from "../registry";
import type { Target } from "../target";
import { TOKENS } from "../tokens";
import { DEFAULT_CIDR, type NetworkArgs, type NetworkOutputs, type NetworkRef, validateNetworkArgs } from "./contract";

export type { IngressRule, NetworkArgs, NetworkOutputs, NetworkRef } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const NETWORK_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<NetworkArgs, NetworkOutputs>;

/** A private network with public and private subnets and a default-deny firewall. */
export class Network extends pulumi.ComponentResource implements NetworkRef {
  public readonly networkId: pulumi.Output<string>;
  public readonly publicSubnetIds: pulumi.Output<string[]>;
  public readonly privateSubnetIds: pulumi.Output<string[]>;
  public readonly firewall: pulumi.Output<string>;
  public readonly privateServices: pulumi.Output<string>;
  public readonly flowLogs: pulumi.Output<string>;
  /** The network's CIDR block. */
  public readonly cidr: string;
  /** Where the network lives; components built inside it must use the same target. */
  public readonly target: Target;
  public readonly cloud: pulumi.Output<Cloud>;
  public readonly region: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("network", args.target.cloud);
    validateNetworkArgs(args);
    super(TOKENS.network, name, {}, opts);
    const out = build(NETWORK_IMPLS, name, args, this);
    this.networkId = out.networkId;
    this.publicSubnetIds = out.publicSubnetIds;
    this.privateSubnetIds = out.privateSubnetIds;
    this.firewall = out.firewall;
    this.privateServices = out.privateServices;
    this.flowLogs = out.flowLogs;
    this.cidr = args.cidr ?? DEFAULT_CIDR;
    this.target = args.target;
    this.cloud = pulumi.output(args.target.cloud);
    this.region = pulumi.output(args.target.region);
    this.registerOutputs({
      networkId: this.networkId,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      firewall: this.firewall,
      privateServices: this.privateServices,
      flowLogs: this.flowLogs,
      cidr: this.cidr,
      cloud: this.cloud,
      region: this.region,
    });
  }
}
