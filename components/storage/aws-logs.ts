/**
 * S3 buckets that hold logs (server access logs, CloudTrail), and the bucket-policy statement every
 * tessera bucket carries to refuse plain HTTP. Shared by ObjectStorage and Governance on AWS.
 */
import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
import { keptName } from "../naming";
import { childOpts, statefulOpts } from "../registry";
import { type Labels, tags } from "../tags";
import type { AwsTarget } from "../target";

/** One statement of an IAM policy document. */
export type Statement = Record<string, unknown>;

/** The ARN of an S3 bucket (commercial partition). */
export const bucketArn = (bucket: string): string => `arn:aws:s3:::${bucket}`;

/**
 * Refuses every request not made over TLS (AWS's documented control for S3, "aws:SecureTransport";
 * Security Hub S3.5).
 */
export function denyInsecureTransport(bucket: string): Statement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn(bucket), `${bucketArn(bucket)}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** The account the provider's credentials belong to (an invoke, answered from the caller's identity). */
export function accountIdOf(parent: pulumi.Resource, target: AwsTarget): pulumi.Output<string> {
  return getCallerIdentityOutput({}, { parent, provider: target.provider }).accountId;
}

/** What {@link logBucket} needs. */
export interface LogBucketArgs {
  readonly target: AwsTarget;
  /** The service the logs belong to (its tags). */
  readonly service: string;
  /** Days log objects are kept. */
  readonly retentionDays: number;
  /** Default encryption: SSE-S3 (required for server access logs) or SSE-KMS with this key. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Policy statements that let a service write (server access logging, CloudTrail). */
  readonly writers: (bucket: string) => pulumi.Input<Statement[]>;
  readonly protect?: boolean;
  readonly labels?: Labels;
}

/**
 * A private, TLS-only, versioned bucket for logs, expiring objects after the retention: public
 * access block, ACLs off (log delivery is granted by bucket policy, as AWS recommends since S3
 * Object Ownership; an ACL grant fails on a BucketOwnerEnforced bucket), default encryption,
 * versioning, lifecycle, and a policy with the writers' statements plus {@link denyInsecureTransport}.
 */
export function logBucket(name: string, args: LogBucketArgs, parent: pulumi.Resource): { bucket: Bucket; name: pulumi.Output<string>; ready: pulumi.Resource } {
  const { target } = args;
  const opts = childOpts(parent, target);
  // Bucket names are global and free for anyone once deleted: a random suffix kept in state.
  const physical = keptName(name, target, "s3Bucket", [target.stack, name], parent);
  const bucket = new Bucket(name, { bucket: physical, forceDestroy: false, tags: tags(target, args.service, args.labels) }, statefulOpts(parent, target, args.protect));
  const block = new BucketPublicAccessBlock(`${name}-public-access`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, opts);
  new BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
  new BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    {
      bucket: bucket.id,
      rules: [
        args.kmsKeyArn !== undefined
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    },
    opts,
  );
  const versioning = new BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
  new BucketLifecycleConfiguration(
    `${name}-lifecycle`,
    {
      bucket: bucket.id,
      rules: [{ id: "expire-logs", status: "Enabled", filter: {}, expiration: { days: args.retentionDays }, noncurrentVersionExpiration: { noncurrentDays: 30 } }],
    },
    { ...opts, dependsOn: [versioning] },
  );
  const policy = new BucketPolicy(
    `${name}-policy`,
    { bucket: bucket.id, policy: physical.apply((b) => pulumi.output(args.writers(b)).apply((writers) => JSON.stringify({ Version: "2012-10-17", Statement: [...writers, denyInsecureTransport(b)] }))) },
    // A policy written while the public access block is being applied can fail with OperationAborted.
    { ...opts, dependsOn: [block] },
  );
  return { bucket, name: physical, ready: policy };
}

/**
 * The statement that lets S3 server access logging write into a log bucket from the given source
 * buckets (AWS: "Grant permissions to the logging service principal by using a bucket policy").
 */
export function serverAccessLogWriter(logBucketName: string, sources: readonly pulumi.Input<string>[], account: pulumi.Input<string>): pulumi.Output<Statement> {
  return pulumi.all([account, pulumi.all([...sources])]).apply(([accountId, buckets]): Statement => ({
    Sid: "S3ServerAccessLogsPolicy",
    Effect: "Allow",
    Principal: { Service: "logging.s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${bucketArn(logBucketName)}/*`,
    Condition: { ArnLike: { "aws:SourceArn": buckets.map(bucketArn) }, StringEquals: { "aws:SourceAccount": accountId } },
  }));
}
