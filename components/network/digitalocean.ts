/**
 * Network on DigitalOcean: a VPC (DigitalOcean has no subnets or availability zones: the VPC is
 * both the public and the private subnet) and a Cloud Firewall applied by tag. Droplets carrying
 * the tag accept the network itself plus the given ingress; everything else inbound is dropped.
 */
import * as pulumi from "@pulumi/pulumi";
import { Firewall } from "@pulumi/digitalocean/firewall";
import { Tag } from "@pulumi/digitalocean/tag";
import { Vpc } from "@pulumi/digitalocean/vpc";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { addressPlan, type NetworkArgs, type NetworkOutputs, portRange } from "./contract";

const EVERYWHERE = ["0.0.0.0/0", "::/0"];

export const digitalocean: Impl<"digitalocean", NetworkArgs, NetworkOutputs> = (name, args, parent) => {
  const { target } = args;
  const opts = childOpts(parent, target);
  const { cidr } = addressPlan(args);
  const parts = [target.stack, name];

  const vpc = new Vpc(name, { name: physicalName("digitalocean", "vpc", parts), region: target.region, ipRange: cidr, description: `tessera ${target.stack} ${name}` }, opts);
  const tag = new Tag(name, { name: physicalName("digitalocean", "tag", parts) }, opts);
  new Firewall(
    name,
    {
      name: physicalName("digitalocean", "firewall", parts),
      tags: [tag.id],
      inboundRules: [
        { protocol: "tcp", portRange: "1-65535", sourceAddresses: [cidr] },
        { protocol: "udp", portRange: "1-65535", sourceAddresses: [cidr] },
        { protocol: "icmp", sourceAddresses: [cidr] },
        ...(args.ingress ?? []).map((rule) => {
          const [from, to] = portRange(rule);
          return { protocol: rule.protocol ?? "tcp", portRange: from === to ? String(from) : `${from}-${to}`, sourceAddresses: [...rule.sources] };
        }),
      ],
      outboundRules: [
        { protocol: "tcp", portRange: "1-65535", destinationAddresses: EVERYWHERE },
        { protocol: "udp", portRange: "1-65535", destinationAddresses: EVERYWHERE },
        { protocol: "icmp", destinationAddresses: EVERYWHERE },
      ],
    },
    opts,
  );
  return {
    networkId: vpc.id,
    publicSubnetIds: pulumi.all([vpc.id]),
    privateSubnetIds: pulumi.all([vpc.id]),
    firewall: tag.name,
    privateServices: pulumi.output(""),
    // DigitalOcean VPCs have no flow logs (see the governance matrix).
    flowLogs: pulumi.output(""),
  };
};
