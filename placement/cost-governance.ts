/**
 * What the governance controls cost (audit trails, flow logs, access logs, keys, budgets), per
 * resource type, from sourced list prices. Most of it is usage-based — per GB of logs ingested or
 * stored, per key operation — and tessera has no volume to multiply by, so those resources are
 * shown at 0, marked estimated, with the rate and its source in the label ("not priced: …"). Fixed
 * monthly prices (a KMS key, a Cloud KMS key version) are priced.
 *
 * Placement ranks candidates without these: they are the same few dollars of keys on every cloud
 * with a key service, and the rest is usage. `tessera plan` adds them per resource.
 */
/** One sourced price fact. */
export interface GovernanceRate {
  /** USD per unit, when the source gives a figure. */
  readonly usd?: number;
  readonly unit: string;
  readonly source: string;
  /** When the source was read (YYYY-MM-DD). */
  readonly read: string;
}

const READ = "2026-11-25";

/** The rates, each with its source. */
export const GOVERNANCE_RATES = {
  awsKmsKey: { usd: 1, unit: "KMS key-month (each automatic rotation adds 1 USD/month)", source: "https://aws.amazon.com/kms/pricing/", read: READ },
  awsCloudTrail: { usd: 0, unit: "first copy of management events per region (additional copies 2 USD per 100,000 events)", source: "https://aws.amazon.com/cloudtrail/pricing/", read: READ },
  awsBudget: { usd: 0.02, unit: "budget-day beyond the account's first two active budgets (free)", source: "https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-managing-costs.html", read: READ },
  awsVendedLogs: {
    usd: 0.5,
    unit: "GB of vended logs (VPC flow logs) delivered to CloudWatch Logs, first 10 TB, plus 0.03 USD per GB-month stored",
    source: "github.com/aws-samples/sample-cfm-tips-mcp services/cloudwatch_service_vended_log.py (AWS CloudWatch pricing tiers)",
    read: READ,
  },
  awsLogStorage: { unit: "GB-month of log objects at the bucket's S3 storage price (the catalog's object-storage price)", source: "data/storage-and-egress.csv", read: READ },
  gcpLogging: { usd: 0.5, unit: "GiB routed into a log bucket beyond 50 GiB per project-month (0.01 USD per GiB-month kept past 30 days)", source: "https://cloud.google.com/stackdriver/pricing", read: READ },
  gcpFlowLogs: { usd: 0.25, unit: "GiB of VPC flow logs (vended network logs) into a log bucket, plus network telemetry generation", source: "https://cloud.google.com/stackdriver/pricing", read: READ },
  gcpKmsKeyVersion: { usd: 0.06, unit: "active SOFTWARE key version-month (rotation every 90 days adds a version)", source: "https://cloud.google.com/kms/pricing", read: READ },
  azureLogAnalytics: { unit: "GB ingested into Log Analytics (Pay-As-You-Go, set per region; the catalog has no figure)", source: "https://learn.microsoft.com/azure/azure-monitor/logs/cost-logs", read: READ },
  azureFlowLogs: { unit: "GB of VNet flow logs collected by Network Watcher, plus the storage account's blob storage (the catalog has no figure)", source: "https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview", read: READ },
  azureKeyVaultKey: {
    unit: "10,000 key operations (Standard tier: software-protected keys have no monthly charge; the catalog has no per-operation figure)",
    source: "https://azure.microsoft.com/pricing/details/key-vault/",
    read: READ,
  },
  ociVaultKey: { unit: "HSM key version-month beyond the tenancy's free allowance (the catalog has no figure)", source: "https://www.oracle.com/security/cloud-security/pricing/", read: READ },
  ociLogging: { unit: "GB of logs stored in OCI Logging (the catalog has no figure)", source: "https://docs.oracle.com/en-us/iaas/Content/Logging/home.htm", read: READ },
  spacesLogStorage: { unit: "GB-month of access-log objects at the Space's storage price (the catalog's object-storage price)", source: "data/storage-and-egress.csv", read: READ },
} as const satisfies Record<string, GovernanceRate>;

