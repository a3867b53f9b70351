/**
 * ObjectStorage on AWS: S3 bucket + public access block + ownership controls (ACLs off) +
 * versioning + default encryption (SSE-KMS) + optional noncurrent-version expiry.
 */
import * as pulumi from "@pulumi/pulumi";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import { BucketLogging } from "@pulumi/aws/s3/bucketLogging";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
import { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { LOG_STORE_LABEL } from "../retention";
import { accountIdOf, denyInsecureTransport, logBucket, serverAccessLogWriter } from "./aws-logs";
import { accessLogDays, type ObjectStorageArgs, type ObjectStorageOutputs } from "./contract";

export const aws: Impl<"aws", ObjectStorageArgs, ObjectStorageOutputs> = (name, args, parent) => {
  const { target } = args;
  const opts = childOpts(parent, target);
  const bucketName = keptName(name, target, "s3Bucket", [target.stack, name], parent);
  const bucket = new Bucket(name, { bucket: bucketName, forceDestroy: false, tags: tags(target, name, args.labels) }, statefulOpts(parent, target, args.protect));
  const block = new BucketPublicAccessBlock(
    `${name}-public-access`,
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    opts,
  );
  // BucketOwnerEnforced turns ACLs off entirely: access is by policy only.
  new BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
  const algorithm = args.aws?.sseAlgorithm ?? "aws:kms";
  new BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm, ...(args.customerManagedKey !== undefined ? { kmsMasterKeyId: args.customerManagedKey } : {}) },
          bucketKeyEnabled: algorithm === "aws:kms",
        },
      ],
    },
    opts,
  );
  const versioning = new BucketVersioning(
    `${name}-versioning`,
    { bucket: bucket.id, versioningConfiguration: { status: args.versioning === false ? "Suspended" : "Enabled" } },
    opts,
  );
  if (args.retentionDays !== undefined) {
    new BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      { bucket: bucket.id, rules: [{ id: "expire-previous-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: args.retentionDays } }] },
      { ...opts, dependsOn: [versioning] },
    );
  }
  // Plain HTTP is refused (written after the access block: concurrent writes can abort).
  const policy = new BucketPolicy(`${name}-policy`, { bucket: bucket.id, policy: bucketName.apply((b) => JSON.stringify({ Version: "2012-10-17", Statement: [denyInsecureTransport(b)] })) }, { ...opts, dependsOn: [block] });
  const days = accessLogDays(args);
  if (days !== undefined) {
    const account = accountIdOf(parent, target);
    const logs = logBucket(
      `${name}-access-logs`,
      { target, service: name, retentionDays: days, writers: (b) => serverAccessLogWriter(b, [bucketName], account).apply((w) => [w]), protect: args.protect, labels: { ...args.labels, [LOG_STORE_LABEL]: "access" } },
      parent,
    );
    new BucketLogging(`${name}-logging`, { bucket: bucket.id, targetBucket: logs.bucket.id, targetPrefix: `${name}/` }, { ...opts, dependsOn: [logs.ready] });
  }
  return {
    bucketName: bucket.bucket,
    // Wait for the access block and the TLS policy so no consumer sees the bucket before it is locked down.
    endpoint: pulumi.all([bucket.bucketRegionalDomainName, block.id, policy.id]).apply(([domain]) => `https://${domain}`),
    resourceId: bucket.arn,
  };
};
