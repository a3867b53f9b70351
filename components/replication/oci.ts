/**
 * BucketReplication on OCI: an Object Storage replication policy on the source bucket, plus the IAM
 * policy that lets the source region's Object Storage service write into the compartment ("Allow
 * service objectstorage-<region> to manage object-family …", OCI docs "Using Replication"). The
 * destination becomes read-only and must not be versioned (OCI forbids versioning on a replication
 * destination), so the program builds the standby's bucket unversioned.
 */
import * as pulumi from "@pulumi/pulumi";
import { Policy } from "@pulumi/oci/identity/policy";
import { getNamespaceOutput } from "@pulumi/oci/objectstorage/getNamespace";
import { ReplicationPolicy } from "@pulumi/oci/objectstorage/replicationPolicy";
import { physicalName } from "../../core/naming";
import { replicaOf } from "../../core/tags";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import type { BucketReplicationArgs, BucketReplicationOutputs } from "./contract";

export const oci: Impl<"oci", BucketReplicationArgs, BucketReplicationOutputs> = (name, args, parent) => {
  const { target, source, destination } = args;
  const from = source.target;
  if (from.cloud !== "oci") throw new Error("unreachable: validated same-cloud");
  const src = childOpts(parent, from);
  const grant = new Policy(
    `${name}-grant`,
    {
      compartmentId: target.compartmentId,
      name: physicalName("oci", "iamPolicy", [target.stack, name, "replication"]),
      description: `tessera ${name}: Object Storage in ${from.region} replicates into this compartment`,
      statements: [pulumi.interpolate`Allow service objectstorage-${from.region} to manage object-family in compartment id ${target.compartmentId}`],
      freeformTags: tags(target, name, replicaOf(from.cloud, from.region)),
    },
    childOpts(parent, target),
  );
  const namespace = getNamespaceOutput({ compartmentId: from.compartmentId }, { parent, provider: from.provider }).namespace;
  const policy = new ReplicationPolicy(
    name,
    { bucket: source.bucketName, namespace, name: physicalName("oci", "displayName", [target.stack, name]), destinationBucketName: destination.bucketName, destinationRegionName: target.region },
    { ...src, dependsOn: [grant, ...(args.after ?? [])] },
  );
  return { replicationId: policy.id };
};
