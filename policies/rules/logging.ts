/**
 * Logging rules over the whole stack: every network keeps flow logs, and every bucket's access is
 * logged (stores that hold logs are exempt: logging a log store into itself loops).
 */
import {
  AwsFlowLog, Vpc, S3Bucket, BucketLogging, DiagnosticSetting, AzureFlowLog, VirtualNetwork, StorageAccount, SpacesBucket, SpacesBucketLogging,
  Subnetwork, IAMAuditConfig, GcsBucket, OciSubnet, OciLog, OciBucket,
} from "../types";
import type { PolicyResource } from "@pulumi/policy";
import { LOG_STORE } from "../../core/tags";
import { has } from "../facts";
import { CONTROLS } from "../frameworks";
import { configures, isCloudResource, known, labelsOf, stackOf } from "../resources";
import type { Props, StackFinding, StackRule } from "../rule";
import { typeOf } from "../rule";
import { auditOptOut } from "../stackfile";

const props = (r: PolicyResource) => r.props as Props;
const obj = (v: unknown): Props => (v !== null && typeof v === "object" ? (v as Props) : {});

/** True when some companion of `type` configures `target` through `key`. */
const configuredBy = (resources: readonly PolicyResource[], type: string, target: PolicyResource, key: string, accept: (c: PolicyResource) => boolean = () => true) =>
  resources.some((c) => c.type === type && configures(c, target, key) && accept(c));

/** An OCI service log's source, or undefined while it is unknown. */
const ociSource = (log: PolicyResource) => known(() => obj(obj(props(log).configuration).source));

const VPC = typeOf(Vpc);
const AWS_FLOW = typeOf(AwsFlowLog);
const VNET = typeOf(VirtualNetwork);
const AZURE_FLOW = typeOf(AzureFlowLog);
const SUBNETWORK = typeOf(Subnetwork);
const OCI_SUBNET = typeOf(OciSubnet);
const OCI_LOG = typeOf(OciLog);

/** Why a network keeps no flow logs, or undefined when it does. */
function unlogged(net: PolicyResource, resources: readonly PolicyResource[]): string | undefined {
  switch (net.type) {
    case VPC:
      return configuredBy(resources, AWS_FLOW, net, "vpcId", (f) => known(() => props(f).trafficType) !== "ACCEPT" && known(() => props(f).trafficType) !== "REJECT")
        ? undefined
        : "no VPC flow log records all its traffic";
    case VNET:
      return configuredBy(resources, AZURE_FLOW, net, "targetResourceId", (f) => known(() => props(f).enabled) !== false) ? undefined : "no enabled VNet flow log targets it";
    case SUBNETWORK:
      return has(props(net), "logConfig") ? undefined : "logConfig is not set (subnet flow logs are off)";
    case OCI_SUBNET: {
      // A flow log on the subnet itself, or one on its VCN.
      const covered = resources.some((l) => l.type === OCI_LOG && ociSource(l)?.service === "flowlogs" && (configures(l, net, "configuration") || l.propertyDependencies.configuration?.some((d) => net.propertyDependencies.vcnId?.some((v) => v.urn === d.urn))));
      return covered ? undefined : "no flow log (Logging service log, source flowlogs) covers it";
    }
    default:
      return undefined;
  }
}

export const networkFlowLogs: StackRule = {
  kind: "stack",
  id: "network-flow-logs",
  description: "Every network must keep flow logs: VPC flow logs, VNet flow logs, subnet flow logs, VCN flow logs.",
  severity: "high",
  frameworks: CONTROLS.networkMonitoring,
  remediation: "Keep tessera's Network flowLogs on (the default), or add the cloud's flow log for the network (aws.ec2.FlowLog, a Network Watcher FlowLog, subnetwork logConfig, an OCI flowlogs Log).",
  defaults: {},
  covers: [VPC, AWS_FLOW, VNET, AZURE_FLOW, SUBNETWORK, OCI_SUBNET, OCI_LOG],
  clouds: ["aws", "azure", "gcp", "oci"],
  check: (resources) =>
    resources.flatMap((net) => {
      const why = unlogged(net, resources);
      return why ? [{ resource: net, message: `network ${net.name} keeps no flow logs: ${why}` }] : [];
    }),
};

const S3 = typeOf(S3Bucket);
const S3_LOGGING = typeOf(BucketLogging);
const ACCOUNT = typeOf(StorageAccount);
const DIAGNOSTICS = typeOf(DiagnosticSetting);
const GCS = typeOf(GcsBucket);
const AUDIT_CONFIG = typeOf(IAMAuditConfig);
const SPACE = typeOf(SpacesBucket);
const SPACE_LOGGING = typeOf(SpacesBucketLogging);
const OCI_BUCKET = typeOf(OciBucket);

/** Blob categories a storage account's diagnostic setting must keep. */
const BLOB_CATEGORIES = ["StorageRead", "StorageWrite", "StorageDelete"];

