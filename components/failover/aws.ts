/**
 * Failover on AWS: one Route 53 health check per endpoint (HTTPS with SNI, three failures to
 * flip) and a PRIMARY/SECONDARY pair of failover records in the hosted zone, each tied to its
 * endpoint's health check.
 */
import * as pulumi from "@pulumi/pulumi";
import { HealthCheck } from "@pulumi/aws/route53/healthCheck";
import { Record } from "@pulumi/aws/route53/record";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { endpointsOf, type FailoverArgs, type FailoverOutputs, failoverSettings, route53Type } from "./contract";

export const aws: Impl<"aws", FailoverArgs, FailoverOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = failoverSettings(args);
  const opts = childOpts(parent, target);
  const checks = endpointsOf(args).map((end) => {
    const ip = end.kind === "ip";
    const check = new HealthCheck(
      `${name}-${end.role}`,
      {
        type: s.protocol,
        ...(ip ? { ipAddress: end.address } : { fqdn: end.address }),
        port: s.port,
        resourcePath: s.path,
        requestInterval: s.intervalSeconds,
        failureThreshold: 3,
        ...(s.protocol === "HTTPS" ? { enableSni: true, ...(ip ? { fqdn: args.hostname } : {}) } : {}),
        tags: { ...tags(target, name, args.labels), Name: `${target.stack}-${name}-${end.role}` },
      },
      opts,
    );
    new Record(
      `${name}-${end.role}`,
      {
        zoneId: args.zone!, // validation requires it on aws
        name: args.hostname,
        type: route53Type(end),
        // An alias to an AWS load balancer also follows the load balancer's own target health.
        ...(end.aliasZoneId !== undefined
          ? { aliases: [{ name: end.address, zoneId: end.aliasZoneId, evaluateTargetHealth: true }] }
          : { ttl: s.ttl, records: [end.address] }),
        setIdentifier: end.role,
        failoverRoutingPolicies: [{ type: end.role === "primary" ? "PRIMARY" : "SECONDARY" }],
        healthCheckId: check.id,
      },
      opts,
    );
    return check;
  });
  return { fqdn: pulumi.output(args.hostname), healthCheckIds: pulumi.all(checks.map((c) => c.id)) };
};
