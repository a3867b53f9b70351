/**
 * `tessera:storage:BucketReplication` — keeps a standby's bucket a copy of the primary's: S3
 * Replication (RTC), Azure object replication, a Storage Transfer Service job (from GCS, S3 or
 * Azure Blob), an OCI replication policy. The implementation is the destination cloud's.
 *
 * @example
 * new BucketReplication("uploads-replication", { target: standby, source: { target: primary, bucketName: up.bucketName, resourceId: up.resourceId }, destination: { bucketName: copy.bucketName, resourceId: copy.resourceId }, after: [up, copy] });
 */
import * as pulumi from "@pulumi/pulumi";
import { replicationFor } from "../../core/replication";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type BucketReplicationArgs, type BucketReplicationOutputs, validateBucketReplicationArgs } from "./contract";

export type { BucketReplicationArgs, BucketReplicationOutputs, BucketSide } from "./contract";

/** The per-cloud implementations, by destination cloud, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const BUCKET_REPLICATION_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<BucketReplicationArgs, BucketReplicationOutputs>;

/** Replication of one bucket into a standby's bucket. */
export class BucketReplication extends pulumi.ComponentResource {
  /** Provider id of the configuration, policy or transfer job. */
  public readonly replicationId: pulumi.Output<string>;
  /** The method (from the replication matrix). */
  public readonly method: string;

  constructor(name: string, args: BucketReplicationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    validateBucketReplicationArgs(args);
    super(TOKENS.bucketReplication, name, {}, opts);
    const out = build(BUCKET_REPLICATION_IMPLS, name, args, this);
    const cell = replicationFor("object-storage", args.source.target.cloud, args.target.cloud);
    this.replicationId = out.replicationId;
    this.method = cell.supported ? cell.method : "";
    this.registerOutputs({ replicationId: this.replicationId });
  }
}
