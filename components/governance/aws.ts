/**
 * Governance on AWS: a multi-region CloudTrail trail with log file validation, its log files
 * encrypted with a rotating KMS key, in a private, versioned, TLS-only bucket whose access is
 * logged to a second bucket; and an AWS Budgets cost budget filtered to the stack's tag, with
 * alarms at 80% and 100% of actual and forecast spend by email (and through an encrypted SNS topic
 * to a webhook).
 */
import * as pulumi from "@pulumi/pulumi";
import { Budget } from "@pulumi/aws/budgets/budget";
import { Trail } from "@pulumi/aws/cloudtrail/trail";
import { Key } from "@pulumi/aws/kms/key";
import { BucketLogging } from "@pulumi/aws/s3/bucketLogging";
import { Topic } from "@pulumi/aws/sns/topic";
import { TopicPolicy } from "@pulumi/aws/sns/topicPolicy";
import { TopicSubscription } from "@pulumi/aws/sns/topicSubscription";
import { physicalName } from "../../core/naming";
import { TAG_KEYS } from "../../core/tags";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { accountIdOf, bucketArn, logBucket, serverAccessLogWriter, type Statement } from "../storage/aws-logs";
import { LOG_STORE_LABEL } from "../retention";
import { tags } from "../tags";
import { budgetAlarms, type GovernanceArgs, type GovernanceOutputs, governanceSettings } from "./contract";

/** The account's root: key policies must keep it, or the key becomes unmanageable. */
const rootStatement = (account: string): Statement => ({ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" });

/** CloudTrail's key policy (AWS CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail"). */
function trailKeyPolicy(account: string, trailArn: string): string {
  const context = { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${account}:trail/*` };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      rootStatement(account),
      { Sid: "CloudTrailEncrypt", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": trailArn }, StringLike: context } },
      { Sid: "CloudTrailDescribe", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:DescribeKey", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": trailArn } } },
      { Sid: "AccountDecryptsLogs", Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt", "kms:ReEncryptFrom"], Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": account }, StringLike: context } },
    ],
  });
}

/** The trail bucket's writers (CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail", with aws:SourceArn). */
function trailWriters(bucket: string, trailArn: pulumi.Input<string>, account: pulumi.Input<string>): pulumi.Output<Statement[]> {
  return pulumi.all([trailArn, account]).apply(([arn, accountId]): Statement[] => [
    { Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: bucketArn(bucket), Condition: { StringEquals: { "aws:SourceArn": arn } } },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${bucketArn(bucket)}/AWSLogs/${accountId}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": arn } },
    },
  ]);
}

export const aws: Impl<"aws", GovernanceArgs, GovernanceOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = governanceSettings(args);
  const opts = childOpts(parent, target);
  const t = tags(target, name, args.labels);
  const account = accountIdOf(parent, target);
  let auditTrail: pulumi.Output<string> = pulumi.output("");
  let auditLogDestination: pulumi.Output<string> = pulumi.output("");

  if (args.auditTrail) {
    const trailName = physicalName("aws", "cloudtrailTrail", [target.stack, name]);
    const trailArn = pulumi.interpolate`arn:aws:cloudtrail:${target.region}:${account}:trail/${trailName}`;
    const key = new Key(
      `${name}-audit`,
      { description: `tessera ${target.stack}/${name}: CloudTrail log files`, enableKeyRotation: true, deletionWindowInDays: 30, policy: pulumi.all([account, trailArn]).apply(([a, arn]) => trailKeyPolicy(a, arn)), tags: t },
      statefulOpts(parent, target, args.protect),
    );
    // CloudTrail encrypts log files with the key itself; the bucket default (digest files) is SSE-S3.
    const trailBucket = logBucket(`${name}-trail`, { target, service: name, retentionDays: s.retentionDays, writers: (b) => trailWriters(b, trailArn, account), protect: args.protect, labels: { ...args.labels, [LOG_STORE_LABEL]: "audit" } }, parent);
    const access = logBucket(
      `${name}-trail-access-logs`,
      { target, service: name, retentionDays: s.retentionDays, writers: (b) => serverAccessLogWriter(b, [trailBucket.name], account).apply((w) => [w]), protect: args.protect, labels: { ...args.labels, [LOG_STORE_LABEL]: "access" } },
      parent,
    );
    new BucketLogging(`${name}-trail-logging`, { bucket: trailBucket.bucket.id, targetBucket: access.bucket.id, targetPrefix: `${name}-trail/` }, { ...opts, dependsOn: [access.ready] });
    const trail = new Trail(
      name,
      {
        name: trailName,
        s3BucketName: trailBucket.bucket.id,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: key.arn,
        tags: t,
      },
      // CloudTrail checks the bucket policy on create (InsufficientS3BucketPolicyException otherwise).
      { ...opts, dependsOn: [trailBucket.ready] },
    );
    auditTrail = trail.arn;
    auditLogDestination = trailBucket.bucket.bucket;
  }

  let budgetId: pulumi.Output<string> = pulumi.output("");
  if (args.budget) {
    const { notify } = args.budget;
    // Budgets publishes to SNS only through a topic whose key and policy let it (not the AWS-managed SNS key).
    let topic: Topic | undefined;
    if (notify.webhookUrl) {
      const key = new Key(
        `${name}-budget`,
        {
          description: `tessera ${target.stack}/${name}: budget alarm topic`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: account.apply((a) =>
            JSON.stringify({ Version: "2012-10-17", Statement: [rootStatement(a), { Sid: "BudgetsPublish", Effect: "Allow", Principal: { Service: "budgets.amazonaws.com" }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": a } } }] }),
          ),
          tags: t,
        },
        opts,
      );
      topic = new Topic(`${name}-budget`, { name: physicalName("aws", "snsTopic", [target.stack, name, "budget"]), kmsMasterKeyId: key.arn, tags: t }, opts);
      new TopicPolicy(
        `${name}-budget`,
        {
          arn: topic.arn,
          policy: pulumi.all([topic.arn, account]).apply(([arn, a]) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "BudgetsPublish", Effect: "Allow", Principal: { Service: "budgets.amazonaws.com" }, Action: "SNS:Publish", Resource: arn, Condition: { StringEquals: { "aws:SourceAccount": a } } }] })),
        },
        opts,
      );
      new TopicSubscription(`${name}-budget-webhook`, { topic: topic.arn, protocol: "https", endpoint: notify.webhookUrl }, opts);
    }
    const budget = new Budget(
      `${name}-budget`,
      {
        name: physicalName("aws", "budgetName", [target.stack, name]),
        budgetType: "COST",
        limitAmount: args.budget.monthlyUsd.toFixed(2),
        limitUnit: "USD",
        timeUnit: "MONTHLY",
        // Cost allocation tags are named user:<key>; the key must be activated once in the account.
        costFilters: [{ name: "TagKeyValue", values: [`user:${TAG_KEYS.stack}$${target.stack}`] }],
        notifications: budgetAlarms().map((a) => ({
          comparisonOperator: "GREATER_THAN",
          threshold: a.percent,
          thresholdType: "PERCENTAGE",
          notificationType: a.basis === "actual" ? "ACTUAL" : "FORECASTED",
          ...(notify.email ? { subscriberEmailAddresses: [notify.email] } : {}),
          ...(topic ? { subscriberSnsTopicArns: [topic.arn] } : {}),
        })),
        tags: t,
      },
      opts,
    );
    budgetId = budget.id;
  }
  return { auditTrail, auditLogDestination, budgetId };
};
