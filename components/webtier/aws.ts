/**
 * WebTier on AWS: an internet-facing Application Load Balancer in the network's public subnets
 * (one per availability zone: an ALB needs at least two zones), an HTTPS listener with a TLS
 * 1.2/1.3 policy and an ACM certificate (DNS-validated, in the Route 53 zone when one is given),
 * an HTTP listener that only redirects, a target group with the health check, and an Auto
 * Scaling group in the private subnets from a launch template (IMDSv2, encrypted gp3, no public
 * IP) with a target-tracking CPU policy. Security groups: the load balancer's admits its ports from
 * anywhere; the machines' admits the backend port from the load balancer's group only.
 */
import * as pulumi from "@pulumi/pulumi";
import { Certificate } from "@pulumi/aws/acm/certificate";
import { CertificateValidation } from "@pulumi/aws/acm/certificateValidation";
import { Group } from "@pulumi/aws/autoscaling/group";
import { Policy } from "@pulumi/aws/autoscaling/policy";
import { getAmiOutput } from "@pulumi/aws/ec2/getAmi";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { Listener } from "@pulumi/aws/lb/listener";
import { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { TargetGroup } from "@pulumi/aws/lb/targetGroup";
import { Record as DnsRecord } from "@pulumi/aws/route53/record";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { archOf, AWS_AMIS } from "../../core/images";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { type WebTierArgs, type WebTierOutputs, webTierSettings } from "./contract";

/** TLS 1.3 and 1.2 only (ELB predefined policy). */
export const AWS_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

const base64 = (v: pulumi.Input<string>) => pulumi.output(v).apply((s) => Buffer.from(s).toString("base64"));

export const aws: Impl<"aws", WebTierArgs, WebTierOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = webTierSettings(args);
  const opts = childOpts(parent, target);
  const t = (extra: Record<string, string> = {}) => tags(target, name, { ...s.labels, ...extra });
  const vpcId = network.networkId;

  // Ingress follows the tier: the internet reaches the load balancer, the load balancer the machines.
  const lbGroup = new SecurityGroup(`${name}-lb`, { vpcId, description: `tessera ${name}: load balancer listeners`, tags: t({ Name: `${name}-lb` }) }, opts);
  const machineGroup = new SecurityGroup(`${name}-machines`, { vpcId, description: `tessera ${name}: machines, from the load balancer only`, tags: t({ Name: `${name}-machines` }) }, opts);
  const listenerPorts = [s.httpsPort, ...(s.redirectPort === false ? [] : [s.redirectPort])];
  listenerPorts.forEach((port) =>
    new SecurityGroupIngressRule(`${name}-lb-${port}`, { securityGroupId: lbGroup.id, ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: "0.0.0.0/0", description: port === s.httpsPort ? "HTTPS" : "HTTP (redirected to HTTPS)", tags: t() }, opts),
  );
  const backendPorts = [...new Set([s.backendPort, s.health.port])];
  backendPorts.forEach((port) => {
    new SecurityGroupEgressRule(`${name}-lb-to-${port}`, { securityGroupId: lbGroup.id, ipProtocol: "tcp", fromPort: port, toPort: port, referencedSecurityGroupId: machineGroup.id, description: "to the machines", tags: t() }, opts);
    new SecurityGroupIngressRule(`${name}-from-lb-${port}`, { securityGroupId: machineGroup.id, ipProtocol: "tcp", fromPort: port, toPort: port, referencedSecurityGroupId: lbGroup.id, description: "from the load balancer", tags: t() }, opts);
  });
  new SecurityGroupEgressRule(`${name}-machines-egress`, { securityGroupId: machineGroup.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "all outbound", tags: t() }, opts);

  // Certificate: ACM, validated by DNS.
  const cert = new Certificate(name, { domainName: args.hostname, validationMethod: "DNS", keyAlgorithm: "EC_prime256v1", tags: t() }, { ...opts, deleteBeforeReplace: false });
  const dvo = cert.domainValidationOptions.apply((o) => o[0]!);
  const zoneId = args.certificate?.awsZoneId;
  const record =
    zoneId === undefined
      ? undefined
      : new DnsRecord(`${name}-validation`, { zoneId, name: dvo.resourceRecordName, type: dvo.resourceRecordType, records: [dvo.resourceRecordValue], ttl: 300, allowOverwrite: true }, opts);
  const validation = new CertificateValidation(name, { certificateArn: cert.arn, ...(record ? { validationRecordFqdns: [record.fqdn] } : {}) }, opts);

  const lb = new LoadBalancer(
    name,
    {
      name: physicalName("aws", "albName", [target.stack, name]),
      loadBalancerType: "application",
      internal: false,
      subnets: network.publicSubnetIds,
      securityGroups: [lbGroup.id],
      dropInvalidHeaderFields: true,
      tags: t(),
    },
    opts,
  );
  const targets = new TargetGroup(
    name,
    {
      name: physicalName("aws", "lbTargetGroup", [target.stack, name]),
      vpcId,
      port: s.backendPort,
      protocol: "HTTP",
      targetType: "instance",
      deregistrationDelay: 30,
      healthCheck: {
        enabled: true,
        protocol: "HTTP",
        path: s.health.path,
        port: s.health.port === s.backendPort ? "traffic-port" : String(s.health.port),
        interval: s.health.intervalSeconds,
        timeout: Math.min(10, s.health.intervalSeconds - 1),
        healthyThreshold: s.health.healthyThreshold,
        unhealthyThreshold: s.health.unhealthyThreshold,
        matcher: "200-399",
      },
      tags: t(),
    },
    opts,
  );
  new Listener(
    `${name}-https`,
    {
      loadBalancerArn: lb.arn,
      port: s.httpsPort,
      protocol: "HTTPS",
      sslPolicy: AWS_TLS_POLICY,
      certificateArn: validation.certificateArn,
      defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
      tags: t(),
    },
    opts,
  );
  if (s.redirectPort !== false) {
    new Listener(
      `${name}-http`,
      {
        loadBalancerArn: lb.arn,
        port: s.redirectPort,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: String(s.httpsPort), statusCode: "HTTP_301" } }],
        tags: t(),
      },
      opts,
    );
  }

  const arch = archOf(args.size);
  const image = AWS_AMIS[s.image];
  const ami = getAmiOutput(
    { mostRecent: true, owners: [image.owner], filters: [{ name: "name", values: [image.name(arch)] }, { name: "architecture", values: [arch === "arm64" ? "arm64" : "x86_64"] }] },
    { parent, provider: target.provider },
  );
  const template = new LaunchTemplate(
    name,
    {
      namePrefix: `${physicalName("aws", "launchTemplatePrefix", [target.stack, name])}-`,
      imageId: ami.id,
      instanceType: args.size,
      networkInterfaces: [{ associatePublicIpAddress: "false", securityGroups: [machineGroup.id], deleteOnTermination: "true" }],
      metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
      // The AMI's own root device (/dev/sda1 on Ubuntu, /dev/xvda on Debian): resized, not added.
      blockDeviceMappings: [{ deviceName: ami.rootDeviceName, ebs: { encrypted: "true", volumeType: "gp3", volumeSize: s.diskGb, deleteOnTermination: "true" } }],
      ...(args.userData !== undefined ? { userData: base64(args.userData) } : {}),
      tagSpecifications: [
        { resourceType: "instance", tags: t({ Name: name }) },
        { resourceType: "volume", tags: t() },
      ],
      updateDefaultVersion: true,
      tags: t(),
    },
    opts,
  );
  const group = new Group(
    name,
    {
      name: physicalName("aws", "autoScalingGroup", [target.stack, name]),
      minSize: s.min,
      maxSize: s.max,
      // No desiredCapacity: the group starts at minSize and the scaling policy owns it after that.
      vpcZoneIdentifiers: network.privateSubnetIds,
      launchTemplate: { id: template.id, version: template.latestVersion.apply((v) => String(v)) },
      targetGroupArns: [targets.arn],
      healthCheckType: "ELB",
      healthCheckGracePeriod: 300,
      instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 90 } },
      tags: Object.entries(t({ Name: name })).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
    },
    opts,
  );
  new Policy(
    `${name}-cpu`,
    {
      autoscalingGroupName: group.name,
      policyType: "TargetTrackingScaling",
      targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: s.targetCpuPercent },
    },
    opts,
  );
  return {
    address: lb.dnsName,
    loadBalancerId: lb.arn,
    groupId: group.name,
    certificateId: validation.certificateArn,
    certificateValidation: record ? pulumi.output("") : pulumi.interpolate`${dvo.resourceRecordName} ${dvo.resourceRecordType} ${dvo.resourceRecordValue}`,
    aliasZoneId: lb.zoneId,
    memberSelector: group.name,
  };
};
