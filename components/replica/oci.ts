/**
 * PostgresReplica on OCI: none. OCI Database with PostgreSQL has read replicas only inside a DB
 * system's region; a standby region gets copies of the daily backups instead (`Postgres`
 * `oci.backupCopyRegions`) and is restored from one when promoted (`Postgres`
 * `oci.restoreFromBackupId`). The program never builds this; the registry cell says why.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Impl } from "../registry";
import type { PostgresReplicaArgs, PostgresReplicaOutputs } from "./contract";

export const oci: Impl<"oci", PostgresReplicaArgs, PostgresReplicaOutputs> = () => {
  throw new pulumi.InputPropertyError({
    propertyPath: "target",
    reason:
      "target: OCI Database with PostgreSQL has no cross-region read replica; copy backups to the standby region with Postgres oci.backupCopyRegions and restore from one (oci.restoreFromBackupId); allowed clouds: aws, azure, gcp, digitalocean",
  });
};
