/**
 * Network exposure rules: no firewall rule opens an admin or database port to the whole
 * internet, and no machine gets a public IP unless it is labelled as allowed to.
 */
import {
  Ec2Instance, Eip, SecurityGroup, SecurityGroupRule, SecurityGroupIngressRule, NetworkInterface, NetworkSecurityGroup, SecurityRule, Droplet,
  DoFirewall, GcpFirewall, GceInstance, OciInstance, NetworkSecurityGroupSecurityRule, SecurityList,
} from "../types";
import { ADMIN_PORTS, ALL_PORTS, isAnywhere, labelMap, type PortRange, parsePorts, portName, rangeText } from "../facts";
import { PUBLIC_IP_ALLOWED } from "../../core/tags";
import { CONTROLS } from "../frameworks";
import { extractor, type ResourceRule, typeOf } from "../rule";

/** One ingress allowance: protocol, ports and sources. */
interface Opening {
  readonly protocol: string;
  readonly ports: PortRange;
  readonly sources: readonly string[];
}

/** Settings of {@link noOpenAdminPorts}. */
export interface AdminPortsConfig {
  /** Ports that must never be open to 0.0.0.0/0 or ::/0. */
  readonly ports: readonly number[];
}

const all = (protocol: string | undefined) => protocol === undefined || ["-1", "all", "*"].includes(protocol.toLowerCase());
const udpOnly = (protocol: string) => ["udp", "17"].includes(protocol.toLowerCase());
const icmpOnly = (protocol: string) => ["icmp", "icmpv6", "1", "58"].includes(protocol.toLowerCase());

/** `tcp`, `udp`, … from a name in any case or an IANA number (OCI writes "6"). */
const protocolName = (protocol: string) => ({ "6": "tcp", "17": "udp", "1": "icmp" })[protocol] ?? protocol.toLowerCase();

const ociRange = (o: { min?: number; max?: number } | undefined): PortRange => (o ? [o.min ?? 1, o.max ?? o.min ?? 65535] : ALL_PORTS);

export const noOpenAdminPorts: ResourceRule<readonly Opening[], AdminPortsConfig> = {
  kind: "resource",
  id: "no-open-admin-ports",
  description: "No firewall rule may open an admin or database port (SSH, RDP, PostgreSQL, MySQL, …) to the whole internet.",
  severity: "critical",
  frameworks: CONTROLS.networkExposure,
  remediation: "Narrow the source to your office or VPN ranges, or reach machines through the cloud's session manager / bastion / private endpoint instead.",
  defaults: { ports: ADMIN_PORTS },
  configSchema: { ports: { type: "array", items: { type: "number" }, description: "Admin ports that must not be open to the internet." } },
  extractors: [
    extractor(SecurityGroup, "aws", (p) => (p.ingress ?? []).map((r) => ({ protocol: r.protocol, ports: all(r.protocol) ? ALL_PORTS : [r.fromPort, r.toPort], sources: [...(r.cidrBlocks ?? []), ...(r.ipv6CidrBlocks ?? [])] }))),
    extractor(SecurityGroupRule, "aws", (p) =>
      p.type === "ingress" ? [{ protocol: p.protocol, ports: all(p.protocol) ? ALL_PORTS : [p.fromPort, p.toPort], sources: [...(p.cidrBlocks ?? []), ...(p.ipv6CidrBlocks ?? [])] }] : [],
    ),
    extractor(SecurityGroupIngressRule, "aws", (p) => [
      { protocol: p.ipProtocol, ports: all(p.ipProtocol) ? ALL_PORTS : [p.fromPort ?? 0, p.toPort ?? 65535], sources: [p.cidrIpv4, p.cidrIpv6].filter((s): s is string => s !== undefined) },
    ]),
    extractor(NetworkSecurityGroup, "azure", (p) => (p.securityRules ?? []).flatMap(azureOpening)),
    extractor(SecurityRule, "azure", (p) => azureOpening(p)),
    extractor(GcpFirewall, "gcp", (p) =>
      (p.direction ?? "INGRESS") !== "INGRESS" || p.disabled === true
        ? []
        : (p.allows ?? []).flatMap((a) => (a.ports && a.ports.length > 0 ? a.ports : ["all"]).map((port) => ({ protocol: a.protocol, ports: parsePorts(port) ?? ALL_PORTS, sources: p.sourceRanges ?? [] }))),
    ),
    extractor(DoFirewall, "digitalocean", (p) => (p.inboundRules ?? []).map((r) => ({ protocol: r.protocol, ports: parsePorts(r.portRange) ?? ALL_PORTS, sources: r.sourceAddresses ?? [] }))),
    extractor(SecurityList, "oci", (p) =>
      (p.ingressSecurityRules ?? []).map((r) => ({ protocol: r.protocol, ports: r.protocol === "17" ? ociRange(r.udpOptions) : ociRange(r.tcpOptions), sources: [r.source] })),
    ),
    extractor(NetworkSecurityGroupSecurityRule, "oci", (p) =>
      // A rule whose source is another security group admits no internet traffic (and its id is unknown in a preview).
      p.direction !== "INGRESS" || p.sourceType === "NETWORK_SECURITY_GROUP" || p.source === undefined
        ? []
        : [{ protocol: p.protocol, ports: p.protocol === "17" ? ociRange(p.udpOptions?.destinationPortRange) : ociRange(p.tcpOptions?.destinationPortRange), sources: [p.source] }],
    ),
  ],
  check: (openings, config) =>
    openings.flatMap((o) => {
      if (icmpOnly(o.protocol) || udpOnly(o.protocol)) return [];
      const open = o.sources.filter(isAnywhere);
      const hit = config.ports.filter((port) => port >= o.ports[0] && port <= o.ports[1]);
      if (open.length === 0 || hit.length === 0) return [];
      return [`ingress allows ${all(o.protocol) ? "all protocols" : protocolName(o.protocol)} ${rangeText(o.ports)} from ${open.join(", ")}, exposing ${hit.map(portName).join(", ")}`];
    }),
};

