/**
 * Database rules: not reachable from the internet, protected from deletion, and backed up for at
 * least N days — for managed PostgreSQL on every cloud and the analytics warehouses.
 */
import { REPLICA_OF } from "../../core/tags";
import {
  RdsInstance, AzurePgFirewallRule, AzurePgServer, KustoCluster, DatabaseCluster, DatabaseFirewall, Dataset, DatasetIamMember, DatabaseInstance,
  AutonomousDatabase, DbSystem,
} from "../types";
import { has, isAnywhere } from "../facts";
import { CONTROLS } from "../frameworks";
import { configures } from "../resources";
import { extractor, type ResourceRule, type StackRule, typeOf } from "../rule";

const PUBLIC_PRINCIPALS = ["allUsers", "allAuthenticatedUsers"];

/** Why a database is reachable from the internet; empty when it is not. */
type Reachability = readonly string[];

export const databaseNotPublic: ResourceRule<Reachability> = {
  kind: "resource",
  id: "database-not-public",
  description: "Databases and warehouses must not be reachable from the internet.",
  severity: "critical",
  frameworks: CONTROLS.networkExposure,
  remediation: "Keep databases on private networking (tessera's Postgres does): no public endpoint, access from the network or through private endpoints only.",
  defaults: {},
  extractors: [
    extractor(RdsInstance, "aws", (p) => (p.publiclyAccessible === true ? ["publiclyAccessible is true"] : [])),
    extractor(AzurePgServer, "azure", (p) => (p.network?.publicNetworkAccess !== "Disabled" && p.network?.delegatedSubnetResourceId === undefined ? [`publicNetworkAccess is ${p.network?.publicNetworkAccess ?? "not set (Enabled)"}`] : [])),
    extractor(AzurePgFirewallRule, "azure", (p) => (p.startIpAddress === "0.0.0.0" && p.endIpAddress === "255.255.255.255" ? ["a firewall rule admits every IPv4 address"] : [])),
    extractor(KustoCluster, "azure", (p) => {
      if (p.publicNetworkAccess === "Disabled") return [];
      const ranges = p.allowedIpRangeList ?? [];
      return ranges.length === 0 ? ["publicNetworkAccess is not Disabled and no allowedIpRangeList narrows it"] : ranges.filter(isAnywhere).map((r) => `allowedIpRangeList admits ${r}`);
    }),
    extractor(DatabaseInstance, "gcp", (p) => [
      ...(p.settings?.ipConfiguration?.ipv4Enabled !== false ? ["ipv4Enabled is not false (the instance has a public IP)"] : []),
      ...(p.settings?.ipConfiguration?.authorizedNetworks ?? []).filter((n) => isAnywhere(n.value)).map((n) => `authorizedNetworks admits ${n.value}`),
    ]),
    extractor(Dataset, "gcp", (p) =>
      (p.accesses ?? []).flatMap((a) => [a.iamMember, a.specialGroup].filter((m): m is string => m !== undefined && PUBLIC_PRINCIPALS.includes(m)).map((m) => `grants ${a.role ?? "access"} to ${m}`)),
    ),
    extractor(DatasetIamMember, "gcp", (p) => (PUBLIC_PRINCIPALS.includes(p.member) ? [`grants ${p.role} to ${p.member}`] : [])),
    extractor(DatabaseFirewall, "digitalocean", (p) => p.rules.filter((r) => r.type === "ip_addr" && isAnywhere(r.value)).map((r) => `trusted source ${r.value} admits the internet`)),
    extractor(AutonomousDatabase, "oci", (p) => {
      if (has(p, "subnetId")) return [];
      const ips = p.whitelistedIps ?? [];
      return ips.length === 0 ? ["no private endpoint (subnetId) and no access control list (whitelistedIps)"] : ips.filter(isAnywhere).map((ip) => `whitelistedIps admits ${ip}`);
    }),
  ],
  check: (reasons) => reasons.map((r) => `reachable from the internet: ${r}`),
  remediate: {
    [typeOf(RdsInstance)]: (p) => ({ ...p, publiclyAccessible: false }),
  },
};

/** Whether a database is protected from deletion, and how. */
interface Protection {
  /** A provider setting that is off, when the cloud has one. */
  readonly flagOff?: string;
  /** The cloud has no deletion-protection setting for this resource. */
  readonly noFlag?: string;
  readonly protect: boolean;
}

