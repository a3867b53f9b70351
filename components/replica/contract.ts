/**
 * PostgresReplica: the failover standby's PostgreSQL, a cross-region read replica of the primary
 * `Postgres` on the same cloud (see core/replication.ts for the method per cloud and its RPO).
 * `promoted: true` turns it into a standalone, writable database in place.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkNetwork } from "../compute/contract";
import type { NetworkRef } from "../network/contract";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { checkInt, checkOneOf, invalid } from "../validation";

/** The primary a replica copies. */
export interface ReplicaSource {
  /** The primary's target (same cloud, another region). */
  readonly target: Target;
  /** `Postgres.replicationSource`: RDS ARN, flexible server id, Cloud SQL instance name, DigitalOcean cluster id. */
  readonly replicationSource: pulumi.Input<string>;
}

/** Arguments of {@link PostgresReplica}. */
export interface PostgresReplicaArgs {
  /** The standby site. */
  readonly target: Target;
  /** The standby site's network (private subnets host the replica). */
  readonly network: NetworkRef;
  readonly source: ReplicaSource;
  /** Instance class, as placement sized the primary (a replica keeps up only at the primary's size). */
  readonly size: string;
  /**
   * The primary's major version (Azure and Cloud SQL need it equal): one the cloud supports
   * (`target.facts.postgres.supported`).
   * @default target.facts.postgres.default
   */
  readonly version?: string;
  /** Storage in GB (AWS and DigitalOcean inherit the primary's). @default 20 */
  readonly storageGb?: number;
  /**
   * Promote to a standalone, writable database (the failover). Backups are turned on with it
   * (replicas cannot keep their own on Cloud SQL and Azure).
   * @default false
   */
  readonly promoted?: boolean;
  /**
   * Azure: `forced` promotes without waiting for the replica to catch up (the primary is down);
   * `planned` waits for it (a switchover while the primary is healthy).
   * @default "forced"
   */
  readonly promoteOption?: "planned" | "forced";
  /**
   * The standby site's key for a primary encrypted with the stack's key, in the replica's region:
   * GCP a Cloud KMS key (`projects/…/cryptoKeys/…`; a cross-region Cloud SQL replica of a CMEK
   * instance needs a key of its own region, terraform-google-modules/terraform-google-sql-db#251);
   * Azure a Key Vault key URI used through `azure.encryptionIdentityId` (`az postgres
   * flexible-server replica create --key --identity`; the key and identity in the replica's
   * region, learn.microsoft.com/azure/postgresql/flexible-server/how-to-create-server-customer-managed-key-azure-api).
   * AWS replicas always get their own KMS key; DigitalOcean offers no customer keys.
   * @default the provider's key
   */
  readonly customerManagedKey?: pulumi.Input<string>;
  /** Azure-only knobs. */
  readonly azure?: {
    /** User-assigned identity that may use `customerManagedKey` (required with it on Azure), e.g. `Secrets.encryptionIdentityId`. */
    readonly encryptionIdentityId?: pulumi.Input<string>;
  };
  /** Days of backups once promoted. @default 7 */
  readonly backupRetentionDays?: number;
  /** The cloud's deletion protection (AWS and GCP flags, an Azure lock). @default true */
  readonly deletionProtection?: boolean;
  /** Pulumi `protect`. @default true */
  readonly protect?: boolean;
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns. */
export interface PostgresReplicaOutputs {
  /** Private host name or IP of the replica. */
  readonly host: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  /** The replica's id as monitoring knows it (like `Postgres.resourceId`). */
  readonly resourceId: pulumi.Output<string>;
}

/** Defaults filled in. */
export function replicaSettings(args: PostgresReplicaArgs) {
  return {
    version: args.version ?? args.target.facts.postgres.default,
    storageGb: args.storageGb ?? 20,
    promoted: args.promoted ?? false,
    promoteOption: args.promoteOption ?? "forced",
    backupRetentionDays: args.backupRetentionDays ?? 7,
    deletionProtection: args.deletionProtection ?? true,
  } as const;
}

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validatePostgresReplicaArgs(args: PostgresReplicaArgs): void {
  checkNetwork(args.target, args.network);
  if (!args.size) invalid("size", "is required (the primary's instance class)");
  checkOneOf("version", args.version, args.target.facts.postgres.supported);
  checkOneOf("promoteOption", args.promoteOption, ["planned", "forced"] as const);
  checkInt("storageGb", args.storageGb, 10, 65536);
  checkInt("backupRetentionDays", args.backupRetentionDays, 1, 35);
  if (args.source.target.cloud !== args.target.cloud) {
    invalid("source.target", `a read replica copies a database on its own cloud (${args.target.cloud}), not ${args.source.target.cloud}; across clouds there is no managed replica`);
  }
  if (args.source.target.region === args.target.region) invalid("source.target", `the replica must be in another region than its source (both ${args.target.region})`);
  if (args.customerManagedKey !== undefined && (args.target.cloud === "aws" || args.target.cloud === "digitalocean")) {
    invalid("customerManagedKey", `${args.target.cloud === "aws" ? "an RDS cross-region replica always gets its own KMS key" : "DigitalOcean managed databases encrypt with provider-managed keys only"}; allowed on azure, gcp`);
  }
  if (args.customerManagedKey !== undefined && args.target.cloud === "azure" && args.azure?.encryptionIdentityId === undefined) {
    invalid("azure.encryptionIdentityId", "required with customerManagedKey on Azure (a user-assigned identity that can use the key)");
  }
  if (args.target.cloud === "azure" && /^Standard_B/.test(args.size)) {
    invalid("size", `Azure read replicas need a General Purpose or Memory Optimized size, not Burstable (${args.size}); use a size such as Standard_D2ds_v5`);
  }
}
