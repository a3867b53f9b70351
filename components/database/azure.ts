/**
 * Postgres on Azure: Database for PostgreSQL flexible server with public network access off,
 * reached through a private endpoint in the private subnet (registered in the network's privatelink
 * DNS zone), TLS required, HA when asked (zone-redundant where the region has availability zones,
 * same-zone elsewhere), and a CanNotDelete lock as its
 * deletion protection. Storage is encrypted with platform keys, or with `customerManagedKey`
 * through a user-assigned identity.
 */
import * as pulumi from "@pulumi/pulumi";
import { ManagementLockByScope } from "@pulumi/azure-native/authorization/managementLockByScope";
import { Database } from "@pulumi/azure-native/dbforpostgresql/database";
import { Server } from "@pulumi/azure-native/dbforpostgresql/server";
import { azurePostgresHaMode } from "../../core/zones";
import { flexibleServerPrivateAccess } from "./azure-access";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { adminPassword, type PostgresArgs, type PostgresOutputs, settings } from "./contract";

/** Flexible server disk sizes (GB); a request rounds up to the next one. */
const STORAGE_SIZES = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];

/** Tier of a flexible-server SKU name. */
export const azureTier = (size: string) => (/^Standard_B/.test(size) ? "Burstable" : /^Standard_E/.test(size) ? "MemoryOptimized" : "GeneralPurpose");

export const azure: Impl<"azure", PostgresArgs, PostgresOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = settings(args);
  const opts = childOpts(parent, target);
  const rg = target.resourceGroupName;
  const t = tags(target, name, args.labels);
  const password = adminPassword(name, parent);

  const server = new Server(
    name,
    {
      resourceGroupName: rg,
      location: target.region,
      serverName: keptName(name, target, "postgresFlexibleServer", [target.stack, name], parent),
      version: s.version,
      sku: { name: args.size, tier: azureTier(args.size) },
      storage: { storageSizeGB: STORAGE_SIZES.find((g) => g >= s.storageGb) ?? 32767, autoGrow: "Enabled" },
      backup: { backupRetentionDays: s.backupRetentionDays, geoRedundantBackup: "Disabled" },
      // Zone-redundant where the region has zones; a zoneless region only offers a same-zone standby.
      highAvailability: { mode: s.highAvailability ? azurePostgresHaMode(target.facts.zones) : "Disabled" },
      network: { publicNetworkAccess: "Disabled" },
      ...(args.customerManagedKey !== undefined
        ? {
            identity: { type: "UserAssigned", userAssignedIdentities: pulumi.output(args.azure!.encryptionIdentityId!).apply((id) => ({ [id]: {} })) },
            dataEncryption: { type: "AzureKeyVault", primaryKeyURI: args.customerManagedKey, primaryUserAssignedIdentityId: args.azure!.encryptionIdentityId! },
          }
        : {}),
      administratorLogin: s.username,
      administratorLoginPassword: password,
      tags: t,
    },
    statefulOpts(parent, target, args.protect),
  );
  const database = new Database(name, { resourceGroupName: rg, serverName: server.name, databaseName: s.databaseName, charset: "UTF8", collation: "en_US.utf8" }, opts);
  flexibleServerPrivateAccess(name, server, rg, target.region, network, t, opts);
  if (s.deletionProtection) {
    new ManagementLockByScope(`${name}-lock`, { scope: server.id, level: "CanNotDelete", notes: "tessera: deletion protection for the database" }, opts);
  }
  return { host: server.fullyQualifiedDomainName, port: pulumi.output(5432), databaseName: database.name, username: pulumi.output(s.username), password, resourceId: server.id, replicationSource: server.id };
};
