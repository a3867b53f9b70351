/**
 * ObjectStorage on DigitalOcean: a Spaces bucket with a private ACL and versioning. Spaces encrypts
 * every object at rest with provider-managed keys (no customer-managed option exists) and has no
 * tags.
 */
import * as pulumi from "@pulumi/pulumi";
import { SpacesBucket } from "@pulumi/digitalocean/spacesBucket";
import { SpacesBucketLogging } from "@pulumi/digitalocean/spacesBucketLogging";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { accessLogDays, type ObjectStorageArgs, type ObjectStorageOutputs } from "./contract";

export const digitalocean: Impl<"digitalocean", ObjectStorageArgs, ObjectStorageOutputs> = (name, args, parent) => {
  const { target } = args;
  const bucketName = keptName(name, target, "spacesBucket", [target.stack, name], parent);
  const bucket = new SpacesBucket(
    name,
    {
      name: bucketName,
      region: target.region,
      acl: "private",
      versioning: { enabled: args.versioning !== false },
      forceDestroy: false,
      ...(args.retentionDays !== undefined
        ? { lifecycleRules: [{ id: "expire-previous-versions", enabled: true, noncurrentVersionExpiration: { days: args.retentionDays } }] }
        : {}),
    },
    statefulOpts(parent, target, args.protect),
  );
  const days = accessLogDays(args);
  if (days !== undefined) {
    // Spaces delivers access logs to another Space (docs.digitalocean.com/products/spaces/how-to/access-logs).
    const logs = new SpacesBucket(
      `${name}-access-logs`,
      {
        name: keptName(`${name}-access-logs`, target, "spacesBucket", [target.stack, name, "access-logs"], parent),
        region: target.region,
        acl: "private",
        versioning: { enabled: true },
        forceDestroy: false,
        lifecycleRules: [{ id: "expire-logs", enabled: true, expiration: { days }, noncurrentVersionExpiration: { days: 30 } }],
      },
      statefulOpts(parent, target, args.protect),
    );
    new SpacesBucketLogging(`${name}-logging`, { bucket: bucket.name, region: target.region, targetBucket: logs.name, targetPrefix: pulumi.interpolate`${bucket.name}/` }, childOpts(parent, target));
  }
  return { bucketName: bucket.name, endpoint: pulumi.interpolate`https://${bucket.bucketDomainName}`, resourceId: bucket.bucketUrn };
};
