/**
 * Disaster recovery in the program: how the two sites of a failover stack share their data.
 *
 * - The primary's PostgreSQL streams to a cross-region read replica on the standby (same cloud;
 *   placement never pairs clouds that cannot replicate a stack's data). OCI has no cross-region
 *   replica: its daily backups are copied to the standby region and the standby database is
 *   restored from a copy when promoted.
 * - Each bucket replicates into the standby's bucket (S3 replication, Azure object replication,
 *   Storage Transfer Service, OCI replication policy).
 * - `tessera:failover: { active: standby }` promotes: replicas become standalone databases, bucket
 *   replication turns around where the method can (standby → primary), and the failover DNS name
 *   prefers the standby. `active: primary` (the default) is the normal state and the fail-back.
 */
import type { ObjectStorageArgs } from "../components/storage";
import type { PostgresArgs } from "../components/database";
import { BucketReplication } from "../components/replication";
import { PostgresReplica } from "../components/replica";
import type { Target } from "../components/target";
import { replicationFor } from "../core/replication";
import { type Requirements, RequirementsError } from "../placement/requirements";
import type { FailoverSetting } from "./config";
import type { BuiltSite, ServiceOutputs } from "./services";

/** What a site's builders need to know about the other site. */
export interface DrContext {
  readonly role: "primary" | "standby";
  readonly primary: Target;
  readonly standby: Target;
  readonly setting: FailoverSetting;
  /** The primary site's components (set for the standby's build). */
  readonly primaryBuilt?: BuiltSite["built"];
}

const promoted = (dr: DrContext) => dr.setting.active === "standby";

/** Extra `Postgres` arguments on either site: OCI primaries copy their backups to the standby region. */
export function postgresExtras(dr: DrContext | undefined, name: string): Partial<PostgresArgs> {
  if (!dr) return {};
  if (dr.role === "primary" && dr.primary.cloud === "oci" && dr.standby.cloud === "oci") return { oci: { backupCopyRegions: [dr.standby.region] } };
  const backupId = dr.setting.restore[name];
  if (dr.role === "standby" && backupId !== undefined) return { oci: { restoreFromBackupId: backupId } };
  return {};
}

/**
 * Extra `ObjectStorage` arguments: Azure buckets keep the change feed (the source of an object
 * replication needs it, and either site can be the source); an OCI standby bucket is unversioned
 * while it is a replication destination (OCI forbids versioning there).
 */
export function storageExtras(dr: DrContext | undefined): Partial<ObjectStorageArgs> {
  if (!dr) return {};
  const target = dr.role === "primary" ? dr.primary : dr.standby;
  if (target.cloud === "azure") return { azure: { changeFeed: true } };
  if (target.cloud === "oci" && dr.role === "standby" && dr.primary.cloud === "oci" && !promoted(dr)) return { versioning: false };
  return {};
}

/**
 * The standby's database for service `name`: a read replica of the primary's (promoted when the
 * standby is active), or on OCI the database restored from a copied backup once promoted.
 * Returns the stack outputs, or undefined when the standby runs no database (OCI, not promoted).
 */
export function standbyDatabase(
  dr: DrContext,
  name: string,
  resourceName: string,
  replica: { size: string; version: PostgresArgs["version"]; storageGb: number; backupRetentionDays: number; customerManagedKey?: PostgresArgs["customerManagedKey"]; azure?: PostgresArgs["azure"] },
  network: PostgresArgs["network"],
): { outputs: ServiceOutputs; component?: PostgresReplica } | undefined {
  const source = dr.primaryBuilt!.databases[name];
  if (!source || !("replicationSource" in source)) throw new Error(`unreachable: the primary site built no database ${name}`);
  const cell = replicationFor("database", dr.primary.cloud, dr.standby.cloud);
  if (cell.supported && cell.standby === "backup-copy") {
    if (promoted(dr)) throw new RequirementsError([`tessera:failover.restore.${name}: required to promote on ${dr.standby.cloud}: the OCID of the copied backup to restore the standby database from (OCI has no cross-region replica)`], "tessera:failover");
    return undefined;
  }
  const component = new PostgresReplica(resourceName, {
    target: dr.standby,
    network,
    source: { target: dr.primary, replicationSource: source.replicationSource },
    size: replica.size,
    version: replica.version,
    storageGb: replica.storageGb,
    backupRetentionDays: replica.backupRetentionDays,
    // GCP and Azure: the standby's own key for a primary on the stack's key (AWS replicas make their own).
    ...(replica.customerManagedKey !== undefined && (dr.standby.cloud === "gcp" || dr.standby.cloud === "azure")
      ? { customerManagedKey: replica.customerManagedKey, ...(replica.azure ? { azure: replica.azure } : {}) }
      : {}),
    promoted: promoted(dr),
    promoteOption: dr.setting.promoteOption,
  });
  // A replica has the primary's database and users.
  return { outputs: { host: component.host, port: component.port, databaseName: source.databaseName, username: source.username, password: source.password }, component };
}

/**
 * One `BucketReplication` per object-storage service, in the direction the active site sets:
 * primary → standby normally; standby → primary after a promotion where the method can turn
 * around (same-cloud S3, Azure and Cloud Storage); none where it cannot (OCI, across clouds).
 */
export function replicateBuckets(req: Requirements, primary: BuiltSite, standby: BuiltSite, dr: DrContext): Record<string, BucketReplication> {
  const out: Record<string, BucketReplication> = {};
  const reverse = promoted(dr);
  if (reverse && (dr.primary.cloud !== dr.standby.cloud || dr.primary.cloud === "oci")) return out;
  for (const [name, service] of Object.entries(req.services)) {
    if (service.kind !== "object-storage") continue;
    const a = primary.built.buckets[name]!;
    const b = standby.built.buckets[name]!;
    const [from, to, fromTarget, toTarget] = reverse ? [b, a, dr.standby, dr.primary] : [a, b, dr.primary, dr.standby];
    out[name] = new BucketReplication(`${name}-${reverse ? "to-primary" : "to-standby"}`, {
      target: toTarget,
      source: { target: fromTarget, bucketName: from.bucketName, resourceId: from.resourceId },
      destination: { bucketName: to.bucketName, resourceId: to.resourceId },
      after: [from, to],
    });
  }
  return out;
}