/** True for a store that holds logs (tessera labels them; S3 and Spaces log targets count too). */
function isLogStore(r: PolicyResource, resources: readonly PolicyResource[]): boolean {
  if (labelsOf(r)[LOG_STORE] !== undefined) return true;
  if (r.type === S3) return configuredBy(resources, S3_LOGGING, r, "targetBucket");
  if (r.type === SPACE) return configuredBy(resources, SPACE_LOGGING, r, "targetBucket");
  return false;
}

/** Settings of {@link storageAccessLogging}. */
export interface AccessLoggingConfig {
  /** Where `Pulumi.<stack>.yaml` lives (a GCP audit opt-out relies on the organisation's audit configuration). */
  readonly stacksDir: string;
}

/** Why a bucket's access is not logged, or undefined when it is. */
function accessUnlogged(bucket: PolicyResource, resources: readonly PolicyResource[], gcpOptOut: boolean): string | undefined {
  switch (bucket.type) {
    case S3:
      return configuredBy(resources, S3_LOGGING, bucket, "bucket") ? undefined : "no BucketLogging sends its server access logs anywhere";
    case ACCOUNT: {
      const settings = resources.filter((d) => d.type === DIAGNOSTICS && configures(d, bucket, "resourceUri"));
      if (settings.length === 0) return "no diagnostic setting logs its blob reads, writes and deletes";
      const enabled = known(() => settings.flatMap((d) => (Array.isArray(props(d).logs) ? (props(d).logs as unknown[]) : []).map(obj).filter((l) => l.enabled === true).map((l) => String(l.category ?? l.categoryGroup))));
      const missing = enabled === undefined || enabled.includes("allLogs") || enabled.includes("audit") ? [] : BLOB_CATEGORIES.filter((c) => !enabled.includes(c));
      return missing.length > 0 ? `its diagnostic setting leaves out ${missing.join(", ")}` : undefined;
    }
    case GCS: {
      if (gcpOptOut || has(obj(props(bucket).logging), "logBucket")) return undefined;
      const audited = resources.some((c) => {
        if (c.type !== AUDIT_CONFIG) return false;
        const p = props(c);
        const types = known(() => (Array.isArray(p.auditLogConfigs) ? (p.auditLogConfigs as unknown[]).map((x) => String(obj(x).logType)) : []));
        const service = known(() => p.service);
        return (service === "storage.googleapis.com" || service === "allServices") && (types === undefined || (types.includes("DATA_READ") && types.includes("DATA_WRITE")));
      });
      return audited ? undefined : "Data Access audit logs (DATA_READ, DATA_WRITE) are off for storage.googleapis.com and the bucket has no usage log bucket";
    }
    case SPACE:
      return configuredBy(resources, SPACE_LOGGING, bucket, "bucket") ? undefined : "no SpacesBucketLogging sends its access logs anywhere";
    case OCI_BUCKET: {
      const categories = resources
        .filter((l) => l.type === OCI_LOG && configures(l, bucket, "configuration"))
        .map((l) => ociSource(l))
        .filter((s) => s?.service === "objectstorage")
        .map((s) => String(s?.category));
      const missing = ["read", "write"].filter((c) => !categories.includes(c));
      return missing.length > 0 ? `no Object Storage ${missing.join(" and ")} log (Logging service log) records its access` : undefined;
    }
    default:
      return undefined;
  }
}

export const storageAccessLogging: StackRule<AccessLoggingConfig> = {
  kind: "stack",
  id: "storage-access-logging",
  description: "Every bucket's access must be logged (server access logs, diagnostic settings, Data Access audit logs, Spaces access logs, Object Storage read/write logs); log stores are exempt.",
  severity: "high",
  frameworks: CONTROLS.dataAccessLogging,
  remediation: "Keep ObjectStorage accessLogs on (the default) and, on GCP, the Governance audit trail; or add the cloud's access logging for the bucket.",
  defaults: { stacksDir: "" },
  configSchema: { stacksDir: { type: "string", default: "", description: "Folder of the stack files (default: the repository's stacks/)." } },
  covers: [S3, S3_LOGGING, ACCOUNT, DIAGNOSTICS, GCS, AUDIT_CONFIG, SPACE, SPACE_LOGGING, OCI_BUCKET, OCI_LOG],
  clouds: ["aws", "azure", "gcp", "digitalocean", "oci"],
  check: (resources, config) => {
    const cloudResources = resources.filter(isCloudResource);
    if (cloudResources.length === 0) return [];
    // With the audit trail opted out, the organisation's audit configuration records GCS access.
    const gcpOptOut = auditOptOut(config.stacksDir, stackOf(cloudResources[0]!)) !== undefined;
    const findings: StackFinding[] = [];
    for (const bucket of resources.filter((r) => [S3, ACCOUNT, GCS, SPACE, OCI_BUCKET].includes(r.type))) {
      if (isLogStore(bucket, resources)) continue;
      const why = accessUnlogged(bucket, resources, gcpOptOut);
      if (why) findings.push({ resource: bucket, message: `access to bucket ${bucket.name} is not logged: ${why}` });
    }
    return findings;
  },
};
