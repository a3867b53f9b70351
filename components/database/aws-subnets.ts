/**
 * What an RDS for PostgreSQL instance and its cross-region read replica both sit in: a subnet
 * group over the network's private subnets, a security group admitting 5432 from the network
 * only, and a parameter group forcing TLS (`rds.force_ssl`). One place, so the primary and its
 * replica can never drift apart on reachability or transport security.
 */
import type * as pulumi from "@pulumi/pulumi";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { ParameterGroup } from "@pulumi/aws/rds/parameterGroup";
import { SubnetGroup } from "@pulumi/aws/rds/subnetGroup";
import { physicalName } from "../../core/naming";
import type { tags } from "../tags";
import type { PostgresArgs } from "./contract";

/** The subnet group, security group and TLS-forcing parameter group of one RDS instance. */
export function rdsSurroundings(
  name: string,
  parts: readonly string[],
  network: Pick<PostgresArgs["network"], "networkId" | "privateSubnetIds" | "cidr">,
  version: string,
  t: ReturnType<typeof tags>,
  opts: pulumi.CustomResourceOptions,
): { subnets: SubnetGroup; firewall: SecurityGroup; parameters: ParameterGroup } {
  const subnets = new SubnetGroup(name, { name: physicalName("aws", "rdsSubnetGroup", parts), subnetIds: network.privateSubnetIds, tags: t }, opts);
  const firewall = new SecurityGroup(
    `${name}-firewall`,
    {
      vpcId: network.networkId,
      description: `tessera ${name}: PostgreSQL from inside the network`,
      ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [network.cidr], description: "PostgreSQL from the network" }],
      egress: [],
      tags: t,
    },
    opts,
  );
  const parameters = new ParameterGroup(name, { name: physicalName("aws", "rdsParameterGroup", parts), family: `postgres${version}`, parameters: [{ name: "rds.force_ssl", value: "1" }], tags: t }, opts);
  return { subnets, firewall, parameters };
}
