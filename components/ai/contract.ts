/**
 * GpuInstances: GPU virtual machines for training and inference, sized by placement from the GPU
 * rows of the catalog, on each cloud's driver-ready image, spot/preemptible where asked.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { MachineSpec } from "../compute/contract";
import { validateMachines } from "../compute/contract";
import type { NetworkRef } from "../network/contract";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { checkInt, invalid } from "../validation";

/** Arguments of {@link GpuInstances}. */
export interface GpuInstancesArgs {
  /** Where to build, from the placement decision. */
  readonly target: Target;
  /** The network the machines join (private subnets unless `publicIp`). */
  readonly network: NetworkRef;
  /**
   * GPU size, as placement chooses it: `g4dn.xlarge`, `Standard_NC4as_T4_v3`, `g2-standard-4` or
   * `n1-standard-4+1xT4` (n1 with an attached T4), `VM.GPU.A10.1`; on DigitalOcean a GPU Droplet
   * slug such as `gpu-h100x1-80gb` (the catalog has no DigitalOcean GPU prices, so placement
   * never picks it: give it yourself).
   */
  readonly size: string;
  /** The GPU the size carries, as the catalog names it (for drivers and attachment). */
  readonly gpu: { readonly model: string; readonly count: number };
  /** @default 1 */
  readonly count?: number;
  /** OpenSSH public key for the `tessera` user (see Instances). @default none */
  readonly sshPublicKey?: pulumi.Input<string>;
  /** cloud-init user data. @default none */
  readonly userData?: pulumi.Input<string>;
  /** @default false */
  readonly publicIp?: boolean;
  /** Boot disk (GPU images are large). @default 100 */
  readonly diskGb?: number;
  /** Spot / preemptible capacity where the cloud sells it for GPUs. @default false */
  readonly spot?: boolean;
  /**
   * Customer-managed key for the boot disk: a KMS key ARN (AWS), a disk encryption set id
   * (Azure, e.g. `Secrets.diskEncryptionSetId`), a Cloud KMS key (GCP, usable by the Compute
   * Engine service agent), a Vault key OCID (OCI, usable by Block Volume). DigitalOcean Droplet
   * disks encrypt with DigitalOcean-managed keys only.
   * @default the provider-managed key (disks are encrypted either way)
   */
  readonly diskEncryptionKey?: pulumi.Input<string>;
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns (the Instances outputs). */
export type { InstancesOutputs as GpuInstancesOutputs } from "../compute/contract";

/** The machine spec for GPU arguments: the driver-ready image and the GPU. */
export function gpuSpec<T extends Target>(args: GpuInstancesArgs & { readonly target: T }): MachineSpec<T> {
  return {
    target: args.target,
    network: args.network,
    size: args.size,
    count: args.count ?? 1,
    image: "gpu",
    sshPublicKey: args.sshPublicKey,
    userData: args.userData,
    publicIp: args.publicIp ?? false,
    diskGb: args.diskGb ?? 100,
    spot: args.spot ?? false,
    labels: args.labels ?? {},
    diskEncryptionKey: args.diskEncryptionKey,
    gpu: args.gpu,
  };
}

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateGpuArgs(args: GpuInstancesArgs): void {
  validateMachines({ ...args, image: "gpu", diskGb: args.diskGb ?? 100 });
  checkInt("gpu.count", args.gpu.count, 1, 16);
  if (!args.gpu.model) invalid("gpu.model", "is required (the catalog's GPU model, e.g. T4, L4, A100)");
  if (args.target.cloud === "digitalocean" && !/^gpu-/.test(args.size)) invalid("size", `"${args.size}" is not a DigitalOcean GPU Droplet size (gpu-…)`);
}
