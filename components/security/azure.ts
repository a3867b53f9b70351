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
  const tenantId = getClientConfigOutput({ parent, provider: target.provider }).tenantId;
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
  return { keyId: key.keyUri, storeId: vault.properties.apply((p) => p.vaultUri ?? ""), secretIds: secretIdMap(ids) };
};
