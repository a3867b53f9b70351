/**
 * The capability matrix: for every (service kind, cloud), whether tessera can build it there and
 * with what. One source of truth, read by three consumers:
 *
 * - `placement/` rejects a cloud whose cell is unsupported ("secrets not offered by digitalocean");
 * - every component calls {@link requireCapability} before creating a child, so an unsupported
 *   cell fails with the same sentence;
 * - `npm run docs` renders it as the README table.
 *
 * The cells agree with `data/services.csv` (a test checks it): where that file says `none`, the
 * cell is unsupported; where tessera knows more (for example that the catalog has no DigitalOcean
 * GPU prices), the cell's `note` says so.
 *
 * Pure TypeScript (no Pulumi import) so placement can use it.
 */
import { CLOUDS, type Cloud, type ServiceKind } from "./cloud";

/** A cell tessera implements. */
export interface Supported {
  readonly supported: true;
  /** The cloud's product name. */
  readonly offering: string;
  /** Pulumi type token of the main resource tessera creates. */
  readonly resource: string;
  /** A caveat users should know before relying on the cell. */
  readonly note?: string;
}

/** A cell the cloud cannot provide. */
export interface Unsupported {
  readonly supported: false;
  /** Why, in one sentence that names the cloud. */
  readonly reason: string;
}

/** One (service, cloud) cell. */
export type Capability = Supported | Unsupported;

const yes = (offering: string, resource: string, note?: string): Supported =>
  note === undefined ? { supported: true, offering, resource } : { supported: true, offering, resource, note };
const no = (reason: string): Unsupported => ({ supported: false, reason });

