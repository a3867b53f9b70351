/**
 * How a failover standby gets the primary's data: for each data-holding service kind (PostgreSQL,
 * object storage), the method on one cloud (primary and standby in two regions of it) and across a
 * pair of clouds, with the recovery point (RPO) the method gives and the transfer the cloud bills.
 *
 * One source of truth, read by placement (a pair without a method is rejected with the cell's
 * reason), the replication cost model (the transfer column it bills), the components (the method
 * they build) and `npm run docs` (the README's replication matrix). Every RPO figure names its
 * source; where the provider gives no bound (asynchronous replication without an SLA) the cell says
 * so instead of inventing one.
 *
 * Sources read 2026-11-30 (provider documentation pages named in each cell; argument facts from the
 * pinned SDKs' `.d.ts`: @pulumi/aws 7.48.0, @pulumi/azure-native 3.28.0, @pulumi/gcp 9.37.0,
 * @pulumi/digitalocean 4.80.1, @pulumi/oci 4.20.0).
 */
import { CLOUDS, type Cloud } from "./cloud";

/** The service kinds whose data a standby needs. */
export const DATA_KINDS = ["database", "object-storage"] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** The recovery point a method gives. */
export interface Rpo {
  /**
   * `sla`: the provider commits to `minutes`; `schedule`: copies run every `minutes`, so up to that
   * much (plus the copy's own duration) is lost; `lag`: asynchronous streaming, the loss is the
   * replica lag at the moment of failure, with no provider bound (`minutes` undefined).
   */
  readonly bound: "sla" | "schedule" | "lag";
  readonly minutes?: number;
  /** One line for the plan. */
  readonly text: string;
  readonly source: string;
}

/** A method tessera builds. */
export interface ReplicationMethod {
  readonly supported: true;
  /** What the user gets, in the cloud's words. */
  readonly method: string;
  /** Pulumi type token of the resource that replicates. */
  readonly resource: string;
  readonly rpo: Rpo;
  /** Which catalog egress column prices the replicated bytes: between regions, or out to the internet. */
  readonly transfer: "inter-region" | "internet";
  /** A per-GB fee on top of the transfer (S3 Replication Time Control), with its source. */
  readonly feePerGb?: { readonly usd: number; readonly label: string; readonly source: string };
  /**
   * `replica`: the standby runs a live copy (priced like the primary's service); `backup-copy`: the
   * standby keeps copied backups and no running database until it is promoted (priced as the
   * copies' storage).
   */
  readonly standby: "replica" | "backup-copy";
  /** How a promotion happens, and what it cannot do. */
  readonly promote: string;
  readonly note?: string;
}

/** A pair tessera cannot replicate, and why (a placement reason). */
export interface NoReplication {
  readonly supported: false;
  readonly reason: string;
}

export type ReplicationCell = ReplicationMethod | NoReplication;

const LAG_NOTE = "asynchronous: the loss is the replica lag when the primary fails (no provider SLA; watch the lag metric)";

