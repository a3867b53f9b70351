/**
 * Alerts on OCI: a Logging log group, a Notifications topic with email and/or HTTPS
 * subscriptions, and a Monitoring alarm on the instances' CPU (oci_computeagent).
 */
import * as pulumi from "@pulumi/pulumi";
import { LogGroup } from "@pulumi/oci/logging/logGroup";
import { Alarm } from "@pulumi/oci/monitoring/alarm";
import { NotificationTopic } from "@pulumi/oci/ons/notificationTopic";
import { Subscription } from "@pulumi/oci/ons/subscription";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { type AlertsArgs, type AlertsOutputs, alertSettings } from "./contract";

export const oci: Impl<"oci", AlertsArgs, AlertsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = alertSettings(args);
  const opts = childOpts(parent, target);
  const common = { compartmentId: target.compartmentId, freeformTags: tags(target, name, args.labels) };
  const logs = new LogGroup(name, { ...common, displayName: physicalName("oci", "logGroup", [target.stack, name]), description: `tessera ${target.stack} ${name}` }, opts);
  const topic = new NotificationTopic(name, { ...common, name: physicalName("oci", "notificationTopic", [target.stack, name]), description: `tessera ${target.stack} ${name} alerts` }, opts);
  if (args.notify.email) new Subscription(`${name}-email`, { ...common, topicId: topic.id, protocol: "EMAIL", endpoint: args.notify.email }, opts);
  if (args.notify.webhookUrl) new Subscription(`${name}-webhook`, { ...common, topicId: topic.id, protocol: "HTTPS", endpoint: args.notify.webhookUrl }, opts);
  const alarms: Alarm[] = [];
  // An instance pool's machines carry its OCID as the instancePoolId dimension.
  const groupQueries = s.groups.map(([service, ref]) => [service, pulumi.interpolate`CpuUtilization[5m]{instancePoolId = "${ref.selector}"}.mean() > ${s.cpuPercent}`] as const);
  const instanceQueries = s.instances
    .filter(([, ref]) => ref.count > 0)
    .map(([service, ref]) => [service, pulumi.output(ref.instanceIds).apply((ids) => `CpuUtilization[5m]{resourceId =~ "${ids.join("|")}"}.mean() > ${s.cpuPercent}`)] as const);
  for (const [service, query] of [...instanceQueries, ...groupQueries]) {
    alarms.push(
      new Alarm(
        `${name}-${service}-cpu`,
        { ...common, displayName: physicalName("oci", "displayName", [target.stack, name, `${service}-cpu`]), metricCompartmentId: target.compartmentId, namespace: "oci_computeagent", query, severity: "CRITICAL", destinations: [topic.id], isEnabled: true, body: `${service}: CPU above ${s.cpuPercent}%`, pendingDuration: "PT5M" },
        opts,
      ),
    );
  }
  return { logDestination: logs.id, notificationTarget: topic.id, alertIds: pulumi.all(alarms.map((a) => a.id)) };
};
