/**
 * Instances: N virtual machines of one size in a network's private subnets, from a cloud-neutral
 * image, with encrypted disks and no public IP unless asked.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { NetworkRef } from "../network/contract";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { checkInt, checkOneOf, invalid } from "../validation";
import { LIMITS, machineImageProblem, spotProblem } from "../../core/constraints";
import { GCP_ACCELERATORS, gcpMachineType, type ImageChoice, type ImageName, IMAGES } from "../../core/images";

/** Arguments of {@link Instances}. */
export interface InstancesArgs {
  /** Where to build, from the placement decision. */
  readonly target: Target;
  /** The network the machines join (its private subnets, or public ones with `publicIp`). */
  readonly network: NetworkRef;
  /**
   * Provider size, as placement chooses it: `t3.medium`, `Standard_B2s`, `e2-standard-2`,
   * `s-2vcpu-4gb`, or an OCI flex shape in catalog notation (`VM.Standard.E4.Flex$_2_8`:
   * 2 vCPUs = 1 OCPU, 8 GiB).
   */
  readonly size: string;
  /** @default 1 */
  readonly count?: number;
  /** @default "ubuntu-24.04" */
  readonly image?: ImageName;
  /**
   * OpenSSH public key installed for the `tessera` user. Without one no key is installed (log in
   * through the cloud's console/session manager); Azure insists on a key, so there tessera
   * generates one and keeps the private half secret in the stack state.
   * @default none
   */
  readonly sshPublicKey?: pulumi.Input<string>;
  /** cloud-init user data (plain text; tessera encodes it where a cloud wants base64). @default none */
  readonly userData?: pulumi.Input<string>;
  /** Give each machine a public IP (and put it in a public subnet). @default false */
  readonly publicIp?: boolean;
  /** Boot disk size; OCI's minimum is 50. @default 30 (OCI: 50) */
  readonly diskGb?: number;
  /** Spot / preemptible capacity where the cloud has it. @default false */
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

/** What every cloud's implementation returns. */
export interface InstancesOutputs {
  readonly instanceIds: pulumi.Output<string[]>;
  readonly privateIps: pulumi.Output<string[]>;
  /** Public IPs ("" for machines without one). */
  readonly publicIps: pulumi.Output<string[]>;
}

/** Everything the per-cloud machine builders take (shared with GpuInstances). */
export interface MachineSpec<T extends Target = Target> {
  readonly target: T;
  readonly network: NetworkRef;
  readonly size: string;
  readonly count: number;
  readonly image: ImageChoice;
  readonly sshPublicKey: pulumi.Input<string> | undefined;
  readonly userData: pulumi.Input<string> | undefined;
  readonly publicIp: boolean;
  readonly diskGb: number;
  readonly spot: boolean;
  readonly labels: Labels;
  /** The boot disk's customer-managed key (see InstancesArgs.diskEncryptionKey). */
  readonly diskEncryptionKey: pulumi.Input<string> | undefined;
  /** GPUs the size carries (GPU components only). */
  readonly gpu?: { readonly model: string; readonly count: number };
}

/** The machine spec for Instances arguments. */
export function instancesSpec<T extends Target>(args: InstancesArgs & { readonly target: T }): MachineSpec<T> {
  return {
    target: args.target,
    network: args.network,
    size: args.size,
    count: args.count ?? 1,
    image: args.image ?? "ubuntu-24.04",
    sshPublicKey: args.sshPublicKey,
    userData: args.userData,
    publicIp: args.publicIp ?? false,
    diskGb: args.diskGb ?? (args.target.cloud === "oci" ? 50 : 30),
    spot: args.spot ?? false,
    labels: args.labels ?? {},
    diskEncryptionKey: args.diskEncryptionKey,
  };
}

/**
 * Checks a component's network is on its target's cloud and region.
 * @internal
 */
export function checkNetwork(target: Target, network: NetworkRef): void {
  if (network.target.cloud !== target.cloud || network.target.region !== target.region) {
    invalid("network", `is on ${network.target.cloud} ${network.target.region}, but this component is placed on ${target.cloud} ${target.region}`);
  }
}

/**
 * Validates machine arguments before any child exists.
 * @internal
 */
export function validateMachines(args: { target: Target; network: NetworkRef; size: string; count?: number; image?: ImageChoice; diskGb?: number; spot?: boolean; diskEncryptionKey?: pulumi.Input<string> }): void {
  checkNetwork(args.target, args.network);
  if (!args.size) invalid("size", "is required (placement's SKU for the service)");
  checkInt("count", args.count, LIMITS.machineCount.min, LIMITS.machineCount.max);
  checkInt("diskGb", args.diskGb, args.target.cloud === "oci" ? 50 : 10, 16384);
  if (args.image !== "gpu") checkOneOf("image", args.image, IMAGES);
  const image = args.image !== undefined && args.image !== "gpu" ? machineImageProblem(args.target.cloud, args.image) : undefined;
  if (image) invalid("image", image);
  if (args.target.cloud === "oci" && !/^VM\.Standard\.E\d\.Flex\$_\d+_\d+$|^VM\.(GPU|Standard)[\w.]*\d$/.test(args.size)) {
    invalid("size", `"${args.size}" is not an OCI shape; use catalog notation for flex shapes, e.g. VM.Standard.E4.Flex$_2_8`);
  }
  const attached = args.target.cloud === "gcp" ? gcpMachineType(args.size) : undefined;
  if (attached?.gpu !== undefined && attached.accelerators[0]!.type === "") {
    invalid("size", `no attachable GCP accelerator for ${attached.gpu}; allowed: ${Object.keys(GCP_ACCELERATORS).join(", ")}`);
  }
  if (args.diskEncryptionKey !== undefined && args.target.cloud === "digitalocean") invalid("diskEncryptionKey", "DigitalOcean Droplet disks encrypt with DigitalOcean-managed keys only; allowed on aws, azure, gcp, oci");
  const spot = args.spot ? spotProblem(args.target.cloud) : undefined;
  if (spot) invalid("spot", spot);
}
