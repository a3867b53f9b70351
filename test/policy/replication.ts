/**
 * replication-encrypted: on every cloud, tessera's replicas, bucket replications, cross-cloud
 * transfers and backup copies pass; hand-written links with a side that accepts plaintext or keeps
 * data unencrypted fail with the exact messages (AWS, Azure, GCP: the clouds where a setting can get
 * it wrong); with customer-managed keys required, every provider-keyed side fails on all five clouds
 * (DigitalOcean and OCI only fail here: their replicas and copies are always encrypted). A preview
 * (unknown ids) gives the same verdicts.
 */
import type { Verdict } from "../../harness/policy";
import { installHarness } from "../../harness";
import { REPLICATION_FAILURES, replicationFixture } from "../fixtures/replication";
import { suite } from "../suite";
import { type Captured, cloudsOf, coverage, configuredVerdicts, of, verdicts } from "./helpers";

const test = suite("replication");
let run: Captured;
let all: Verdict[];

async function captureFixture(preview: boolean): Promise<Captured> {
  const h = await installHarness({ preview });
  await h.run(() => replicationFixture());
  return { registrations: [...h.registrations], stack: h.stack, project: h.project };
}

test.serial.before(async () => {
  run = await captureFixture(false);
  all = await verdicts(run);
});

const ID = "replication-encrypted";

test("replication-encrypted: plaintext or unencrypted sides of hand-written links fail with exact messages; tessera's links pass on every cloud", (t) => {
  t.deepEqual(of(all, ID, "bad-rep-"), REPLICATION_FAILURES);
  t.deepEqual(cloudsOf(run, REPLICATION_FAILURES), ["aws", "azure", "gcp"]);
  t.deepEqual(of(all, ID, "all-"), []);
  // Nothing tessera builds for disaster recovery breaks any mandatory rule. The stack's own key on
  // confidential data and the project's Data Access audit logs come from the program (Secrets,
  // Governance), not from these components alone: shop-dr-eu's plan shows them passing.
  const programSupplied = ["sensitive-data-customer-key", "storage-access-logging"];
  t.deepEqual(all.filter((v) => v.enforcement === "mandatory" && !programSupplied.includes(v.policy) && v.urn.split("::").pop()!.startsWith("all-rep-")).map((v) => `${v.policy} ${v.urn.split("::").pop()}`), []);
  t.deepEqual([...new Set(all.filter((v) => v.policy === ID).map((v) => `${v.enforcement} ${v.severity}`))], ["mandatory high"]);
});

test("replication-encrypted with requireCustomerManagedKey: both sides of every link need the customer's key; DigitalOcean and OCI have none to give", async (t) => {
  const cmk = await configuredVerdicts(run, { config: { [ID]: { requireCustomerManagedKey: true } } });
  const failing = of(cmk, ID, "all-");
  t.deepEqual(failing, [
    ["all-rep-aws-aws-copy", "replicated data not encrypted at rest: a customer-managed key is required; no SSE-KMS configuration with a customer-managed key (the replica all-rep-aws-aws-copy)"],
    ["all-rep-aws-aws-source", "replicated data not encrypted at rest: a customer-managed key is required; no SSE-KMS configuration with a customer-managed key (the source all-rep-aws-aws-source)"],
    ["all-rep-aws-gcp-copy", "replicated data not encrypted at rest: a customer-managed key is required; the bucket uses Google-managed keys (no encryption.defaultKmsKeyName) (the replica all-rep-aws-gcp-copy)"],
    ["all-rep-aws-gcp-source", "replicated data not encrypted at rest: a customer-managed key is required; no SSE-KMS configuration with a customer-managed key (the source all-rep-aws-gcp-source)"],
    ["all-rep-azure-azure-copy", "replicated data not encrypted at rest: a customer-managed key is required; the account uses Microsoft-managed keys (the replica all-rep-azure-azure-copy)"],
    ["all-rep-azure-azure-source", "replicated data not encrypted at rest: a customer-managed key is required; the account uses Microsoft-managed keys (the source all-rep-azure-azure-source)"],
    ["all-rep-azure-gcp-copy", "replicated data not encrypted at rest: a customer-managed key is required; the bucket uses Google-managed keys (no encryption.defaultKmsKeyName) (the replica all-rep-azure-gcp-copy)"],
    ["all-rep-azure-gcp-source", "replicated data not encrypted at rest: a customer-managed key is required; the account uses Microsoft-managed keys (the source all-rep-azure-gcp-source)"],
    ["all-rep-db-aws", "replicated data not encrypted at rest: a customer-managed key is required; the storage uses the AWS-managed key (no kmsKeyId) (the source all-rep-db-aws)"],
    ["all-rep-db-azure", "replicated data not encrypted at rest: a customer-managed key is required; the server uses service-managed keys (dataEncryption.type is not AzureKeyVault) (the source all-rep-db-azure)"],
    ["all-rep-db-digitalocean", "replicated data not encrypted at rest: a customer-managed key is required; DigitalOcean managed databases offer no customer-managed keys (the source all-rep-db-digitalocean)"],
    ["all-rep-db-gcp", "replicated data not encrypted at rest: a customer-managed key is required; the instance uses Google-managed keys (no encryptionKeyName) (the source all-rep-db-gcp)"],
    ["all-rep-db-oci", "replicated data not encrypted at rest: a customer-managed key is required; OCI Database with PostgreSQL and its backup copies use Oracle-managed keys only (the source all-rep-db-oci)"],
    ["all-rep-gcp-gcp-copy", "replicated data not encrypted at rest: a customer-managed key is required; the bucket uses Google-managed keys (no encryption.defaultKmsKeyName) (the replica all-rep-gcp-gcp-copy)"],
    ["all-rep-gcp-gcp-source", "replicated data not encrypted at rest: a customer-managed key is required; the bucket uses Google-managed keys (no encryption.defaultKmsKeyName) (the source all-rep-gcp-gcp-source)"],
    ["all-rep-oci-oci-copy", "replicated data not encrypted at rest: a customer-managed key is required; the bucket uses Oracle-managed keys (no kmsKeyId) (the replica all-rep-oci-oci-copy)"],
    ["all-rep-oci-oci-source", "replicated data not encrypted at rest: a customer-managed key is required; the bucket uses Oracle-managed keys (no kmsKeyId) (the source all-rep-oci-oci-source)"],
    ["all-rep-replica-azure", "replicated data not encrypted at rest: a customer-managed key is required; the server uses service-managed keys (dataEncryption.type is not AzureKeyVault) (the replica all-rep-replica-azure)"],
    ["all-rep-replica-digitalocean", "replicated data not encrypted at rest: a customer-managed key is required; DigitalOcean managed databases offer no customer-managed keys (the replica all-rep-replica-digitalocean)"],
    ["all-rep-replica-gcp", "replicated data not encrypted at rest: a customer-managed key is required; the instance uses Google-managed keys (no encryptionKeyName) (the replica all-rep-replica-gcp)"],
  ]);
  t.deepEqual(cloudsOf(run, failing), coverage(ID).clouds);
  t.deepEqual(coverage(ID).clouds, ["aws", "azure", "digitalocean", "gcp", "oci"]);
});

// Serial: it installs the process-wide harness (see suite.ts).
test.serial("replication-encrypted: a preview (ids and ARNs unknown) finds the same links by dependency and gives the same verdicts", async (t) => {
  const preview = await verdicts(await captureFixture(true));
  t.deepEqual(of(preview, ID, ""), of(all, ID, ""));
});
