/**
 * Failover on GCP: a global HTTP(S) health check probing from three source regions (the
 * requirement for external endpoints), and an A record set in the managed zone with a
 * primary-backup routing policy: the primary address while healthy, else the secondary.
 */
import * as pulumi from "@pulumi/pulumi";
import { HealthCheck } from "@pulumi/gcp/compute/healthCheck";
import { RecordSet } from "@pulumi/gcp/dns/recordSet";
import { physicalName } from "../../core/naming";
import { enableApis } from "../gcp-project";
import { childOpts, type Impl } from "../registry";
import { endpointsOf, type FailoverArgs, type FailoverOutputs, failoverSettings } from "./contract";

/** Exactly three probe regions, on the primary's continent where Google has three. */
export function probeRegions(region: string): string[] {
  if (region.startsWith("europe-")) return ["europe-west1", "europe-west3", "europe-north1"];
  if (region.startsWith("us-") || region.startsWith("northamerica-")) return ["us-central1", "us-east4", "us-west1"];
  if (region.startsWith("asia-") || region.startsWith("australia-")) return ["asia-southeast1", "asia-northeast1", "australia-southeast1"];
  return ["us-central1", "europe-west1", "asia-southeast1"];
}

export const gcp: Impl<"gcp", FailoverArgs, FailoverOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = failoverSettings(args);
  const opts = childOpts(parent, target, { dependsOn: enableApis(target, "compute", "dns") });
  // Validation admits IPv4 endpoints only here.
  const [primary, secondary] = endpointsOf(args);
  const probe = { port: s.port, requestPath: s.path, portSpecification: "USE_FIXED_PORT" };
  const check = new HealthCheck(
    name,
    {
      name: physicalName("gcp", "healthCheck", [target.stack, name]),
      project: target.project,
      description: `tessera ${target.stack} ${name}: failover probe`,
      checkIntervalSec: s.intervalSeconds,
      timeoutSec: 10,
      unhealthyThreshold: 3,
      healthyThreshold: 2,
      sourceRegions: probeRegions(target.region),
      ...(s.protocol === "HTTPS" ? { httpsHealthCheck: { ...probe, host: args.hostname } } : { httpHealthCheck: { ...probe, host: args.hostname } }),
    },
    opts,
  );
  new RecordSet(
    name,
    {
      project: target.project,
      managedZone: args.zone!, // validation requires it on gcp
      name: `${args.hostname}.`,
      type: "A",
      ttl: s.ttl,
      routingPolicy: {
        healthCheck: check.id,
        primaryBackup: {
          primary: { externalEndpoints: [primary.address] },
          backupGeos: [{ location: target.region, healthCheckedTargets: { externalEndpoints: [secondary.address] } }],
          trickleRatio: 0,
        },
      },
    },
    opts,
  );
  return { fqdn: pulumi.output(args.hostname), healthCheckIds: check.id.apply((id) => [id]) };
};
