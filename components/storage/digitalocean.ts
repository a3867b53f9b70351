/**
 * ObjectStorage on DigitalOcean: a Spaces bucket with a private ACL and versioning. Spaces encrypts
 * every object at rest with provider-managed keys (no customer-managed option exists) and has no
 * tags.
 */
import * as pulumi from "@pulumi/pulumi";
import { SpacesBucket } from "@pulumi/digitalocean/spacesBucket";
import { keptName } from "../naming";
import { type Impl, statefulOpts } from "../registry";
import type { ObjectStorageArgs, ObjectStorageOutputs } from "./contract";

export const digitalocean: Impl<"digitalocean", ObjectStorageArgs, ObjectStorageOutputs> = (name, args, parent) => {
  const { target } = args;
  const bucket = new SpacesBucket(
    name,
    {
      name: keptName(name, target, "spacesBucket", [target.stack, name], parent),
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
  return { bucketName: bucket.name, endpoint: pulumi.interpolate`https://${bucket.bucketDomainName}`, resourceId: bucket.bucketUrn };
};
