/**
 * PostgresReplica on GCP: a Cloud SQL cross-region read replica (`masterInstanceName`,
 * `instanceType: READ_REPLICA_INSTANCE`) on the standby network's private services access, SSL
 * only. Replicas cannot enable backups (Cloud SQL rejects it), so backups and point-in-time
 * recovery come on with the promotion, which is `instanceType: CLOUD_SQL_INSTANCE` without a
 * master (provider docs: "promote a replica"). The replica is zonal: Cloud SQL read replicas are
 * not regional.
 */
import * as pulumi from "@pulumi/pulumi";
import { ServiceIdentity } from "@pulumi/gcp/projects/serviceIdentity";
import { DatabaseInstance } from "@pulumi/gcp/sql/databaseInstance";
import { replicaOf } from "../../core/tags";
import { enableApis, grantKeyToAgent } from "../gcp-project";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { gcpLabels } from "../tags";
import { type PostgresReplicaArgs, type PostgresReplicaOutputs, replicaSettings } from "./contract";

export const gcp: Impl<"gcp", PostgresReplicaArgs, PostgresReplicaOutputs> = (name, args, parent) => {
  const { target, network, source } = args;
  const s = replicaSettings(args);
  const privateNetwork = pulumi.all([network.networkId, network.privateServices]).apply(([id]) => id);
  const apis = enableApis(target, "sqladmin");
  const key = args.customerManagedKey;
  // Cloud SQL's service agent must be allowed to use the key before the replica names it
  // (https://cloud.google.com/sql/docs/postgres/configure-cmek#service-account).
  const grants =
    key === undefined
      ? []
      : [grantKeyToAgent(name, target, parent, key, new ServiceIdentity(`${name}-agent`, { project: target.project, service: "sqladmin.googleapis.com" }, childOpts(parent, target, { dependsOn: apis })).member)];
  const instance = new DatabaseInstance(
    name,
    {
      name: keptName(name, target, "cloudSqlInstance", [target.stack, name], parent),
      project: target.project,
      region: target.region,
      databaseVersion: `POSTGRES_${s.version}`,
      ...(s.promoted ? { instanceType: "CLOUD_SQL_INSTANCE" } : { instanceType: "READ_REPLICA_INSTANCE", masterInstanceName: source.replicationSource }),
      deletionProtection: s.deletionProtection,
      ...(key !== undefined ? { encryptionKeyName: key } : {}),
      settings: {
        tier: args.size,
        edition: "ENTERPRISE",
        availabilityType: "ZONAL",
        diskSize: s.storageGb,
        diskType: "PD_SSD",
        diskAutoresize: true,
        deletionProtectionEnabled: s.deletionProtection,
        ipConfiguration: { ipv4Enabled: false, privateNetwork, sslMode: "ENCRYPTED_ONLY" },
        backupConfiguration: s.promoted
          ? {
              enabled: true,
              pointInTimeRecoveryEnabled: true,
              transactionLogRetentionDays: Math.min(7, s.backupRetentionDays),
              backupRetentionSettings: { retainedBackups: s.backupRetentionDays, retentionUnit: "COUNT" },
            }
          : { enabled: false },
        userLabels: gcpLabels(target, name, { ...args.labels, ...replicaOf(source.target.cloud, source.target.region) }),
      },
    },
    statefulOpts(parent, target, args.protect, { dependsOn: [...apis, ...grants] }),
  );
  return { host: instance.privateIpAddress, port: pulumi.output(5432), resourceId: pulumi.interpolate`${target.project}:${instance.name}` };
};
