/**
 * Governance rules (audit trail, budget alarms, flow logs, access logs, TLS-only storage, private
 * Kubernetes APIs, customer keys for sensitive data) through @pulumi/policy's own RPC handlers:
 * tessera's components pass on every covered cloud, hand-written resources fail with the exact
 * messages, a stack without governance fails the stack-wide checks, and a stated opt-out is
 * honoured.
 */
import { join } from "node:path";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Network } from "../../components/network";
import { ObjectStorage } from "../../components/storage";
import { installHarness } from "../../harness";
import type { Verdict } from "../../harness/policy";
import { governanceViolations } from "../fixtures/noncompliant-governance";
import { targets } from "../helpers";
import { suite } from "../suite";
import { type Captured, capture, cloudsOf, coverage, judgedClouds, of, sharedRun, verdicts } from "./helpers";

const test = suite("governance");
const FIXTURE_STACKS = join(__dirname, "..", "fixtures", "stacks");
let shared: Captured;
let sharedAll: Verdict[];
let bad: Captured;
let badAll: Verdict[];

/** Stacks with tessera's buckets and networks and nothing else (no Governance). */
const bare = (t: Record<Cloud, Target>) => {
  for (const cloud of CLOUDS) {
    new ObjectStorage(`bare-bucket-${cloud}`, { target: t[cloud] });
    new Network(`bare-net-${cloud}`, { target: t[cloud] });
  }
};
type Target = Parameters<typeof governanceViolations>[0][Cloud];

test.serial.before(async () => {
  ({ run: shared, all: sharedAll } = await sharedRun());
  bad = await capture(governanceViolations);
  badAll = await verdicts(bad, { config: { "budget-alarms": { monthlyUsd: 1000 } } });
});

/** Passing cases on every covered cloud from tessera's components; failing ones span the covered clouds. */
function spans(t: { deepEqual: (a: unknown, b: unknown, m?: string) => void }, id: string, failing: Array<[string, string]>, run = bad, clouds = coverage(id).clouds) {
  t.deepEqual(judgedClouds(shared, id, "all-"), coverage(id).clouds, `${id}: a tessera component judged on every covered cloud`);
  t.deepEqual(of(sharedAll, id, "all-"), [], `${id}: tessera's components pass`);
  t.deepEqual(cloudsOf(run, failing), clouds, `${id}: a failing case on every covered cloud`);
}

test("audit-trail: incomplete trails fail on every cloud (one region, no validation, no key; missing categories; no Data Access; short OCI retention)", (t) => {
  const failing = of(badAll, "audit-trail");
  t.deepEqual(failing, [
    ["bad-activity", "audit trail bad-activity the activity log export has no destination"],
    ["bad-activity", "audit trail bad-activity the activity log export leaves out Security, Policy, Alert"],
    ["bad-audit-config", "audit trail bad-audit-config Data Access audit logs for storage.googleapis.com leave out DATA_READ, DATA_WRITE"],
    ["bad-oci-audit", "audit trail bad-oci-audit the tenancy keeps audit records 90 days, fewer than the required 365"],
    ["bad-trail", "audit trail bad-trail log file validation is off (enableLogFileValidation), so tampering goes unnoticed"],
    ["bad-trail", "audit trail bad-trail log files are not encrypted with a KMS key (kmsKeyId)"],
    ["bad-trail", "audit trail bad-trail records one region only (isMultiRegionTrail is not true)"],
  ]);
  spans(t, "audit-trail", failing);
  // The GCP APIs the hand-written resources use have no complete Data Access configuration.
  t.deepEqual(
    badAll.filter((v) => v.policy === "audit-trail" && !v.urn.includes("::bad-")).map((v) => v.message).sort(),
    [
      "Data Access audit logs are off for compute.googleapis.com (used by bad-subnetwork); add tessera's Governance, or state audit: { trail: false, reason: … } in the stack file when an organisation trail records this account",
      "Data Access audit logs are off for container.googleapis.com (used by bad-gke); add tessera's Governance, or state audit: { trail: false, reason: … } in the stack file when an organisation trail records this account",
    ],
  );
});

test("budget-alarms: missing thresholds and silent alarms fail on every cloud with a budget API", (t) => {
  const failing = of(badAll, "budget-alarms");
  t.deepEqual(failing, [
    ["bad-budget-aws", "budget bad-budget-aws alarms notify nobody: 100% of actual spend"],
    ["bad-budget-aws", "budget bad-budget-aws has no alarm at 80% of actual spend, 80% of forecast spend, 100% of forecast spend"],
    ["bad-budget-azure", "budget bad-budget-azure has no alarm at 80% of forecast spend, 100% of actual spend, 100% of forecast spend"],
    ["bad-budget-gcp", "budget bad-budget-gcp alarms notify nobody: 50% of actual spend"],
    ["bad-budget-gcp", "budget bad-budget-gcp has no alarm at 80% of actual spend, 80% of forecast spend, 100% of actual spend, 100% of forecast spend"],
    ["bad-budget-oci", "budget bad-budget-oci alarms notify nobody: 80% of actual spend"],
    ["bad-budget-oci", "budget bad-budget-oci has no alarm at 80% of forecast spend, 100% of actual spend, 100% of forecast spend"],
  ]);
  t.deepEqual(of(sharedAll, "budget-alarms", "all-"), []);
  t.deepEqual(cloudsOf(bad, failing), coverage("budget-alarms").clouds);
});

