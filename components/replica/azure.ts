/**
 * PostgresReplica on Azure: a flexible server geo read replica (`createMode: Replica` with the
 * source server's resource id, in the standby region). A replica takes the source's version,
 * admin login and data; it needs a General Purpose or Memory Optimized size, has no backups or HA
 * of its own until promoted, and does not inherit the source's network settings, so it gets its
 * own private endpoint in the standby network (Microsoft Learn, "Read replicas in Azure Database
 * for PostgreSQL flexible server"). `replica.promoteMode: Standalone` promotes it in place.
 */
import * as pulumi from "@pulumi/pulumi";
import { ManagementLockByScope } from "@pulumi/azure-native/authorization/managementLockByScope";
import { Server } from "@pulumi/azure-native/dbforpostgresql/server";
import { replicaOf } from "../../core/tags";
import { azureTier } from "../database/azure";
import { flexibleServerPrivateAccess } from "../database/azure-access";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type PostgresReplicaArgs, type PostgresReplicaOutputs, replicaSettings } from "./contract";

const STORAGE_SIZES = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];

export const azure: Impl<"azure", PostgresReplicaArgs, PostgresReplicaOutputs> = (name, args, parent) => {
  const { target, network, source } = args;
  const s = replicaSettings(args);
  const opts = childOpts(parent, target);
  const rg = target.resourceGroupName;
  const t = tags(target, name, { ...args.labels, ...replicaOf(source.target.cloud, source.target.region) });

  const server = new Server(
    name,
    {
      resourceGroupName: rg,
      location: target.region,
      serverName: keptName(name, target, "postgresFlexibleServer", [target.stack, name], parent),
      createMode: "Replica",
      sourceServerResourceId: source.replicationSource,
      version: s.version,
      sku: { name: args.size, tier: azureTier(args.size) },
      storage: { storageSizeGB: STORAGE_SIZES.find((g) => g >= s.storageGb) ?? 32767, autoGrow: "Enabled" },
      network: { publicNetworkAccess: "Disabled" },
      // A replica of a server on the stack's key is encrypted with the standby region's key.
      ...(args.customerManagedKey !== undefined
        ? {
            identity: { type: "UserAssigned", userAssignedIdentities: pulumi.output(args.azure!.encryptionIdentityId!).apply((id) => ({ [id]: {} })) },
            dataEncryption: { type: "AzureKeyVault", primaryKeyURI: args.customerManagedKey, primaryUserAssignedIdentityId: args.azure!.encryptionIdentityId! },
          }
        : {}),
      ...(s.promoted
        ? { replica: { promoteMode: "Standalone", promoteOption: s.promoteOption === "planned" ? "Planned" : "Forced" }, backup: { backupRetentionDays: s.backupRetentionDays, geoRedundantBackup: "Disabled" } }
        : {}),
      tags: t,
    },
    statefulOpts(parent, target, args.protect),
  );
  flexibleServerPrivateAccess(name, server, rg, target.region, network, t, opts);
  if (s.deletionProtection) {
    new ManagementLockByScope(`${name}-lock`, { scope: server.id, level: "CanNotDelete", notes: "tessera: deletion protection for the database replica" }, opts);
  }
  return { host: server.fullyQualifiedDomainName, port: pulumi.output(5432), resourceId: server.id };
};
