/**
 * The Google Cloud APIs tessera's resources call, by Pulumi module. A fresh project has almost
 * every API disabled, and a create call against a disabled API fails with `SERVICE_DISABLED`
 * ("… API has not been used in project … or it is disabled"), so the stack enables each API its
 * resources use (`gcp.projects.Service`, kept enabled on destroy so another stack in the project
 * keeps working) and every resource depends on the API it calls. The harness checks that every
 * registered `gcp:` resource does, with this table.
 *
 * Source: each API's service name from the Google Cloud API reference of the resource
 * (https://cloud.google.com/<product>/docs/reference/rest), checked against the Terraform
 * provider's `google_<resource>` docs ("To get more information about …, see: API
 * documentation"), read 2026-11-30.
 *
 * Pure data: no Pulumi import.
 */

/** Service names of the APIs tessera enables, by the short key components use. */
export const GCP_APIS = {
  compute: "compute.googleapis.com",
  servicenetworking: "servicenetworking.googleapis.com",
  sqladmin: "sqladmin.googleapis.com",
  container: "container.googleapis.com",
  cloudkms: "cloudkms.googleapis.com",
  secretmanager: "secretmanager.googleapis.com",
  iam: "iam.googleapis.com",
  run: "run.googleapis.com",
  bigquery: "bigquery.googleapis.com",
  logging: "logging.googleapis.com",
  monitoring: "monitoring.googleapis.com",
  dns: "dns.googleapis.com",
  storage: "storage.googleapis.com",
  billingbudgets: "billingbudgets.googleapis.com",
  cloudresourcemanager: "cloudresourcemanager.googleapis.com",
  storagetransfer: "storagetransfer.googleapis.com",
} as const;

/** A short API key (`compute`, `sqladmin`, …). */
export type GcpApi = keyof typeof GCP_APIS;

/**
 * The API each Pulumi GCP module calls (the module is the type token's second segment:
 * `gcp:sql/databaseInstance:DatabaseInstance` → `sql`).
 */
export const GCP_MODULE_APIS: Readonly<Record<string, GcpApi>> = {
  compute: "compute",
  servicenetworking: "servicenetworking",
  sql: "sqladmin",
  container: "container",
  kms: "cloudkms",
  secretmanager: "secretmanager",
  serviceaccount: "iam",
  cloudrunv2: "run",
  bigquery: "bigquery",
  logging: "logging",
  monitoring: "monitoring",
  dns: "dns",
  storage: "storage",
  billing: "billingbudgets",
  // Project IAM (audit configs): "Cloud Resource Manager API has not been used in project …" otherwise.
  projects: "cloudresourcemanager",
};

/** The Pulumi type of the resource that enables an API. */
export const GCP_SERVICE_TYPE = "gcp:projects/service:Service";
/** The Pulumi type of the resource that creates a service agent. */
export const GCP_SERVICE_IDENTITY_TYPE = "gcp:projects/serviceIdentity:ServiceIdentity";

/**
 * The API a GCP resource type needs enabled first, or undefined for a type that needs none of
 * tessera's (providers, the Service resource itself; a service identity needs the API it names,
 * which the harness reads from its `service` input).
 */
export function gcpApiOfType(type: string): string | undefined {
  const m = /^gcp:([^/]+)\//.exec(type);
  const key = m ? GCP_MODULE_APIS[m[1]!] : undefined;
  return key ? GCP_APIS[key] : undefined;
}
