/**
 * Object storage rules: not public, encrypted at rest (with a customer-managed key where the
 * level asks), versioned, and — on AWS, where these settings live in companion resources — every
 * S3 bucket locked down by a public access block.
 */
import {
  BlobContainer, BlobServiceProperties, StorageAccount, S3Bucket, BucketAcl, BucketPublicAccessBlock, BucketServerSideEncryptionConfiguration,
  BucketVersioning, SpacesBucket, GcsBucket, BucketIAMBinding, BucketIAMMember, OciBucket,
} from "../types";
import type { PolicyResource } from "@pulumi/policy";
import { has } from "../facts";
import { CONTROLS } from "../frameworks";
import { LOG_STORE } from "../../core/tags";
import { configures, known, labelsOf } from "../resources";
import { type AtRest, checkAtRest, type EncryptionConfig, extractor, type Props, type ResourceRule, type StackFinding, type StackRule, typeOf } from "../rule";

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"];
const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** Reasons a storage resource is (or may be) publicly readable; empty when private. */
type Exposure = readonly string[];

export const storageNoPublicAccess: ResourceRule<Exposure> = {
  kind: "resource",
  id: "storage-no-public-access",
  description: "Object storage must not be readable by the public.",
  severity: "critical",
  frameworks: CONTROLS.noPublicData,
  remediation: "Make the bucket private: remove public ACLs and grants, block public access, and share data through signed URLs or a CDN with origin access instead.",
  defaults: {},
  extractors: [
    extractor(S3Bucket, "aws", (p) => (p.acl && PUBLIC_ACLS.includes(p.acl) ? [`acl is ${p.acl}`] : [])),
    extractor(BucketAcl, "aws", (p) => (p.acl && PUBLIC_ACLS.includes(p.acl) ? [`acl is ${p.acl}`] : [])),
    extractor(BucketPublicAccessBlock, "aws", (p) => PAB_FLAGS.filter((f) => p[f] !== true).map((f) => `${f} is not true`)),
    extractor(StorageAccount, "azure", (p) => (p.allowBlobPublicAccess !== false ? ["allowBlobPublicAccess is not false"] : [])),
    extractor(BlobContainer, "azure", (p) => (p.publicAccess !== undefined && p.publicAccess !== "None" ? [`publicAccess is ${p.publicAccess}`] : [])),
    extractor(GcsBucket, "gcp", (p) => [
      ...(p.publicAccessPrevention !== "enforced" ? [`publicAccessPrevention is ${p.publicAccessPrevention ?? "inherited"}, not enforced`] : []),
      ...(p.uniformBucketLevelAccess !== true ? ["uniformBucketLevelAccess is not true (object ACLs can make objects public)"] : []),
    ]),
    extractor(BucketIAMMember, "gcp", (p) => (PUBLIC_MEMBERS.includes(p.member) ? [`grants ${p.role} to ${p.member}`] : [])),
    extractor(BucketIAMBinding, "gcp", (p) => p.members.filter((m) => PUBLIC_MEMBERS.includes(m)).map((m) => `grants ${p.role} to ${m}`)),
    extractor(SpacesBucket, "digitalocean", (p) => (p.acl === "public-read" ? ["acl is public-read"] : [])),
    extractor(OciBucket, "oci", (p) => (p.accessType !== undefined && p.accessType !== "NoPublicAccess" ? [`accessType is ${p.accessType}`] : [])),
  ],
  check: (exposure) => exposure.map((e) => `publicly readable: ${e}`),
  remediate: {
    [typeOf(BucketPublicAccessBlock)]: (p) => ({ ...p, ...Object.fromEntries(PAB_FLAGS.map((f) => [f, true])) }),
    [typeOf(StorageAccount)]: (p) => ({ ...p, allowBlobPublicAccess: false }),
    [typeOf(BlobContainer)]: (p) => ({ ...p, publicAccess: "None" }),
    [typeOf(GcsBucket)]: (p) => ({ ...p, publicAccessPrevention: "enforced", uniformBucketLevelAccess: true }),
    [typeOf(SpacesBucket)]: (p) => ({ ...p, acl: "private" }),
    [typeOf(OciBucket)]: (p) => ({ ...p, accessType: "NoPublicAccess" }),
  },
};

export const storageEncryption: ResourceRule<AtRest, EncryptionConfig> = {
  kind: "resource",
  id: "storage-encryption-at-rest",
  description: "Object storage must be encrypted at rest, with a customer-managed key when the level asks for one.",
  severity: "high",
  frameworks: CONTROLS.encryptionAtRest,
  remediation:
    "Keep default encryption on; for customer-managed keys set customerManagedKey on ObjectStorage (KMS key, Key Vault key, Cloud KMS key or OCI Vault key). S3 delivers server access logs only to SSE-S3 buckets and Spaces has no customer keys: with customer keys required, exclude the access-log buckets by name (`*-access-logs*`).",
  defaults: { requireCustomerManagedKey: false },
  configSchema: { requireCustomerManagedKey: { type: "boolean", default: false, description: "Require a customer-managed key." } },
  extractors: [
    extractor(BucketServerSideEncryptionConfiguration, "aws", (p) => ({
      encrypted: p.rules.every((r) => r.applyServerSideEncryptionByDefault?.sseAlgorithm !== undefined),
      customerKey: p.rules.some((r) => r.applyServerSideEncryptionByDefault?.sseAlgorithm.startsWith("aws:kms") === true && has(r.applyServerSideEncryptionByDefault, "kmsMasterKeyId")),
    })),
    extractor(StorageAccount, "azure", (p) => {
      const e = known(() => (p.encryption ? { blob: p.encryption.services?.blob?.enabled, source: p.encryption.keySource } : null));
      // A customer key makes the whole block computed from the key: unknown in a preview, judged at update.
      if (e === undefined) return { encrypted: true, customerKey: true };
      return { encrypted: e?.blob !== false, customerKey: e?.source === "Microsoft.Keyvault" };
    }),
    extractor(GcsBucket, "gcp", (p) => ({ encrypted: true, customerKey: has(p.encryption, "defaultKmsKeyName") })),
    extractor(SpacesBucket, "digitalocean", () => ({ encrypted: true, customerKey: false, noCustomerKeyOption: "DigitalOcean Spaces offers no customer-managed keys" })),
    extractor(OciBucket, "oci", (p) => ({ encrypted: true, customerKey: has(p, "kmsKeyId") })),
  ],
  check: checkAtRest,
};

