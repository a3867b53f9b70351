/**
 * The stack's own customer-managed key for confidential and restricted data: buckets, databases,
 * machine disks and (GCP) Cloud Run's secret environment values in Secret Manager on a site
 * encrypt with it. It is the stack's secrets service's key when the
 * stack has one, else a key tessera creates (`data-key`); DigitalOcean has no key service, so
 * placement keeps such stacks off it.
 */
import { governance } from "../core/capabilities";
import type { Cloud } from "../core/cloud";
import type { KeyUse, Secrets } from "../components/security";
import type { Requirements } from "../placement/requirements";

/** Data classes that get the stack's own key. */
export const KEYED_CLASSES: ReadonlySet<string> = new Set(["confidential", "restricted"]);

/** What the key must encrypt on `cloud` ([] when the stack's data needs no key of its own or the cloud has none). */
export function keyUses(req: Requirements, cloud: Cloud): KeyUse[] {
  if (!KEYED_CLASSES.has(req.dataClassification) || !governance("customer-managed-keys", cloud).supported) return [];
  const kinds = new Set(Object.values(req.services).map((s) => s.kind));
  // OCI Database with PostgreSQL has no customer-key option; the report says so.
  const databaseKey = kinds.has("database") && cloud !== "oci";
  const bucketKey = kinds.has("object-storage") || (kinds.has("analytics") && cloud === "aws");
  // Only Cloud Run keeps secret environment values in a store that takes the customer's key (Secret Manager).
  const functionKey = kinds.has("serverless") && cloud === "gcp";
  return [
    ...(bucketKey ? (["object-storage"] as const) : []),
    ...(databaseKey ? (["database"] as const) : []),
    ...(kinds.has("compute") || kinds.has("gpu-compute") ? (["disks"] as const) : []),
    ...(functionKey ? (["secret-environment"] as const) : []),
  ];
}

/** ObjectStorage arguments that encrypt with the key. */
export const bucketKey = (key: Secrets | undefined, cloud: Cloud) =>
  key ? { customerManagedKey: key.keyId, ...(cloud === "azure" ? { azure: { encryptionIdentityId: key.encryptionIdentityId } } : {}) } : {};

/** Postgres arguments that encrypt with the key. */
export const databaseKey = (key: Secrets | undefined, cloud: Cloud) =>
  key && cloud !== "oci" && cloud !== "digitalocean" ? { customerManagedKey: key.keyId, ...(cloud === "azure" ? { azure: { encryptionIdentityId: key.encryptionIdentityId } } : {}) } : {};

/** Function arguments whose secret environment values encrypt with the key (GCP: Secret Manager). */
export const functionKey = (key: Secrets | undefined, cloud: Cloud) => (key && cloud === "gcp" ? { customerManagedKey: key.keyId } : {});

/** Machine arguments whose boot disks encrypt with the key (Azure: through its disk encryption set). */
export const diskKey = (key: Secrets | undefined, cloud: Cloud) => (key ? { diskEncryptionKey: cloud === "azure" ? key.diskEncryptionSetId : key.keyId } : {});