export const deletionProtection: ResourceRule<Protection> = {
  kind: "resource",
  id: "deletion-protection",
  description: "Databases and warehouses must be protected from deletion (the cloud's setting, or Pulumi protect where the cloud has none).",
  severity: "high",
  frameworks: CONTROLS.changeProtection,
  remediation: "Turn the provider's deletion protection on (tessera's Postgres does by default); where the cloud has none, keep the resource protected (tessera's protect: true default).",
  defaults: {},
  extractors: [
    extractor(RdsInstance, "aws", (p, c) => ({ ...(p.deletionProtection !== true ? { flagOff: "deletionProtection is not true" } : {}), protect: c.protect })),
    extractor(DatabaseInstance, "gcp", (p, c) => ({ ...(p.settings?.deletionProtectionEnabled !== true ? { flagOff: "settings.deletionProtectionEnabled is not true" } : {}), protect: c.protect })),
    extractor(Dataset, "gcp", (p, c) => ({ ...(p.deleteContentsOnDestroy === true ? { flagOff: "deleteContentsOnDestroy is true" } : { noFlag: "BigQuery datasets have no deletion-protection setting" }), protect: c.protect })),
    extractor(AzurePgServer, "azure", (_p, c) => ({ noFlag: "Azure Database for PostgreSQL has no deletion-protection setting (tessera adds a CanNotDelete lock)", protect: c.protect })),
    extractor(KustoCluster, "azure", (_p, c) => ({ noFlag: "Azure Data Explorer has no deletion-protection setting", protect: c.protect })),
    extractor(DatabaseCluster, "digitalocean", (_p, c) => ({ noFlag: "DigitalOcean managed databases have no deletion-protection setting", protect: c.protect })),
    extractor(DbSystem, "oci", (_p, c) => ({ noFlag: "OCI Database with PostgreSQL has no deletion-protection setting", protect: c.protect })),
    extractor(AutonomousDatabase, "oci", (_p, c) => ({ noFlag: "Autonomous Database has no deletion-protection setting", protect: c.protect })),
  ],
  check: (f) => {
    if (f.flagOff) return [`not protected from deletion: ${f.flagOff}`];
    if (f.noFlag && !f.protect) return [`not protected from deletion: ${f.noFlag}, and the resource is not protected (Pulumi protect)`];
    return [];
  },
  remediate: {
    [typeOf(RdsInstance)]: (p) => ({ ...p, deletionProtection: true }),
  },
};

/** Settings of {@link backupRetention}. */
export interface BackupConfig {
  /** Fewest days of backups a database must keep. */
  readonly minDays: number;
}

/** How many days of backups a database keeps, or why it keeps none. */
type Backups = { readonly days: number; readonly what: string } | { readonly none: string } | { readonly replica: true };

export const backupRetention: ResourceRule<Backups, BackupConfig> = {
  kind: "resource",
  id: "backup-retention",
  description: "Databases must keep automated backups for at least the configured number of days (default 7).",
  severity: "high",
  frameworks: CONTROLS.recovery,
  remediation: "Set backupRetentionDays on tessera's Postgres (default 7; DigitalOcean keeps 7 and cannot keep more) or the provider's retention setting.",
  defaults: { minDays: 7 },
  configSchema: { minDays: { type: "number", default: 7, description: "Minimum backup retention in days." } },
  extractors: [
    // A read replica keeps no backups of its own (RDS and Cloud SQL refuse them); its primary's cover the data.
    extractor(RdsInstance, "aws", (p) =>
      // The replica label, not replicateSourceDb: that is the source's ARN, unknown during preview.
      p.tags?.[REPLICA_OF] !== undefined && p.backupRetentionPeriod === 0 ? { replica: true } : p.backupRetentionPeriod === undefined ? { none: "backupRetentionPeriod is not set" } : { days: p.backupRetentionPeriod, what: "backupRetentionPeriod" },
    ),
    extractor(AzurePgServer, "azure", (p) => ({ days: p.backup?.backupRetentionDays ?? 7, what: "backup.backupRetentionDays" })),
    extractor(DatabaseInstance, "gcp", (p) => {
      if (p.instanceType === "READ_REPLICA_INSTANCE") return { replica: true };
      const b = p.settings?.backupConfiguration;
      if (b?.enabled !== true) return { none: "settings.backupConfiguration.enabled is not true" };
      const kept = b.backupRetentionSettings;
      // Cloud SQL keeps a number of daily backups; seven unless set.
      return { days: kept?.retentionUnit === undefined || kept.retentionUnit === "COUNT" ? (kept?.retainedBackups ?? 7) : 0, what: "retained daily backups" };
    }),
    extractor(DatabaseCluster, "digitalocean", () => ({ days: 7, what: "DigitalOcean's fixed daily backups" })),
    extractor(DbSystem, "oci", (p) => {
      const policy = p.managementPolicy?.backupPolicy;
      if (policy === undefined || policy.kind === "NONE") return { none: policy ? "backupPolicy.kind is NONE" : "managementPolicy.backupPolicy is not set" };
      return policy.retentionDays === undefined ? { none: "backupPolicy.retentionDays is not set" } : { days: policy.retentionDays, what: "backupPolicy.retentionDays" };
    }),
    extractor(AutonomousDatabase, "oci", (p) => ({ days: p.backupRetentionPeriodInDays ?? 60, what: "backupRetentionPeriodInDays" })),
  ],
  check: (b, config) => {
    if ("replica" in b) return [];
    if ("none" in b) return [`no automated backups: ${b.none}`];
    const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
    return b.days < config.minDays ? [`backups kept ${days(b.days)} (${b.what}), fewer than the required ${days(config.minDays)}`] : [];
  },
};

const DO_CLUSTER = typeOf(DatabaseCluster);
const DO_FIREWALL = typeOf(DatabaseFirewall);

export const digitaloceanDatabaseFirewall: StackRule = {
  kind: "stack",
  id: "digitalocean-database-trusted-sources",
  description: "Every DigitalOcean database cluster needs a database firewall (trusted sources); without one its public hostname accepts connections from anywhere.",
  severity: "critical",
  frameworks: CONTROLS.networkExposure,
  remediation: "Use tessera's Postgres (it admits the network's range only), or add a digitalocean.DatabaseFirewall for the cluster.",
  defaults: {},
  covers: [DO_CLUSTER, DO_FIREWALL],
  clouds: ["digitalocean"],
  check: (resources) =>
    resources
      .filter((r) => r.type === DO_CLUSTER)
      .filter((cluster) => !resources.some((r) => r.type === DO_FIREWALL && configures(r, cluster, "clusterId")))
      .map((cluster) => ({ resource: cluster, message: `database cluster ${cluster.name} has no database firewall (trusted sources)` })),
};
