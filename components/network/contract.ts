/**
 * Network: a private network with public and private subnets and a default-deny firewall that
 * admits traffic from inside the network plus the ingress rules given.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { natGatewayProblem } from "../../core/constraints";
import { checkCidr, checkInt, invalid } from "../validation";
import { DEFAULT_FLOW_LOG_RETENTION_DAYS } from "../retention";
import { isNetworkCidr, MAX_PREFIX, MIN_PREFIX, subnetLayout } from "./cidr";

/** Traffic allowed in from outside the network. */
export interface IngressRule {
  /** A port, or an inclusive range `[from, to]`. */
  readonly ports: number | readonly [number, number];
  /** @default "tcp" */
  readonly protocol?: "tcp" | "udp";
  /** Source IPv4 CIDR blocks. */
  readonly sources: readonly string[];
  /** Shown on the firewall rule. @default "" */
  readonly description?: string;
}

/** Arguments of {@link Network}. */
export interface NetworkArgs {
  /** Where to build, from the placement decision. */
  readonly target: Target;
  /**
   * IPv4 range of the network, /16 to /24. Public subnets take its first /(p+4) blocks, private
   * subnets start halfway through it.
   * @default "10.0.0.0/16"
   */
  readonly cidr?: string;
  /**
   * AWS only: how many availability zones the subnets span (one public and one private subnet
   * each), at most the region's zones (`target.facts.zones`, from the catalog). Azure, GCP and OCI
   * subnets are regional (they span the region's zones); DigitalOcean VPCs have no subnets.
   * @default 2
   */
  readonly availabilityZones?: number;
  /**
   * Ingress from outside the network. Everything else from outside is denied; traffic inside the
   * network is allowed.
   * @default [] (no ingress from outside)
   */
  readonly ingress?: readonly IngressRule[];
  /**
   * Outbound internet for private subnets through a managed NAT gateway, so private machines and
   * nodes reach package mirrors and registries at boot. Costs an hourly fee plus a per-GB
   * processing fee on AWS, Azure and GCP (OCI: free), priced from data/prices.csv. The program
   * turns it on where the site needs it (core/constraints.ts natNeeded). DigitalOcean has no NAT
   * gateway in this version.
   * @default false
   */
  readonly natGateway?: boolean;
  /**
   * Flow logs of every network flow, kept `retentionDays`: AWS VPC Flow Logs to CloudWatch Logs
   * (rounded up to a retention CloudWatch accepts), Azure VNet flow logs to a storage account
   * (at most 365 days), GCP subnet flow logs (every flow, all metadata) routed to a log bucket,
   * OCI flow logs on each subnet (at most 180 days). DigitalOcean VPCs have none. `false` turns
   * them off; the network-flow-logs policy then flags the network.
   * @default { retentionDays: 90 }
   */
  readonly flowLogs?: false | { readonly retentionDays?: number };
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns. */
export interface NetworkOutputs {
  /** VPC / VNet / network / VCN id. */
  readonly networkId: pulumi.Output<string>;
  /** Public subnet ids (DigitalOcean: the VPC itself). */
  readonly publicSubnetIds: pulumi.Output<string[]>;
  /** Private subnet ids (DigitalOcean: the VPC itself). */
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /**
   * The default-deny firewall members join: security group id (AWS), network security group id
   * (Azure), network tag (GCP), tag name (DigitalOcean), security list id (OCI).
   */
  readonly firewall: pulumi.Output<string>;
  /**
   * Private access for managed services: GCP, the private services access connection Cloud SQL
   * peers through; Azure, the privatelink DNS zone PostgreSQL private endpoints register in.
   * Components that need it depend on it through this value. "" on other clouds.
   */
  readonly privateServices: pulumi.Output<string>;
  /**
   * Where flow logs go: CloudWatch log group ARN (AWS), storage account id (Azure), log bucket id
   * (GCP), log group OCID (OCI); "" on DigitalOcean or with `flowLogs: false`.
   */
  readonly flowLogs: pulumi.Output<string>;
}

/** What a component built inside a network needs to know about it. */
export interface NetworkRef extends NetworkOutputs {
  readonly target: Target;
  /** The network's CIDR block (plain: subnet and firewall rules derive from it). */
  readonly cidr: string;
}

/** The default network range. */
export const DEFAULT_CIDR = "10.0.0.0/16";

/** The network's range and its subnet layout (`zones` public/private pairs; 1 where subnets are regional). */
export function addressPlan(args: NetworkArgs, zones = 1): { cidr: string; layout: { public: string[]; private: string[] } } {
  const cidr = args.cidr ?? DEFAULT_CIDR;
  return { cidr, layout: subnetLayout(cidr, zones) };
}

/** The flow-log retention in days, or undefined when flow logs are off. */
export const flowLogDays = (args: NetworkArgs): number | undefined => (args.flowLogs === false ? undefined : (args.flowLogs?.retentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS));

/** Ports of one ingress rule as `[from, to]`. */
export const portRange = (rule: IngressRule): [number, number] => (typeof rule.ports === "number" ? [rule.ports, rule.ports] : [rule.ports[0], rule.ports[1]]);

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateNetworkArgs(args: NetworkArgs): void {
  checkCidr("cidr", args.cidr, MIN_PREFIX, MAX_PREFIX);
  if (args.cidr !== undefined && !isNetworkCidr(args.cidr)) invalid("cidr", `"${args.cidr}" has host bits set; use the network address (e.g. 10.0.0.0/16)`);
  checkInt("availabilityZones", args.availabilityZones, 1, 6);
  if (args.flowLogs) checkInt("flowLogs.retentionDays", args.flowLogs.retentionDays, 1, 3653);
  if (args.target.cloud === "aws") {
    const zones = args.target.facts.zones;
    if ((args.availabilityZones ?? 2) > zones.length) invalid("availabilityZones", `${args.target.region} has ${zones.length} availability zones (${zones.join(", ")}); allowed values: 1-${zones.length}`);
  }
  const nat = args.natGateway ? natGatewayProblem(args.target.cloud) : undefined;
  if (nat) invalid("natGateway", nat);
  (args.ingress ?? []).forEach((rule, i) => {
    const [from, to] = portRange(rule);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > 65535 || from > to) invalid(`ingress[${i}].ports`, "must be a port or a [from, to] range within 1-65535");
    if (rule.sources.length === 0) invalid(`ingress[${i}].sources`, "needs at least one CIDR block");
    rule.sources.forEach((s, j) => checkCidr(`ingress[${i}].sources[${j}]`, s, 0, 32));
  });
}
