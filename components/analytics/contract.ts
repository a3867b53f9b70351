/**
 * Warehouse: a SQL analytics warehouse or dataset, private and encrypted at rest, protected from
 * deletion by default.
 */
import type * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../core/naming";
import { checkNetwork } from "../compute/contract";
import type { NetworkRef } from "../network/contract";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { warehouseUnitsProblem } from "../../core/constraints";
import { checkCidr, checkInt, checkOneOf, invalid } from "../validation";

/** Azure Data Explorer SKUs tessera offers: a dev cluster (no SLA) or a two-node production one. */
export const ADX_SKUS = ["Dev(No SLA)_Standard_E2a_v4", "Standard_E2ads_v5", "Standard_E4ads_v5", "Standard_E8ads_v5"] as const;

/** Arguments of {@link Warehouse}. */
export interface WarehouseArgs {
  /** Where to build, from the placement decision. */
  readonly target: Target;
  /**
   * The dataset / database name (letters, digits, `_`; a letter first). It must be unique in the
   * account's Glue catalog (AWS), the project (GCP) or the tenancy's region (OCI).
   * @default `<stack>_<name>_<hash>` under the cloud's rule ({@link defaultDatasetName})
   */
  readonly datasetName?: string;
  /**
   * AWS: the bucket (an `ObjectStorage`) the Glue database's tables and Athena's query results
   * live in. Required on aws, unused elsewhere.
   */
  readonly storage?: { readonly bucketName: pulumi.Input<string> };
  /** OCI: the network whose private subnet holds the database's private endpoint. Required on oci. */
  readonly network?: NetworkRef;
  /**
   * Compute: OCI ECPUs (2-512, autoscaling to 3×), Azure Data Explorer instance count (Standard
   * SKUs 2-1000; the dev SKU is always 1). Athena and BigQuery are serverless.
   * @default 2
   */
  readonly computeUnits?: number;
  /** OCI: storage in TB (1-384). @default 1 */
  readonly storageTb?: number;
  /** Days data stays queryable: Azure Data Explorer soft-delete period. @default 365 */
  readonly retentionDays?: number;
  /** AWS: per-query scan limit in GB (guards the bill). @default 100 */
  readonly scanLimitGb?: number;
  /**
   * Customer-managed key: KMS key ARN for Athena results (AWS), Cloud KMS key for the dataset's
   * tables (GCP), Vault key OCID (OCI, with `oci.vaultId`). Azure Data Explorer encrypts with
   * Microsoft-managed keys here.
   * @default provider-managed keys
   */
  readonly customerManagedKey?: pulumi.Input<string>;
  /**
   * Azure Data Explorer: client CIDR ranges allowed to reach the cluster's public endpoint
   * (Microsoft Entra ID sign-in is still required). Empty keeps public network access off; reach
   * the cluster through a private endpoint.
   * @default []
   */
  readonly allowedCidrs?: readonly string[];
  /** Azure Data Explorer SKU. @default "Standard_E2ads_v5" */
  readonly azureSku?: (typeof ADX_SKUS)[number];
  /** OCI Vault holding `customerManagedKey`. */
  readonly ociVaultId?: pulumi.Input<string>;
  /** Pulumi `protect` on the stateful children. @default true */
  readonly protect?: boolean;
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns. */
export interface WarehouseOutputs {
  /** The warehouse: Athena workgroup name, ADX cluster id, BigQuery dataset id, ADB OCID. */
  readonly warehouseId: pulumi.Output<string>;
  /** The dataset name as SQL sees it: Glue database, ADX database, BigQuery dataset, ADB database. */
  readonly datasetName: pulumi.Output<string>;
  /** Where to query: Athena API endpoint, ADX cluster URI, BigQuery dataset self link, ADB private endpoint. */
  readonly endpoint: pulumi.Output<string>;
  /** OCI's generated ADMIN password (a Pulumi secret); "" where access is IAM only. */
  readonly adminPassword: pulumi.Output<string>;
}

/**
 * The default dataset name: stack and component name with a hash, so two stacks in one account,
 * project or tenancy, and a primary and its standby, never share one.
 */
export function defaultDatasetName(target: Target, name: string): string {
  switch (target.cloud) {
    case "aws":
      return physicalName("aws", "glueDatabase", [target.stack, name]);
    case "azure":
      // Inside the stack's own cluster.
      return physicalName("azure", "kustoDatabase", [name]);
    case "gcp":
      return physicalName("gcp", "bigqueryDataset", [target.stack, name]);
    case "oci":
      return physicalName("oci", "autonomousDatabase", [target.stack, name]);
    case "digitalocean":
      return name.replace(/-/g, "_"); // no warehouse on DigitalOcean
  }
}

/** Defaults filled in. */
export const warehouseSettings = (name: string, args: WarehouseArgs) => ({
  datasetName: args.datasetName ?? defaultDatasetName(args.target, name),
  computeUnits: args.computeUnits ?? (args.azureSku?.startsWith("Dev") ? 1 : 2),
  storageTb: args.storageTb ?? 1,
  retentionDays: args.retentionDays ?? 365,
  scanLimitGb: args.scanLimitGb ?? 100,
  azureSku: args.azureSku ?? "Standard_E2ads_v5",
  allowedCidrs: args.allowedCidrs ?? [],
});

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateWarehouseArgs(args: WarehouseArgs): void {
  const dataset = args.datasetName;
  if (dataset !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,29}$/.test(dataset)) {
    invalid("datasetName", `"${dataset}" must be a letter then letters, digits or _ (at most 30)`);
  }
  checkInt("storageTb", args.storageTb, 1, 384);
  checkInt("retentionDays", args.retentionDays, 1, 36500);
  checkInt("scanLimitGb", args.scanLimitGb, 1, 1_000_000);
  checkOneOf("azureSku", args.azureSku, ADX_SKUS);
  const cloud = args.target.cloud;
  const dev = args.azureSku?.startsWith("Dev") ?? false;
  if (!dev) {
    checkInt("computeUnits", args.computeUnits, 1, 1000);
    const units = args.computeUnits !== undefined ? warehouseUnitsProblem(cloud, args.computeUnits) : undefined;
    if (units) invalid("computeUnits", units);
  }
  else if (args.computeUnits !== undefined && args.computeUnits !== 1) invalid("computeUnits", `the dev SKU runs one instance; allowed values: 1 (got ${args.computeUnits})`);
  if (cloud === "aws" && !args.storage) invalid("storage", "is required on aws: Athena and Glue query data in an S3 bucket (pass an ObjectStorage)");
  if (cloud === "oci" && !args.network) invalid("network", "is required on oci: the Autonomous Database gets a private endpoint in the network");
  if (args.network) checkNetwork(args.target, args.network);
  (args.allowedCidrs ?? []).forEach((cidr, i) => checkCidr(`allowedCidrs[${i}]`, cidr, 0, 32));
  if (args.allowedCidrs !== undefined && cloud !== "azure") invalid("allowedCidrs", `applies to Azure Data Explorer only (${cloud} warehouses are reached through the cloud's API with IAM)`);
  if (args.customerManagedKey !== undefined && cloud === "azure") invalid("customerManagedKey", "not supported on azure in this version; allowed on aws, gcp, oci");
  if (args.customerManagedKey !== undefined && cloud === "oci" && args.ociVaultId === undefined) invalid("ociVaultId", "is required on oci with customerManagedKey (the Vault holding the key)");
}
