/**
 * Instances on DigitalOcean: Droplets in the network's VPC carrying its firewall tag, with public
 * networking turned off unless asked (VPC-only Droplets), monitoring on, and the SSH key
 * registered when one is given.
 */
import * as pulumi from "@pulumi/pulumi";
import { Droplet } from "@pulumi/digitalocean/droplet";
import { SshKey } from "@pulumi/digitalocean/sshKey";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { doTags } from "../tags";
import type { DigitalOceanTarget } from "../target";
import { type InstancesArgs, type InstancesOutputs, instancesSpec, type MachineSpec } from "./contract";
import { DIGITALOCEAN_IMAGES } from "../../core/images";

/** Builds the machines (Instances and GpuInstances). */
export function digitaloceanMachines(name: string, spec: MachineSpec<DigitalOceanTarget>, parent: pulumi.ComponentResource): InstancesOutputs {
  const { target } = spec;
  const opts = childOpts(parent, target);
  const key = spec.sshPublicKey === undefined ? undefined : new SshKey(`${name}-key`, { name: physicalName("digitalocean", "sshKey", [target.stack, name]), publicKey: spec.sshPublicKey }, opts);
  const machines = Array.from({ length: spec.count }, (_, i) =>
    new Droplet(
      `${name}-${i}`,
      {
        name: physicalName("digitalocean", "droplet", [target.stack, `${name}-${i}`]),
        region: target.region,
        size: spec.size,
        image: DIGITALOCEAN_IMAGES[spec.image],
        vpcUuid: spec.network.networkId,
        publicNetworking: spec.publicIp,
        monitoring: true,
        ...(key ? { sshKeys: [key.fingerprint] } : {}),
        ...(spec.userData !== undefined ? { userData: spec.userData } : {}),
        tags: [spec.network.firewall, ...doTags(target, name, spec.labels)],
      },
      opts,
    ),
  );
  return {
    instanceIds: pulumi.all(machines.map((m) => m.id)),
    privateIps: pulumi.all(machines.map((m) => m.ipv4AddressPrivate)),
    publicIps: pulumi.all(machines.map((m) => (spec.publicIp ? m.ipv4Address : pulumi.output("")))),
  };
}

export const digitalocean: Impl<"digitalocean", InstancesArgs, InstancesOutputs> = (name, args, parent) => digitaloceanMachines(name, instancesSpec(args), parent);
