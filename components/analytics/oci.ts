/**
 * Warehouse on OCI: an Autonomous AI Lakehouse (Autonomous Database, workload `LH` — `DW` is
 * retired from December 2026) on ECPUs with compute autoscaling, a private endpoint in the
 * network's private subnet, mutual TLS required, and a generated ADMIN password kept secret.
 * OCI encrypts with Oracle-managed keys unless a Vault key is given.
 */
import * as pulumi from "@pulumi/pulumi";
import { AutonomousDatabase } from "@pulumi/oci/database/autonomousDatabase";
import { RandomPassword } from "@pulumi/random/randomPassword";
import { physicalName } from "../../core/naming";
import { type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type WarehouseArgs, type WarehouseOutputs, warehouseSettings } from "./contract";

export const oci: Impl<"oci", WarehouseArgs, WarehouseOutputs> = (name, args, parent) => {
  const { target } = args;
  const network = args.network!; // validation requires it on oci
  const s = warehouseSettings(name, args);
  // ADMIN passwords: 12-30 characters with an upper-case letter, a lower-case letter and a digit.
  const password = pulumi.secret(
    new RandomPassword(`${name}-password`, { length: 30, special: false, minUpper: 1, minLower: 1, minNumeric: 1 }, { parent }).result,
  );
  const db = new AutonomousDatabase(
    name,
    {
      compartmentId: target.compartmentId,
      dbName: s.datasetName.replace(/_/g, ""),
      displayName: physicalName("oci", "displayName", [target.stack, name]),
      dbWorkload: "LH",
      dbVersion: "26ai",
      computeModel: "ECPU",
      computeCount: s.computeUnits,
      isAutoScalingEnabled: true,
      dataStorageSizeInTbs: s.storageTb,
      licenseModel: "LICENSE_INCLUDED",
      adminPassword: password,
      subnetId: network.privateSubnetIds.apply((ids) => ids[0]!),
      privateEndpointLabel: physicalName("oci", "privateEndpointLabel", [target.stack, name]),
      isMtlsConnectionRequired: true,
      ...(args.customerManagedKey !== undefined ? { kmsKeyId: args.customerManagedKey, vaultId: args.ociVaultId } : {}),
      freeformTags: tags(target, name, args.labels),
    },
    statefulOpts(parent, target, args.protect),
  );
  return { warehouseId: db.id, datasetName: db.dbName, endpoint: db.privateEndpoint, adminPassword: password };
};
