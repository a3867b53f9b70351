/**
 * Availability zones per region, from `data/zones.csv` (each row with its source and the day it
 * was read). What the zone names are depends on the cloud:
 *
 * - AWS: zone IDs (`use1-az1`), the same physical zone in every account (zone names such as
 *   `us-east-1a` map to different zones per account); subnets are placed with them.
 * - Azure: logical zones `1`-`3`, or none: a region without zones refuses `Standard_ZRS` storage
 *   and zone-redundant high availability.
 * - GCP: zone names (`europe-west1-b`).
 * - OCI: `AD-<n>` (availability domain names carry a tenancy prefix, so the count is the fact).
 * - DigitalOcean: none.
 */
import { join } from "node:path";
import { CLOUDS, type Cloud, isCloud } from "./cloud";
import { DataFileError, isoDate, readCsv } from "./data";

/** One region's zones with where the fact comes from. */
export interface RegionZones {
  readonly cloud: Cloud;
  readonly region: string;
  /** Empty: the region has no availability zones. */
  readonly zones: readonly string[];
  readonly source: string;
  readonly read: string;
}

/** Reads `zones.csv` in `dir`. */
export function loadZones(dir: string): ReadonlyMap<string, RegionZones> {
  const file = join(dir, "zones.csv");
  const out = new Map<string, RegionZones>();
  readCsv(file).forEach((row, i) => {
    const line = i + 2;
    const cloud = row.cloud ?? "";
    if (!isCloud(cloud)) throw new DataFileError(`${file} row ${line}: cloud "${cloud}" is not one of ${CLOUDS.join(", ")}`);
    const region = row.region ?? "";
    const zones = (row.zones ?? "").split(/\s+/).filter(Boolean);
    if (!row.source) throw new DataFileError(`${file} row ${line}: every row names its source`);
    const key = `${cloud}/${region}`;
    if (out.has(key)) throw new DataFileError(`${file} row ${line}: ${key} appears twice`);
    out.set(key, { cloud, region, zones, source: row.source, read: isoDate(row.read ?? "", file, line, "read") });
  });
  return out;
}

/**
 * Azure storage redundancy for a region: zone-redundant where the region has availability zones
 * (Azure offers ZRS in every region with zones), else locally redundant.
 */
export const azureStorageSku = (zones: readonly string[]): "Standard_ZRS" | "Standard_LRS" => (zones.length > 0 ? "Standard_ZRS" : "Standard_LRS");

/**
 * Azure Database for PostgreSQL high-availability mode for a region: the standby in another zone
 * where the region has zones, else in the same zone (the only HA a zoneless region offers).
 */
export const azurePostgresHaMode = (zones: readonly string[]): "ZoneRedundant" | "SameZone" => (zones.length > 0 ? "ZoneRedundant" : "SameZone");
