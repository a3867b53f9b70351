/**
 * ObjectStorage on AWS: S3 bucket + public access block + ownership controls (ACLs off) +
 * versioning + default encryption (SSE-KMS) + optional noncurrent-version expiry.
 */
import * as pulumi from "@pulumi/pulumi";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
import { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import type { ObjectStorageArgs, ObjectStorageOutputs } from "./contract";

export const aws: Impl<"aws", ObjectStorageArgs, ObjectStorageOutputs> = (name, args, parent) => {
  const { target } = args;
  const opts = childOpts(parent, target);
  const bucket = new Bucket(
    name,
    { bucket: keptName(name, target, "s3Bucket", [target.stack, name], parent), forceDestroy: false, tags: tags(target, name, args.labels) },
    statefulOpts(parent, target, args.protect),
  );
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
  return {
    bucketName: bucket.bucket,
    // Wait for the access block so no consumer sees the bucket before it is locked down.
    endpoint: pulumi.all([bucket.bucketRegionalDomainName, block.id]).apply(([domain]) => `https://${domain}`),
    resourceId: bucket.arn,
  };
};
