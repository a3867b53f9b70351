/**
 * GCP physical-name rules (checked 2026-11-30). Compute Engine resources use RFC 1035 labels.
 */
import { LOWER_ALNUM, type NameRule, rfc1035 } from "./rule";

const GCP = "https://cloud.google.com";
const COMPUTE = `${GCP}/compute/docs/naming-resources`;

export const GCP_NAME_RULES = {
  gcsBucket: {
    resource: "Cloud Storage bucket name",
    minLength: 3,
    maxLength: 63,
    charset: "a-z0-9_.-",
    first: LOWER_ALNUM,
    last: LOWER_ALNUM,
    separator: "-",
    reserved: [
      { pattern: "g[o0][o0]gle", reason: 'contains "google" or a close misspelling, reserved by Cloud Storage' },
      { pattern: "^goog", reason: 'starts with "goog", reserved by Cloud Storage' },
      { pattern: "^\\d+\\.\\d+\\.\\d+\\.\\d+$", reason: "is formatted as an IP address" },
    ],
    scope: "global",
    kept: "bucket names are one namespace across every Google Cloud project; a deleted (or soft-deleted) bucket's name is free for anyone to take",
    source: `${GCP}/storage/docs/buckets#naming; ${GCP}/storage/docs/use-soft-deleted-buckets`,
  },
  vpcNetwork: rfc1035("VPC network name", 63, "project", COMPUTE),
  subnetwork: rfc1035("subnetwork name", 63, "project-location", COMPUTE),
  firewall: rfc1035("firewall rule name", 63, "project", COMPUTE),
  networkTag: rfc1035("network tag", 63, "project", `${GCP}/vpc/docs/add-remove-network-tags`),
  globalAddress: rfc1035("global address name", 63, "project", COMPUTE),
  router: rfc1035("Cloud Router name", 63, "project-location", COMPUTE),
  routerNat: rfc1035("Cloud NAT name", 63, "parent", COMPUTE),
  healthCheck: rfc1035("health check name", 63, "project", COMPUTE),
  computeInstance: rfc1035("Compute Engine instance name", 63, "project-location", COMPUTE),
  cloudSqlInstance: rfc1035("Cloud SQL instance ID", 63, "project", `${GCP}/sql/docs/postgres/create-instance; ${GCP}/sql/docs/postgres/delete-instance`, {
    // project-ID:instance-ID must be at most 98 characters; project ids reach 30, so 63 is always safe.
    kept: "an instance ID was unusable for up to a week after deletion (the documentation now says it is reusable at once); a suffix kept in state also lets a replacement be created beside the old instance",
  }),
  gkeCluster: rfc1035("GKE cluster name", 40, "project-location", `${GCP}/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#Cluster`),
  gkeNodePool: rfc1035("GKE node pool name", 40, "parent", `${GCP}/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters.nodePools#NodePool`),
  cloudRunService: rfc1035("Cloud Run service name", 49, "project-location", "pulumi/pulumi-gcp#3166: \"only lowercase, digits, and hyphens; must begin with letter, and cannot end with hyphen; must be less than 50 characters\""),
  serviceAccount: {
    ...rfc1035("service account ID", 30, "project", `${GCP}/iam/docs/service-accounts-create; ${GCP}/iam/docs/service-accounts-delete-undelete`),
    minLength: 6,
  },
  kmsKeyRing: {
    resource: "Cloud KMS key ring name",
    minLength: 1,
    maxLength: 63,
    charset: "a-zA-Z0-9_-",
    first: "a-zA-Z0-9_-",
    last: "a-zA-Z0-9_-",
    separator: "-",
    scope: "project-location",
    kept: "key rings (and their keys) can never be deleted: a re-created stack must use a new name",
    source: `${GCP}/kms/docs/resource-hierarchy#key_rings; ${GCP}/kms/docs/create-key-ring`,
  },
  secretManagerSecret: {
    resource: "Secret Manager secret ID",
    minLength: 1,
    maxLength: 255,
    charset: "a-zA-Z0-9_-",
    first: "a-zA-Z0-9_-",
    last: "a-zA-Z0-9_-",
    separator: "-",
    scope: "project",
    source: `${GCP}/secret-manager/docs/reference/rest/v1/projects.secrets/create`,
  },
  loggingBucket: {
    resource: "Cloud Logging bucket ID",
    minLength: 1,
    maxLength: 100,
    charset: "a-zA-Z0-9_.-",
    first: "a-zA-Z0-9",
    last: "a-zA-Z0-9_.-",
    separator: "-",
    scope: "project-location",
    kept: "a deleted log bucket stays pending deletion for 7 days and keeps its ID",
    source: `${GCP}/logging/docs/buckets; ${GCP}/logging/docs/reference/v2/rest/v2/projects.locations.buckets/create`,
  },
  bigqueryDataset: {
    resource: "BigQuery dataset ID",
    minLength: 1,
    maxLength: 1024,
    charset: "a-zA-Z0-9_",
    first: "a-zA-Z0-9_",
    last: "a-zA-Z0-9_",
    separator: "_",
    scope: "project",
    source: `${GCP}/bigquery/docs/datasets#dataset-naming`,
  },
  // The web tier (checked 2026-11-30).
  backendService: rfc1035("backend service name", 63, "project", COMPUTE),
  urlMap: rfc1035("URL map name", 63, "project", COMPUTE),
  targetHttpsProxy: rfc1035("target HTTPS proxy name", 63, "project", COMPUTE),
  targetHttpProxy: rfc1035("target HTTP proxy name", 63, "project", COMPUTE),
  sslPolicy: rfc1035("SSL policy name", 63, "project", COMPUTE),
  sslCertificate: rfc1035("SSL certificate name", 63, "project", COMPUTE),
  globalForwardingRule: rfc1035("global forwarding rule name", 63, "project", COMPUTE),
  regionInstanceGroupManager: rfc1035("regional managed instance group name", 63, "project-location", COMPUTE),
  regionAutoscaler: rfc1035("regional autoscaler name", 63, "project-location", COMPUTE),
  // Instances are named <base>-<4 characters>: 63 - 5.
  baseInstanceName: rfc1035("managed instance group base instance name", 58, "project-location", `${COMPUTE}; ${GCP}/compute/docs/reference/rest/v1/regionInstanceGroupManagers`),
  // The provider appends a 26-character unique suffix to name_prefix (63 - 26 = 37, the trailing "-" being ours).
  instanceTemplatePrefix: rfc1035("instance template name prefix (before the provider's unique suffix)", 36, "project", `${COMPUTE}; hashicorp/terraform-provider-google compute_instance_template (name_prefix at most 37 characters)`),
} as const satisfies Record<string, NameRule>;
