/**
 * Which Google service agent encrypts each GCP resource type tessera gives a customer-managed
 * Cloud KMS key, where the key sits in the resource's inputs, and whether the agent exists before
 * anything asks for it. A resource whose agent may not use the key fails at create ("Permission
 * denied on Cloud KMS key"); a key grant naming an agent the project does not have yet fails too
 * ("Service account service-…@gcp-sa-….iam.gserviceaccount.com does not exist",
 * hashicorp/terraform-provider-google#9969), so such agents are created first with a
 * `gcp.projects.ServiceIdentity`. The harness checks both orderings with this table.
 *
 * Sources (read 2026-11-30):
 * - Secret Manager: https://cloud.google.com/secret-manager/docs/cmek (the agent
 *   service-PROJECT_NUMBER@gcp-sa-secretmanager, created with `gcloud beta services identity
 *   create --service secretmanager.googleapis.com`, needs roles/cloudkms.cryptoKeyEncrypterDecrypter);
 *   the API's CustomerManagedEncryption.kmsKeyName: "For secrets using the UserManaged replication
 *   policy type, Cloud KMS CryptoKeys must reside in the same location as the replica location.
 *   For secrets using the Automatic replication policy type, Cloud KMS CryptoKeys must reside in
 *   global" (Secret Manager v1 API reference, CustomerManagedEncryption,
 *   https://cloud.google.com/dotnet/docs/reference/Google.Cloud.SecretManager.V1/latest/Google.Cloud.SecretManager.V1.CustomerManagedEncryption).
 * - Cloud SQL: https://cloud.google.com/sql/docs/postgres/configure-cmek#service-account
 *   (service-PROJECT_NUMBER@gcp-sa-cloud-sql, created with a service identity for sqladmin).
 * - Cloud Storage and BigQuery: service-PROJECT_NUMBER@gs-project-accounts and
 *   bq-PROJECT_NUMBER@bigquery-encryption, which the provider's `storage.getProjectServiceAccount`
 *   and `bigquery.getDefaultServiceAccount` create if missing (their docs in the pinned SDK).
 * - Compute Engine: https://cloud.google.com/compute/docs/disks/customer-managed-encryption
 *   (service-PROJECT_NUMBER@compute-system, there once the Compute Engine API is enabled).
 *
 * Pure data: no Pulumi import.
 */

/** One resource type that encrypts with a Cloud KMS key through a service agent. */
export interface GcpKeyConsumer {
  /** The product, for messages. */
  readonly service: string;
  /** Input paths holding the key (dots for nesting, `[]` for every element of a list). */
  readonly keyPaths: readonly string[];
  /** The agent's email, with the project's number as PROJECT_NUMBER. */
  readonly agent: string;
  /** The API a `gcp.projects.ServiceIdentity` must name to create the agent, when nothing else does. */
  readonly identity?: string;
}

/** Key consumers by Pulumi type. */
export const GCP_KEY_CONSUMERS: Readonly<Record<string, GcpKeyConsumer>> = {
  "gcp:secretmanager/secret:Secret": {
    service: "Secret Manager",
    keyPaths: ["replication.userManaged.replicas[].customerManagedEncryption.kmsKeyName", "replication.auto.customerManagedEncryption.kmsKeyName"],
    agent: "service-PROJECT_NUMBER@gcp-sa-secretmanager.iam.gserviceaccount.com",
    identity: "secretmanager.googleapis.com",
  },
  "gcp:sql/databaseInstance:DatabaseInstance": {
    service: "Cloud SQL",
    keyPaths: ["encryptionKeyName"],
    agent: "service-PROJECT_NUMBER@gcp-sa-cloud-sql.iam.gserviceaccount.com",
    identity: "sqladmin.googleapis.com",
  },
  "gcp:storage/bucket:Bucket": { service: "Cloud Storage", keyPaths: ["encryption.defaultKmsKeyName"], agent: "service-PROJECT_NUMBER@gs-project-accounts.iam.gserviceaccount.com" },
  "gcp:bigquery/dataset:Dataset": { service: "BigQuery", keyPaths: ["defaultEncryptionConfiguration.kmsKeyName"], agent: "bq-PROJECT_NUMBER@bigquery-encryption.iam.gserviceaccount.com" },
  "gcp:compute/instance:Instance": { service: "Compute Engine", keyPaths: ["bootDisk.kmsKeySelfLink"], agent: "service-PROJECT_NUMBER@compute-system.iam.gserviceaccount.com" },
};

/** The role an agent needs on the key. */
export const GCP_KEY_ROLE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";
/** The Pulumi type of a key grant. */
export const GCP_KEY_GRANT_TYPE = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";

/** True when an IAM member (`serviceAccount:<email>`) is the consumer's agent. */
export function isAgentMember(consumer: GcpKeyConsumer, member: string): boolean {
  const [local, domain] = consumer.agent.split("@") as [string, string];
  const m = /^serviceAccount:([^@]+)@(.+)$/.exec(member);
  return m !== null && m[2] === domain && new RegExp(`^${local.replace("PROJECT_NUMBER", "\\d+")}$`).test(m[1]!);
}

/** The location of a Cloud KMS key name (`projects/p/locations/L/keyRings/r/cryptoKeys/k` → `L`), or undefined for another shape. */
export function kmsKeyLocation(keyName: string): string | undefined {
  return /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/.exec(keyName)?.[1];
}