/** The matrix. Typed so that a missing (service, cloud) cell is a compile error. */
export const CAPABILITIES = {
  network: {
    aws: yes("Amazon VPC", "aws:ec2/vpc:Vpc"),
    azure: yes("Azure Virtual Network", "azure-native:network:VirtualNetwork"),
    gcp: yes("VPC network", "gcp:compute/network:Network"),
    digitalocean: yes("DigitalOcean VPC", "digitalocean:index/vpc:Vpc", "no subnets or availability zones: one VPC per region"),
    oci: yes("OCI Virtual Cloud Network", "oci:Core/vcn:Vcn"),
  },
  compute: {
    aws: yes("Amazon EC2", "aws:ec2/instance:Instance"),
    azure: yes("Azure Virtual Machines", "azure-native:compute:VirtualMachine"),
    gcp: yes("Compute Engine", "gcp:compute/instance:Instance"),
    digitalocean: yes("Droplets", "digitalocean:index/droplet:Droplet"),
    oci: yes("OCI Compute (flex shapes)", "oci:Core/instance:Instance"),
  },
  "gpu-compute": {
    aws: yes("EC2 GPU instances (g4dn, g5, g5g)", "aws:ec2/instance:Instance"),
    azure: yes("Azure N-series GPU VMs (NC, NV)", "azure-native:compute:VirtualMachine"),
    gcp: yes("Compute Engine g2/a2/a3 and n1 + attached T4", "gcp:compute/instance:Instance"),
    digitalocean: yes(
      "GPU Droplets",
      "digitalocean:index/droplet:Droplet",
      "the catalog has no DigitalOcean GPU prices, so placement never chooses it; give the size slug yourself",
    ),
    oci: yes("OCI VM.GPU shapes", "oci:Core/instance:Instance"),
  },
  "object-storage": {
    aws: yes("Amazon S3", "aws:s3/bucket:Bucket"),
    azure: yes("Azure Blob Storage", "azure-native:storage:StorageAccount"),
    gcp: yes("Cloud Storage", "gcp:storage/bucket:Bucket"),
    digitalocean: yes("Spaces Object Storage", "digitalocean:index/spacesBucket:SpacesBucket", "not in every region (services.csv: most-regions)"),
    oci: yes("OCI Object Storage", "oci:ObjectStorage/bucket:Bucket"),
  },
  database: {
    aws: yes("Amazon RDS for PostgreSQL", "aws:rds/instance:Instance"),
    azure: yes("Azure Database for PostgreSQL flexible server", "azure-native:dbforpostgresql:Server"),
    gcp: yes("Cloud SQL for PostgreSQL", "gcp:sql/databaseInstance:DatabaseInstance"),
    digitalocean: yes("Managed Databases for PostgreSQL", "digitalocean:index/databaseCluster:DatabaseCluster"),
    oci: yes("OCI Database with PostgreSQL", "oci:Psql/dbSystem:DbSystem"),
  },
  kubernetes: {
    aws: yes("Amazon EKS", "aws:eks/cluster:Cluster"),
    azure: yes("Azure Kubernetes Service", "azure-native:containerservice:ManagedCluster"),
    gcp: yes("Google Kubernetes Engine", "gcp:container/cluster:Cluster"),
    digitalocean: yes("DigitalOcean Kubernetes", "digitalocean:index/kubernetesCluster:KubernetesCluster"),
    oci: yes("OCI Kubernetes Engine", "oci:ContainerEngine/cluster:Cluster"),
  },
  serverless: {
    aws: yes("AWS Lambda + function URL", "aws:lambda/function:Function", "no secret environment values: Lambda has no secret reference, so placement skips AWS for a function with one (core/constraints.ts)"),
    azure: yes("Azure Container Apps", "azure-native:app:ContainerApp", "HTTP functions run as a container image on Container Apps (scale to zero)"),
    gcp: yes("Cloud Run", "gcp:cloudrunv2/service:Service"),
    digitalocean: yes(
      "App Platform (container service)",
      "digitalocean:index/app:App",
      "App Platform functions deploy only from Git, so the container image runs as an App Platform service; no scale to zero, no workload identity",
    ),
    oci: yes("OCI Functions", "oci:Functions/function:Function", "no secret environment values: configuration parameters have no Vault reference, so placement skips OCI for a function with one (core/constraints.ts)"),
  },
  secrets: {
    aws: yes("AWS Secrets Manager + KMS", "aws:secretsmanager/secret:Secret"),
    azure: yes("Azure Key Vault", "azure-native:keyvault:Vault"),
    gcp: yes("Secret Manager + Cloud KMS", "gcp:secretmanager/secret:Secret"),
    digitalocean: no("digitalocean has no managed secret store or key-management service"),
    oci: yes("OCI Vault (keys and secrets)", "oci:Kms/vault:Vault"),
  },
  monitoring: {
    aws: yes("CloudWatch Logs + alarms + SNS", "aws:cloudwatch/metricAlarm:MetricAlarm"),
    azure: yes("Log Analytics + metric alerts + action group", "azure-native:monitor:MetricAlert"),
    gcp: yes("Cloud Logging + alert policies", "gcp:monitoring/alertPolicy:AlertPolicy"),
    digitalocean: yes("Monitoring alert policies", "digitalocean:index/monitorAlert:MonitorAlert", "no log destination: DigitalOcean has no managed log store"),
    oci: yes("OCI Logging + Monitoring alarms + Notifications", "oci:Monitoring/alarm:Alarm"),
  },
  analytics: {
    aws: yes("Amazon Athena + AWS Glue", "aws:athena/workgroup:Workgroup"),
    azure: yes("Azure Data Explorer", "azure-native:kusto:Cluster"),
    gcp: yes("BigQuery", "gcp:bigquery/dataset:Dataset"),
    digitalocean: no(
      "digitalocean has no analytics warehouse (its managed databases are PostgreSQL, MySQL, Valkey, MongoDB, Kafka and OpenSearch)",
    ),
    oci: yes("Autonomous AI Lakehouse (formerly Autonomous Data Warehouse)", "oci:Database/autonomousDatabase:AutonomousDatabase"),
  },
  "dns-failover": {
    aws: yes("Route 53 health checks + failover records", "aws:route53/record:Record"),
    azure: yes("Azure Traffic Manager (priority routing)", "azure-native:trafficmanager:Profile"),
    gcp: yes("Cloud DNS primary-backup routing + health check", "gcp:dns/recordSet:RecordSet", "A records (IPv4 endpoints) only"),
    digitalocean: no("digitalocean has no health-checked DNS failover (its DNS serves static records only)"),
    oci: yes("OCI DNS steering policy (FAILOVER) + HTTP monitor", "oci:Dns/steeringPolicy:SteeringPolicy"),
  },
  // A load balancer (HTTPS, HTTP redirected) in front of an autoscaled group of private machines.
  "web-tier": {
    aws: yes("Application Load Balancer + EC2 Auto Scaling + ACM certificate", "aws:lb/loadBalancer:LoadBalancer", "ACM validates the certificate by DNS: tessera writes the records in a Route 53 zone when the stack names one, else you add them"),
    azure: yes(
      "Application Gateway v2 + VM Scale Set + autoscale settings",
      "azure-native:network:ApplicationGateway",
      "Application Gateway issues no certificate: give a Key Vault certificate (RBAC vault) for the hostname; autoscale is threshold rules on CPU, not target tracking",
    ),
    gcp: yes(
      "Global external Application Load Balancer + regional managed instance group + autoscaler + Google-managed certificate",
      "gcp:compute/globalForwardingRule:GlobalForwardingRule",
      "the managed certificate provisions only once the hostname resolves to the load balancer",
    ),
    digitalocean: yes(
      "Load Balancer + Droplet autoscale pool + Let's Encrypt certificate",
      "digitalocean:index/loadBalancer:LoadBalancer",
      "Let's Encrypt certificates need the hostname's domain managed by DigitalOcean DNS",
    ),
    oci: yes(
      "OCI Flexible Load Balancer + instance pool + autoscaling configuration",
      "oci:LoadBalancer/loadBalancer:LoadBalancer",
      "OCI Certificates has no publicly trusted issuer: import your certificate into it and give its OCID; autoscaling is threshold rules on CPU",
    ),
  },
} as const satisfies Record<ServiceKind, Record<Cloud, Capability>>;

