/**
 * Warehouse on AWS: a Glue Data Catalog database whose tables live under `s3://<bucket>/<dataset>/`
 * and an Athena workgroup (engine v3) that enforces its settings on every query: results under
 * `s3://<bucket>/athena-results/<name>/` encrypted (SSE-KMS with the customer key, else SSE-S3),
 * a per-query scan limit, CloudWatch metrics. Access is IAM only.
 */
import * as pulumi from "@pulumi/pulumi";
import { Workgroup } from "@pulumi/aws/athena/workgroup";
import { CatalogDatabase } from "@pulumi/aws/glue/catalogDatabase";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type WarehouseArgs, type WarehouseOutputs, warehouseSettings } from "./contract";

const GIB = 1024 ** 3;

export const aws: Impl<"aws", WarehouseArgs, WarehouseOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = warehouseSettings(name, args);
  const t = tags(target, name, args.labels);
  // Validation guarantees the bucket on aws.
  const bucket = args.storage!.bucketName;
  const datasetName = s.datasetName.toLowerCase(); // Glue names are lowercase
  const catalog = new CatalogDatabase(
    name,
    { name: datasetName, description: `tessera ${target.stack} ${name}`, locationUri: pulumi.interpolate`s3://${bucket}/${datasetName}/`, tags: t },
    statefulOpts(parent, target, args.protect),
  );
  const workgroup = new Workgroup(
    name,
    {
      name: physicalName("aws", "athenaWorkgroup", [target.stack, name]),
      description: `tessera ${target.stack} ${name}`,
      state: "ENABLED",
      forceDestroy: false,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: s.scanLimitGb * GIB,
        engineVersion: { selectedEngineVersion: "Athena engine version 3" },
        resultConfiguration: {
          outputLocation: pulumi.interpolate`s3://${bucket}/athena-results/${name}/`,
          encryptionConfiguration:
            args.customerManagedKey !== undefined ? { encryptionOption: "SSE_KMS", kmsKeyArn: args.customerManagedKey } : { encryptionOption: "SSE_S3" },
        },
      },
      tags: t,
    },
    childOpts(parent, target),
  );
  return {
    warehouseId: workgroup.name,
    datasetName: catalog.name,
    endpoint: pulumi.output(`https://athena.${target.region}.amazonaws.com`),
    adminPassword: pulumi.output(""),
  };
};
