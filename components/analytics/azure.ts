/**
 * Warehouse on Azure: an Azure Data Explorer (Kusto) cluster — disk encryption and double
 * encryption on, a system-assigned identity, outbound access restricted, purge off, streaming
 * ingest on, auto-stop on the dev SKU only, public network access off unless client ranges are
 * allowed — and one read-write database whose data stays queryable for the retention period
 * (31 days hot). Access is Microsoft Entra ID only.
 */
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "@pulumi/azure-native/kusto/cluster";
import { ReadWriteDatabase } from "@pulumi/azure-native/kusto/readWriteDatabase";
import { keptName } from "../naming";
import { type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type WarehouseArgs, type WarehouseOutputs, warehouseSettings } from "./contract";

export const azure: Impl<"azure", WarehouseArgs, WarehouseOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = warehouseSettings(name, args);
  const opts = statefulOpts(parent, target, args.protect);
  const dev = s.azureSku.startsWith("Dev");
  const cluster = new Cluster(
    name,
    {
      resourceGroupName: target.resourceGroupName,
      location: target.region,
      clusterName: keptName(name, target, "kustoCluster", [target.stack, name], parent),
      sku: { name: s.azureSku, tier: dev ? "Basic" : "Standard", capacity: s.computeUnits },
      identity: { type: "SystemAssigned" },
      enableDiskEncryption: true,
      enableDoubleEncryption: true,
      enablePurge: false,
      enableStreamingIngest: true,
      enableAutoStop: dev,
      restrictOutboundNetworkAccess: "Enabled",
      publicNetworkAccess: s.allowedCidrs.length > 0 ? "Enabled" : "Disabled",
      ...(s.allowedCidrs.length > 0 ? { allowedIpRangeList: [...s.allowedCidrs] } : {}),
      tags: tags(target, name, args.labels),
    },
    opts,
  );
  const database = new ReadWriteDatabase(
    name,
    {
      resourceGroupName: target.resourceGroupName,
      clusterName: cluster.name,
      databaseName: s.datasetName,
      kind: "ReadWrite",
      location: target.region,
      softDeletePeriod: `P${s.retentionDays}D`,
      hotCachePeriod: `P${Math.min(31, s.retentionDays)}D`,
    },
    opts,
  );
  return { warehouseId: cluster.id, datasetName: database.name.apply((n) => n.split("/").pop() ?? n), endpoint: cluster.uri, adminPassword: pulumi.output("") };
};
