/**
 * ObjectStorage: a private, encrypted, versioned bucket on any cloud.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkInt, invalid } from "../validation";
import type { Labels } from "../tags";
import type { Target } from "../target";

/** Arguments of {@link ObjectStorage}. Only cloud-neutral knobs, plus a typed per-cloud escape hatch. */
export interface ObjectStorageArgs {
  /** Where to build: cloud, region and explicit provider, from the placement decision. */
  readonly target: Target;
  /**
   * Keep previous versions of overwritten and deleted objects.
   * @default true
   */
  readonly versioning?: boolean;
  /**
   * Days a previous object version is kept before it expires (a lifecycle rule on noncurrent
   * versions). Requires `versioning`.
   * @default previous versions never expire
   */
  readonly retentionDays?: number;
  /**
   * Customer-managed encryption key: a KMS key ARN (AWS), a Key Vault key URL
   * `https://<vault>.vault.azure.net/keys/<name>` (Azure, with `azure.encryptionIdentityId`), a
   * Cloud KMS key name (GCP) or a Vault key OCID (OCI). DigitalOcean Spaces only encrypts with
   * provider-managed keys.
   * @default provider-managed keys (every bucket is encrypted either way)
   */
  readonly customerManagedKey?: pulumi.Input<string>;
  /**
   * Access logs, kept `retentionDays`: AWS S3 server access logging to a companion log bucket
   * (SSE-S3: log delivery refuses SSE-KMS targets); Azure a diagnostic setting on the blob service
   * (StorageRead, StorageWrite, StorageDelete) to `workspaceId` or a workspace of its own;
   * DigitalOcean Spaces access logs to a companion Space; OCI the bucket's read and write logs
   * (Logging, at most 180 days). GCP buckets have no setting here: Data Access audit logs for
   * storage.googleapis.com (the Governance audit trail) record their access. `false` turns them
   * off; the storage-access-logging policy then flags the bucket.
   * @default { retentionDays: 365 }
   */
  readonly accessLogs?: false | { readonly retentionDays?: number; readonly workspaceId?: pulumi.Input<string> };
  /** Labels added to tessera's own (tessera's keys win). @default {} */
  readonly labels?: Labels;
  /**
   * Protect the bucket from `pulumi destroy` and replacement. Set false only for throwaway data.
   * @default true
   */
  readonly protect?: boolean;
  /** AWS-only knobs. */
  readonly aws?: {
    /** @default "aws:kms" (the AWS-managed `aws/s3` key unless `customerManagedKey` is set) */
    readonly sseAlgorithm?: "aws:kms" | "AES256";
  };
  /** Azure-only knobs. */
  readonly azure?: {
    /**
     * Zone-redundant SKUs (`Standard_ZRS`, `Standard_GZRS`) only where the region has availability
     * zones (`target.facts.zones`); other regions refuse them (RedundancyConfigurationNotAvailableInRegion).
     * @default "Standard_ZRS" where the region has availability zones, else "Standard_LRS"
     */
    readonly sku?: "Standard_LRS" | "Standard_ZRS" | "Standard_GRS" | "Standard_GZRS" | "Standard_RAGRS";
    /**
     * Keep the blob change feed (object replication needs it on the source account).
     * @default false
     */
    readonly changeFeed?: boolean;
    /** User-assigned identity with access to `customerManagedKey` (required with it). */
    readonly encryptionIdentityId?: pulumi.Input<string>;
  };
  /** GCP-only knobs. */
  readonly gcp?: {
    /** @default "STANDARD" */
    readonly storageClass?: "STANDARD" | "NEARLINE" | "COLDLINE" | "ARCHIVE";
  };
  /** OCI-only knobs. */
  readonly oci?: {
    /** @default "Standard" */
    readonly storageTier?: "Standard" | "Archive";
  };
}

/** What every cloud's implementation returns. */
export interface ObjectStorageOutputs {
  /** The physical bucket (or Azure container) name. */
  readonly bucketName: pulumi.Output<string>;
  /** HTTPS endpoint of the bucket. */
  readonly endpoint: pulumi.Output<string>;
  /**
   * The bucket's provider id, for replication: S3 bucket ARN, Azure storage account resource id
   * (the container is `bucketName`), Cloud Storage bucket name, Spaces bucket URN, OCI bucket id.
   */
  readonly resourceId: pulumi.Output<string>;
}

/** Access-log retention in days, or undefined when access logs are off. */
export const accessLogDays = (args: ObjectStorageArgs): number | undefined => (args.accessLogs === false ? undefined : (args.accessLogs?.retentionDays ?? 365));

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateObjectStorageArgs(args: ObjectStorageArgs): void {
  checkInt("retentionDays", args.retentionDays, 1, 36500);
  if (args.accessLogs) checkInt("accessLogs.retentionDays", args.accessLogs.retentionDays, 1, 3650);
  if (args.accessLogs && args.accessLogs.workspaceId !== undefined && args.target.cloud !== "azure") invalid("accessLogs.workspaceId", "is a Log Analytics workspace: allowed on azure only");
  if (args.retentionDays !== undefined && args.versioning === false) {
    invalid("retentionDays", "expires previous object versions, so it needs versioning: true (or remove retentionDays)");
  }
  if (args.customerManagedKey !== undefined && args.target.cloud === "digitalocean") {
    invalid("customerManagedKey", "DigitalOcean Spaces encrypts with provider-managed keys only; allowed on aws, azure, gcp, oci");
  }
  const sku = args.azure?.sku;
  if (args.target.cloud === "azure" && sku !== undefined && /ZRS$/.test(sku) && args.target.facts.zones.length === 0) {
    invalid("azure.sku", `${args.target.region} has no availability zones, so it refuses ${sku}; allowed values there: Standard_LRS, Standard_GRS, Standard_RAGRS`);
  }
  if (args.customerManagedKey !== undefined && args.target.cloud === "azure" && args.azure?.encryptionIdentityId === undefined) {
    invalid("azure.encryptionIdentityId", "required with customerManagedKey on Azure (a user-assigned identity that can use the key)");
  }
}
