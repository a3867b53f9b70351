/**
 * Network on OCI: a VCN with a public and a private regional subnet, an internet gateway for the
 * public route table, a service gateway (to the region's Oracle services: OCIR image pulls,
 * Object Storage, Vault) and an optional NAT gateway for the private one, and a security list on both
 * subnets that admits the network itself plus the given ingress (OCI denies everything else).
 * The private subnet forbids public IPs and internet ingress.
 */
import * as pulumi from "@pulumi/pulumi";
import { InternetGateway } from "@pulumi/oci/core/internetGateway";
import { getServicesOutput } from "@pulumi/oci/core/getServices";
import { NatGateway } from "@pulumi/oci/core/natGateway";
import { RouteTable } from "@pulumi/oci/core/routeTable";
import { SecurityList } from "@pulumi/oci/core/securityList";
import { ServiceGateway } from "@pulumi/oci/core/serviceGateway";
import { Subnet } from "@pulumi/oci/core/subnet";
import { Vcn } from "@pulumi/oci/core/vcn";
import { Log } from "@pulumi/oci/logging/log";
import { LogGroup } from "@pulumi/oci/logging/logGroup";
import { LOG_STORE_LABEL, ociLogRetention } from "../retention";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { addressPlan, flowLogDays, type NetworkArgs, type NetworkOutputs, portRange } from "./contract";

/** A display name inside the network (a label; the OCID is the identity). */
const label = (...parts: string[]) => physicalName("oci", "displayName", parts);

/** OCI protocol numbers. */
const PROTOCOL = { tcp: "6", udp: "17" } as const;

export const oci: Impl<"oci", NetworkArgs, NetworkOutputs> = (name, args, parent) => {
  const { target } = args;
  const opts = childOpts(parent, target);
  const { cidr, layout } = addressPlan(args);
  const compartmentId = target.compartmentId;
  const freeformTags = tags(target, name, args.labels);
  const common = { compartmentId, freeformTags };

  const vcn = new Vcn(name, { ...common, cidrBlocks: [cidr], displayName: physicalName("oci", "displayName", [target.stack, name]), dnsLabel: physicalName("oci", "vcnDnsLabel", [target.stack, name]) }, opts);
  const igw = new InternetGateway(name, { ...common, vcnId: vcn.id, enabled: true, displayName: label(name, "igw") }, opts);
  const publicRoutes = new RouteTable(`${name}-public`, { ...common, vcnId: vcn.id, displayName: label(name, "public"), routeRules: [{ destination: "0.0.0.0/0", destinationType: "CIDR_BLOCK", networkEntityId: igw.id }] }, opts);
  const nat = args.natGateway ? new NatGateway(name, { ...common, vcnId: vcn.id, displayName: label(name, "nat") }, opts) : undefined;
  // Private workloads reach Oracle services (OCIR, Object Storage, Vault) without internet access.
  const oracleServices = getServicesOutput({ filters: [{ name: "name", values: ["All .* Services In Oracle Services Network"], regex: true }] }, { parent, provider: target.provider }).services.apply((list) => {
    if (list.length !== 1) throw new Error(`expected one "All <region> Services In Oracle Services Network" service in ${target.region}, found ${list.length}`);
    return list[0]!;
  });
  const serviceGateway = new ServiceGateway(name, { ...common, vcnId: vcn.id, displayName: label(name, "sgw"), services: [{ serviceId: oracleServices.id }] }, opts);
  const privateRoutes = new RouteTable(
    `${name}-private`,
    {
      ...common,
      vcnId: vcn.id,
      displayName: label(name, "private"),
      routeRules: [
        { destination: oracleServices.cidrBlock, destinationType: "SERVICE_CIDR_BLOCK", networkEntityId: serviceGateway.id },
        ...(nat ? [{ destination: "0.0.0.0/0", destinationType: "CIDR_BLOCK", networkEntityId: nat.id }] : []),
      ],
    },
    opts,
  );
  const security = new SecurityList(
    name,
    {
      ...common,
      vcnId: vcn.id,
      displayName: label(name, "firewall"),
      ingressSecurityRules: [
        { protocol: "all", source: cidr, sourceType: "CIDR_BLOCK", description: "traffic inside the network" },
        ...(args.ingress ?? []).flatMap((rule) => {
          const [min, max] = portRange(rule);
          const protocol = rule.protocol ?? "tcp";
          return rule.sources.map((source) => ({
            protocol: PROTOCOL[protocol],
            source,
            sourceType: "CIDR_BLOCK",
            description: rule.description ?? "",
            ...(protocol === "tcp" ? { tcpOptions: { min, max } } : { udpOptions: { min, max } }),
          }));
        }),
      ],
      egressSecurityRules: [{ protocol: "all", destination: "0.0.0.0/0", destinationType: "CIDR_BLOCK", description: "all outbound" }],
    },
    opts,
  );
  const subnet = (tier: "public" | "private") =>
    new Subnet(
      `${name}-${tier}`,
      {
        ...common,
        vcnId: vcn.id,
        cidrBlock: layout[tier][0]!,
        displayName: label(name, tier),
        dnsLabel: tier,
        routeTableId: (tier === "public" ? publicRoutes : privateRoutes).id,
        securityListIds: [security.id],
        prohibitPublicIpOnVnic: tier === "private",
        prohibitInternetIngress: tier === "private",
      },
      opts,
    );
  const publicSubnet = subnet("public");
  const privateSubnet = subnet("private");
  const days = flowLogDays(args);
  let flowLogs = pulumi.output("");
  if (days !== undefined) {
    // A flow log per subnet: Logging service log, source service "flowlogs", category "all".
    const group = new LogGroup(`${name}-flow-logs`, { ...common, freeformTags: tags(target, name, { ...args.labels, [LOG_STORE_LABEL]: "flow" }), displayName: physicalName("oci", "logGroup", [target.stack, name, "flow-logs"]), description: `tessera ${target.stack} ${name}: VCN flow logs` }, opts);
    for (const [tier, s] of [["public", publicSubnet], ["private", privateSubnet]] as const) {
      new Log(
        `${name}-${tier}-flow-logs`,
        {
          logGroupId: group.id,
          displayName: physicalName("oci", "log", [name, tier, "flow-logs"]),
          logType: "SERVICE",
          isEnabled: true,
          retentionDuration: ociLogRetention(days),
          configuration: { compartmentId, source: { sourceType: "OCISERVICE", service: "flowlogs", category: "all", resource: s.id } },
          freeformTags,
        },
        opts,
      );
    }
    flowLogs = group.id;
  }
  return {
    networkId: vcn.id,
    publicSubnetIds: pulumi.all([publicSubnet.id]),
    privateSubnetIds: pulumi.all([privateSubnet.id]),
    firewall: security.id,
    privateServices: pulumi.output(""),
    flowLogs,
  };
};
