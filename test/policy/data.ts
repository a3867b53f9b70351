/**
 * Data rules (databases, encryption, transport, secrets) through @pulumi/policy's own RPC
 * handlers with engine-shaped requests. For every rule and every cloud it covers: tessera's
 * components pass (`all-*`), a resource a user writes by hand fails with the exact messages
 * (`bad-*`); settings change verdicts as documented.
 */
import type { Verdict } from "../../harness/policy";
import { suite } from "../suite";
import { type Captured, cloudsOf, coverage, configuredVerdicts, judgedClouds, of, sharedRun } from "./helpers";

const test = suite("data");
let run: Captured;
let all: Verdict[];

test.serial.before(async () => {
  ({ run, all } = await sharedRun());
});

/** Passing cases exist on every covered cloud and produce nothing; failing ones span the covered clouds. */
function spans(t: { deepEqual: (a: unknown, b: unknown, m?: string) => void }, id: string, failing: Array<[string, string]>, fromClouds = coverage(id).clouds) {
  t.deepEqual(judgedClouds(run, id, "all-"), coverage(id).clouds, `${id}: a tessera component judged on every covered cloud`);
  t.deepEqual(of(all, id, "all-"), [], `${id}: tessera's components pass`);
  t.deepEqual(cloudsOf(run, failing), fromClouds, `${id}: a failing case on every covered cloud`);
}

test("database-not-public: RDS, Azure flexible server and Data Explorer, Cloud SQL, DigitalOcean trusted sources, Autonomous Database", (t) => {
  const failing = of(all, "database-not-public");
  t.deepEqual(failing, [
    ["bad-adb", "reachable from the internet: no private endpoint (subnetId) and no access control list (whitelistedIps)"],
    ["bad-do-firewall", "reachable from the internet: trusted source 0.0.0.0/0 admits the internet"],
    ["bad-kusto", "reachable from the internet: publicNetworkAccess is not Disabled and no allowedIpRangeList narrows it"],
    ["bad-pg", "reachable from the internet: publicNetworkAccess is Enabled"],
    ["bad-rds", "reachable from the internet: publiclyAccessible is true"],
    ["bad-sql", "reachable from the internet: authorizedNetworks admits 0.0.0.0/0"],
    ["bad-sql", "reachable from the internet: ipv4Enabled is not false (the instance has a public IP)"],
  ]);
  spans(t, "database-not-public", failing);
});

test("digitalocean-database-trusted-sources: a cluster without a database firewall fails; tessera's Postgres has one", (t) => {
  const failing = of(all, "digitalocean-database-trusted-sources");
  t.deepEqual(failing, [["bad-do-db", "database cluster bad-do-db has no database firewall (trusted sources)"]]);
  spans(t, "digitalocean-database-trusted-sources", failing);
});

test("deletion-protection: the cloud's flag where it has one, Pulumi protect where it has none", (t) => {
  const failing = of(all, "deletion-protection");
  t.deepEqual(failing, [
    ["bad-do-db", "not protected from deletion: DigitalOcean managed databases have no deletion-protection setting, and the resource is not protected (Pulumi protect)"],
    ["bad-kusto", "not protected from deletion: Azure Data Explorer has no deletion-protection setting, and the resource is not protected (Pulumi protect)"],
    ["bad-pg", "not protected from deletion: Azure Database for PostgreSQL has no deletion-protection setting (tessera adds a CanNotDelete lock), and the resource is not protected (Pulumi protect)"],
    ["bad-psql", "not protected from deletion: OCI Database with PostgreSQL has no deletion-protection setting, and the resource is not protected (Pulumi protect)"],
    ["bad-rds", "not protected from deletion: deletionProtection is not true"],
    ["bad-sql", "not protected from deletion: settings.deletionProtectionEnabled is not true"],
  ]);
  spans(t, "deletion-protection", failing);
});

test("backup-retention: fewer days than required, or none; minDays raises the bar (DigitalOcean keeps 7)", async (t) => {
  const failing = of(all, "backup-retention");
  t.deepEqual(failing, [
    ["bad-pg", "backups kept 3 days (backup.backupRetentionDays), fewer than the required 7 days"],
    ["bad-psql", "backups kept 3 days (backupPolicy.retentionDays), fewer than the required 7 days"],
    ["bad-rds", "backups kept 1 day (backupRetentionPeriod), fewer than the required 7 days"],
    ["bad-sql", "no automated backups: settings.backupConfiguration.enabled is not true"],
  ]);
  spans(t, "backup-retention", failing, ["aws", "azure", "gcp", "oci"]);
  // At 14 days DigitalOcean's fixed seven fail, and so do tessera's 7-day defaults elsewhere.
  const strict = await configuredVerdicts(run, { config: { "backup-retention": { minDays: 14 } } });
  t.deepEqual(of(strict, "backup-retention", "all-db-"), [
    ["all-db-aws", "backups kept 7 days (backupRetentionPeriod), fewer than the required 14 days"],
    ["all-db-azure", "backups kept 7 days (backup.backupRetentionDays), fewer than the required 14 days"],
    ["all-db-digitalocean", "backups kept 7 days (DigitalOcean's fixed daily backups), fewer than the required 14 days"],
    ["all-db-gcp", "backups kept 7 days (retained daily backups), fewer than the required 14 days"],
    ["all-db-oci", "backups kept 7 days (backupPolicy.retentionDays), fewer than the required 14 days"],
  ]);
});

