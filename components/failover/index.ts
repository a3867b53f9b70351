/**
 * `tessera:network:Failover` — DNS failover between the primary and secondary placements:
 * Route 53 health checks + failover records, Azure Traffic Manager (priority routing), Cloud DNS
 * primary-backup routing with a health check, OCI DNS steering policy (FAILOVER) + HTTP monitor.
 * DigitalOcean has no health-checked DNS.
 *
 * @example
 * new Failover("www", { target, hostname: "www.example.com", zone: "Z0123456789ABC", primary: web.publicIps[0], secondary: standby.publicIps[0] });
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type FailoverArgs, type FailoverOutputs, validateFailoverArgs } from "./contract";

export type { Endpoint, FailoverArgs, FailoverOutputs, HealthCheck } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const FAILOVER_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<FailoverArgs, FailoverOutputs>;

/** A health-checked DNS name that fails over from the primary to the secondary placement. */
export class Failover extends pulumi.ComponentResource implements FailoverOutputs {
  public readonly fqdn: pulumi.Output<string>;
  public readonly healthCheckIds: pulumi.Output<string[]>;

  constructor(name: string, args: FailoverArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("dns-failover", args.target.cloud);
    validateFailoverArgs(args);
    super(TOKENS.failover, name, {}, opts);
    const out = build(FAILOVER_IMPLS, name, args, this);
    this.fqdn = out.fqdn;
    this.healthCheckIds = out.healthCheckIds;
    this.registerOutputs({ fqdn: this.fqdn, healthCheckIds: this.healthCheckIds });
  }
}
