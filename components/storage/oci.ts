/**
 * ObjectStorage on OCI: an Object Storage bucket with NoPublicAccess, versioning, optional Vault
 * key, and a lifecycle policy for previous versions. The bucket's namespace is the tenancy's,
 * read with an invoke. Lifecycle rules and Vault-key encryption run as the regional Object
 * Storage service, which OCI denies everything until a policy allows it: the component creates
 * those policies (core/oci-policies.ts) and the lifecycle policy and bucket depend on them.
 */
import * as pulumi from "@pulumi/pulumi";
import { Bucket } from "@pulumi/oci/objectstorage/bucket";
import { getNamespaceOutput } from "@pulumi/oci/objectstorage/getNamespace";
import { ObjectLifecyclePolicy } from "@pulumi/oci/objectstorage/objectLifecyclePolicy";
import { Log } from "@pulumi/oci/logging/log";
import { LogGroup } from "@pulumi/oci/logging/logGroup";
import { LOG_STORE_LABEL, ociLogRetention } from "../retention";
import { physicalName } from "../../core/naming";
import { OCI_GRANTS } from "../../core/oci-policies";
import { servicePolicy } from "../oci-policy";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { accessLogDays, type ObjectStorageArgs, type ObjectStorageOutputs } from "./contract";

export const oci: Impl<"oci", ObjectStorageArgs, ObjectStorageOutputs> = (name, args, parent) => {
  const { target } = args;
  const opts = childOpts(parent, target);
  const namespace = getNamespaceOutput({ compartmentId: target.compartmentId }, { parent, provider: target.provider }).namespace;
  const cmk = args.customerManagedKey;
  const keyPolicy =
    cmk === undefined
      ? []
      : [servicePolicy(`${name}-key`, target, parent, "Object Storage may encrypt the bucket with its Vault key", (c) => [pulumi.output(cmk).apply((k) => OCI_GRANTS.objectStorageKey(target.region, c, k))], args.labels)];
  const bucket = new Bucket(
    name,
    {
      compartmentId: target.compartmentId,
      namespace,
      name: physicalName("oci", "bucket", [target.stack, name]),
      accessType: "NoPublicAccess",
      versioning: args.versioning === false ? "Disabled" : "Enabled",
      storageTier: args.oci?.storageTier ?? "Standard",
      ...(cmk !== undefined ? { kmsKeyId: cmk } : {}),
      freeformTags: tags(target, name, args.labels),
    },
    statefulOpts(parent, target, args.protect, { dependsOn: keyPolicy }),
  );
  if (args.retentionDays !== undefined) {
    const lifecycle = servicePolicy(name, target, parent, "Object Storage may run the bucket's lifecycle rules", (c) => [bucket.name.apply((b) => OCI_GRANTS.objectLifecycle(target.region, c, b))], args.labels);
    new ObjectLifecyclePolicy(
      `${name}-lifecycle`,
      {
        bucket: bucket.name,
        namespace,
        rules: [{ name: "expire-previous-versions", action: "DELETE", isEnabled: true, target: "previous-object-versions", timeAmount: String(args.retentionDays), timeUnit: "DAYS" }],
      },
      { ...opts, dependsOn: [lifecycle] },
    );
  }
  const days = accessLogDays(args);
  if (days !== undefined) {
    // Object Storage service logs: every read and every write to the bucket (Logging, source objectstorage).
    const freeformTags = tags(target, name, { ...args.labels, [LOG_STORE_LABEL]: "access" });
    const group = new LogGroup(`${name}-access-logs`, { compartmentId: target.compartmentId, displayName: physicalName("oci", "logGroup", [target.stack, name, "access-logs"]), description: `tessera ${target.stack} ${name}: bucket access logs`, freeformTags }, opts);
    for (const category of ["read", "write"] as const) {
      new Log(
        `${name}-${category}-logs`,
        {
          logGroupId: group.id,
          displayName: physicalName("oci", "log", [name, category]),
          logType: "SERVICE",
          isEnabled: true,
          retentionDuration: ociLogRetention(days),
          configuration: { compartmentId: target.compartmentId, source: { sourceType: "OCISERVICE", service: "objectstorage", category, resource: bucket.name } },
          freeformTags,
        },
        opts,
      );
    }
  }
  return {
    bucketName: bucket.name,
    endpoint: pulumi.interpolate`https://objectstorage.${target.region}.oraclecloud.com/n/${namespace}/b/${bucket.name}`,
    resourceId: bucket.bucketId,
  };
};