test("data-encryption-at-rest: encryption turned off fails; with customer keys required, provider keys fail on every cloud", async (t) => {
  t.deepEqual(of(all, "data-encryption-at-rest"), [
    ["bad-kusto", "encryption at rest is turned off"],
    ["bad-rds", "encryption at rest is turned off"],
  ]);
  const cmk = await configuredVerdicts(run, { config: { "data-encryption-at-rest": { requireCustomerManagedKey: true } } });
  const need = "a customer-managed key is required; this resource uses provider-managed keys";
  const failing = of(cmk, "data-encryption-at-rest", "all-");
  // The components' databases and disks use the stack's key (confidential data); warehouses,
  // Kubernetes secrets (except EKS's KMS key) and what no cloud can key still fail.
  t.deepEqual(
    failing.filter(([name]) => /^all-(db|k8s|bi|gpu)-/.test(name)),
    [
      ["all-bi-aws", need],
      ["all-bi-azure", need],
      ["all-bi-gcp", need],
      ["all-bi-oci", need],
      ["all-db-digitalocean", "a customer-managed key is required, and DigitalOcean managed databases offer no customer-managed keys"],
      ["all-db-oci", "a customer-managed key is required, and OCI Database with PostgreSQL encrypts with Oracle-managed keys only"],
      ["all-gpu-digitalocean-0", "a customer-managed key is required, and DigitalOcean Droplet disks offer no customer-managed keys"],
      ["all-k8s-azure", need],
      ["all-k8s-digitalocean", "a customer-managed key is required, and DigitalOcean Kubernetes offers no customer-managed keys"],
      ["all-k8s-gcp", need],
      ["all-k8s-oci", need],
    ],
  );
  t.deepEqual(cloudsOf(run, failing), coverage("data-encryption-at-rest").clouds);
  t.deepEqual(of(all, "data-encryption-at-rest", "all-"), []);
});

test("tls-in-transit: plaintext endpoints and old TLS fail on every cloud that lets them be configured", (t) => {
  const failing = of(all, "tls-in-transit");
  t.deepEqual(failing, [
    ["bad-account", "not encrypted in transit: minimumTlsVersion is not set, not TLS1_2"],
    ["bad-http-sub", "not encrypted in transit: subscription protocol is http"],
    ["bad-listener", "not encrypted in transit: listener serves plain HTTP (not only a redirect to HTTPS)"],
    ["bad-old-tls-listener", "not encrypted in transit: sslPolicy ELBSecurityPolicy-2016-08 allows TLS older than 1.2"],
    ["bad-ons", "not encrypted in transit: subscription endpoint is plain HTTP"],
    ["bad-pg-params", "not encrypted in transit: rds.force_ssl is not 1 (unencrypted connections accepted)"],
    ["bad-sql", "not encrypted in transit: sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED"],
    ["bad-ssl", "not encrypted in transit: minTlsVersion is TLS_1_0"],
    ["bad-tls-account", "not encrypted in transit: minimumTlsVersion is TLS1_0, not TLS1_2"],
  ]);
  spans(t, "tls-in-transit", failing);
});

test("no-plaintext-secrets: secret-looking settings in plain configuration fail; tessera routes them to secrets on Azure and DigitalOcean", (t) => {
  const failing = of(all, "no-plaintext-secrets");
  t.deepEqual(failing, [
    ["bad-app", "secret in plain configuration: environment variable API_KEY"],
    ["bad-do-app", "secret in plain configuration: environment variable SECRET_KEY"],
    ["bad-fn", "secret in plain configuration: configuration key DB_PASSWORD"],
    ["bad-lambda", "secret in plain configuration: environment variable DB_PASSWORD"],
    ["bad-param", "secret in plain configuration: parameter /app/api-token (type String)"],
    ["bad-run", "secret in plain configuration: environment variable GITHUB_TOKEN"],
  ]);
  spans(t, "no-plaintext-secrets", failing);
});

/** The rules this module covers. */
const DATA_RULES = ["backup-retention", "data-encryption-at-rest", "database-not-public", "deletion-protection", "digitalocean-database-trusted-sources", "no-plaintext-secrets", "tls-in-transit"];

test("every data verdict is mandatory at the rule's severity", (t) => {
  const bad = all.filter((v) => v.urn.split("::").pop()!.startsWith("bad-") && DATA_RULES.includes(v.policy));
  t.deepEqual([...new Set(bad.map((v) => `${v.policy} ${v.enforcement} ${v.severity}`))].sort(), [
    "backup-retention mandatory high",
    "data-encryption-at-rest mandatory high",
    "database-not-public mandatory critical",
    "deletion-protection mandatory high",
    "digitalocean-database-trusted-sources mandatory critical",
    "no-plaintext-secrets mandatory high",
    "tls-in-transit mandatory high",
  ]);
});
