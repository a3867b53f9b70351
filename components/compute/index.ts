/**
 * `tessera:compute:Instances` — N virtual machines of one size in a Network, on the placed cloud.
 *
 * @example
 * const web = new Instances("web", { target, network, size: decision.services.web.sku, count: 3 });
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type InstancesArgs, type InstancesOutputs, validateMachines } from "./contract";

export type { InstancesArgs, InstancesOutputs } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const INSTANCES_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<InstancesArgs, InstancesOutputs>;

/** N virtual machines of one size, in a network, with encrypted disks and no public IP unless asked. */
export class Instances extends pulumi.ComponentResource implements InstancesOutputs {
  public readonly instanceIds: pulumi.Output<string[]>;
  public readonly privateIps: pulumi.Output<string[]>;
  public readonly publicIps: pulumi.Output<string[]>;
  /** How many machines (plain: alert rules and other per-machine children derive from it). */
  public readonly count: number;

  constructor(name: string, args: InstancesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("compute", args.target.cloud);
    validateMachines(args);
    super(TOKENS.instances, name, {}, opts);
    const out = build(INSTANCES_IMPLS, name, args, this);
    this.instanceIds = out.instanceIds;
    this.privateIps = out.privateIps;
    this.publicIps = out.publicIps;
    this.count = args.count ?? 1;
    this.registerOutputs({ instanceIds: this.instanceIds, privateIps: this.privateIps, publicIps: this.publicIps });
  }
}
