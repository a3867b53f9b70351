/**
 * Failover on OCI: a Health Checks HTTP monitor probing both endpoints, a DNS steering policy
 * from the FAILOVER template (filter disabled answers, drop unhealthy ones, prefer the primary
 * pool, answer one), and its attachment to the name in the zone.
 */
import * as pulumi from "@pulumi/pulumi";
import { SteeringPolicy } from "@pulumi/oci/dns/steeringPolicy";
import { SteeringPolicyAttachment } from "@pulumi/oci/dns/steeringPolicyAttachment";
import { HttpMonitor } from "@pulumi/oci/healthchecks/httpMonitor";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { endpointsOf, type FailoverArgs, type FailoverOutputs, failoverSettings } from "./contract";

export const oci: Impl<"oci", FailoverArgs, FailoverOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = failoverSettings(args);
  const opts = childOpts(parent, target);
  const [primary, secondary] = endpointsOf(args);
  // Each answer carries its own record type: an address (A) or a name (CNAME).
  const rtype = (kind: "ip" | "hostname") => (kind === "ip" ? "A" : "CNAME");
  const common = { compartmentId: target.compartmentId, freeformTags: tags(target, name, args.labels) };
  const monitor = new HttpMonitor(
    name,
    {
      ...common,
      displayName: physicalName("oci", "displayName", [target.stack, name]),
      protocol: s.protocol,
      port: s.port,
      path: s.path,
      method: "GET",
      targets: [primary.address, secondary.address],
      intervalInSeconds: s.intervalSeconds,
      timeoutInSeconds: 10,
      isEnabled: true,
    },
    opts,
  );
  const policy = new SteeringPolicy(
    name,
    {
      ...common,
      displayName: physicalName("oci", "displayName", [target.stack, name]),
      template: "FAILOVER",
      ttl: s.ttl,
      healthCheckMonitorId: monitor.id,
      answers: [
        { name: "primary", rtype: rtype(primary.kind), rdata: primary.address, pool: "primary" },
        { name: "secondary", rtype: rtype(secondary.kind), rdata: secondary.address, pool: "secondary" },
      ],
      rules: [
        { ruleType: "FILTER", defaultAnswerDatas: [{ answerCondition: "answer.isDisabled != true", shouldKeep: true }] },
        { ruleType: "HEALTH" },
        {
          ruleType: "PRIORITY",
          defaultAnswerDatas: [
            { answerCondition: "answer.pool == 'primary'", value: 1 },
            { answerCondition: "answer.pool == 'secondary'", value: 2 },
          ],
        },
        { ruleType: "LIMIT", defaultCount: 1 },
      ],
    },
    opts,
  );
  new SteeringPolicyAttachment(name, { steeringPolicyId: policy.id, zoneId: args.zone!, domainName: args.hostname, displayName: physicalName("oci", "displayName", [target.stack, name]) }, opts);
  return { fqdn: pulumi.output(args.hostname), healthCheckIds: monitor.id.apply((id) => [id]) };
};
