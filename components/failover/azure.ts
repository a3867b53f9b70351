/**
 * Failover on Azure: a Traffic Manager profile with priority routing over two external
 * endpoints (primary priority 1, secondary 2), probing each every 10 or 30 s and failing over
 * after three failures; with a `zone`, an Azure DNS alias record points the name at the profile.
 */
import * as pulumi from "@pulumi/pulumi";
import { RecordSet } from "@pulumi/azure-native/dns/recordSet";
import { Profile } from "@pulumi/azure-native/trafficmanager/profile";
import { physicalName } from "../../core/naming";
import { keptName } from "../naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { type Endpoint, endpointsOf, type FailoverArgs, type FailoverOutputs, failoverSettings } from "./contract";

export const azure: Impl<"azure", FailoverArgs, FailoverOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = failoverSettings(args);
  const opts = childOpts(parent, target);
  const relativeName = keptName(name, target, "trafficManagerDns", [target.stack, name], parent);
  // External endpoints take an IPv4 address or a DNS name alike.
  const endpoint = (role: "primary" | "secondary", e: Endpoint, priority: number) => ({
    name: role,
    type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
    target: e.address,
    priority,
    endpointStatus: "Enabled",
  });
  const [primary, secondary] = endpointsOf(args);
  const profile = new Profile(
    name,
    {
      resourceGroupName: target.resourceGroupName,
      profileName: physicalName("azure", "trafficManagerProfile", [target.stack, name]),
      location: "global",
      profileStatus: "Enabled",
      trafficRoutingMethod: "Priority",
      trafficViewEnrollmentStatus: "Disabled",
      dnsConfig: { relativeName, ttl: s.ttl },
      monitorConfig: {
        protocol: s.protocol,
        port: s.port,
        path: s.path,
        intervalInSeconds: s.intervalSeconds,
        // Traffic Manager: timeout 5-10 s with 30 s probes, 5-9 s with 10 s probes.
        timeoutInSeconds: s.intervalSeconds === 10 ? 9 : 10,
        toleratedNumberOfFailures: 3,
      },
      endpoints: [endpoint("primary", primary, 1), endpoint("secondary", secondary, 2)],
      tags: tags(target, name, args.labels),
    },
    opts,
  );
  if (args.zone === undefined) return { fqdn: profile.dnsConfig.apply((d) => d?.fqdn ?? ""), healthCheckIds: profile.id.apply((id) => [id]) };
  const apex = args.hostname === args.zone;
  new RecordSet(
    name,
    {
      resourceGroupName: args.zoneResourceGroupName ?? target.resourceGroupName,
      zoneName: args.zone,
      relativeRecordSetName: apex ? "@" : args.hostname.slice(0, -(args.zone.length + 1)),
      // An apex cannot hold a CNAME: an A alias to the profile (IPv4 endpoints) answers there.
      recordType: apex ? "A" : "CNAME",
      ttl: s.ttl,
      targetResource: { id: profile.id },
    },
    opts,
  );
  return { fqdn: pulumi.output(args.hostname), healthCheckIds: profile.id.apply((id) => [id]) };
};
