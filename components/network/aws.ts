/**
 * Network on AWS: VPC, one public and one private subnet per availability zone (zone IDs from the
 * catalog, carried on the target: the same physical zones in every account), an internet
 * gateway for the public route table, an optional NAT gateway (one, in the first zone) for the
 * private one, the VPC's default security group stripped of every rule, and a security group
 * that admits the network itself plus the given ingress.
 */
import * as pulumi from "@pulumi/pulumi";
import { DefaultSecurityGroup } from "@pulumi/aws/ec2/defaultSecurityGroup";
import { Eip } from "@pulumi/aws/ec2/eip";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { NatGateway } from "@pulumi/aws/ec2/natGateway";
import { Route } from "@pulumi/aws/ec2/route";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { FlowLog } from "@pulumi/aws/ec2/flowLog";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { cloudWatchRetention, LOG_STORE_LABEL } from "../retention";
import { accountIdOf } from "../storage/aws-logs";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import type { AwsTarget } from "../target";
import { addressPlan, flowLogDays, type NetworkArgs, type NetworkOutputs, portRange } from "./contract";

export const aws: Impl<"aws", NetworkArgs, NetworkOutputs> = (name, args, parent) => {
  const { target } = args;
  const opts = childOpts(parent, target);
  const zones = args.availabilityZones ?? 2;
  const { cidr, layout } = addressPlan(args, zones);
  const t = (extra: Record<string, string> = {}) => tags(target, name, { ...args.labels, ...extra });

  const vpc = new Vpc(name, { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: t({ Name: name }) }, opts);
  // Strip the default security group: anything launched without an explicit group gets no access.
  new DefaultSecurityGroup(`${name}-default`, { vpcId: vpc.id, tags: t() }, opts);
  const azs = target.facts.zones;
  const subnet = (tier: "public" | "private", i: number) =>
    new Subnet(
      `${name}-${tier}-${i}`,
      { vpcId: vpc.id, cidrBlock: layout[tier][i]!, availabilityZoneId: azs[i % azs.length]!, mapPublicIpOnLaunch: false, tags: t({ Name: `${name}-${tier}-${i}`, "tessera-tier": tier }) },
      opts,
    );
  const publicSubnets = Array.from({ length: zones }, (_, i) => subnet("public", i));
  const privateSubnets = Array.from({ length: zones }, (_, i) => subnet("private", i));

  const igw = new InternetGateway(name, { vpcId: vpc.id, tags: t() }, opts);
  const publicRoutes = new RouteTable(`${name}-public`, { vpcId: vpc.id, tags: t() }, opts);
  new Route(`${name}-public-internet`, { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, opts);
  const privateRoutes = new RouteTable(`${name}-private`, { vpcId: vpc.id, tags: t() }, opts);
  if (args.natGateway) {
    const eip = new Eip(`${name}-nat`, { domain: "vpc", tags: t() }, opts);
    const nat = new NatGateway(name, { allocationId: eip.id, subnetId: publicSubnets[0]!.id, tags: t() }, { ...opts, dependsOn: [igw] });
    new Route(`${name}-private-nat`, { routeTableId: privateRoutes.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, opts);
  }
  publicSubnets.forEach((s, i) => new RouteTableAssociation(`${name}-public-${i}`, { subnetId: s.id, routeTableId: publicRoutes.id }, opts));
  privateSubnets.forEach((s, i) => new RouteTableAssociation(`${name}-private-${i}`, { subnetId: s.id, routeTableId: privateRoutes.id }, opts));

  const firewall = new SecurityGroup(`${name}-firewall`, { vpcId: vpc.id, description: `tessera ${name}: the network itself plus explicit ingress`, tags: t() }, opts);
  new SecurityGroupIngressRule(`${name}-from-network`, { securityGroupId: firewall.id, ipProtocol: "-1", cidrIpv4: cidr, description: "traffic inside the network", tags: t() }, opts);
  (args.ingress ?? []).forEach((rule, i) => {
    const [fromPort, toPort] = portRange(rule);
    rule.sources.forEach((source, j) => {
      new SecurityGroupIngressRule(
        `${name}-ingress-${i}-${j}`,
        { securityGroupId: firewall.id, ipProtocol: rule.protocol ?? "tcp", fromPort, toPort, cidrIpv4: source, description: rule.description ?? "", tags: t() },
        opts,
      );
    });
  });
  new SecurityGroupEgressRule(`${name}-egress`, { securityGroupId: firewall.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "all outbound", tags: t() }, opts);

  const days = flowLogDays(args);
  const flowLogs = days === undefined ? pulumi.output("") : vpcFlowLogs(name, args, target, days, vpc, parent);
  return {
    networkId: vpc.id,
    publicSubnetIds: pulumi.all(publicSubnets.map((s) => s.id)),
    privateSubnetIds: pulumi.all(privateSubnets.map((s) => s.id)),
    firewall: firewall.id,
    privateServices: pulumi.output(""),
    flowLogs,
  };
};

/**
 * VPC Flow Logs (every flow, accepted and rejected) into a CloudWatch log group kept for the
 * retention, delivered by a role only the VPC Flow Logs service of this account can assume
 * (Amazon VPC User Guide, "IAM role for publishing flow logs to CloudWatch Logs").
 */
function vpcFlowLogs(name: string, args: NetworkArgs, target: AwsTarget, days: number, vpc: Vpc, parent: pulumi.Resource): pulumi.Output<string> {
  const opts = childOpts(parent, target);
  const t = tags(target, name, args.labels);
  const account = accountIdOf(parent, target);
  const group = new LogGroup(`${name}-flow-logs`, { name: physicalName("aws", "cloudwatchLogGroup", [target.stack, name, "flow-logs"]), retentionInDays: cloudWatchRetention(days), tags: tags(target, name, { ...args.labels, [LOG_STORE_LABEL]: "flow" }) }, opts);
  const role = new Role(
    `${name}-flow-logs`,
    {
      assumeRolePolicy: account.apply((a) =>
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": a } } }] }),
      ),
      tags: t,
    },
    opts,
  );
  const policy = new RolePolicy(
    `${name}-flow-logs`,
    {
      role: role.id,
      policy: group.arn.apply((arn) =>
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource: [arn, `${arn}:*`] }] }),
      ),
    },
    opts,
  );
  new FlowLog(name, { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: group.arn, iamRoleArn: role.arn, maxAggregationInterval: 600, tags: t }, { ...opts, dependsOn: [policy] });
  return group.arn;
}
