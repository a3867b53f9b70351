/**
 * Failover: one DNS name answered by the primary placement while its health check passes and by
 * the secondary placement when it fails. The DNS service lives on the primary's cloud; the
 * secondary may be anywhere (another region or another cloud, as placement's `failover` chose).
 */
import type * as pulumi from "@pulumi/pulumi";
import ipaddr from "ipaddr.js";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { checkInt, checkOneOf, invalid } from "../validation";

/** How endpoints are addressed: IPv4 addresses (A records) or host names (CNAME records). */
export const RECORD_TYPES = ["A", "CNAME"] as const;

/** The health check every cloud runs against both endpoints. */
export interface HealthCheck {
  /** @default "HTTPS" */
  readonly protocol?: "HTTPS" | "HTTP";
  /** @default 443 for HTTPS, 80 for HTTP */
  readonly port?: number;
  /** @default "/" */
  readonly path?: string;
  /** Seconds between probes (GCP: 30 only). @default 30 */
  readonly intervalSeconds?: 10 | 30;
}

/**
 * One site's entry point given with its kind, so the two sites may differ (an AWS load
 * balancer's DNS name on one side, another cloud's IPv4 address on the other).
 */
export interface Endpoint {
  readonly address: pulumi.Input<string>;
  /** `ip`: an IPv4 address (A record); `hostname`: a DNS name (CNAME, or an alias where one is given). */
  readonly kind: "ip" | "hostname";
  /**
   * AWS: the Route 53 zone of an AWS load balancer's DNS name. Route 53 then answers an alias A
   * record that follows the load balancer's own target health, instead of a CNAME.
   */
  readonly aliasZoneId?: pulumi.Input<string>;
}

/** An endpoint with its role, as the implementations read it. */
export interface ResolvedEndpoint extends Endpoint {
  readonly role: "primary" | "secondary";
}