test("network-flow-logs: a VPC, VNet, subnetwork and OCI subnet without flow logs fail; tessera's networks pass", (t) => {
  const failing = of(badAll, "network-flow-logs");
  t.deepEqual(failing, [
    ["bad-oci-subnet", "network bad-oci-subnet keeps no flow logs: no flow log (Logging service log, source flowlogs) covers it"],
    ["bad-subnetwork", "network bad-subnetwork keeps no flow logs: logConfig is not set (subnet flow logs are off)"],
    ["bad-vnet", "network bad-vnet keeps no flow logs: no enabled VNet flow log targets it"],
    ["bad-vpc", "network bad-vpc keeps no flow logs: no VPC flow log records all its traffic"],
  ]);
  spans(t, "network-flow-logs", failing);
});

test("storage-access-logging: buckets without access logs fail on every cloud; log stores are exempt", (t) => {
  const failing = of(sharedAll, "storage-access-logging");
  t.deepEqual(failing, [
    ["bad-account", "access to bucket bad-account is not logged: no diagnostic setting logs its blob reads, writes and deletes"],
    ["bad-half-blocked", "access to bucket bad-half-blocked is not logged: no BucketLogging sends its server access logs anywhere"],
    ["bad-oci", "access to bucket bad-oci is not logged: no Object Storage read and write log (Logging service log) records its access"],
    ["bad-public-s3", "access to bucket bad-public-s3 is not logged: no BucketLogging sends its server access logs anywhere"],
    ["bad-space", "access to bucket bad-space is not logged: no SpacesBucketLogging sends its access logs anywhere"],
    ["bad-tls-account", "access to bucket bad-tls-account is not logged: no diagnostic setting logs its blob reads, writes and deletes"],
    ["bad-us-account", "access to bucket bad-us-account is not logged: no diagnostic setting logs its blob reads, writes and deletes"],
    ["bad-us-bucket", "access to bucket bad-us-bucket is not logged: no BucketLogging sends its server access logs anywhere"],
    ["bad-us-oci", "access to bucket bad-us-oci is not logged: no Object Storage read and write log (Logging service log) records its access"],
    ["bad-us-space", "access to bucket bad-us-space is not logged: no SpacesBucketLogging sends its access logs anywhere"],
  ]);
  // GCS buckets there are covered by the project's Data Access audit logs (tessera's Governance).
  t.deepEqual(judgedClouds(shared, "storage-access-logging", "all-"), coverage("storage-access-logging").clouds);
  t.deepEqual(of(sharedAll, "storage-access-logging", "all-"), []);
  t.deepEqual(cloudsOf(shared, failing), ["aws", "azure", "digitalocean", "oci"]);
});

test("storage-tls-only: S3 buckets without the SecureTransport denial and a storage account allowing HTTP fail", (t) => {
  t.deepEqual(of(badAll, "storage-tls-only"), [["bad-http-account", "storage account bad-http-account accepts plain HTTP: enableHttpsTrafficOnly is false"]]);
  const failing = [...of(sharedAll, "storage-tls-only"), ...of(badAll, "storage-tls-only")];
  t.deepEqual(of(sharedAll, "storage-tls-only"), [
    ["bad-half-blocked", "S3 bucket bad-half-blocked accepts plain HTTP: no bucket policy denies requests with aws:SecureTransport false"],
    ["bad-public-s3", "S3 bucket bad-public-s3 accepts plain HTTP: no bucket policy denies requests with aws:SecureTransport false"],
    ["bad-us-bucket", "S3 bucket bad-us-bucket accepts plain HTTP: no bucket policy denies requests with aws:SecureTransport false"],
  ]);
  t.deepEqual(judgedClouds(shared, "storage-tls-only", "all-"), coverage("storage-tls-only").clouds);
  t.deepEqual(of(sharedAll, "storage-tls-only", "all-"), []);
  t.deepEqual([...new Set([...cloudsOf(shared, failing), ...cloudsOf(bad, failing)])].sort(), ["aws", "azure"]);
});

