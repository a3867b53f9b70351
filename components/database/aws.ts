/**
 * Postgres on AWS: RDS for PostgreSQL in a subnet group over the private subnets, behind its own
 * security group (5432 from the network only), with a parameter group forcing TLS, encrypted gp3
 * storage, Multi-AZ for HA, IAM auth, deletion protection and a final snapshot.
 */
import * as pulumi from "@pulumi/pulumi";
import { Instance } from "@pulumi/aws/rds/instance";
import { physicalName } from "../../core/naming";
import { rdsSurroundings } from "./aws-subnets";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { adminPassword, type PostgresArgs, type PostgresOutputs, settings } from "./contract";

export const aws: Impl<"aws", PostgresArgs, PostgresOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = settings(args);
  const opts = childOpts(parent, target);
  const t = tags(target, name, args.labels);
  const parts = [target.stack, name];
  const identifier = physicalName("aws", "rdsInstance", parts);
  const password = adminPassword(name, parent);

  const { subnets, firewall, parameters } = rdsSurroundings(name, parts, network, s.version, t, opts);
  const db = new Instance(
    name,
    {
      identifier,
      engine: "postgres",
      engineVersion: s.version,
      instanceClass: args.size,
      allocatedStorage: s.storageGb,
      storageType: "gp3",
      storageEncrypted: true,
      ...(args.customerManagedKey !== undefined ? { kmsKeyId: args.customerManagedKey } : {}),
      multiAz: s.highAvailability,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [firewall.id],
      parameterGroupName: parameters.name,
      publiclyAccessible: false,
      deletionProtection: s.deletionProtection,
      backupRetentionPeriod: s.backupRetentionDays,
      copyTagsToSnapshot: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: keptName(`${name}-final-snapshot`, target, "rdsFinalSnapshot", [target.stack, name, "final"], parent),
      iamDatabaseAuthenticationEnabled: true,
      autoMinorVersionUpgrade: true,
      dbName: s.databaseName,
      username: s.username,
      password,
      tags: t,
    },
    statefulOpts(parent, target, args.protect),
  );
  return { host: db.address, port: db.port, databaseName: pulumi.output(s.databaseName), username: pulumi.output(s.username), password, resourceId: db.identifier, replicationSource: db.arn };
};
