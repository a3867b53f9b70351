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
    aws: yes("AWS Lambda + function URL", "aws:lambda/function:Function"),
    azure: yes("Azure Container Apps", "azure-native:app:ContainerApp", "HTTP functions run as a container image on Container Apps (scale to zero)"),
    gcp: yes("Cloud Run", "gcp:cloudrunv2/service:Service"),
    digitalocean: yes(
      "App Platform (container service)",
      "digitalocean:index/app:App",
      "App Platform functions deploy only from Git, so the container image runs as an App Platform service; no scale to zero, no workload identity",
    ),
    oci: yes("OCI Functions", "oci:Functions/function:Function"),
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
