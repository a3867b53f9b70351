/**
 * `tessera:compute:WebTier` — a production web tier on the placed cloud: a managed load balancer
 * (HTTPS with TLS 1.2+, HTTP redirected), a certificate for the hostname, health checks, and
 * private machines in an autoscaling group that only the load balancer reaches. Application Load
 * Balancer + Auto Scaling (AWS), Application Gateway v2 + VM Scale Set (Azure), global external
 * Application Load Balancer + regional managed instance group (GCP), Load Balancer + Droplet
 * autoscale pool (DigitalOcean), flexible Load Balancer + instance pool (OCI).
 *
 * @example
 * const web = new WebTier("web", { target, network, size: "t3.medium", hostname: "www.example.com", autoscaling: { min: 2, max: 6 } });
 * export const url = pulumi.interpolate`https://${web.address}`;
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { ADDRESS_KIND, validateWebTierArgs, type WebTierArgs, type WebTierOutputs } from "./contract";

export type { Autoscaling, CertificateSource, WebHealthCheck, WebTierArgs, WebTierOutputs } from "./contract";
export { ADDRESS_KIND, CERTIFICATE_NEEDS } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const WEB_TIER_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<WebTierArgs, WebTierOutputs>;

/** A load-balanced, autoscaled web tier. */
export class WebTier extends pulumi.ComponentResource implements WebTierOutputs {
  public readonly address: pulumi.Output<string>;
  public readonly loadBalancerId: pulumi.Output<string>;
  public readonly groupId: pulumi.Output<string>;
  public readonly certificateId: pulumi.Output<string>;
  public readonly certificateValidation: pulumi.Output<string>;
  public readonly aliasZoneId: pulumi.Output<string>;
  public readonly memberSelector: pulumi.Output<string>;
  /** How `address` goes into DNS: an IPv4 address (A record) or a host name (AWS: alias/CNAME). */
  public readonly addressKind: "ip" | "hostname";
  /** The path and port the load balancer probes (the failover DNS probes the same path). */
  public readonly healthCheckPath: string;

  constructor(name: string, args: WebTierArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("web-tier", args.target.cloud);
    validateWebTierArgs(args);
    super(TOKENS.webTier, name, {}, opts);
    const out = build(WEB_TIER_IMPLS, name, args, this);
    this.address = out.address;
    this.loadBalancerId = out.loadBalancerId;
    this.groupId = out.groupId;
    this.certificateId = out.certificateId;
    this.certificateValidation = out.certificateValidation;
    this.aliasZoneId = out.aliasZoneId;
    this.memberSelector = out.memberSelector;
    this.addressKind = ADDRESS_KIND[args.target.cloud];
    this.healthCheckPath = args.healthCheck?.path ?? "/";
    this.registerOutputs({
      address: this.address,
      loadBalancerId: this.loadBalancerId,
      groupId: this.groupId,
      certificateId: this.certificateId,
      certificateValidation: this.certificateValidation,
      aliasZoneId: this.aliasZoneId,
      memberSelector: this.memberSelector,
    });
  }
}
