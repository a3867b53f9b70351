/**
 * Postgres on OCI: Database with PostgreSQL on a flex shape in the private subnet, with
 * regionally durable OCI-optimized storage (encrypted by OCI, sized automatically), a second
 * instance for HA, daily backups kept the asked number of days, and the generated password.
 * OCI has no deletion-protection flag: `protect` guards the database system.
 */
import * as pulumi from "@pulumi/pulumi";
import { DbSystem } from "@pulumi/oci/psql/dbSystem";
import { physicalName } from "../../core/naming";
import { parseOciFlex } from "../../core/skus";
import { type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { adminPassword, type PostgresArgs, type PostgresOutputs, settings } from "./contract";

export const oci: Impl<"oci", PostgresArgs, PostgresOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = settings(args);
  const password = adminPassword(name, parent);
  const flex = parseOciFlex(args.size);
  // A standby's region receives copies of the daily backups (the only cross-region copy OCI has).
  const copies = [...(args.oci?.backupCopyRegions ?? [])];
  const db = new DbSystem(
    name,
    {
      compartmentId: target.compartmentId,
      displayName: physicalName("oci", "displayName", [target.stack, name]),
      dbVersion: s.version,
      shape: flex?.shape ?? args.size,
      ...(flex ? { instanceOcpuCount: flex.ocpus, instanceMemorySizeInGbs: flex.memoryGib } : {}),
      instanceCount: s.highAvailability ? 2 : 1,
      storageDetails: { systemType: "OCI_OPTIMIZED_STORAGE", isRegionallyDurable: true },
      networkDetails: { subnetId: network.privateSubnetIds.apply((ids) => ids[0]!) },
      credentials: { username: s.username, passwordDetails: { passwordType: "PLAIN_TEXT", password } },
      managementPolicy: { backupPolicy: { kind: "DAILY", retentionDays: s.backupRetentionDays, backupStart: "02:00", ...(copies.length > 0 ? { copyPolicy: { compartmentId: target.compartmentId, regions: copies, retentionPeriod: args.oci?.backupCopyRetentionDays ?? s.backupRetentionDays } } : {}) } },
      ...(args.oci?.restoreFromBackupId !== undefined ? { source: { sourceType: "BACKUP", backupId: args.oci.restoreFromBackupId } } : {}),
      freeformTags: tags(target, name, args.labels),
    },
    statefulOpts(parent, target, args.protect),
  );
  return {
    host: db.networkDetails.apply((n) => n.primaryDbEndpointPrivateIp ?? ""),
    port: pulumi.output(5432),
    databaseName: pulumi.output("postgres"),
    username: pulumi.output(s.username),
    password,
    resourceId: db.id,
    replicationSource: db.id,
  };
};
