/**
 * Warehouse on GCP: a BigQuery dataset in the placed region, encrypted by Google or with the
 * customer's Cloud KMS key, seven days of time travel, and tables kept when the dataset is
 * destroyed (`deleteContentsOnDestroy` off). Access is IAM only. With a customer key, the
 * project's BigQuery encryption service account may use it before the dataset is created.
 */
import * as pulumi from "@pulumi/pulumi";
import { Dataset } from "@pulumi/gcp/bigquery/dataset";
import { getDefaultServiceAccountOutput } from "@pulumi/gcp/bigquery/getDefaultServiceAccount";
import { enableApis, grantKeyToAgent } from "../gcp-project";
import { type Impl, statefulOpts } from "../registry";
import { gcpLabels } from "../tags";
import { type WarehouseArgs, type WarehouseOutputs, warehouseSettings } from "./contract";

export const gcp: Impl<"gcp", WarehouseArgs, WarehouseOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = warehouseSettings(name, args);
  const apis = enableApis(target, "bigquery");
  const cmk = args.customerManagedKey;
  const grant =
    cmk === undefined
      ? []
      : [grantKeyToAgent(name, target, parent, cmk, getDefaultServiceAccountOutput({ project: target.project }, { parent, provider: target.provider, dependsOn: apis }).member)];
  const dataset = new Dataset(
    name,
    {
      datasetId: s.datasetName,
      project: target.project,
      location: target.region,
      friendlyName: `${target.stack} ${name}`,
      description: `tessera ${target.stack} ${name}`,
      maxTimeTravelHours: "168",
      deleteContentsOnDestroy: false,
      ...(args.customerManagedKey !== undefined ? { defaultEncryptionConfiguration: { kmsKeyName: args.customerManagedKey } } : {}),
      labels: gcpLabels(target, name, args.labels),
    },
    statefulOpts(parent, target, args.protect, { dependsOn: [...apis, ...grant] }),
  );
  return { warehouseId: dataset.id, datasetName: dataset.datasetId, endpoint: dataset.selfLink, adminPassword: pulumi.output("") };
};