/** Arguments of {@link Failover}. */
export interface FailoverArgs {
  /** The primary placement: its cloud's DNS serves the name. */
  readonly target: Target;
  /** The name clients resolve, e.g. `app.example.com`. */
  readonly hostname: string;
  /**
   * The DNS zone the name lives in: a Route 53 hosted zone id (AWS), a Cloud DNS managed zone
   * name (GCP), an OCI DNS zone OCID (OCI) — required there; an Azure DNS zone name (Azure,
   * optional: without it, point your name at the Traffic Manager `fqdn` output yourself).
   */
  readonly zone?: string;
  /** Azure: resource group of `zone`. @default the stack's resource group */
  readonly zoneResourceGroupName?: pulumi.Input<string>;
  /** The primary placement's public address (of the kind `recordType` says), or an {@link Endpoint}. */
  readonly primary: pulumi.Input<string> | Endpoint;
  /** The secondary placement's public address, or an {@link Endpoint}. */
  readonly secondary: pulumi.Input<string> | Endpoint;
  /** For plain-string endpoints: `A` for IPv4 addresses, `CNAME` for host names (not on GCP). @default "A" */
  readonly recordType?: (typeof RECORD_TYPES)[number];
  /** @default {} (HTTPS on 443, path "/", every 30 s) */
  readonly healthCheck?: HealthCheck;
  /** Record TTL in seconds: short, so clients follow a failover quickly. @default 60 */
  readonly ttl?: number;
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns. */
export interface FailoverOutputs {
  /** The name to give clients: `hostname`, or the Traffic Manager name on Azure without a zone. */
  readonly fqdn: pulumi.Output<string>;
  /** The health checks (AWS: one per endpoint; Azure: the profile; GCP, OCI: one for both). */
  readonly healthCheckIds: pulumi.Output<string[]>;
}

/** Defaults filled in. */
export const failoverSettings = (args: FailoverArgs) => {
  const protocol = args.healthCheck?.protocol ?? "HTTPS";
  return {
    recordType: args.recordType ?? "A",
    protocol,
    port: args.healthCheck?.port ?? (protocol === "HTTPS" ? 443 : 80),
    path: args.healthCheck?.path ?? "/",
    intervalSeconds: args.healthCheck?.intervalSeconds ?? 30,
    ttl: args.ttl ?? 60,
  };
};

const isEndpoint = (v: FailoverArgs["primary"]): v is Endpoint => typeof v === "object" && v !== null && "kind" in v && "address" in v;

/** Both endpoints with their kinds (plain strings take theirs from `recordType`). */
export function endpointsOf(args: FailoverArgs): [ResolvedEndpoint, ResolvedEndpoint] {
  const resolve = (role: "primary" | "secondary", v: FailoverArgs["primary"]): ResolvedEndpoint =>
    isEndpoint(v) ? { ...v, role } : { role, address: v, kind: (args.recordType ?? "A") === "A" ? "ip" : "hostname" };
  return [resolve("primary", args.primary), resolve("secondary", args.secondary)];
}

/** The Route 53 record type an endpoint needs: A (an address or an alias) or CNAME. */
export const route53Type = (e: Endpoint): "A" | "CNAME" => (e.kind === "ip" || e.aliasZoneId !== undefined ? "A" : "CNAME");

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A lowercase DNS name of at least two labels. */
export const isHostname = (name: string): boolean => name.length <= 253 && name.split(".").length >= 2 && name.split(".").every((l) => LABEL.test(l));

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateFailoverArgs(args: FailoverArgs): void {
  const cloud = args.target.cloud;
  if (!isHostname(args.hostname)) invalid("hostname", `"${args.hostname}" is not a lowercase DNS name such as app.example.com`);
  checkOneOf("recordType", args.recordType, RECORD_TYPES);
  checkOneOf("healthCheck.protocol", args.healthCheck?.protocol, ["HTTPS", "HTTP"]);
  checkInt("healthCheck.port", args.healthCheck?.port, 1, 65535);
  const interval = args.healthCheck?.intervalSeconds;
  if (interval !== undefined && interval !== 10 && interval !== 30) invalid("healthCheck.intervalSeconds", `${interval} is not allowed; allowed values: 10, 30`);
  if (interval === 10 && cloud === "gcp") invalid("healthCheck.intervalSeconds", "GCP health checks for external endpoints run every 30 s at the fastest; allowed values on gcp: 30");
  const path = args.healthCheck?.path;
  if (path !== undefined && !/^\/[\x21-\x7e]*$/.test(path)) invalid("healthCheck.path", `"${path}" must start with / and contain no spaces`);
  checkInt("ttl", args.ttl, 1, 86400);
  if (args.recordType === "CNAME" && cloud === "gcp") invalid("recordType", "Cloud DNS health-checked routing answers A records for external endpoints only; allowed values on gcp: A");
  if (args.zone === undefined && cloud !== "azure") invalid("zone", `is required on ${cloud}: ${ZONE_MEANING[cloud]}`);
  if (args.zone !== undefined && cloud === "azure" && !(args.hostname === args.zone || args.hostname.endsWith(`.${args.zone}`))) {
    invalid("zone", `"${args.hostname}" is not in the zone "${args.zone}"`);
  }
  if (args.zone !== undefined && cloud === "azure" && args.hostname === args.zone && args.recordType === "CNAME") {
    invalid("recordType", "a zone apex cannot be a CNAME; use A (IPv4 endpoints) or a name below the apex");
  }
  const [primary, secondary] = endpointsOf(args);
  // Plain addresses can be checked now; outputs of other components are checked by the cloud.
  for (const e of [primary, secondary]) {
    const value = e.address;
    if (typeof value !== "string") continue;
    if (e.kind === "ip" && !ipaddr.IPv4.isValidFourPartDecimal(value)) invalid(e.role, `"${value}" is not an IPv4 address (${isEndpoint(args[e.role]) ? "kind ip" : "recordType A"})`);
    if (e.kind === "hostname" && !isHostname(value)) invalid(e.role, `"${value}" is not a host name (${isEndpoint(args[e.role]) ? "kind hostname" : "recordType CNAME"})`);
  }
  if (typeof primary.address === "string" && primary.address === secondary.address) invalid("secondary", "must differ from primary");
  if (cloud === "gcp" && (primary.kind !== "ip" || secondary.kind !== "ip")) {
    invalid(primary.kind !== "ip" ? "primary" : "secondary", "Cloud DNS health-checked routing answers IPv4 endpoints only; allowed kinds on gcp: ip");
  }
  // Route 53 failover pairs are one record type: A (addresses, alias to a load balancer) or CNAME.
  if (cloud === "aws" && route53Type(primary) !== route53Type(secondary)) {
    invalid("secondary", `is a ${route53Type(secondary)} record and primary a ${route53Type(primary)} record; a Route 53 failover pair is one type (give a host name's aliasZoneId, or use the same kind)`);
  }
  if (cloud === "azure" && args.zone !== undefined && args.hostname === args.zone && (primary.kind !== "ip" || secondary.kind !== "ip")) {
    invalid("zone", "a zone apex answers A records only: both endpoints must be IPv4 addresses, or use a name below the apex");
  }
}

/** What `zone` means on each cloud that requires it. */
const ZONE_MEANING = {
  aws: "the Route 53 hosted zone id",
  gcp: "the Cloud DNS managed zone name",
  digitalocean: "DigitalOcean has no health-checked DNS",
  oci: "the OCI DNS zone OCID",
  azure: "the Azure DNS zone name",
} as const;
