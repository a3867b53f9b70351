/**
 * Postgres on GCP: Cloud SQL for PostgreSQL with no public IP, reached over the network's private
 * services access, SSL-only connections, regional HA when asked, automated backups with
 * point-in-time recovery, and deletion protection both in Pulumi and in the Cloud SQL API; with a
 * customer-managed key, Cloud SQL's service agent is created and granted the key first.
 */
import * as pulumi from "@pulumi/pulumi";
import { Database } from "@pulumi/gcp/sql/database";
import { DatabaseInstance } from "@pulumi/gcp/sql/databaseInstance";
import { User } from "@pulumi/gcp/sql/user";
import { ServiceIdentity } from "@pulumi/gcp/projects/serviceIdentity";
import { enableApis, grantKeyToAgent } from "../gcp-project";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { gcpLabels } from "../tags";
import { adminPassword, type PostgresArgs, type PostgresOutputs, settings } from "./contract";

export const gcp: Impl<"gcp", PostgresArgs, PostgresOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = settings(args);
  const apis = enableApis(target, "sqladmin");
  const opts = childOpts(parent, target, { dependsOn: apis });
  const key = args.customerManagedKey;
  // Cloud SQL's service agent exists only once asked for; it must be allowed to use the stack's key
  // (https://cloud.google.com/sql/docs/postgres/configure-cmek#service-account).
  const grants =
    key === undefined ? [] : [grantKeyToAgent(name, target, parent, key, new ServiceIdentity(`${name}-agent`, { project: target.project, service: "sqladmin.googleapis.com" }, opts).member)];
  const password = adminPassword(name, parent);
  // Private IP needs the network's private services access connection first.
  const privateNetwork = pulumi.all([network.networkId, network.privateServices]).apply(([id]) => id);
  const instance = new DatabaseInstance(
    name,
    {
      name: keptName(name, target, "cloudSqlInstance", [target.stack, name], parent),
      project: target.project,
      region: target.region,
      databaseVersion: `POSTGRES_${s.version}`,
      deletionProtection: s.deletionProtection,
      ...(args.customerManagedKey !== undefined ? { encryptionKeyName: args.customerManagedKey } : {}),
      settings: {
        tier: args.size,
        edition: "ENTERPRISE",
        availabilityType: s.highAvailability ? "REGIONAL" : "ZONAL",
        diskSize: s.storageGb,
        diskType: "PD_SSD",
        diskAutoresize: true,
        deletionProtectionEnabled: s.deletionProtection,
        ipConfiguration: { ipv4Enabled: false, privateNetwork, sslMode: "ENCRYPTED_ONLY" },
        backupConfiguration: {
          enabled: true,
          pointInTimeRecoveryEnabled: true,
          transactionLogRetentionDays: Math.min(7, s.backupRetentionDays),
          backupRetentionSettings: { retainedBackups: s.backupRetentionDays, retentionUnit: "COUNT" },
        },
        userLabels: gcpLabels(target, name, args.labels),
      },
    },
    statefulOpts(parent, target, args.protect, { dependsOn: [...apis, ...grants] }),
  );
  const database = new Database(name, { name: s.databaseName, project: target.project, instance: instance.name }, opts);
  const user = new User(name, { name: s.username, project: target.project, instance: instance.name, password }, opts);
  return { host: instance.privateIpAddress, port: pulumi.output(5432), databaseName: database.name, username: user.name, password, resourceId: pulumi.interpolate`${target.project}:${instance.name}`, replicationSource: instance.name };
};
