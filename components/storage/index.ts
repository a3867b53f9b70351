/**
 * `tessera:storage:ObjectStorage` — a private, encrypted, versioned bucket on the placed cloud.
 *
 * @example
 * const assets = new ObjectStorage("assets", { target, retentionDays: 30 });
 * export const assetsEndpoint = assets.endpoint;
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import type { Cloud } from "../../core/cloud";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type ObjectStorageArgs, type ObjectStorageOutputs, validateObjectStorageArgs } from "./contract";

export type { ObjectStorageArgs, ObjectStorageOutputs } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const OBJECT_STORAGE_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<ObjectStorageArgs, ObjectStorageOutputs>;

/** A private, encrypted, versioned bucket on the placed cloud. */
export class ObjectStorage extends pulumi.ComponentResource implements ObjectStorageOutputs {
  /** Physical bucket (Azure: container) name. */
  public readonly bucketName: pulumi.Output<string>;
  /** HTTPS endpoint of the bucket. */
  public readonly endpoint: pulumi.Output<string>;
  /** The bucket's provider id (see {@link ObjectStorageOutputs.resourceId}). */
  public readonly resourceId: pulumi.Output<string>;
  /** Region the bucket lives in. */
  public readonly region: pulumi.Output<string>;
  /** Cloud the bucket lives on. */
  public readonly cloud: pulumi.Output<Cloud>;

  constructor(name: string, args: ObjectStorageArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Validate before anything registers, so bad args never leave a half-built component.
    requireCapability("object-storage", args.target.cloud);
    validateObjectStorageArgs(args);
    super(TOKENS.objectStorage, name, {}, opts);
    const out = build(OBJECT_STORAGE_IMPLS, name, args, this);
    this.bucketName = out.bucketName;
    this.endpoint = out.endpoint;
    this.resourceId = out.resourceId;
    this.region = pulumi.output(args.target.region);
    this.cloud = pulumi.output(args.target.cloud);
    this.registerOutputs({ bucketName: this.bucketName, endpoint: this.endpoint, region: this.region, cloud: this.cloud });
  }
}
