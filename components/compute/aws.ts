/**
 * Instances on AWS: EC2 instances from an AMI found by lookup (Canonical/Debian/AWS accounts,
 * newest match), spread over the network's subnets, in its security group, with an encrypted
 * gp3 root volume and IMDSv2 required.
 */
import * as pulumi from "@pulumi/pulumi";
import { getAmiOutput } from "@pulumi/aws/ec2/getAmi";
import { Instance } from "@pulumi/aws/ec2/instance";
import { KeyPair } from "@pulumi/aws/ec2/keyPair";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import type { AwsTarget } from "../target";
import { type InstancesArgs, type InstancesOutputs, instancesSpec, type MachineSpec } from "./contract";
import { archOf, AWS_AMIS } from "../../core/images";

/** Builds the machines (Instances and GpuInstances). */
export function awsMachines(name: string, spec: MachineSpec<AwsTarget>, parent: pulumi.ComponentResource): InstancesOutputs {
  const { target } = spec;
  const opts = childOpts(parent, target);
  const arch = archOf(spec.size);
  const image = AWS_AMIS[spec.image];
  const ami = getAmiOutput(
    { mostRecent: true, owners: [image.owner], filters: [{ name: "name", values: [image.name(arch)] }, { name: "architecture", values: [arch === "arm64" ? "arm64" : "x86_64"] }] },
    { parent, provider: target.provider },
  ).id;
  const key = spec.sshPublicKey === undefined ? undefined : new KeyPair(`${name}-key`, { keyName: physicalName("aws", "ec2KeyPair", [target.stack, name]), publicKey: spec.sshPublicKey, tags: tags(target, name, spec.labels) }, opts);
  const subnets = spec.publicIp ? spec.network.publicSubnetIds : spec.network.privateSubnetIds;
  const machines = Array.from({ length: spec.count }, (_, i) =>
    new Instance(
      `${name}-${i}`,
      {
        ami,
        instanceType: spec.size,
        subnetId: subnets.apply((ids) => ids[i % ids.length]!),
        vpcSecurityGroupIds: [spec.network.firewall],
        associatePublicIpAddress: spec.publicIp,
        ...(key ? { keyName: key.keyName } : {}),
        ...(spec.userData !== undefined ? { userData: spec.userData } : {}),
        rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: spec.diskGb, deleteOnTermination: true, ...(spec.diskEncryptionKey !== undefined ? { kmsKeyId: spec.diskEncryptionKey } : {}) },
        metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
        ...(spec.spot ? { instanceMarketOptions: { marketType: "spot" } } : {}),
        tags: tags(target, name, { ...spec.labels, Name: `${name}-${i}` }),
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

export const aws: Impl<"aws", InstancesArgs, InstancesOutputs> = (name, args, parent) => awsMachines(name, instancesSpec(args), parent);
