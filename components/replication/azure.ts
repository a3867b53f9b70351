/**
 * BucketReplication on Azure: Blob object replication. The policy is created on the destination
 * account first (id `default`, Azure assigns the policy and rule ids), then on the source account
 * with those ids. Accounts are named by full resource id: accounts that disallow cross-tenant
 * replication (the default since 2023) reject bare names. Versioning on both accounts and the change
 * feed on the source are prerequisites (`ObjectStorage` `azure.changeFeed`); `minCreationTime`
 * 1601-01-01 copies the objects that already exist, not only new ones (Microsoft Learn, "Object
 * replication for block blobs").
 */
import * as pulumi from "@pulumi/pulumi";
import { ObjectReplicationPolicy } from "@pulumi/azure-native/storage/objectReplicationPolicy";
import { childOpts, type Impl } from "../registry";
import { type BucketReplicationArgs, type BucketReplicationOutputs, lastSegment } from "./contract";

/** Copy every existing blob, not only new ones. */
const ALL_EXISTING = "1601-01-01T00:00:00Z";

export const azure: Impl<"azure", BucketReplicationArgs, BucketReplicationOutputs> = (name, args, parent) => {
  const { target, source, destination } = args;
  const from = source.target;
  if (from.cloud !== "azure") throw new Error("unreachable: validated same-cloud");
  const after = { dependsOn: [...(args.after ?? [])] };
  const rule = { sourceContainer: source.bucketName, destinationContainer: destination.bucketName, filters: { minCreationTime: ALL_EXISTING } };
  const onDestination = new ObjectReplicationPolicy(
    `${name}-destination`,
    {
      accountName: pulumi.output(destination.resourceId).apply(lastSegment),
      resourceGroupName: target.resourceGroupName,
      objectReplicationPolicyId: "default",
      sourceAccount: source.resourceId,
      destinationAccount: destination.resourceId,
      rules: [rule],
    },
    childOpts(parent, target, after),
  );
  const onSource = new ObjectReplicationPolicy(
    `${name}-source`,
    {
      accountName: pulumi.output(source.resourceId).apply(lastSegment),
      resourceGroupName: from.resourceGroupName,
      objectReplicationPolicyId: onDestination.policyId,
      sourceAccount: source.resourceId,
      destinationAccount: destination.resourceId,
      rules: [{ ...rule, ruleId: onDestination.rules.apply((rules) => rules?.[0]?.ruleId ?? "") }],
    },
    childOpts(parent, from, after),
  );
  return { replicationId: onSource.policyId };
};