/** The cell for (service, cloud). */
export function capability(service: ServiceKind, cloud: Cloud): Capability {
  return CAPABILITIES[service][cloud];
}

/** The clouds that offer a service. */
export function cloudsOffering(service: ServiceKind): Cloud[] {
  return CLOUDS.filter((cloud) => CAPABILITIES[service][cloud].supported);
}

/** Error thrown when a component is asked for a cell the matrix marks unsupported. */
export class UnsupportedServiceError extends Error {
  constructor(
    readonly service: ServiceKind,
    readonly cloud: Cloud,
    reason: string,
  ) {
    super(`${service} is not available on ${cloud}: ${reason}. Clouds that offer it: ${cloudsOffering(service).join(", ")}.`);
    this.name = "UnsupportedServiceError";
  }
}

/**
 * The implementation of an unsupported cell: throws the matrix's reason. (Components call
 * {@link requireCapability} before creating anything, so this only guards the registry.)
 */
export function unsupported(service: ServiceKind, cloud: Cloud): never {
  requireCapability(service, cloud);
  throw new Error(`${service} on ${cloud} is marked supported in the capability matrix but has no implementation`);
}

/** Throws {@link UnsupportedServiceError} unless the cell is supported. */
export function requireCapability(service: ServiceKind, cloud: Cloud): Supported {
  const cell = capability(service, cloud);
  if (!cell.supported) throw new UnsupportedServiceError(service, cloud, cell.reason);
  return cell;
}

/**
 * The governance controls tessera builds with every stack (issue 16), per cloud: the same cell
 * shape as {@link CAPABILITIES}, rendered as the README's second table. An unsupported cell is not
 * an error: the stack still builds, and the plan and the policy pack say what the cloud lacks.
 */
export const GOVERNANCE_FEATURES = [
  "audit-trail",
  "flow-logs",
  "storage-access-logs",
  "storage-tls-only",
  "customer-managed-keys",
  "private-kubernetes-api",
  "budget-alarms",
] as const;

/** A governance control. */
export type GovernanceFeature = (typeof GOVERNANCE_FEATURES)[number];

