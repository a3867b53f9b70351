/**
 * Alerts on AWS: a CloudWatch log group, an SNS topic (SSE with the AWS-managed key) with email
 * and/or HTTPS subscriptions, and CloudWatch alarms: CPU per instance and per Auto Scaling group, RDS free storage below the
 * threshold, Lambda function-URL 5xx.
 */
import * as pulumi from "@pulumi/pulumi";
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { MetricAlarm } from "@pulumi/aws/cloudwatch/metricAlarm";
import { Topic } from "@pulumi/aws/sns/topic";
import { TopicSubscription } from "@pulumi/aws/sns/topicSubscription";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { type AlertsArgs, type AlertsOutputs, alertSettings } from "./contract";

const GIB = 1024 ** 3;

export const aws: Impl<"aws", AlertsArgs, AlertsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = alertSettings(args);
  const opts = childOpts(parent, target);
  const t = tags(target, name, args.labels);
  const logs = new LogGroup(name, { name: physicalName("aws", "cloudwatchLogGroup", [target.stack, name]), retentionInDays: s.logRetentionDays, tags: t }, opts);
  const topic = new Topic(name, { name: physicalName("aws", "snsTopic", [target.stack, name]), kmsMasterKeyId: "alias/aws/sns", tags: t }, opts);
  if (args.notify.email) new TopicSubscription(`${name}-email`, { topic: topic.arn, protocol: "email", endpoint: args.notify.email }, opts);
  if (args.notify.webhookUrl) new TopicSubscription(`${name}-webhook`, { topic: topic.arn, protocol: "https", endpoint: args.notify.webhookUrl }, opts);
  const alarm = (suffix: string, spec: { namespace: string; metricName: string; dimensions: Record<string, pulumi.Input<string>>; statistic: string; threshold: number; comparisonOperator: string; description: string }) =>
    new MetricAlarm(
      `${name}-${suffix}`,
      { name: physicalName("aws", "cloudwatchAlarm", [target.stack, name, suffix]), ...spec, alarmDescription: spec.description, period: 300, evaluationPeriods: 1, alarmActions: [topic.arn], okActions: [topic.arn], treatMissingData: "notBreaching", tags: t },
      opts,
    );
  const alarms: MetricAlarm[] = [];
  for (const [service, ref] of s.instances) {
    for (let i = 0; i < ref.count; i++) {
      const id = pulumi.output(ref.instanceIds).apply((ids) => ids[i] ?? "");
      alarms.push(alarm(`${service}-cpu-${i}`, { namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions: { InstanceId: id }, statistic: "Average", threshold: s.cpuPercent, comparisonOperator: "GreaterThanThreshold", description: `${service}: CPU above ${s.cpuPercent}%` }));
    }
  }
  for (const [service, ref] of s.groups) {
    // EC2 publishes CPU per Auto Scaling group too: one alarm follows the group as it scales.
    alarms.push(alarm(`${service}-cpu`, { namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions: { AutoScalingGroupName: ref.selector }, statistic: "Average", threshold: s.cpuPercent, comparisonOperator: "GreaterThanThreshold", description: `${service}: CPU above ${s.cpuPercent}%` }));
  }
  for (const [service, ref] of s.databases) {
    // RDS reports free bytes, so the threshold is the free space left at storagePercent used.
    const freeBytes = Math.round(((100 - s.storagePercent) / 100) * ref.storageGb * GIB);
    alarms.push(alarm(`${service}-storage`, { namespace: "AWS/RDS", metricName: "FreeStorageSpace", dimensions: { DBInstanceIdentifier: ref.resourceId }, statistic: "Minimum", threshold: freeBytes, comparisonOperator: "LessThanThreshold", description: `${service}: storage above ${s.storagePercent}% used` }));
  }
  for (const [service, ref] of s.functions) {
    alarms.push(alarm(`${service}-5xx`, { namespace: "AWS/Lambda", metricName: "Url5xxCount", dimensions: { FunctionName: ref.resourceId }, statistic: "Sum", threshold: s.errorsPerWindow, comparisonOperator: "GreaterThanOrEqualToThreshold", description: `${service}: ${s.errorsPerWindow}+ 5xx responses in 5 minutes` }));
  }
  return { logDestination: logs.arn, notificationTarget: topic.arn, alertIds: pulumi.all(alarms.map((a) => a.arn)) };
};
