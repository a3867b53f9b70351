/**
 * Instances on OCI: instances spread over the region's availability domains, in the network's
 * subnets (whose security list is the firewall), from the newest platform image for the shape.
 * Flex shapes come as catalog SKUs (`VM.Standard.E4.Flex$_2_8`) and launch with OCPUs = vCPUs / 2.
 * Boot volumes are encrypted by OCI (with the stack's Vault key when given, which a policy lets
 * Block Volume use); in-transit encryption to them is on.
 */
import * as pulumi from "@pulumi/pulumi";
import { getImagesOutput } from "@pulumi/oci/core/getImages";
import { Instance } from "@pulumi/oci/core/instance";
import { getAvailabilityDomainsOutput } from "@pulumi/oci/identity/getAvailabilityDomains";
import { physicalName } from "../../core/naming";
import { OCI_GRANTS } from "../../core/oci-policies";
import { servicePolicy } from "../oci-policy";
import { parseOciFlex } from "../../core/skus";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import type { OciTarget } from "../target";
import { type InstancesArgs, type InstancesOutputs, instancesSpec, type MachineSpec } from "./contract";
import { OCI_IMAGES } from "../../core/images";

const base64 = (v: pulumi.Input<string>) => pulumi.output(v).apply((s) => Buffer.from(s).toString("base64"));

/** Builds the machines (Instances and GpuInstances). */
export function ociMachines(name: string, spec: MachineSpec<OciTarget>, parent: pulumi.ComponentResource): InstancesOutputs {
  const { target } = spec;
  const invoke = { parent, provider: target.provider };
  const key = spec.diskEncryptionKey;
  // Block Volume may use the stack's Vault key only once a policy allows it.
  const keyPolicy =
    key === undefined ? [] : [servicePolicy(`${name}-key`, target, parent, "Block Volume may encrypt boot volumes with the stack's Vault key", (c) => [pulumi.output(key).apply((k) => OCI_GRANTS.blockVolumeKey(c, k))], spec.labels)];
  const opts = childOpts(parent, target, { dependsOn: keyPolicy });
  const flex = parseOciFlex(spec.size);
  const shape = flex?.shape ?? spec.size;
  const os = OCI_IMAGES[spec.image]!;
  const image = getImagesOutput(
    {
      compartmentId: target.compartmentId,
      operatingSystem: os.operatingSystem,
      operatingSystemVersion: os.version,
      shape,
      state: "AVAILABLE",
      sortBy: "TIMECREATED",
      sortOrder: "DESC",
      ...(os.displayName ? { filters: [{ name: "display_name", values: [os.displayName], regex: true }] } : {}),
    },
    invoke,
  ).images.apply((images) => images[0]!.id);
  const domains = getAvailabilityDomainsOutput({ compartmentId: target.compartmentId }, invoke).availabilityDomains.apply((ads) => ads.map((ad) => ad.name));
  const subnets = spec.publicIp ? spec.network.publicSubnetIds : spec.network.privateSubnetIds;
  const metadata: Record<string, pulumi.Input<string>> = {};
  if (spec.sshPublicKey !== undefined) metadata.ssh_authorized_keys = spec.sshPublicKey;
  if (spec.userData !== undefined) metadata.user_data = base64(spec.userData);
  const machines = Array.from({ length: spec.count }, (_, i) =>
    new Instance(
      `${name}-${i}`,
      {
        compartmentId: target.compartmentId,
        availabilityDomain: domains.apply((d) => d[i % d.length]!),
        displayName: physicalName("oci", "displayName", [target.stack, `${name}-${i}`]),
        shape,
        ...(flex ? { shapeConfig: { ocpus: flex.ocpus, memoryInGbs: flex.memoryGib } } : {}),
        sourceDetails: { sourceType: "image", sourceId: image, bootVolumeSizeInGbs: String(spec.diskGb), ...(spec.diskEncryptionKey !== undefined ? { kmsKeyId: spec.diskEncryptionKey } : {}) },
        createVnicDetails: { subnetId: subnets.apply((ids) => ids[i % ids.length]!), assignPublicIp: String(spec.publicIp) },
        isPvEncryptionInTransitEnabled: true,
        metadata,
        ...(spec.spot ? { preemptibleInstanceConfig: { preemptionAction: { type: "TERMINATE", preserveBootVolume: false } } } : {}),
        freeformTags: tags(target, name, spec.labels),
      },
      opts,
    ),
  );
  return {
    instanceIds: pulumi.all(machines.map((m) => m.id)),
    privateIps: pulumi.all(machines.map((m) => m.privateIp)),
    publicIps: pulumi.all(machines.map((m) => m.publicIp.apply((ip) => ip ?? ""))),
  };
}

export const oci: Impl<"oci", InstancesArgs, InstancesOutputs> = (name, args, parent) => ociMachines(name, instancesSpec(args), parent);