test("kubernetes-api-not-public: open endpoints fail on every cloud; private endpoints and named networks pass", (t) => {
  const failing = of(badAll, "kubernetes-api-not-public");
  t.deepEqual(failing, [
    ["bad-aks", "Kubernetes API reachable from the internet: the public API server (apiServerAccessProfile.authorizedIPRanges) admits 0.0.0.0/0"],
    ["bad-doks", "Kubernetes API reachable from the internet: the API endpoint is public and no control-plane firewall limits it (DOKS has no private endpoint)"],
    ["bad-eks", "Kubernetes API reachable from the internet: the public endpoint (publicAccessCidrs) admits any address"],
    ["bad-gke", "Kubernetes API reachable from the internet: the public endpoint has no master authorized networks"],
    ["bad-oke", "Kubernetes API reachable from the internet: the public endpoint has no network security group limiting who reaches it"],
  ]);
  spans(t, "kubernetes-api-not-public", failing);
});

test("sensitive-data-customer-key: confidential buckets, databases, disks and GCP secrets on provider keys fail where the cloud offers a customer key", (t) => {
  const failing = of(sharedAll, "sensitive-data-customer-key");
  const msg = (name: string) => [name, `${name} holds confidential data encrypted with provider-managed keys, not a customer-managed key`];
  t.deepEqual(failing, ["bad-account", "bad-gce", "bad-gcp-secret", "bad-gcs", "bad-oci", "bad-oci-vm", "bad-pg", "bad-rds", "bad-sql", "bad-tls-account", "bad-us-account", "bad-us-gcs", "bad-us-oci", "bad-vm"].map(msg));
  t.deepEqual(judgedClouds(shared, "sensitive-data-customer-key", "all-"), coverage("sensitive-data-customer-key").clouds);
  t.deepEqual(of(sharedAll, "sensitive-data-customer-key", "all-"), []);
  t.deepEqual(cloudsOf(shared, failing), coverage("sensitive-data-customer-key").clouds);
});

// Serial: it installs the process-wide harness (see suite.ts).
test.serial("a stack without governance fails the stack-wide checks on every cloud; a stated opt-out is honoured, its budget still checked", async (t) => {
  const settings = { "audit-trail": { stacksDir: FIXTURE_STACKS }, "storage-access-logging": { stacksDir: FIXTURE_STACKS }, "budget-alarms": { stacksDir: FIXTURE_STACKS } };
  const noGovernance = await verdicts(await capture(bare), { config: { ...settings, "budget-alarms": { stacksDir: FIXTURE_STACKS, monthlyUsd: 500 } } });
  const stackWide = (vs: Verdict[], id: string) => vs.filter((v) => v.policy === id && !v.urn.includes("::bare-")).map((v) => v.message).sort();
  const why = "add tessera's Governance, or state audit: { trail: false, reason: … } in the stack file when an organisation trail records this account";
  t.deepEqual(stackWide(noGovernance, "audit-trail"), [
    `Data Access audit logs are off for compute.googleapis.com (used by bare-net-gcp); ${why}`,
    `Data Access audit logs are off for storage.googleapis.com (used by bare-bucket-gcp); ${why}`,
    `no CloudTrail trail records the AWS account this stack deploys into; ${why}`,
    `no diagnostic setting exports the Azure subscription's activity log; ${why}`,
  ]);
  t.deepEqual(stackWide(noGovernance, "budget-alarms"), ["no aws budget watches the stack's budget of 500 USD/month", "no azure budget watches the stack's budget of 500 USD/month", "no gcp budget watches the stack's budget of 500 USD/month", "no oci budget watches the stack's budget of 500 USD/month"]);
  t.deepEqual(of(noGovernance, "storage-access-logging", "bare-"), [["bare-bucket-gcp", "access to bucket bare-bucket-gcp is not logged: Data Access audit logs (DATA_READ, DATA_WRITE) are off for storage.googleapis.com and the bucket has no usage log bucket"]]);

  const h = await installHarness({ stack: "optout" });
  await h.run(() => bare(targets("optout")));
  const optOut = await verdicts({ registrations: [...h.registrations], stack: h.stack, project: h.project }, { config: settings });
  t.deepEqual(stackWide(optOut, "audit-trail"), []);
  t.deepEqual(of(optOut, "storage-access-logging", "bare-"), []);
  t.deepEqual(stackWide(optOut, "budget-alarms"), ["no aws budget watches the stack's budget of 500 USD/month", "no azure budget watches the stack's budget of 500 USD/month", "no gcp budget watches the stack's budget of 500 USD/month", "no oci budget watches the stack's budget of 500 USD/month"]);
});

test("every governance verdict is mandatory at high severity", (t) => {
  const ids = ["audit-trail", "budget-alarms", "kubernetes-api-not-public", "network-flow-logs", "sensitive-data-customer-key", "storage-access-logging", "storage-tls-only"];
  const seen = [...badAll, ...sharedAll].filter((v) => ids.includes(v.policy));
  t.deepEqual([...new Set(seen.map((v) => `${v.policy} ${v.enforcement} ${v.severity}`))].sort(), ids.map((id) => `${id} mandatory high`));
});
