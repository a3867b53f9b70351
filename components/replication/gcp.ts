/**
 * BucketReplication on GCP: a Storage Transfer Service job into the standby's bucket, every hour
 * (the shortest repeat interval the service allows), from
 *
 * - another Cloud Storage bucket (same cloud): the transfer service agent reads the source and
 *   writes the sink (`roles/storage.objectViewer` + `roles/storage.legacyBucketReader` on the
 *   source, `roles/storage.legacyBucketWriter` on the sink: "Configure access to a source: Cloud
 *   Storage");
 * - S3: an IAM role in the source account that the agent assumes with Google identity federation
 *   (`accounts.google.com`, the agent's `subjectId`), allowed to list and read the bucket and to
 *   decrypt through S3 only ("Configure access to a source: Amazon S3", federated identity);
 * - Azure Blob: a user-assigned managed identity federated with the agent's Google identity and
 *   granted Storage Blob Data Reader on the source account — the account has shared keys off, so
 *   SAS tokens are not an option ("Configure access to a source: Microsoft Azure Storage",
 *   federated identity).
 *
 * Objects are copied when they differ; objects deleted at the source stay in the sink (a standby
 * keeps what it has). The transfer API (`storagetransfer.googleapis.com`) must be enabled in the
 * project.
 */
import * as pulumi from "@pulumi/pulumi";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { FederatedIdentityCredential } from "@pulumi/azure-native/managedidentity/federatedIdentityCredential";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { BucketIAMMember } from "@pulumi/gcp/storage/bucketIAMMember";
import { getTransferProjectServiceAccountOutput } from "@pulumi/gcp/storage/getTransferProjectServiceAccount";
import { TransferJob } from "@pulumi/gcp/storage/transferJob";
import { physicalName } from "../../core/naming";
import { enableApis } from "../gcp-project";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { type BucketReplicationArgs, type BucketReplicationOutputs, lastSegment } from "./contract";

/** Azure's built-in Storage Blob Data Reader role. */
export const STORAGE_BLOB_DATA_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
/** Storage Transfer Service's shortest repeat interval. */
export const HOURLY = "3600s";
/** A fixed first day, so the schedule never shows a diff (a past date starts the next day). */
const START = { year: 2026, month: 1, day: 1 };

export const gcp: Impl<"gcp", BucketReplicationArgs, BucketReplicationOutputs> = (name, args, parent) => {
  const { target, source, destination } = args;
  const from = source.target;
  const dst = childOpts(parent, target, { dependsOn: enableApis(target, "storage") });
  const agent = getTransferProjectServiceAccountOutput({ project: target.project }, { parent, provider: target.provider });
  const grants: pulumi.Resource[] = [
    new BucketIAMMember(`${name}-sink`, { bucket: destination.bucketName, role: "roles/storage.legacyBucketWriter", member: agent.member }, dst),
  ];
  let spec: Record<string, unknown>;
  switch (from.cloud) {
    case "gcp": {
      const src = childOpts(parent, from, { dependsOn: enableApis(from, "storage") });
      grants.push(
        new BucketIAMMember(`${name}-source-read`, { bucket: source.bucketName, role: "roles/storage.objectViewer", member: agent.member }, src),
        new BucketIAMMember(`${name}-source-list`, { bucket: source.bucketName, role: "roles/storage.legacyBucketReader", member: agent.member }, src),
      );
      spec = { gcsDataSource: { bucketName: source.bucketName } };
      break;
    }
    case "aws": {
      const src = childOpts(parent, from);
      const role = new Role(
        `${name}-role`,
        {
          description: `tessera ${name}: Google Storage Transfer Service reads the bucket`,
          assumeRolePolicy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "accounts.google.com:sub": agent.subjectId } } }],
          }),
          tags: tags(from, name),
        },
        src,
      );
      grants.push(
        new RolePolicy(
          `${name}-policy`,
          {
            role: role.id,
            policy: pulumi.jsonStringify({
              Version: "2012-10-17",
              Statement: [
                { Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: [source.resourceId] },
                { Effect: "Allow", Action: ["s3:GetObject"], Resource: [pulumi.interpolate`${source.resourceId}/*`] },
                { Effect: "Allow", Action: ["kms:Decrypt"], Resource: "*", Condition: { StringLike: { "kms:ViaService": `s3.${from.region}.amazonaws.com` } } },
              ],
            }),
          },
          src,
        ),
      );
      spec = { awsS3DataSource: { bucketName: source.bucketName, roleArn: role.arn } };
      break;
    }
    case "azure": {
      const src = childOpts(parent, from);
      const identity = new UserAssignedIdentity(
        `${name}-reader`,
        { resourceGroupName: from.resourceGroupName, location: from.region, resourceName: physicalName("azure", "userAssignedIdentity", [from.stack, name, "reader"]), tags: tags(from, name) },
        src,
      );
      const federation = new FederatedIdentityCredential(
        `${name}-google`,
        { resourceGroupName: from.resourceGroupName, resourceName: identity.name, federatedIdentityCredentialResourceName: "google-storage-transfer", issuer: "https://accounts.google.com", subject: agent.subjectId, audiences: ["api://AzureADTokenExchange"] },
        src,
      );
      const subscription = pulumi.output(source.resourceId).apply((id) => id.split("/")[2] ?? "");
      const reader = new RoleAssignment(
        `${name}-read`,
        {
          scope: source.resourceId,
          roleDefinitionId: pulumi.interpolate`/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_BLOB_DATA_READER}`,
          principalId: identity.principalId,
          principalType: "ServicePrincipal",
        },
        src,
      );
      grants.push(federation, reader);
      spec = {
        azureBlobStorageDataSource: {
          storageAccount: pulumi.output(source.resourceId).apply(lastSegment),
          container: source.bucketName,
          federatedIdentityConfig: { clientId: identity.clientId, tenantId: identity.tenantId },
        },
      };
      break;
    }
    default:
      throw new Error(`unreachable: ${from.cloud} → gcp is validated unsupported`);
  }
  const job = new TransferJob(
    name,
    {
      project: target.project,
      description: `tessera ${target.stack} ${name}: ${from.cloud} ${from.region} to ${target.region}`,
      status: "ENABLED",
      transferSpec: {
        ...spec,
        gcsDataSink: { bucketName: destination.bucketName },
        transferOptions: { overwriteWhen: "DIFFERENT", deleteObjectsUniqueInSink: false },
      },
      schedule: { scheduleStartDate: START, repeatInterval: HOURLY },
    },
    { ...dst, dependsOn: [...enableApis(target, "storage", "storagetransfer"), ...grants, ...(args.after ?? [])] },
  );
  return { replicationId: job.name };
};