/** A resource's line in a plan: its monthly cost, whether it is an estimate, how it was derived. */
export interface GovernanceCost {
  readonly monthlyUsd: number;
  readonly estimated: boolean;
  readonly label: string;
}

const cite = (r: GovernanceRate) => `(${r.source}, read ${r.read})`;
const fixed = (r: GovernanceRate & { usd: number }, what: string): GovernanceCost => ({ monthlyUsd: r.usd, estimated: false, label: `governance: ${what} ${r.usd} USD/${r.unit} ${cite(r)}` });
const usage = (r: GovernanceRate, what: string): GovernanceCost => ({
  monthlyUsd: 0,
  estimated: true,
  label: `governance: not priced, usage-based — ${what}: ${r.usd !== undefined ? `${r.usd} USD per ` : ""}${r.unit} ${cite(r)}`,
});

const R = GOVERNANCE_RATES;

/** The governance line of each resource type that bills (types with a service price of their own are priced by the service). */
const LINES: Readonly<Record<string, GovernanceCost>> = {
  "aws:kms/key:Key": fixed(R.awsKmsKey, "customer-managed key"),
  "aws:cloudtrail/trail:Trail": usage(R.awsCloudTrail, "CloudTrail trail (management events free, log files billed as S3 storage)"),
  "aws:budgets/budget:Budget": usage(R.awsBudget, "AWS Budgets"),
  "aws:ec2/flowLog:FlowLog": usage(R.awsVendedLogs, "VPC flow logs"),
  "aws:cloudwatch/logGroup:LogGroup": usage(R.awsVendedLogs, "CloudWatch Logs"),
  "aws:s3/bucket:Bucket": usage(R.awsLogStorage, "log bucket"),
  "azure-native:operationalinsights:Workspace": usage(R.azureLogAnalytics, "Log Analytics workspace"),
  "azure-native:network:FlowLog": usage(R.azureFlowLogs, "VNet flow logs"),
  "azure-native:storage:StorageAccount": usage(R.azureFlowLogs, "flow-log storage account"),
  "gcp:logging/projectBucketConfig:ProjectBucketConfig": usage(R.gcpLogging, "Cloud Logging bucket"),
  "gcp:projects/iAMAuditConfig:IAMAuditConfig": usage(R.gcpLogging, "Data Access audit logs"),
  "gcp:compute/subnetwork:Subnetwork": usage(R.gcpFlowLogs, "subnet flow logs"),
  "gcp:kms/cryptoKey:CryptoKey": fixed(R.gcpKmsKeyVersion, "Cloud KMS key version"),
  "azure-native:keyvault:Key": usage(R.azureKeyVaultKey, "Key Vault key"),
  "oci:Kms/key:Key": usage(R.ociVaultKey, "Vault key"),
  "oci:Logging/log:Log": usage(R.ociLogging, "OCI Logging log"),
  "digitalocean:index/spacesBucket:SpacesBucket": usage(R.spacesLogStorage, "access-log Space"),
};

/** Storage types whose line applies only to a store that holds logs (not to the stack's data). */
const LOG_STORES = new Set(["aws:s3/bucket:Bucket", "azure-native:storage:StorageAccount", "digitalocean:index/spacesBucket:SpacesBucket"]);

/** What tells a governance resource from the stack's own data. */
export interface GovernanceFacts {
  /** The resource holds logs (labelled tessera-logs, or a Space named …-access-logs). */
  readonly logStore?: boolean;
  /** A GCP subnetwork with flow logs on. */
  readonly flowLogs?: boolean;
}

/** The governance line for a resource the service cost model does not price (undefined when its type does not bill). */
export function governanceResourceCost(type: string, facts: GovernanceFacts = {}): GovernanceCost | undefined {
  if (type === "gcp:compute/subnetwork:Subnetwork" && !facts.flowLogs) return undefined;
  if (LOG_STORES.has(type) && !facts.logStore) return undefined;
  return LINES[type];
}
