/**
 * ObjectStorage on Azure: StorageAccount (no public blob access, TLS 1.2, HTTPS only, shared keys
 * off, infrastructure encryption) + blob service properties (versioning, soft delete) + a private
 * BlobContainer + optional lifecycle policy expiring previous versions.
 */
import * as pulumi from "@pulumi/pulumi";
import { BlobContainer } from "@pulumi/azure-native/storage/blobContainer";
import { BlobServiceProperties } from "@pulumi/azure-native/storage/blobServiceProperties";
import { ManagementPolicy } from "@pulumi/azure-native/storage/managementPolicy";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import { DiagnosticSetting } from "@pulumi/azure-native/monitor/diagnosticSetting";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { physicalName } from "../../core/naming";
import { azureStorageSku } from "../../core/zones";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { LOG_STORE_LABEL } from "../retention";
import { accessLogDays, type ObjectStorageArgs, type ObjectStorageOutputs } from "./contract";

/** The blob service's resource log categories (Azure Monitor, "Microsoft.Storage/storageAccounts/blobServices"). */
export const BLOB_LOG_CATEGORIES = ["StorageRead", "StorageWrite", "StorageDelete"] as const;

/** Splits a Key Vault key URL into the vault URI and key name Azure's encryption settings take. */
function keyVaultKey(url: string): { keyVaultUri: string; keyName: string } {
  const m = /^(https:\/\/[^/]+)\/keys\/([^/]+)/.exec(url);
  if (!m) throw new pulumi.InputPropertyError({ propertyPath: "customerManagedKey", reason: `customerManagedKey: "${url}" is not a Key Vault key URL (https://<vault>.vault.azure.net/keys/<name>)` });
  return { keyVaultUri: m[1]!, keyName: m[2]! };
}

export const azure: Impl<"azure", ObjectStorageArgs, ObjectStorageOutputs> = (name, args, parent) => {
  const { target } = args;
  const opts = childOpts(parent, target);
  const cmk = args.customerManagedKey;
  const account = new StorageAccount(
    name,
    {
      accountName: keptName(name, target, "storageAccount", [target.stack, name], parent),
      resourceGroupName: target.resourceGroupName,
      location: target.region,
      kind: "StorageV2",
      // Zone-redundant only where the region has availability zones (westus refuses ZRS).
      sku: { name: args.azure?.sku ?? azureStorageSku(target.facts.zones) },
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      encryption: {
        requireInfrastructureEncryption: true,
        services: { blob: { enabled: true, keyType: "Account" } },
        ...(cmk !== undefined
          ? {
              keySource: "Microsoft.Keyvault",
              keyVaultProperties: pulumi.output(cmk).apply(keyVaultKey),
              encryptionIdentity: { encryptionUserAssignedIdentity: args.azure!.encryptionIdentityId! },
            }
          : { keySource: "Microsoft.Storage" }),
      },
      ...(cmk !== undefined ? { identity: { type: "UserAssigned", userAssignedIdentities: [args.azure!.encryptionIdentityId!] } } : {}),
      tags: tags(target, name, args.labels),
    },
    statefulOpts(parent, target, args.protect),
  );
  const versioned = args.versioning !== false;
  const service = new BlobServiceProperties(
    `${name}-blob`,
    {
      accountName: account.name,
      resourceGroupName: target.resourceGroupName,
      blobServicesName: "default",
      isVersioningEnabled: versioned,
      ...(args.azure?.changeFeed ? { changeFeed: { enabled: true } } : {}),
      deleteRetentionPolicy: { enabled: true, days: 7 },
      containerDeleteRetentionPolicy: { enabled: true, days: 7 },
    },
    opts,
  );
  const container = new BlobContainer(
    `${name}-container`,
    { accountName: account.name, resourceGroupName: target.resourceGroupName, containerName: physicalName("azure", "blobContainer", [name]), publicAccess: "None" },
    statefulOpts(parent, target, args.protect, { dependsOn: [service] }),
  );
  if (args.retentionDays !== undefined) {
    new ManagementPolicy(
      `${name}-lifecycle`,
      {
        accountName: account.name,
        resourceGroupName: target.resourceGroupName,
        managementPolicyName: "default",
        policy: {
          rules: [
            {
              name: "expire-previous-versions",
              enabled: true,
              type: "Lifecycle",
              definition: { actions: { version: { delete: { daysAfterCreationGreaterThan: args.retentionDays } } }, filters: { blobTypes: ["blockBlob"] } },
            },
          ],
        },
      },
      opts,
    );
  }
  const days = accessLogDays(args);
  if (days !== undefined) {
    const own = args.accessLogs ? args.accessLogs.workspaceId : undefined;
    const workspaceId =
      own ??
      new Workspace(
        `${name}-access-logs`,
        {
          resourceGroupName: target.resourceGroupName,
          location: target.region,
          workspaceName: keptName(`${name}-access-logs`, target, "logAnalyticsWorkspace", [target.stack, name, "access-logs"], parent),
          sku: { name: "PerGB2018" },
          // Log Analytics keeps 30-730 days of interactive retention.
          retentionInDays: Math.min(730, Math.max(30, days)),
          tags: tags(target, name, { ...args.labels, [LOG_STORE_LABEL]: "access" }),
        },
        opts,
      ).id;
    new DiagnosticSetting(
      `${name}-access-logs`,
      { name: "tessera-access-logs", resourceUri: pulumi.interpolate`${account.id}/blobServices/default`, workspaceId, logs: BLOB_LOG_CATEGORIES.map((category) => ({ category, enabled: true })) },
      { ...opts, dependsOn: [service] },
    );
  }
  return {
    bucketName: container.name,
    endpoint: pulumi.interpolate`${account.primaryEndpoints.blob}${container.name}`,
    resourceId: account.id,
  };
};
