/**
 * Storage rules, run in-process through @pulumi/policy's own RPC handlers with engine-shaped
 * requests: a passing and a failing case per cloud, exact violation lists.
 */
import test from "ava";
import { CLOUDS } from "../core/cloud";
import { ObjectStorage } from "../components/storage";
import { type Harness, installHarness, type Registration } from "../harness";
import { analyzeRegistrations, inProcessAnalyzer, type Verdict } from "../harness/policy";
import { createPolicies, type PackOptions } from "../policies/pack";
import { storageViolations } from "./fixtures/noncompliant";
import { sorted, targets } from "./helpers";

let h: Harness;

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS) new ObjectStorage(`docs-${cloud}`, { target: t[cloud] });
    for (const cloud of ["aws", "gcp", "oci"] as const) new ObjectStorage(`vault-${cloud}`, { target: t[cloud], customerManagedKey: `key-${cloud}` });
    new ObjectStorage("vault-azure", { target: t.azure, customerManagedKey: "https://kv.vault.azure.net/keys/k1", azure: { encryptionIdentityId: "/subscriptions/s/identity" } });
    storageViolations(t);
  });
});

const ctx = () => ({ stack: h.stack, project: h.project, config: {} });
/** The storage rules' verdicts (the other rules have their own tests). */
const STORAGE_RULES = ["storage-no-public-access", "storage-encryption-at-rest", "storage-versioning", "s3-bucket-locked-down"];
const run = async (options: PackOptions, only: (r: Registration) => boolean = () => true, rules = STORAGE_RULES) =>
  sorted((await analyzeRegistrations(inProcessAnalyzer(createPolicies(options)), h.registrations.filter(only), ctx())).verdicts.filter((x) => rules.includes(x.policy)));
const urn = (type: string, name: string) => `urn:pulumi:dev::tessera::${type}::${name}`;
const v = (policy: string, type: string, name: string, message: string, stage: Verdict["stage"] = "analyze"): Verdict => ({
  policy,
  enforcement: policy === "storage-versioning" ? "advisory" : "mandatory",
  severity: policy === "storage-versioning" ? "medium" : policy === "storage-encryption-at-rest" ? "high" : "critical",
  urn: urn(type, name),
  message,
  stage,
});
const inComponent = (prefix: string) => (r: Registration) => r.urn.includes(`tessera:storage:ObjectStorage`) && r.urn.includes(`::${prefix}`);

test("compliant ObjectStorage on all five clouds: no violations", async (t) => {
  t.deepEqual(await run({}, inComponent("docs-")), []);
});

test("the non-compliant fixture: exactly the expected violations on every cloud", async (t) => {
  const open = "storage-no-public-access";
  t.deepEqual(
    await run({}, (r) => r.name.startsWith("bad-")),
    sorted([
      v(open, "aws:s3/bucket:Bucket", "bad-public-s3", "publicly readable: acl is public-read"),
      v("s3-bucket-locked-down", "aws:s3/bucket:Bucket", "bad-public-s3", "S3 bucket bad-public-s3 has no public access block", "analyzeStack"),
      v(open, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "bad-half-blocked-pab", "publicly readable: blockPublicPolicy is not true"),
      v(open, "azure-native:storage:StorageAccount", "bad-account", "publicly readable: allowBlobPublicAccess is not false"),
      v("storage-encryption-at-rest", "azure-native:storage:StorageAccount", "bad-account", "encryption at rest is turned off"),
      v(open, "azure-native:storage:BlobContainer", "bad-container", "publicly readable: publicAccess is Blob"),
      v(open, "gcp:storage/bucket:Bucket", "bad-gcs", "publicly readable: publicAccessPrevention is inherited, not enforced"),
      v(open, "gcp:storage/bucket:Bucket", "bad-gcs", "publicly readable: uniformBucketLevelAccess is not true (object ACLs can make objects public)"),
      v(open, "gcp:storage/bucketIAMMember:BucketIAMMember", "bad-gcs-public", "publicly readable: grants roles/storage.objectViewer to allUsers"),
      v(open, "digitalocean:index/spacesBucket:SpacesBucket", "bad-space", "publicly readable: acl is public-read"),
      v(open, "oci:ObjectStorage/bucket:Bucket", "bad-oci", "publicly readable: accessType is ObjectRead"),
      // Versioning is off everywhere: missing companions on AWS and Azure, flags elsewhere.
      ...(
        [
          ["aws:s3/bucket:Bucket", "bad-public-s3", "no BucketVersioning configures it"],
          ["aws:s3/bucket:Bucket", "bad-half-blocked", "no BucketVersioning configures it"],
          ["azure-native:storage:StorageAccount", "bad-account", "no BlobServiceProperties turns blob versioning on"],
          ["gcp:storage/bucket:Bucket", "bad-gcs", "versioning.enabled is not true"],
          ["digitalocean:index/spacesBucket:SpacesBucket", "bad-space", "versioning.enabled is not true"],
          ["oci:ObjectStorage/bucket:Bucket", "bad-oci", "versioning is Disabled (not set)"],
        ] as const
      ).map(([type, name, why]) => v("storage-versioning", type, name, `bucket ${name} keeps no previous versions: ${why}`, "analyzeStack")),
    ]),
  );
});

