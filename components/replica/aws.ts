/**
 * PostgresReplica on AWS: an RDS cross-region read replica. Cross-region replicas name their
 * source by ARN and, from an encrypted source, need a KMS key in their own region (RDS: "Cannot
 * create a cross region unencrypted read replica from encrypted source"), so the replica gets its
 * own rotating key. Engine, credentials, database name and allocated storage come from the source
 * and cannot be set. A replica deletes without a final snapshot (RDS rejects one for replicas)
 * and keeps no automated backups until it is promoted; removing `replicateSourceDb` promotes it in
 * place (provider docs).
 */
import { Key } from "@pulumi/aws/kms/key";
import { Instance } from "@pulumi/aws/rds/instance";
import { physicalName } from "../../core/naming";
import { rdsSurroundings } from "../database/aws-subnets";
import { replicaOf } from "../../core/tags";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type PostgresReplicaArgs, type PostgresReplicaOutputs, replicaSettings } from "./contract";

export const aws: Impl<"aws", PostgresReplicaArgs, PostgresReplicaOutputs> = (name, args, parent) => {
  const { target, network, source } = args;
  const s = replicaSettings(args);
  const opts = childOpts(parent, target);
  const t = tags(target, name, { ...args.labels, ...replicaOf(source.target.cloud, source.target.region) });
  const parts = [target.stack, name];
  const identifier = physicalName("aws", "rdsInstance", parts);

  const key = new Key(
    `${name}-key`,
    { description: `tessera ${name}: storage of the cross-region PostgreSQL replica`, enableKeyRotation: true, deletionWindowInDays: 30, tags: t },
    opts,
  );
  const { subnets, firewall, parameters } = rdsSurroundings(name, parts, network, s.version, t, opts);
  const db = new Instance(
    name,
    {
      identifier,
      // Present: a replica streaming from the primary; absent: promoted to a standalone instance.
      ...(s.promoted ? {} : { replicateSourceDb: source.replicationSource }),
      instanceClass: args.size,
      storageType: "gp3",
      storageEncrypted: true,
      kmsKeyId: key.arn,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [firewall.id],
      parameterGroupName: parameters.name,
      publiclyAccessible: false,
      deletionProtection: s.deletionProtection,
      backupRetentionPeriod: s.promoted ? s.backupRetentionDays : 0,
      copyTagsToSnapshot: true,
      ...(s.promoted ? { skipFinalSnapshot: false, finalSnapshotIdentifier: keptName(`${name}-final-snapshot`, target, "rdsFinalSnapshot", [target.stack, name, "final"], parent) } : { skipFinalSnapshot: true }),
      iamDatabaseAuthenticationEnabled: true,
      autoMinorVersionUpgrade: true,
      tags: t,
    },
    statefulOpts(parent, target, args.protect),
  );
  return { host: db.address, port: db.port, resourceId: db.identifier };
};
