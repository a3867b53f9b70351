/**
 * The capability matrix agrees with data/services.csv, and unsupported cells fail with one message;
 * its replication rows come from core/replication.ts.
 */
import test from "ava";
import { CAPABILITIES, GOVERNANCE, GOVERNANCE_FEATURES, requireCapability, UnsupportedServiceError } from "../core/capabilities";
import { CLOUDS, SERVICE_KINDS } from "../core/cloud";
import { CLOUD_PAIRS, DATA_KINDS, type ReplicationCell, replicationFor, replicationRows } from "../core/replication";
import { capabilityTable } from "../cli/docs";
import { loadCatalog } from "../placement/catalog";

/** services.csv names for tessera's kinds. */
const CSV_SERVICE = {
  network: ["network"],
  compute: ["compute"],
  "gpu-compute": ["gpu-compute"],
  "object-storage": ["object-storage"],
  database: ["database-postgres"],
  kubernetes: ["kubernetes"],
  serverless: ["serverless-functions"],
  secrets: ["secrets", "key-management"],
  monitoring: ["monitoring-alerts"],
  analytics: ["analytics-warehouse"],
  "dns-failover": ["dns"],
  "web-tier": ["load-balancer"],
} as const;

test("a cell is unsupported exactly where services.csv says the cloud has none", (t) => {
  const catalog = loadCatalog();
  for (const service of SERVICE_KINDS) {
    for (const cloud of CLOUDS) {
      const rows = CSV_SERVICE[service].map((s) => catalog.services.find((r) => r.cloud === cloud && r.service === s));
      const csvHasIt = rows.every((r) => r !== undefined && r.availability !== "none");
      const cell = CAPABILITIES[service][cloud];
      // DNS failover needs health-checked DNS; services.csv lists plain DNS, so it may be supported there and not here.
      if (service === "dns-failover" && cloud === "digitalocean") {
        t.false(cell.supported);
        continue;
      }
      t.is(cell.supported, csvHasIt, `${service} on ${cloud}`);
    }
  }
});

test("the unsupported cells, with the sentence every consumer shows", (t) => {
  const unsupported = SERVICE_KINDS.flatMap((s) => CLOUDS.filter((c) => !CAPABILITIES[s][c].supported).map((c) => `${s}/${c}`));
  t.deepEqual(unsupported, ["secrets/digitalocean", "analytics/digitalocean", "dns-failover/digitalocean"]);
  const error = t.throws(() => requireCapability("secrets", "digitalocean"), { instanceOf: UnsupportedServiceError });
  t.is(error.message, "secrets is not available on digitalocean: digitalocean has no managed secret store or key-management service. Clouds that offer it: aws, azure, gcp, oci.");
});

test("the governance matrix: what each cloud lacks (the README's second table and the plan's Governance section), every other cell an offering", (t) => {
  const missing = GOVERNANCE_FEATURES.flatMap((feature) => CLOUDS.filter((cloud) => !GOVERNANCE[feature][cloud].supported).map((cloud) => `${feature} ${cloud}`));
  t.deepEqual(missing, [
    "audit-trail digitalocean",
    "flow-logs digitalocean",
    "storage-tls-only gcp",
    "storage-tls-only digitalocean",
    "customer-managed-keys digitalocean",
    "budget-alarms digitalocean",
  ]);
  for (const feature of GOVERNANCE_FEATURES) {
    for (const cloud of CLOUDS) {
      const cell = GOVERNANCE[feature][cloud];
      // An unavailable control names the cloud it is missing on; an available one names what it builds.
      t.true(cell.supported ? cell.offering.length > 0 : cell.reason.startsWith(`${cloud} `), `${feature} ${cloud}`);
    }
  }
});

test("the replication rows: one per data kind on one cloud, one per cross-cloud pair tessera supports (its cell under the destination), all from core/replication.ts", (t) => {
  const rows = replicationRows();
  const shape = (cell: ReplicationCell | undefined) => (cell === undefined ? "–" : cell.supported ? cell.resource : "none");
  t.deepEqual(
    rows.map((r) => [r.label, CLOUDS.map((c) => shape(r.cells[c]))]),
    [
      [
        "database replication (same cloud, another region)",
        ["aws:rds/instance:Instance", "azure-native:dbforpostgresql:Server", "gcp:sql/databaseInstance:DatabaseInstance", "digitalocean:index/databaseReplica:DatabaseReplica", "oci:Psql/dbSystem:DbSystem"],
      ],
      [
        "object-storage replication (same cloud, another region)",
        ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", "azure-native:storage:ObjectReplicationPolicy", "gcp:storage/transferJob:TransferJob", "none", "oci:ObjectStorage/replicationPolicy:ReplicationPolicy"],
      ],
      ["object-storage replication aws → gcp", ["–", "–", "gcp:storage/transferJob:TransferJob", "–", "–"]],
      ["object-storage replication azure → gcp", ["–", "–", "gcp:storage/transferJob:TransferJob", "–", "–"]],
    ],
  );
  // Every supported pair has its row, and no other pair does: the rows are the table, not a copy.
  const pairs = CLOUD_PAIRS.filter(([a, b]) => DATA_KINDS.some((k) => replicationFor(k, a, b).supported)).map(([a, b]) => `object-storage replication ${a} → ${b}`);
  t.deepEqual(rows.slice(2).map((r) => r.label), pairs);
  // The README rows are these cells: the S3 row quotes the 15-minute SLA, Spaces says why it has none.
  const table = capabilityTable();
  t.true(table.includes("| object-storage replication (same cloud, another region) | ✅ S3 Replication with Replication Time Control, KMS re-encryption in the standby region; RPO 15 min: S3 RTC replicates 99.99% of new objects within 15 minutes (SLA) |"));
  t.true(table.includes("| ❌ DigitalOcean Spaces has no bucket replication and DigitalOcean has no managed transfer service, so a standby's bucket would stay empty |"));
});
