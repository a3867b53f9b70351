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
import { aws } from "./aws";
import { azure } from "./azure";
import { type FailoverArgs, type FailoverOutputs, validateFailoverArgs } from "./contract";
import { digitalocean } from "./digitalocean";
import { gcp } from "./gcp";
import { oci } from "./oci";

export type { Endpoint, FailoverArgs, FailoverOutputs, HealthCheck } from "./contract";

/** The per-cloud implementations. */
export const FAILOVER_IMPLS = { aws, azure, gcp, digitalocean, oci } satisfies Registry<FailoverArgs, FailoverOutputs>;

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
