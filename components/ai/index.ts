/**
 * `tessera:ai:GpuInstances` — GPU virtual machines on the placed cloud, on driver-ready images.
 *
 * @example
 * const trainers = new GpuInstances("train", { target, network, size: "g5.xlarge", gpu: { model: "A10G", count: 1 }, spot: true });
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type GpuInstancesArgs, type GpuInstancesOutputs, validateGpuArgs } from "./contract";

export type { GpuInstancesArgs, GpuInstancesOutputs } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const GPU_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<GpuInstancesArgs, GpuInstancesOutputs>;

/** GPU virtual machines of one size, on each cloud's driver-ready image. */
export class GpuInstances extends pulumi.ComponentResource implements GpuInstancesOutputs {
  public readonly instanceIds: pulumi.Output<string[]>;
  public readonly privateIps: pulumi.Output<string[]>;
  public readonly publicIps: pulumi.Output<string[]>;
  /** How many machines (plain: alert rules and other per-machine children derive from it). */
  public readonly count: number;

  constructor(name: string, args: GpuInstancesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("gpu-compute", args.target.cloud);
    validateGpuArgs(args);
    super(TOKENS.gpuInstances, name, {}, opts);
    const out = build(GPU_IMPLS, name, args, this);
    this.instanceIds = out.instanceIds;
    this.privateIps = out.privateIps;
    this.publicIps = out.publicIps;
    this.count = args.count ?? 1;
    this.registerOutputs({ instanceIds: this.instanceIds, privateIps: this.privateIps, publicIps: this.publicIps });
  }
}
