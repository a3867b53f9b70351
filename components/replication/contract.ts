/**
 * BucketReplication: keeps a failover standby's bucket a copy of the primary's — the cloud's own
 * replication on one cloud, the destination's managed transfer service across clouds (see
 * core/replication.ts for the method per pair, its RPO and what it costs).
 */
import type * as pulumi from "@pulumi/pulumi";
import { replicationFor } from "../../core/replication";
import type { Target } from "../target";
import { invalid } from "../validation";

/** One side of the copy: where the bucket is and its ids (`ObjectStorage` outputs). */
export interface BucketSide {
  readonly target: Target;
  /** The bucket (Azure: container) name. */
  readonly bucketName: pulumi.Input<string>;
  /** `ObjectStorage.resourceId`: S3 ARN, Azure storage account id, GCS bucket name, Spaces URN, OCI bucket id. */
  readonly resourceId: pulumi.Input<string>;
}

/** Arguments of {@link BucketReplication}. `target` is the destination's site. */
export interface BucketReplicationArgs {
  /** The destination's site (where the copy lands). */
  readonly target: Target;
  readonly source: BucketSide;
  /** The destination bucket, in `target`. */
  readonly destination: Omit<BucketSide, "target">;
  /**
   * Resources to create the replication after: both `ObjectStorage` components (S3 and Azure
   * require versioning on both buckets before a replication configuration is accepted).
   * @default []
   */
  readonly after?: readonly pulumi.Resource[];
}

/** What every implementation returns. */
export interface BucketReplicationOutputs {
  /** The provider id of the resource that replicates (configuration, policy or transfer job). */
  readonly replicationId: pulumi.Output<string>;
}

/** The name of the last segment of an Azure resource id (the storage account name). */
export const lastSegment = (id: string): string => id.split("/").filter(Boolean).pop() ?? "";

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateBucketReplicationArgs(args: BucketReplicationArgs): void {
  const from = args.source.target;
  const to = args.target;
  const cell = replicationFor("object-storage", from.cloud, to.cloud);
  if (!cell.supported) invalid("source.target", `${from.cloud} → ${to.cloud}: ${cell.reason}`);
  if (from.cloud === to.cloud && from.region === to.region) invalid("source.target", `the copy must be in another region than its source (both ${to.region})`);
}
