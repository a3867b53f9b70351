/**
 * ObjectStorage on GCP: one Cloud Storage bucket with uniform bucket-level access, public access
 * prevention enforced, versioning, optional CMEK and a lifecycle rule for previous versions. With
 * CMEK, the project's Cloud Storage service agent (read, and created if missing, with
 * getProjectServiceAccount) may use the key before the bucket is created.
 */
import * as pulumi from "@pulumi/pulumi";
import { Bucket } from "@pulumi/gcp/storage/bucket";
import { getProjectServiceAccountOutput } from "@pulumi/gcp/storage/getProjectServiceAccount";
import { keptName } from "../naming";
import { enableApis, grantKeyToAgent } from "../gcp-project";
import { type Impl, statefulOpts } from "../registry";
import { gcpLabels } from "../tags";
import type { ObjectStorageArgs, ObjectStorageOutputs } from "./contract";

export const gcp: Impl<"gcp", ObjectStorageArgs, ObjectStorageOutputs> = (name, args, parent) => {
  const { target } = args;
  const apis = enableApis(target, "storage");
  const cmk = args.customerManagedKey;
  const grant =
    cmk === undefined
      ? []
      : [grantKeyToAgent(name, target, parent, cmk, getProjectServiceAccountOutput({ project: target.project }, { parent, provider: target.provider, dependsOn: apis }).member)];
  const bucket = new Bucket(
    name,
    {
      name: keptName(name, target, "gcsBucket", [target.stack, name], parent),
      project: target.project,
      location: target.region.toUpperCase(),
      storageClass: args.gcp?.storageClass ?? "STANDARD",
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      versioning: { enabled: args.versioning !== false },
      forceDestroy: false,
      ...(args.customerManagedKey !== undefined ? { encryption: { defaultKmsKeyName: args.customerManagedKey } } : {}),
      ...(args.retentionDays !== undefined
        ? { lifecycleRules: [{ action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: args.retentionDays, withState: "ARCHIVED" } }] }
        : {}),
      labels: gcpLabels(target, name, args.labels),
    },
    statefulOpts(parent, target, args.protect, { dependsOn: [...apis, ...grant] }),
  );
  return { bucketName: bucket.name, endpoint: pulumi.interpolate`https://storage.googleapis.com/${bucket.name}`, resourceId: bucket.name };
};
