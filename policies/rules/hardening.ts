/**
 * Hardening rules the outside rule sets check and the earlier pack did not: buckets refuse plain
 * HTTP, Kubernetes API endpoints are private or limited to named networks, and confidential or
 * restricted data (buckets, databases, machine disks) is encrypted with the stack's own
 * customer-managed key.
 */
import {
  EksCluster, S3Bucket, BucketPolicy, BucketServerSideEncryptionConfiguration, ManagedCluster, StorageAccount, KubernetesCluster, GkeCluster, OkeCluster,
} from "../types";
import type { PolicyResource } from "@pulumi/policy";
import { LOG_STORE, TAG_KEYS } from "../../core/tags";
import { isAnywhere } from "../facts";
import { CONTROLS } from "../frameworks";
import { configures, known, labelsOf } from "../resources";
import { type AtRest, type Extractor, extractor, type Props, type ResourceRule, type StackFinding, type StackRule, typeOf } from "../rule";
import { dataEncryption } from "./encryption";
import { storageEncryption } from "./storage";

const obj = (v: unknown): Props => (v !== null && typeof v === "object" ? (v as Props) : {});
const S3 = typeOf(S3Bucket);
const POLICY = typeOf(BucketPolicy);
const ACCOUNT = typeOf(StorageAccount);

/** True when a bucket policy document refuses requests without TLS (Deny on aws:SecureTransport false). */
export function refusesPlainHttp(document: unknown): boolean {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return false;
    }
  }
  const statements = obj(parsed).Statement;
  return (Array.isArray(statements) ? statements : [statements]).map(obj).some((st) => {
    const bool = obj(obj(st.Condition).Bool);
    const value = Object.entries(bool).find(([k]) => k.toLowerCase() === "aws:securetransport")?.[1];
    return st.Effect === "Deny" && String(value) === "false";
  });
}

export const storageTlsOnly: StackRule = {
  kind: "stack",
  id: "storage-tls-only",
  description: "Object storage must refuse plain-HTTP requests (an S3 bucket policy denying aws:SecureTransport false; supportsHttpsTrafficOnly on Azure storage accounts).",
  severity: "high",
  frameworks: CONTROLS.transitEncryption,
  remediation: "Use tessera's ObjectStorage, or add a bucket policy statement denying s3:* when aws:SecureTransport is false; keep enableHttpsTrafficOnly on Azure storage accounts.",
  defaults: {},
  covers: [S3, POLICY, ACCOUNT],
  clouds: ["aws", "azure"],
  check: (resources) => {
    const findings: StackFinding[] = [];
    for (const bucket of resources.filter((r) => r.type === S3)) {
      const policies = resources.filter((r) => r.type === POLICY && configures(r, bucket, "bucket"));
      // An unknown policy document (preview) is not judged.
      const refused = policies.map((p) => known(() => refusesPlainHttp((p.props as Props).policy)));
      if (!refused.some((r) => r !== false)) findings.push({ resource: bucket, message: `S3 bucket ${bucket.name} accepts plain HTTP: no bucket policy denies requests with aws:SecureTransport false` });
    }
    for (const account of resources.filter((r) => r.type === ACCOUNT)) {
      if (known(() => (account.props as Props).enableHttpsTrafficOnly) === false) findings.push({ resource: account, message: `storage account ${account.name} accepts plain HTTP: enableHttpsTrafficOnly is false` });
    }
    return findings;
  },
};

/** Where a Kubernetes API endpoint answers from. */
type ApiExposure = readonly string[];

const openTo = (what: string, cidrs: readonly string[] | undefined): string[] => {
  if (!cidrs || cidrs.length === 0) return [`${what} admits any address`];
  const anywhere = cidrs.filter((c) => isAnywhere(c));
  return anywhere.length > 0 ? [`${what} admits ${anywhere.join(", ")}`] : [];
};

export const kubernetesApiNotPublic: ResourceRule<ApiExposure> = {
  kind: "resource",
  id: "kubernetes-api-not-public",
  description: "Kubernetes API endpoints must be private or limited to named networks, never open to the whole internet.",
  severity: "high",
  frameworks: CONTROLS.networkExposure,
  remediation: "Keep tessera's default private endpoint, or list the networks that administer the cluster in services.<name>.apiAllowedCidrs (EKS publicAccessCidrs, AKS authorized IP ranges, GKE master authorized networks, an NSG on the OKE endpoint, the DOKS control-plane firewall).",
  defaults: {},
  extractors: [
    extractor(EksCluster, "aws", (p) => (p.vpcConfig.endpointPublicAccess === false ? [] : openTo("the public endpoint (publicAccessCidrs)", p.vpcConfig.publicAccessCidrs))),
    extractor(ManagedCluster, "azure", (p) =>
      p.apiServerAccessProfile?.enablePrivateCluster === true ? [] : openTo("the public API server (apiServerAccessProfile.authorizedIPRanges)", p.apiServerAccessProfile?.authorizedIPRanges),
    ),
    extractor(GkeCluster, "gcp", (p) => {
      if (p.privateClusterConfig?.enablePrivateEndpoint === true) return [];
      const networks = p.masterAuthorizedNetworksConfig;
      return networks ? openTo("the public endpoint (masterAuthorizedNetworksConfig)", (networks.cidrBlocks ?? []).map((b) => b.cidrBlock)) : ["the public endpoint has no master authorized networks"];
    }),
    extractor(OkeCluster, "oci", (p) => (p.endpointConfig?.isPublicIpEnabled !== true ? [] : (p.endpointConfig.nsgIds ?? []).length > 0 ? [] : ["the public endpoint has no network security group limiting who reaches it"])),
    extractor(KubernetesCluster, "digitalocean", (p) =>
      p.controlPlaneFirewall?.enabled === true ? openTo("the control-plane firewall", p.controlPlaneFirewall.allowedAddresses) : ["the API endpoint is public and no control-plane firewall limits it (DOKS has no private endpoint)"],
    ),
  ],
  check: (exposure) => exposure.map((e) => `Kubernetes API reachable from the internet: ${e}`),
};