const S3 = typeOf(S3Bucket);
const PAB = typeOf(BucketPublicAccessBlock);
const SSE = typeOf(BucketServerSideEncryptionConfiguration);

/** True when an S3 companion configures `bucket`, through its `bucket` input or an explicit dependency. */
const configuresBucket = (companion: PolicyResource, bucket: PolicyResource): boolean =>
  configures(companion, bucket, "bucket") || companion.dependencies.some((d) => d.urn === bucket.urn);

export const s3BucketLockedDown: StackRule<EncryptionConfig> = {
  kind: "stack",
  id: "s3-bucket-locked-down",
  description: "Every S3 bucket needs a public access block with all four settings on (and a KMS key when the level asks).",
  severity: "critical",
  frameworks: CONTROLS.noPublicData,
  remediation: "Use tessera's ObjectStorage, or add an aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets set to true.",
  defaults: { requireCustomerManagedKey: false },
  configSchema: { requireCustomerManagedKey: { type: "boolean", default: false, description: "Require SSE-KMS with a customer-managed key." } },
  covers: [S3, PAB, SSE],
  clouds: ["aws"],
  check: (resources, config) => {
    const findings: StackFinding[] = [];
    for (const bucket of resources.filter((r) => r.type === S3)) {
      const blocks = resources.filter((r) => r.type === PAB && configuresBucket(r, bucket));
      if (blocks.length === 0) findings.push({ resource: bucket, message: `S3 bucket ${bucket.name} has no public access block` });
      if (config.requireCustomerManagedKey && !resources.some((r) => r.type === SSE && configuresBucket(r, bucket))) {
        findings.push({ resource: bucket, message: `S3 bucket ${bucket.name} has no SSE-KMS configuration with a customer-managed key` });
      }
    }
    return findings;
  },
};

const VERSIONING = typeOf(BucketVersioning);
const ACCOUNT = typeOf(StorageAccount);
const BLOB_SERVICE = typeOf(BlobServiceProperties);

/** Why a bucket keeps no previous versions, or undefined when it does. */
function unversioned(bucket: PolicyResource, resources: readonly PolicyResource[]): string | undefined {
  const p = bucket.props as Props;
  const flag = (v: unknown) => (v !== null && typeof v === "object" ? (v as Props).enabled === true : false);
  switch (bucket.type) {
    case S3: {
      const configs = resources.filter((r) => r.type === VERSIONING && configures(r, bucket, "bucket"));
      if (configs.length === 0) return "no BucketVersioning configures it";
      return known(() => configs.some((c) => ((c.props as Props).versioningConfiguration as Props | undefined)?.status === "Enabled")) === false ? "its BucketVersioning status is not Enabled" : undefined;
    }
    case ACCOUNT: {
      const services = resources.filter((r) => r.type === BLOB_SERVICE && configures(r, bucket, "accountName"));
      if (services.length === 0) return "no BlobServiceProperties turns blob versioning on";
      return known(() => services.some((s) => (s.props as Props).isVersioningEnabled === true)) === false ? "isVersioningEnabled is not true" : undefined;
    }
    case typeOf(GcsBucket):
    case typeOf(SpacesBucket):
      return known(() => flag(p.versioning)) === false ? "versioning.enabled is not true" : undefined;
    case typeOf(OciBucket): {
      // Unset means Disabled; an unknown value (preview) is not judged.
      const v = known(() => (p.versioning as string | undefined) ?? "Disabled (not set)");
      return v !== undefined && v !== "Enabled" ? `versioning is ${v}` : undefined;
    }
    default:
      return undefined;
  }
}

export const storageVersioning: StackRule = {
  kind: "stack",
  id: "storage-versioning",
  description: "Object storage must keep previous versions of overwritten and deleted objects (versioning on).",
  severity: "medium",
  frameworks: CONTROLS.recovery,
  remediation: "Keep ObjectStorage's versioning on (the default) and bound it with retentionDays, or turn versioning on for the bucket.",
  defaults: {},
  covers: [S3, VERSIONING, ACCOUNT, BLOB_SERVICE, typeOf(GcsBucket), typeOf(SpacesBucket), typeOf(OciBucket)],
  clouds: ["aws", "azure", "gcp", "digitalocean", "oci"],
  check: (resources) =>
    // Log stores expire by their retention; previous versions would outlive it.
    resources.filter((r) => labelsOf(r)[LOG_STORE] === undefined).flatMap((bucket) => {
      const why = unversioned(bucket, resources);
      return why ? [{ resource: bucket, message: `bucket ${bucket.name} keeps no previous versions: ${why}` }] : [];
    }),
};
