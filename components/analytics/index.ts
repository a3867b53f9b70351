/**
 * `tessera:analytics:Warehouse` — a SQL analytics warehouse: Athena + Glue over a bucket, Azure
 * Data Explorer, BigQuery, or Autonomous AI Lakehouse. DigitalOcean has none.
 *
 * @example
 * const lake = new ObjectStorage("lake", { target });
 * const bi = new Warehouse("bi", { target, storage: lake });
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type WarehouseArgs, type WarehouseOutputs, validateWarehouseArgs } from "./contract";

export type { WarehouseArgs, WarehouseOutputs } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const WAREHOUSE_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<WarehouseArgs, WarehouseOutputs>;

/** A SQL analytics warehouse on the placed cloud. */
export class Warehouse extends pulumi.ComponentResource implements WarehouseOutputs {
  public readonly warehouseId: pulumi.Output<string>;
  public readonly datasetName: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  /** Secret. */
  public readonly adminPassword: pulumi.Output<string>;

  constructor(name: string, args: WarehouseArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("analytics", args.target.cloud);
    validateWarehouseArgs(args);
    super(TOKENS.warehouse, name, {}, opts);
    const out = build(WAREHOUSE_IMPLS, name, args, this);
    this.warehouseId = out.warehouseId;
    this.datasetName = out.datasetName;
    this.endpoint = out.endpoint;
    this.adminPassword = pulumi.secret(out.adminPassword);
    this.registerOutputs({ warehouseId: this.warehouseId, datasetName: this.datasetName, endpoint: this.endpoint, adminPassword: this.adminPassword });
  }
}
