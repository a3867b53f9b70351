/**
 * The clouds tessera places stacks on, and the service kinds it knows.
 *
 * Pure TypeScript with no Pulumi import: `placement/` and `policies/` share these unions with
 * `components/`, so a new cloud or service is one edit here and a compile error everywhere a
 * registry misses the new cell.
 */

/** Every cloud tessera implements, in display order. */
export const CLOUDS = ["aws", "azure", "gcp", "digitalocean", "oci"] as const;

/** A cloud tessera can place a stack on. */
export type Cloud = (typeof CLOUDS)[number];

/** Human names used in messages and reports. */
export const CLOUD_NAMES = {
  aws: "AWS",
  azure: "Azure",
  gcp: "Google Cloud",
  digitalocean: "DigitalOcean",
  oci: "Oracle Cloud (OCI)",
} as const satisfies Record<Cloud, string>;

/** The Pulumi package that implements each cloud (the first segment of its type tokens). */
export const CLOUD_PACKAGES = {
  aws: "aws",
  azure: "azure-native",
  gcp: "gcp",
  digitalocean: "digitalocean",
  oci: "oci",
} as const satisfies Record<Cloud, string>;

const BY_PACKAGE: ReadonlyMap<string, Cloud> = new Map(CLOUDS.map((c) => [CLOUD_PACKAGES[c], c]));

/** The cloud of a Pulumi package (`azure-native` → `azure`), or undefined for others (random, tls). */
export const cloudOfPackage = (pkg: string): Cloud | undefined => BY_PACKAGE.get(pkg);

/** The cloud a resource type token belongs to (`aws:s3/bucket:Bucket` → `aws`). */
export const cloudOfType = (type: string): Cloud | undefined => cloudOfPackage(type.split(":")[0] ?? "");

/** Service kinds: what a stack asks for and what a component provides. */
export const SERVICE_KINDS = [
  "network",
  "compute",
  "gpu-compute",
  "object-storage",
  "database",
  "kubernetes",
  "serverless",
  "secrets",
  "monitoring",
  "analytics",
  "dns-failover",
  "web-tier",
] as const;

/** A service kind. */
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Narrows an arbitrary string to a {@link Cloud}. */
export function isCloud(value: unknown): value is Cloud {
  return typeof value === "string" && (CLOUDS as readonly string[]).includes(value);
}