/** Same cloud, two regions. */
export const SAME_CLOUD_REPLICATION = {
  database: {
    aws: {
      supported: true,
      method: "RDS cross-region read replica (encrypted with a KMS key in the standby region)",
      resource: "aws:rds/instance:Instance",
      rpo: { bound: "lag", text: LAG_NOTE, source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html" },
      transfer: "inter-region",
      standby: "replica",
      promote: "removing replicateSourceDb promotes the replica to a standalone instance (in place)",
    },
    azure: {
      supported: true,
      method: "Azure Database for PostgreSQL flexible server geo read replica (createMode Replica)",
      resource: "azure-native:dbforpostgresql:Server",
      rpo: { bound: "lag", text: LAG_NOTE, source: "https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-read-replicas" },
      transfer: "inter-region",
      standby: "replica",
      promote: "replica.promoteMode Standalone (promoteOption Forced when the primary is down, Planned otherwise)",
      note: "General Purpose or Memory Optimized sizes only (no Burstable), same major version as the primary; replicas have no backups or HA until promoted",
    },
    gcp: {
      supported: true,
      method: "Cloud SQL cross-region read replica (masterInstanceName)",
      resource: "gcp:sql/databaseInstance:DatabaseInstance",
      rpo: { bound: "lag", text: LAG_NOTE, source: "https://cloud.google.com/sql/docs/postgres/replication/cross-region-replicas" },
      transfer: "inter-region",
      standby: "replica",
      promote: "instanceType CLOUD_SQL_INSTANCE without masterInstanceName promotes the replica (in place); backups are turned on with it",
      note: "replicas cannot have backups enabled until promoted",
    },
    digitalocean: {
      supported: true,
      method: "DigitalOcean Managed PostgreSQL read-only node in another region (DatabaseReplica)",
      resource: "digitalocean:index/databaseReplica:DatabaseReplica",
      rpo: { bound: "lag", text: LAG_NOTE, source: "https://docs.digitalocean.com/products/databases/postgresql/how-to/add-read-only-nodes/" },
      transfer: "inter-region",
      standby: "replica",
      promote: "the provider has no promote argument: promote with `doctl databases replica promote <cluster-id> <replica-name>` (the API's promote call), then import the new cluster",
    },
    oci: {
      supported: true,
      method: "OCI Database with PostgreSQL cross-region backup copy (backup policy copyPolicy); the standby database is restored from the latest copy when promoted",
      resource: "oci:Psql/dbSystem:DbSystem",
      rpo: { bound: "schedule", minutes: 24 * 60, text: "up to 24 h: daily backups are copied to the standby region", source: "https://docs.oracle.com/en-us/iaas/Content/postgresql/backups.htm" },
      transfer: "inter-region",
      standby: "backup-copy",
      promote: "tessera:failover restore.<service> names the copied backup's OCID; the program then builds the standby database from it (source BACKUP)",
      note: "OCI Database with PostgreSQL has read replicas only inside a region, so no live cross-region copy exists",
    },
  },
  "object-storage": {
    aws: {
      supported: true,
      method: "S3 Replication with Replication Time Control, KMS re-encryption in the standby region",
      resource: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
      rpo: { bound: "sla", minutes: 15, text: "15 min: S3 RTC replicates 99.99% of new objects within 15 minutes (SLA)", source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html" },
      transfer: "inter-region",
      feePerGb: { usd: 0.015, label: "S3 Replication Time Control", source: "https://aws.amazon.com/s3/pricing/ (Replication)" },
      standby: "replica",
      promote: "replication turns around: the standby's bucket replicates back to the primary's",
    },
    azure: {
      supported: true,
      method: "Azure Blob object replication (versioning on both accounts, change feed on the source)",
      resource: "azure-native:storage:ObjectReplicationPolicy",
      rpo: { bound: "lag", text: "asynchronous: objects copy in the background with no SLA", source: "https://learn.microsoft.com/en-us/azure/storage/blobs/object-replication-overview" },
      transfer: "inter-region",
      standby: "replica",
      promote: "replication turns around: the standby's container replicates back to the primary's",
    },
    gcp: {
      supported: true,
      method: "Storage Transfer Service job from the primary bucket, hourly",
      resource: "gcp:storage/transferJob:TransferJob",
      rpo: { bound: "schedule", minutes: 60, text: "up to 1 h plus the copy's duration: Storage Transfer Service repeats at most hourly", source: "https://cloud.google.com/storage-transfer/docs/reference/rest/v1/transferJobs#Schedule" },
      transfer: "inter-region",
      standby: "replica",
      promote: "the job turns around: the standby's bucket is copied back to the primary's",
      note: "chosen over a dual-region bucket: dual-regions exist only for fixed region pairs on one continent, while placement may pick any standby region; the same service copies from S3 and Azure Blob for cross-cloud standbys",
    },
    digitalocean: { supported: false, reason: "DigitalOcean Spaces has no bucket replication and DigitalOcean has no managed transfer service, so a standby's bucket would stay empty" },
    oci: {
      supported: true,
      method: "OCI Object Storage replication policy (read-only, unversioned destination)",
      resource: "oci:ObjectStorage/replicationPolicy:ReplicationPolicy",
      rpo: { bound: "lag", text: "asynchronous: objects copy in the background with no SLA", source: "https://docs.oracle.com/en-us/iaas/Content/Object/Tasks/usingreplication.htm" },
      transfer: "inter-region",
      standby: "replica",
      promote: "the policy is deleted (the destination becomes writable) and a policy from the standby back to the primary is created",
      note: "OCI forbids versioning on a replication destination, so the standby's bucket is unversioned while it is one",
    },
  },
} as const satisfies Record<DataKind, Record<Cloud, ReplicationCell>>;

const NO_CROSS_CLOUD_DATABASE =
  "PostgreSQL across clouds needs a private connection between the two sites' networks (VPN or interconnect) for logical replication or a migration service, which tessera does not build";

/** Cross-cloud object storage: the destination cloud's managed transfer service pulls from the source. */
export const CROSS_CLOUD_OBJECT_STORAGE: Partial<Record<`${Cloud}->${Cloud}`, ReplicationMethod>> = {
  "aws->gcp": {
    supported: true,
    method: "Storage Transfer Service job from S3 (an IAM role the transfer service assumes with Google identity federation), hourly",
    resource: "gcp:storage/transferJob:TransferJob",
    rpo: { bound: "schedule", minutes: 60, text: "up to 1 h plus the copy's duration: Storage Transfer Service repeats at most hourly", source: "https://cloud.google.com/storage-transfer/docs/source-amazon-s3" },
    transfer: "internet",
    standby: "replica",
    promote: "no reverse transfer: Storage Transfer Service writes only to Cloud Storage, so after a promotion the primary's bucket is not updated (copy back before failing back)",
  },
  "azure->gcp": {
    supported: true,
    method: "Storage Transfer Service job from Azure Blob (a managed identity federated with the transfer service's Google identity), hourly",
    resource: "gcp:storage/transferJob:TransferJob",
    rpo: { bound: "schedule", minutes: 60, text: "up to 1 h plus the copy's duration: Storage Transfer Service repeats at most hourly", source: "https://cloud.google.com/storage-transfer/docs/source-microsoft-azure" },
    transfer: "internet",
    standby: "replica",
    promote: "no reverse transfer: Storage Transfer Service writes only to Cloud Storage, so after a promotion the primary's bucket is not updated (copy back before failing back)",
  },
};

/** The method for a data kind from `from` (primary) to `to` (standby), or why there is none. */
export function replicationFor(kind: DataKind, from: Cloud, to: Cloud): ReplicationCell {
  if (from === to) return SAME_CLOUD_REPLICATION[kind][from];
  if (kind === "database") return { supported: false, reason: NO_CROSS_CLOUD_DATABASE };
  return (
    CROSS_CLOUD_OBJECT_STORAGE[`${from}->${to}`] ?? {
      supported: false,
      reason: `no managed transfer service copies ${from} buckets to ${to} without agents (only Google Storage Transfer Service pulls from S3 and Azure Blob agentlessly)`,
    }
  );
}

/** Every (source, destination) cloud pair, for the matrix and tests. */
export const CLOUD_PAIRS: ReadonlyArray<readonly [Cloud, Cloud]> = CLOUDS.flatMap((a) => CLOUDS.filter((b) => b !== a).map((b) => [a, b] as const));

/** A row of the capability matrix's replication part: a label and, per cloud column, the cell (undefined: not applicable). */
export interface ReplicationRow {
  readonly label: string;
  readonly cells: Readonly<Record<Cloud, ReplicationCell | undefined>>;
}

/**
 * The replication rows of the capability matrix (`npm run docs`), from the tables above: per data
 * kind, the method on each cloud between two of its regions; then one row per cross-cloud pair
 * tessera supports, its cell under the destination cloud (the service that pulls the copy).
 */
export function replicationRows(): ReplicationRow[] {
  const byCloud = (cell: (cloud: Cloud) => ReplicationCell | undefined) => Object.fromEntries(CLOUDS.map((c) => [c, cell(c)])) as Record<Cloud, ReplicationCell | undefined>;
  const rows: ReplicationRow[] = DATA_KINDS.map((kind) => ({ label: `${kind} replication (same cloud, another region)`, cells: byCloud((c) => replicationFor(kind, c, c)) }));
  for (const kind of DATA_KINDS) {
    for (const [from, to] of CLOUD_PAIRS) {
      const cell = replicationFor(kind, from, to);
      if (cell.supported) rows.push({ label: `${kind} replication ${from} → ${to}`, cells: byCloud((c) => (c === to ? cell : undefined)) });
    }
  }
  return rows;
}
