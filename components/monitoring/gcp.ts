/**
 * Alerts on GCP: a regional Cloud Logging bucket, notification channels (email and/or webhook),
 * and alert policies: instance CPU utilization, Cloud SQL disk utilization, Cloud Run 5xx
 * requests.
 */
import * as pulumi from "@pulumi/pulumi";
import { ProjectBucketConfig } from "@pulumi/gcp/logging/projectBucketConfig";
import { AlertPolicy } from "@pulumi/gcp/monitoring/alertPolicy";
import { NotificationChannel } from "@pulumi/gcp/monitoring/notificationChannel";
import { enableApis } from "../gcp-project";
import { keptName } from "../naming";
import { childOpts, type Impl } from "../registry";
import { gcpLabels } from "../tags";
import { type AlertsArgs, type AlertsOutputs, alertSettings } from "./contract";

export const gcp: Impl<"gcp", AlertsArgs, AlertsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = alertSettings(args);
  const opts = childOpts(parent, target, { dependsOn: enableApis(target, "logging", "monitoring") });
  const labels = gcpLabels(target, name, args.labels);
  const project = target.project;
  const bucket = new ProjectBucketConfig(name, { project, location: target.region, bucketId: keptName(name, target, "loggingBucket", [target.stack, name], parent), retentionDays: s.logRetentionDays }, opts);
  const channels: NotificationChannel[] = [];
  if (args.notify.email) channels.push(new NotificationChannel(`${name}-email`, { project, type: "email", displayName: `tessera ${name} email`, labels: { email_address: args.notify.email }, userLabels: labels }, opts));
  if (args.notify.webhookUrl) channels.push(new NotificationChannel(`${name}-webhook`, { project, type: "webhook_tokenauth", displayName: `tessera ${name} webhook`, labels: { url: args.notify.webhookUrl }, userLabels: labels }, opts));
  const policy = (suffix: string, title: string, filter: pulumi.Input<string>, threshold: number, aligner: string) =>
    new AlertPolicy(
      `${name}-${suffix}`,
      {
        project,
        displayName: `${target.stack} ${name}: ${title}`,
        combiner: "OR",
        conditions: [{ displayName: title, conditionThreshold: { filter, comparison: "COMPARISON_GT", thresholdValue: threshold, duration: "300s", aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: aligner }] } }],
        notificationChannels: channels.map((c) => c.id),
        userLabels: labels,
      },
      opts,
    );
  const policies: AlertPolicy[] = [];
  for (const [service, ref] of s.instances) {
    if (ref.count === 0) continue;
    const filter = pulumi.output(ref.instanceIds).apply((ids) => `metric.type="compute.googleapis.com/instance/cpu/utilization" AND resource.type="gce_instance" AND resource.label.instance_id=one_of(${ids.map((i) => `"${i}"`).join(",")})`);
    policies.push(policy(`${service}-cpu`, `${service}: CPU above ${s.cpuPercent}%`, filter, s.cpuPercent / 100, "ALIGN_MEAN"));
  }
  for (const [service, ref] of s.groups) {
    // A managed instance group names its machines <base instance name>-<suffix>.
    const filter = pulumi.interpolate`metric.type="compute.googleapis.com/instance/cpu/utilization" AND resource.type="gce_instance" AND metric.label.instance_name=starts_with("${ref.selector}-")`;
    policies.push(policy(`${service}-cpu`, `${service}: CPU above ${s.cpuPercent}%`, filter, s.cpuPercent / 100, "ALIGN_MEAN"));
  }
  for (const [service, ref] of s.databases) {
    const filter = pulumi.interpolate`metric.type="cloudsql.googleapis.com/database/disk/utilization" AND resource.type="cloudsql_database" AND resource.label.database_id="${ref.resourceId}"`;
    policies.push(policy(`${service}-storage`, `${service}: storage above ${s.storagePercent}% used`, filter, s.storagePercent / 100, "ALIGN_MEAN"));
  }
  for (const [service, ref] of s.functions) {
    // Cloud Run labels series by service name; the resource id ends with it.
    const serviceName = pulumi.output(ref.resourceId).apply((id) => id.split("/").pop() ?? id);
    const filter = pulumi.interpolate`metric.type="run.googleapis.com/request_count" AND resource.type="cloud_run_revision" AND metric.label.response_code_class="5xx" AND resource.label.service_name="${serviceName}"`;
    policies.push(policy(`${service}-5xx`, `${service}: ${s.errorsPerWindow}+ 5xx responses in 5 minutes`, filter, s.errorsPerWindow, "ALIGN_SUM"));
  }
  return { logDestination: bucket.id, notificationTarget: pulumi.all(channels.map((c) => c.id)).apply((ids) => ids.join(",")), alertIds: pulumi.all(policies.map((p) => p.id)) };
};