/** Settings of {@link sensitiveDataCustomerKey}. */
export interface SensitiveKeyConfig {
  /** Data classes whose buckets, databases and disks need a customer-managed key. */
  readonly classes: readonly string[];
}

/**
 * Types holding data at rest where the cloud offers a customer key: buckets, databases, machine
 * disks, GCP secrets (their encryption facts come from the encryption rules). DigitalOcean and OCI Database
 * with PostgreSQL offer none: the governance matrix and the plan report them instead.
 */
const KEYED_TYPES = new Set([
  typeOf(BucketServerSideEncryptionConfiguration),
  "azure-native:storage:StorageAccount",
  "gcp:storage/bucket:Bucket",
  "oci:ObjectStorage/bucket:Bucket",
  "aws:rds/instance:Instance",
  "azure-native:dbforpostgresql:Server",
  "gcp:sql/databaseInstance:DatabaseInstance",
  "aws:ec2/instance:Instance",
  "aws:ebs/volume:Volume",
  "azure-native:compute:VirtualMachine",
  "gcp:compute/instance:Instance",
  "oci:Core/instance:Instance",
  // Secret values (Cloud Run's secret environment, the Secrets store): Secret Manager takes the customer's key per replica.
  "gcp:secretmanager/secret:Secret",
]);

const EXTRACTORS: ReadonlyMap<string, Extractor<AtRest>> = new Map(
  [...storageEncryption.extractors, ...dataEncryption.extractors].filter((e) => KEYED_TYPES.has(e.type)).map((e) => [e.type, e]),
);

/** The resource whose labels tell a companion's data class (an S3 encryption configuration's bucket). */
function holder(r: PolicyResource, resources: readonly PolicyResource[]): PolicyResource {
  return r.type === typeOf(BucketServerSideEncryptionConfiguration) ? (resources.find((b) => b.type === S3 && configures(r, b, "bucket")) ?? r) : r;
}

export const sensitiveDataCustomerKey: StackRule<SensitiveKeyConfig> = {
  kind: "stack",
  id: "sensitive-data-customer-key",
  description: "Buckets, databases, machine disks and GCP secrets holding confidential or restricted data must be encrypted with a customer-managed key wherever the cloud offers one (log stores excepted).",
  severity: "high",
  frameworks: CONTROLS.customerManagedKeys,
  remediation: "Let tessera give confidential and restricted stacks their own key (it uses the stack's secrets service, or creates one). Where a cloud offers no customer key (DigitalOcean, OCI Database with PostgreSQL) the governance matrix and the plan say so, and placement keeps such stacks off DigitalOcean.",
  defaults: { classes: ["confidential", "restricted"] },
  configSchema: { classes: { type: "array", items: { type: "string" }, default: ["confidential", "restricted"], description: "Data classes that need a customer-managed key." } },
  covers: [...KEYED_TYPES],
  clouds: ["aws", "azure", "gcp", "oci"],
  check: (resources, config) => {
    const stamps = [...new Set(resources.map((r) => labelsOf(r)[TAG_KEYS.dataClass]).filter((s): s is string => s !== undefined))];
    const stackWide = stamps.length === 1 ? stamps[0] : undefined;
    const findings: StackFinding[] = [];
    for (const r of resources) {
      const e = EXTRACTORS.get(r.type);
      if (!e) continue;
      const owner = holder(r, resources);
      const labels = labelsOf(owner);
      // Log stores hold no customer data; S3 delivers server access logs only to SSE-S3 buckets.
      if (labels[LOG_STORE] !== undefined) continue;
      const dataClass = labels[TAG_KEYS.dataClass] ?? stackWide;
      if (dataClass === undefined || !config.classes.includes(dataClass)) continue;
      const facts = known(() => e.extract(r.props as Props, { name: r.name, type: r.type, providerProps: r.provider?.props, protect: r.opts.protect }));
      if (!facts || facts.customerKey) continue;
      findings.push({ resource: r, message: `${owner.name} holds ${dataClass} data encrypted with provider-managed keys, not a customer-managed key` });
    }
    return findings;
  },
};