/** The governance matrix. Typed so that a missing (feature, cloud) cell is a compile error. */
export const GOVERNANCE = {
  "audit-trail": {
    aws: yes("AWS CloudTrail: multi-region trail with log file validation, to an encrypted, private, access-logged S3 bucket", "aws:cloudtrail/trail:Trail"),
    azure: yes("Activity log exported by a subscription diagnostic setting to a Log Analytics workspace", "azure-native:monitor:SubscriptionDiagnosticSetting"),
    gcp: yes(
      "Cloud Audit Logs: Data Access logs for the services the stack uses, routed to a log bucket with the audit retention",
      "gcp:projects/iAMAuditConfig:IAMAuditConfig",
      "Admin Activity logs are always on (kept 400 days in _Required)",
    ),
    digitalocean: no("digitalocean has no audit-log resource (the pinned @pulumi/digitalocean 4.80.1 has none); a team's security history is kept by DigitalOcean and shown in its control panel only"),
    oci: yes(
      "OCI Audit (always on) with the tenancy's audit retention set",
      "oci:Audit/configuration:Configuration",
      "tenancy-wide: one retention (90-365 days) for every compartment and stack in the tenancy; the last stack to set it wins, and destroying a stack leaves it",
    ),
  },
  "flow-logs": {
    aws: yes("VPC Flow Logs to CloudWatch Logs", "aws:ec2/flowLog:FlowLog"),
    azure: yes(
      "VNet flow logs (Network Watcher) to a storage account",
      "azure-native:network:FlowLog",
      "uses the region's Network Watcher (NetworkWatcher_<region> in NetworkWatcherRG, which Azure creates with the first VNet); NSG flow logs cannot be created since 30 June 2025",
    ),
    gcp: yes("VPC Flow Logs on every subnet (logConfig), routed to a log bucket", "gcp:compute/subnetwork:Subnetwork"),
    digitalocean: no("digitalocean VPCs have no flow logs (the pinned @pulumi/digitalocean 4.80.1 has no flow-log resource)"),
    oci: yes("VCN flow logs on every subnet (Logging service log, source flowlogs)", "oci:Logging/log:Log", "OCI Logging keeps logs 30 to 180 days (30-day steps): longer retention is capped at 180"),
  },
  "storage-access-logs": {
    aws: yes("S3 server access logging to a log bucket", "aws:s3/bucketLogging:BucketLogging"),
    azure: yes("Storage diagnostic setting (blob read, write, delete) to a Log Analytics workspace", "azure-native:monitor:DiagnosticSetting"),
    gcp: yes("Data Access audit logs for storage.googleapis.com (with the audit trail)", "gcp:projects/iAMAuditConfig:IAMAuditConfig", "project-wide, like the audit trail; an audit opt-out relies on the organisation's audit configuration"),
    digitalocean: yes("Spaces access logs to a log bucket", "digitalocean:index/spacesBucketLogging:SpacesBucketLogging"),
    oci: yes("Object Storage read and write logs (Logging service logs)", "oci:Logging/log:Log", "OCI Logging keeps logs at most 180 days"),
  },
  "storage-tls-only": {
    aws: yes("bucket policy denying requests with aws:SecureTransport false", "aws:s3/bucketPolicy:BucketPolicy"),
    azure: yes("supportsHttpsTrafficOnly on the storage account", "azure-native:storage:StorageAccount"),
    gcp: no(
      "gcp Cloud Storage's XML API also answers plain HTTP and no bucket setting refuses it (cloud.google.com/storage/docs/request-endpoints); public access prevention leaves only authenticated requests, so clients must use https://",
    ),
    digitalocean: no("digitalocean Spaces serves its S3 API over HTTP too (docs.digitalocean.com/reference/api/spaces) and documents no bucket-policy condition that refuses it; clients must use https://"),
    oci: yes("HTTPS only by design: every OCI API request must use HTTPS with TLS 1.2 (docs.oracle.com/en-us/iaas/Content/API/Concepts/usingapi.htm)", "oci:ObjectStorage/bucket:Bucket"),
  },
  "customer-managed-keys": {
    aws: yes("the stack's KMS key on S3, RDS, EBS and EKS secrets", "aws:kms/key:Key"),
    azure: yes("the stack's Key Vault key through a user-assigned identity (storage, PostgreSQL) and a disk encryption set (VM disks)", "azure-native:keyvault:Key"),
    gcp: yes("the stack's Cloud KMS key on Cloud Storage, Cloud SQL, persistent disks and Secret Manager (Cloud Run secret environment values)", "gcp:kms/cryptoKey:CryptoKey"),
    digitalocean: no("digitalocean has no key-management service: Spaces, volumes, Droplets and managed databases encrypt with DigitalOcean-managed keys only"),
    oci: yes("the stack's Vault key on buckets, boot volumes and OKE secrets", "oci:Kms/key:Key", "OCI Database with PostgreSQL encrypts with Oracle-managed keys only"),
  },
  "private-kubernetes-api": {
    aws: yes("EKS private endpoint, or the public endpoint limited to apiAllowedCidrs", "aws:eks/cluster:Cluster"),
    azure: yes("AKS private cluster, or authorized IP ranges (apiAllowedCidrs)", "azure-native:containerservice:ManagedCluster"),
    gcp: yes("GKE private endpoint with master authorized networks, or the public endpoint limited to apiAllowedCidrs", "gcp:container/cluster:Cluster"),
    digitalocean: yes(
      "DOKS control-plane firewall limited to apiAllowedCidrs",
      "digitalocean:index/kubernetesCluster:KubernetesCluster",
      "DOKS has no private endpoint: without apiAllowedCidrs the API stays public (token-authenticated); the control-plane firewall was in early availability when this was written",
    ),
    oci: yes("OKE private endpoint, or a public endpoint whose network security group admits only apiAllowedCidrs", "oci:ContainerEngine/cluster:Cluster"),
  },
  "budget-alarms": {
    aws: yes("AWS Budgets: the stack's tag-filtered cost budget, alerts at 80% and 100% of actual and forecast spend", "aws:budgets/budget:Budget", "filters on the tessera-stack cost allocation tag, which an account admin activates once"),
    azure: yes("Consumption budget on the subscription, filtered to the stack's tag", "azure-native:consumption:Budget"),
    gcp: yes("Cloud Billing budget on the project, filtered to the stack's label", "gcp:billing/budget:Budget", "needs tessera:accounts.gcp.billingAccount and billingbudgets.googleapis.com; budgets are in the billing account's currency (USD assumed)"),
    digitalocean: no("digitalocean has no budget API (the pinned @pulumi/digitalocean 4.80.1 has no budget resource); set a billing alert in the control panel"),
    oci: yes("OCI budget on the stack's compartment with alert rules", "oci:Budget/budget:Budget", "budgets live in the tenancy (root compartment); alert rules send email only"),
  },
} as const satisfies Record<GovernanceFeature, Record<Cloud, Capability>>;

/** The governance cell for (feature, cloud). */
export function governance(feature: GovernanceFeature, cloud: Cloud): Capability {
  return GOVERNANCE[feature][cloud];
}