/** An Azure security rule's allowance, if it is an inbound allow. */
function azureOpening(r: {
  direction: string;
  access: string;
  protocol: string;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  destinationPortRange?: string;
  destinationPortRanges?: string[];
}): Opening[] {
  if (r.direction !== "Inbound" || r.access !== "Allow") return [];
  const sources = [...(r.sourceAddressPrefix !== undefined ? [r.sourceAddressPrefix] : []), ...(r.sourceAddressPrefixes ?? [])];
  const ranges = [...(r.destinationPortRange !== undefined ? [r.destinationPortRange] : []), ...(r.destinationPortRanges ?? [])];
  return ranges.map((range) => ({ protocol: r.protocol, ports: parsePorts(range) ?? ALL_PORTS, sources }));
}

/** Settings of {@link noPublicIp}. */
export interface PublicIpConfig {
  /** The label that marks a machine as allowed a public IP. */
  readonly label: string;
  /** Its value. */
  readonly value: string;
}

/** Whether a machine gets a public IP, why, and its labels. */
interface Exposure {
  readonly reason?: string;
  readonly labels: Record<string, string>;
}

export const noPublicIp: ResourceRule<Exposure, PublicIpConfig> = {
  kind: "resource",
  id: "no-public-ip",
  description: "Virtual machines must not have a public IP unless labelled as allowed (tessera-public-ip: allowed).",
  severity: "high",
  frameworks: CONTROLS.networkExposure,
  remediation: "Keep machines in private subnets behind a load balancer or NAT; if a public IP is intended, label the machine tessera-public-ip: allowed (tessera does this for compute services with publicIp: true).",
  defaults: { label: Object.keys(PUBLIC_IP_ALLOWED)[0]!, value: Object.values(PUBLIC_IP_ALLOWED)[0]! },
  configSchema: {
    label: { type: "string", default: "tessera-public-ip", description: "Label key that allows a public IP." },
    value: { type: "string", default: "allowed", description: "Label value that allows a public IP." },
  },
  extractors: [
    extractor(Ec2Instance, "aws", (p) => ({ ...(p.associatePublicIpAddress === true ? { reason: "associatePublicIpAddress is true" } : {}), labels: labelMap(p.tags) })),
    extractor(Eip, "aws", (p) => ({ ...(p.instance !== undefined || p.networkInterface !== undefined ? { reason: "an Elastic IP is attached to a machine" } : {}), labels: labelMap(p.tags) })),
    extractor(NetworkInterface, "azure", (p) => ({
      ...((p.ipConfigurations ?? []).some((c) => c.publicIPAddress !== undefined) ? { reason: "an IP configuration has a public IP address" } : {}),
      labels: labelMap(p.tags),
    })),
    extractor(GceInstance, "gcp", (p) => ({ ...(p.networkInterfaces.some((n) => (n.accessConfigs ?? []).length > 0) ? { reason: "a network interface has an access config (external IP)" } : {}), labels: labelMap(p.labels) })),
    extractor(Droplet, "digitalocean", (p) => ({ ...(p.publicNetworking !== false ? { reason: "public networking is on (the Droplet default)" } : {}), labels: labelMap(p.tags) })),
    extractor(OciInstance, "oci", (p) => ({
      ...(p.createVnicDetails?.assignPublicIp !== "false" ? { reason: p.createVnicDetails?.assignPublicIp === "true" ? "assignPublicIp is true" : "assignPublicIp is not set (OCI assigns one in public subnets)" } : {}),
      labels: labelMap(p.freeformTags),
    })),
  ],
  check: (facts, config) => (facts.reason && facts.labels[config.label] !== config.value ? [`public IP: ${facts.reason}, and the machine is not labelled ${config.label}: ${config.value}`] : []),
  remediate: {
    [typeOf(Ec2Instance)]: (p) => ({ ...p, associatePublicIpAddress: false }),
    [typeOf(Droplet)]: (p) => ({ ...p, publicNetworking: false }),
    [typeOf(OciInstance)]: (p) => ({ ...p, createVnicDetails: { ...(p.createVnicDetails as object | undefined), assignPublicIp: "false" } }),
  },
};
