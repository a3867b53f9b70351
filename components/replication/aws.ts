/**
 * BucketReplication on AWS: S3 Replication from the primary's bucket (configuration on the source
 * side) into the standby's, with Replication Time Control (the 15-minute SLA the plan quotes) and
 * its metrics, delete markers replicated, and SSE-KMS objects re-encrypted with a rotating key in
 * the destination region. The IAM role S3 assumes may read the source's versions and decrypt them
 * through S3 in the source region only, and write replicas encrypted with the destination key
 * (AWS S3 User Guide, "Setting up permissions for live replication" and "Replicating encrypted
 * objects"). Both buckets must be versioned first ("Destination bucket must have versioning
 * enabled"), hence `after`.
 */
import * as pulumi from "@pulumi/pulumi";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { Key } from "@pulumi/aws/kms/key";
import { BucketReplicationConfig } from "@pulumi/aws/s3/bucketReplicationConfig";
import { replicaOf } from "../../core/tags";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import type { BucketReplicationArgs, BucketReplicationOutputs } from "./contract";

export const aws: Impl<"aws", BucketReplicationArgs, BucketReplicationOutputs> = (name, args, parent) => {
  const { target, source, destination } = args;
  const from = source.target;
  const t = tags(target, name, replicaOf(from.cloud, from.region));
  const dst = childOpts(parent, target);
  // The configuration and the role belong to the source bucket's side (IAM is global).
  const src = childOpts(parent, from);
  const key = new Key(`${name}-key`, { description: `tessera ${name}: replicas in ${target.region}`, enableKeyRotation: true, deletionWindowInDays: 30, tags: t }, dst);
  const role = new Role(
    `${name}-role`,
    {
      description: `tessera ${name}: S3 replication to ${target.region}`,
      assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
      tags: tags(from, name),
    },
    src,
  );
  new RolePolicy(
    `${name}-policy`,
    {
      role: role.id,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: [source.resourceId] },
          { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: [pulumi.interpolate`${source.resourceId}/*`] },
          { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: [pulumi.interpolate`${destination.resourceId}/*`] },
          {
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: "*",
            Condition: { StringLike: { "kms:ViaService": `s3.${from.region}.amazonaws.com`, "kms:EncryptionContext:aws:s3:arn": [pulumi.interpolate`${source.resourceId}/*`] } },
          },
          {
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:GenerateDataKey"],
            Resource: [key.arn],
            Condition: { StringLike: { "kms:ViaService": `s3.${target.region}.amazonaws.com`, "kms:EncryptionContext:aws:s3:arn": [pulumi.interpolate`${destination.resourceId}/*`] } },
          },
        ],
      }),
    },
    src,
  );
  const config = new BucketReplicationConfig(
    name,
    {
      bucket: source.bucketName,
      role: role.arn,
      rules: [
        {
          id: "tessera-standby",
          status: "Enabled",
          priority: 1,
          filter: {},
          deleteMarkerReplication: { status: "Enabled" },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
          destination: {
            bucket: destination.resourceId,
            storageClass: "STANDARD",
            encryptionConfiguration: { replicaKmsKeyId: key.arn },
            replicationTime: { status: "Enabled", time: { minutes: 15 } },
            metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
          },
        },
      ],
    },
    { ...src, dependsOn: [...(args.after ?? [])] },
  );
  return { replicationId: config.id };
};
