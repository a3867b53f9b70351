/**
 * Instances on GCP: Compute Engine instances spread over the region's zones (from the catalog,
 * carried on the target), Shielded VM on,
 * project-wide SSH keys blocked, in the network's subnetwork and carrying its firewall tag; no
 * access config (no public IP) unless asked. Boot disks are encrypted by Google by default, or with
 * the stack's Cloud KMS key (granted to the Compute Engine service agent) when given.
 * GPU sizes written `n1-standard-4+1xT4` attach the GPU to the n1 machine.
 */
import * as pulumi from "@pulumi/pulumi";
import { Instance } from "@pulumi/gcp/compute/instance";
import { physicalName } from "../../core/naming";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import { enableApis, grantKeyToAgent } from "../gcp-project";
import { childOpts, type Impl } from "../registry";
import { gcpLabels } from "../tags";
import type { GcpTarget } from "../target";
import { type InstancesArgs, type InstancesOutputs, instancesSpec, type MachineSpec } from "./contract";
import { archOf, GCP_IMAGES, gcpMachineType } from "../../core/images";

/** Builds the machines (Instances and GpuInstances). */
export function gcpMachines(name: string, spec: MachineSpec<GcpTarget>, parent: pulumi.ComponentResource): InstancesOutputs {
  const { target } = spec;
  const apis = enableApis(target, "compute");
  const key = spec.diskEncryptionKey;
  // The Compute Engine service agent encrypts the disk: it must be allowed to use the stack's key
  // (https://cloud.google.com/compute/docs/disks/customer-managed-encryption#before_you_begin).
  const grants =
    key === undefined
      ? []
      : [
          grantKeyToAgent(
            name,
            target,
            parent,
            key,
            pulumi.interpolate`serviceAccount:service-${getProjectOutput({ projectId: target.project }, { parent, provider: target.provider }).number}@compute-system.iam.gserviceaccount.com`,
          ),
        ];
  const opts = childOpts(parent, target, { dependsOn: [...apis, ...grants] });
  const { machineType, accelerators } = gcpMachineType(spec.size);
  const zones = target.facts.zones;
  const subnets = spec.publicIp ? spec.network.publicSubnetIds : spec.network.privateSubnetIds;
  const metadata: Record<string, pulumi.Input<string>> = { "block-project-ssh-keys": "true" };
  if (spec.sshPublicKey !== undefined) metadata["ssh-keys"] = pulumi.interpolate`tessera:${spec.sshPublicKey}`;
  if (spec.gpu) metadata["install-nvidia-driver"] = "True";
  const machines = Array.from({ length: spec.count }, (_, i) =>
    new Instance(
      `${name}-${i}`,
      {
        name: physicalName("gcp", "computeInstance", [target.stack, `${name}-${i}`]),
        project: target.project,
        zone: zones[i % zones.length]!,
        machineType,
        bootDisk: { autoDelete: true, ...(spec.diskEncryptionKey !== undefined ? { kmsKeySelfLink: spec.diskEncryptionKey } : {}), initializeParams: { image: GCP_IMAGES[spec.image](archOf(spec.size)), size: spec.diskGb, type: "pd-balanced" } },
        networkInterfaces: [{ subnetwork: subnets.apply((ids) => ids[i % ids.length]!), accessConfigs: spec.publicIp ? [{}] : [] }],
        metadata,
        ...(spec.userData !== undefined ? { metadataStartupScript: spec.userData } : {}),
        shieldedInstanceConfig: { enableSecureBoot: !spec.gpu, enableVtpm: true, enableIntegrityMonitoring: true },
        ...(accelerators.length > 0 ? { guestAccelerators: accelerators } : {}),
        scheduling: {
          ...(spec.gpu ? { onHostMaintenance: "TERMINATE" } : {}),
          ...(spec.spot ? { provisioningModel: "SPOT", preemptible: true, automaticRestart: false, instanceTerminationAction: "STOP" } : {}),
        },
        tags: [spec.network.firewall],
        labels: gcpLabels(target, name, spec.labels),
      },
      opts,
    ),
  );
  return {
    instanceIds: pulumi.all(machines.map((m) => m.instanceId)),
    privateIps: pulumi.all(machines.map((m) => m.networkInterfaces.apply((n) => n[0]?.networkIp ?? ""))),
    publicIps: pulumi.all(machines.map((m) => m.networkInterfaces.apply((n) => n[0]?.accessConfigs?.[0]?.natIp ?? ""))),
  };
}

export const gcp: Impl<"gcp", InstancesArgs, InstancesOutputs> = (name, args, parent) => gcpMachines(name, instancesSpec(args), parent);
