/**
 * Secrets on Azure: a Key Vault (RBAC authorization, soft delete and purge protection, network
 * default deny with trusted Azure services allowed) holding an RSA-3072 key that rotates every 90
 * days, and one Key Vault secret per value.
 */
import * as pulumi from "@pulumi/pulumi";
import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import { Key } from "@pulumi/azure-native/keyvault/key";
import { Secret } from "@pulumi/azure-native/keyvault/secret";
import { Vault } from "@pulumi/azure-native/keyvault/vault";
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { DiskEncryptionSet } from "@pulumi/azure-native/compute/diskEncryptionSet";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { physicalName } from "../../core/naming";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type SecretsArgs, type SecretsOutputs, secretIdMap, secretSettings } from "./contract";

export const azure: Impl<"azure", SecretsArgs, SecretsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = secretSettings(args);
  const opts = childOpts(parent, target);
  const rg = target.resourceGroupName;
  const t = tags(target, name, args.labels);
  const client = getClientConfigOutput({ parent, provider: target.provider });
  const tenantId = client.tenantId;
  const vault = new Vault(
    name,
    {
      resourceGroupName: rg,
      location: target.region,
      vaultName: keptName(name, target, "keyVault", [target.stack, name], parent),
      properties: {
        tenantId,
        sku: { family: "A", name: "standard" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: s.recoveryDays,
        enablePurgeProtection: true,
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
      },
      tags: t,
    },
    statefulOpts(parent, target, args.protect),
  );
  const key = new Key(
    name,
    {
      resourceGroupName: rg,
      vaultName: vault.name,
      keyName: "tessera",
      properties: {
        kty: "RSA",
        keySize: 3072,
        keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
        rotationPolicy: { attributes: { expiryTime: "P1Y" }, lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }] },
      },
      tags: t,
    },
    statefulOpts(parent, target, args.protect),
  );
  const ids = Object.entries(s.secrets).map(([secretName, value]) => {
    const secret = new Secret(`${name}-${secretName}`, { resourceGroupName: rg, vaultName: vault.name, secretName: keptName(`${name}-${secretName}`, target, "keyVaultSecret", [secretName], parent), properties: { value: pulumi.secret(value), contentType: "text/plain" }, tags: t }, opts);
    return secret.id.apply((id): [string, string] => [secretName, id]);
  });
  // "Key Vault Crypto Service Encryption User" (built-in role e147488a-…): wrap and unwrap with the vault's keys.
  const cryptoUser = pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6`;
  const allow = (suffix: string, principalId: pulumi.Input<string>) =>
    new RoleAssignment(`${name}-${suffix}`, { principalId, principalType: "ServicePrincipal", roleDefinitionId: cryptoUser, scope: vault.id, description: `tessera ${target.stack}/${name}: encrypt with the stack's key` }, opts);
  let encryptionIdentityId = pulumi.output("");
  if (s.encrypts.has("object-storage") || s.encrypts.has("database")) {
    const identity = new UserAssignedIdentity(`${name}-encryption`, { resourceGroupName: rg, location: target.region, resourceName: physicalName("azure", "userAssignedIdentity", [target.stack, name, "encryption"]), tags: t }, opts);
    const role = allow("encryption", identity.principalId);
    // Consumers wait for the role: a storage account cannot use a key its identity may not unwrap.
    encryptionIdentityId = pulumi.all([identity.id, role.id]).apply(([id]) => id);
  }
  let diskEncryptionSetId = pulumi.output("");
  if (s.encrypts.has("disks")) {
    const set = new DiskEncryptionSet(
      `${name}-disks`,
      {
        resourceGroupName: rg,
        location: target.region,
        diskEncryptionSetName: physicalName("azure", "diskEncryptionSet", [target.stack, name, "disks"]),
        identity: { type: "SystemAssigned" },
        activeKey: { keyUrl: key.keyUriWithVersion, sourceVault: { id: vault.id } },
        encryptionType: "EncryptionAtRestWithCustomerKey",
        rotationToLatestKeyVersionEnabled: true,
        tags: t,
      },
      opts,
    );
    const role = allow("disks", set.identity.apply((i) => i?.principalId ?? ""));
    diskEncryptionSetId = pulumi.all([set.id, role.id]).apply(([id]) => id);
  }
  return { keyId: key.keyUri, storeId: vault.properties.apply((p) => p.vaultUri ?? ""), secretIds: secretIdMap(ids), encryptionIdentityId, diskEncryptionSetId };
};