const cmk: PackOptions = { config: { "storage-encryption-at-rest": { requireCustomerManagedKey: true }, "s3-bucket-locked-down": { requireCustomerManagedKey: true } } };
const child = (type: string, name: string) => `urn:pulumi:dev::tessera::tessera:storage:ObjectStorage$${type}::${name}`;

test("customer-managed keys required: provider-keyed storage fails on every cloud", async (t) => {
  const need = "a customer-managed key is required; this resource uses provider-managed keys";
  const high = (type: string, name: string, message = need): Verdict => ({ policy: "storage-encryption-at-rest", enforcement: "mandatory", severity: "high", urn: child(type, name), message, stage: "analyze" });
  t.deepEqual(
    await run(cmk, inComponent("docs-")),
    sorted([
      high("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "docs-aws-encryption"),
      // Access-log buckets: S3 delivers server access logs only to SSE-S3 buckets; Spaces has no customer keys.
      high("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "docs-aws-access-logs-encryption"),
      high("digitalocean:index/spacesBucket:SpacesBucket", "docs-digitalocean-access-logs", "a customer-managed key is required, and DigitalOcean Spaces offers no customer-managed keys"),
      high("azure-native:storage:StorageAccount", "docs-azure"),
      high("gcp:storage/bucket:Bucket", "docs-gcp"),
      high("digitalocean:index/spacesBucket:SpacesBucket", "docs-digitalocean", "a customer-managed key is required, and DigitalOcean Spaces offers no customer-managed keys"),
      high("oci:ObjectStorage/bucket:Bucket", "docs-oci"),
    ]),
  );
});

test("customer-managed keys required: storage with a customer key passes on aws, azure, gcp and oci", async (t) => {
  // S3 server access logs go only to SSE-S3 buckets: the access-log bucket is excluded by name, as the remediation says.
  t.deepEqual(await run({ ...cmk, exclude: { "storage-encryption-at-rest": ["*-access-logs*"] } }, inComponent("vault-")), []);
  t.deepEqual(
    (await run(cmk, inComponent("vault-"))).map((x) => x.urn),
    [child("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "vault-aws-access-logs-encryption")],
  );
});

test("enforcement override, exclusion by name and framework selection change the verdicts", async (t) => {
  const bad = (r: Registration) => r.name === "bad-space" || r.name === "bad-oci";
  const open = ["storage-no-public-access"];
  const advisory = await run({ enforcement: { "storage-no-public-access": "advisory" } }, bad, open);
  t.deepEqual(
    advisory.map((x) => [x.urn.split("::").pop(), x.enforcement]),
    [
      ["bad-space", "advisory"],
      ["bad-oci", "advisory"],
    ],
  );
  t.deepEqual((await run({ exclude: { "storage-no-public-access": ["bad-s*"] } }, bad, open)).map((x) => x.urn.split("::").pop()), ["bad-oci"]);
  t.deepEqual((await run({ exclude: { "*": ["bad-*"] } }, bad)).length, 0);
  t.deepEqual(await run({ enforcement: { "storage-no-public-access": "disabled" } }, bad, open), []);
  // CCPA maps to encryption, exposure, transport, secrets and residency controls; no cost, tags or recovery.
  t.deepEqual(createPolicies({ frameworks: ["ccpa"] }).map((p) => p.name), [
    "storage-no-public-access",
    "storage-encryption-at-rest",
    "s3-bucket-locked-down",
    "storage-tls-only",
    "data-encryption-at-rest",
    "tls-in-transit",
    "replication-encrypted",
    "load-balancer-https",
    "no-plaintext-secrets",
    "residency",
  ]);
  t.deepEqual(createPolicies({ minSeverity: "critical" }).map((p) => p.name), [
    "storage-no-public-access",
    "s3-bucket-locked-down",
    "database-not-public",
    "digitalocean-database-trusted-sources",
    "no-open-admin-ports",
    "residency",
  ]);
  t.deepEqual(createPolicies({ frameworks: ["soc2"], minSeverity: "critical" }).map((p) => p.name), [
    "storage-no-public-access",
    "s3-bucket-locked-down",
    "database-not-public",
    "digitalocean-database-trusted-sources",
    "no-open-admin-ports",
  ]);
  t.throws(() => createPolicies({ enforcement: { "no-such-rule": "advisory" } }), { message: /^unknown rule id "no-such-rule" in policy options; allowed values: storage-no-public-access, / });
});
