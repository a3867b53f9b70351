/**
 * Replicated data encrypted in transit and at rest on both sides: for every replication link in
 * the stack (a database read replica and its primary, a bucket replication or transfer job and
 * its two buckets, a database whose backups are copied to another region), each side must refuse
 * unencrypted connections and keep its data encrypted — with a customer-managed key on both sides
 * when the level asks for one. A link is found through the replicating resource's own inputs
 * (`replicateSourceDb`, `sourceServerResourceId`, `masterInstanceName`, `clusterId`, `bucket`,
 * `sourceAccount`/`destinationAccount`, `transferSpec`, `destinationBucketName`), by dependency, so
 * the rule also judges a preview.
 *
 * The replication channels themselves are encrypted by the clouds and have no setting: RDS streams
 * WAL over a secure connection (AWS RDS User Guide, "Read replica configuration with PostgreSQL");
 * S3 replication, Azure object replication, Storage Transfer Service and OCI replication copy over
 * the providers' HTTPS APIs. What a stack can get wrong is each side: an RDS instance without
 * `rds.force_ssl=1` (AWS Config rule RDS_POSTGRES_INSTANCE_ENCRYPTED_IN_TRANSIT), an unencrypted
 * RDS replica (a cross-region replica of an encrypted source must be encrypted: "Creating a read
 * replica in a different AWS Region"), S3 replication that skips SSE-KMS objects or writes them
 * without a destination key (S3 User Guide, "Replicating encrypted objects"), an Azure account
 * accepting HTTP or old TLS, a Cloud SQL instance accepting unencrypted connections, a transfer job
 * reading a plain-HTTP URL list. Sources read 2026-11-30.
 */
import {
  RdsInstance, ParameterGroup, S3Bucket, BucketReplicationConfig, BucketServerSideEncryptionConfiguration, AzurePgConfiguration, AzurePgServer,
  ObjectReplicationPolicy, StorageAccount, DatabaseCluster, DatabaseReplica, DatabaseInstance, GcsBucket, TransferJob, OciBucket, ReplicationPolicy,
  DbSystem,
} from "../types";
import type { PolicyResource } from "@pulumi/policy";
import { has } from "../facts";
import { type Controls, CONTROLS, FRAMEWORKS } from "../frameworks";
import { configures, known } from "../resources";
import type { EncryptionConfig, Props, StackFinding, StackRule } from "../rule";
import { typeOf } from "../rule";

const T = {
  rds: typeOf(RdsInstance),
  rdsParams: typeOf(ParameterGroup),
  s3: typeOf(S3Bucket),
  s3Replication: typeOf(BucketReplicationConfig),
  s3Encryption: typeOf(BucketServerSideEncryptionConfiguration),
  azurePg: typeOf(AzurePgServer),
  azurePgConfig: typeOf(AzurePgConfiguration),
  azureAccount: typeOf(StorageAccount),
  azureReplication: typeOf(ObjectReplicationPolicy),
  doCluster: typeOf(DatabaseCluster),
  doReplica: typeOf(DatabaseReplica),
  cloudSql: typeOf(DatabaseInstance),
  gcs: typeOf(GcsBucket),
  transferJob: typeOf(TransferJob),
  ociBucket: typeOf(OciBucket),
  ociReplication: typeOf(ReplicationPolicy),
  ociPostgres: typeOf(DbSystem),
} as const;

/** Which end of a link a resource is. */
type Role = "source" | "replica";

/** One side of a replication link. */
interface Side {
  readonly role: Role;
  readonly resource: PolicyResource;
}

const props = (r: PolicyResource) => r.props as Props;
/** Reads a value; undefined while it is unknown (preview). */
const read = <T>(r: PolicyResource, fn: (p: Props) => T): T | undefined => known(() => fn(props(r)));
/** The resources an input of `r` depends on. */
const dependenciesOf = (r: PolicyResource, key: string, all: readonly PolicyResource[]): PolicyResource[] => {
  const urns = new Set((r.propertyDependencies[key] ?? []).map((d) => d.urn));
  return all.filter((x) => urns.has(x.urn));
};
const OLD_TLS = /TLS1_[01]$/;

/** The links of the stack: each replicating resource with its sides and the problems of its own settings. */
function links(all: readonly PolicyResource[]): Array<{ sides: Side[]; own: StackFinding[] }> {
  const out: Array<{ sides: Side[]; own: StackFinding[] }> = [];
  const source = (r: PolicyResource, key: string): Side[] => dependenciesOf(r, key, all).map((resource) => ({ role: "source", resource }));
  for (const r of all) {
    switch (r.type) {
      case T.rds:
        if (has(props(r), "replicateSourceDb")) out.push({ sides: [...source(r, "replicateSourceDb"), { role: "replica", resource: r }], own: [] });
        break;
      case T.azurePg:
        if (read(r, (p) => p.createMode) === "Replica") out.push({ sides: [...source(r, "sourceServerResourceId"), { role: "replica", resource: r }], own: [] });
        break;
      case T.cloudSql:
        if (has(props(r), "masterInstanceName")) out.push({ sides: [...source(r, "masterInstanceName"), { role: "replica", resource: r }], own: [] });
        break;
      case T.doReplica:
        out.push({ sides: [...source(r, "clusterId"), { role: "replica", resource: r }], own: [] });
        break;
      case T.ociPostgres: {
        // Backups copied to other regions: the copies are the replica, kept by the same service.
        const copies = read(r, (p) => ((((p.managementPolicy as Props | undefined)?.backupPolicy as Props | undefined)?.copyPolicy as Props | undefined)?.regions as unknown[] | undefined) ?? []);
        if (copies === undefined || copies.length > 0) out.push({ sides: [{ role: "source", resource: r }], own: [] });
        break;
      }
      case T.s3Replication:
        out.push({ sides: [...source(r, "bucket"), ...dependenciesOf(r, "rules", all).filter((d) => d.type === T.s3).map((resource): Side => ({ role: "replica", resource }))], own: s3ReplicationProblems(r, all) });
        break;
      case T.azureReplication:
        out.push({ sides: [...source(r, "sourceAccount"), ...dependenciesOf(r, "destinationAccount", all).map((resource): Side => ({ role: "replica", resource }))], own: [] });
        break;
      case T.transferJob: {
        const sink = read(r, (p) => ((p.transferSpec as Props | undefined)?.gcsDataSink as Props | undefined)?.bucketName);
        const sides = dependenciesOf(r, "transferSpec", all)
          .filter((d) => [T.gcs, T.s3, T.azureAccount].includes(d.type as never))
          .map((resource): Side => ({ role: resource.type === T.gcs && (sink === undefined || read(resource, (p) => p.name) === sink) ? "replica" : "source", resource }));
        const list = read(r, (p) => ((p.transferSpec as Props | undefined)?.httpDataSource as Props | undefined)?.listUrl);
        const own = typeof list === "string" && /^http:\/\//i.test(list) ? [{ resource: r, message: `replicated data not encrypted in transit: the transfer reads a plain HTTP URL list (${list})` }] : [];
        out.push({ sides, own });
        break;
      }
      case T.ociReplication:
        out.push({ sides: [...source(r, "bucket"), ...dependenciesOf(r, "destinationBucketName", all).map((resource): Side => ({ role: "replica", resource }))], own: [] });
        break;
      default:
    }
  }
  return out;
}

/** S3 replication of SSE-KMS objects: replicated only when selected, and re-encrypted only with a destination key. */
function s3ReplicationProblems(r: PolicyResource, all: readonly PolicyResource[]): StackFinding[] {
  const sources = dependenciesOf(r, "bucket", all);
  const kms = sources.some((b) => all.some((c) => c.type === T.s3Encryption && configures(c, b, "bucket") && read(c, (p) => (p.rules as Props[]).some((x) => String((x.applyServerSideEncryptionByDefault as Props | undefined)?.sseAlgorithm ?? "").startsWith("aws:kms"))) !== false));
  const rules = read(r, (p) => p.rules as Props[]) ?? [];
  const findings: StackFinding[] = [];
  for (const rule of rules) {
    const selected = ((rule.sourceSelectionCriteria as Props | undefined)?.sseKmsEncryptedObjects as Props | undefined)?.status === "Enabled";
    const key = has(((rule.destination as Props | undefined)?.encryptionConfiguration as Props | undefined) ?? {}, "replicaKmsKeyId");
    if (kms && !(selected && key)) {
      findings.push({ resource: r, message: `replicated data not encrypted at rest: rule ${String(rule.id ?? "(no id)")} does not replicate SSE-KMS objects into a destination key (sourceSelectionCriteria.sseKmsEncryptedObjects Enabled and destination.encryptionConfiguration.replicaKmsKeyId)` });
    }
  }
  return findings;
}

/** Why one side refuses no plaintext or keeps data unencrypted; with `cmk`, also why its key is not the customer's. */
function sideProblems(side: Side, all: readonly PolicyResource[], cmk: boolean): string[] {
  const r = side.resource;
  const p = props(r);
  const transit = (what: string) => `not encrypted in transit: ${what}`;
  const rest = (what: string) => `not encrypted at rest: ${what}`;
  const key = (ok: boolean, what: string) => (cmk && !ok ? [rest(`a customer-managed key is required; ${what}`)] : []);
  const companions = (type: string, input: string) => all.filter((c) => c.type === type && configures(c, r, input));
  switch (r.type) {
    case T.rds: {
      const groups = dependenciesOf(r, "parameterGroupName", all).filter((g) => g.type === T.rdsParams);
      const forced = groups.some((g) => read(g, (x) => ((x.parameters as Props[] | undefined) ?? []).some((q) => q.name === "rds.force_ssl" && String(q.value) === "1")) !== false);
      // Unknown during a preview (set but not yet known) is not judged.
      const encrypted = has(p, "storageEncrypted") ? read(r, (x) => x.storageEncrypted) : false;
      return [
        ...(encrypted === false ? [rest("storageEncrypted is not true")] : []),
        ...(forced ? [] : [transit("no parameter group sets rds.force_ssl to 1, so unencrypted connections are accepted")]),
        ...key(has(p, "kmsKeyId"), "the storage uses the AWS-managed key (no kmsKeyId)"),
      ];
    }
    case T.azurePg: {
      const off = companions(T.azurePgConfig, "serverName").some((c) => read(c, (x) => String(x.configurationName).toLowerCase() === "require_secure_transport" && String(x.value).toUpperCase() === "OFF") === true);
      return [...(off ? [transit("require_secure_transport is OFF")] : []), ...key(read(r, (x) => (x.dataEncryption as Props | undefined)?.type) === "AzureKeyVault", "the server uses service-managed keys (dataEncryption.type is not AzureKeyVault)")];
    }
    case T.cloudSql: {
      const ip = read(r, (x) => (x.settings as Props | undefined)?.ipConfiguration as Props | undefined);
      const mode = has(ip, "sslMode") ? known(() => ip!.sslMode) : "not set (unencrypted connections accepted)";
      const ok = mode === undefined || ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"].includes(String(mode));
      return [...(ok ? [] : [transit(`sslMode is ${String(mode)}`)]), ...key(has(p, "encryptionKeyName"), "the instance uses Google-managed keys (no encryptionKeyName)")];
    }
    case T.doCluster:
    case T.doReplica:
      return key(false, "DigitalOcean managed databases offer no customer-managed keys");
    case T.ociPostgres:
      return key(false, "OCI Database with PostgreSQL and its backup copies use Oracle-managed keys only");
    case T.s3: {
      const sse = all.filter((c) => c.type === T.s3Encryption && configures(c, r, "bucket"));
      return key(sse.some((c) => read(c, (x) => (x.rules as Props[]).some((q) => has((q.applyServerSideEncryptionByDefault as Props | undefined) ?? {}, "kmsMasterKeyId"))) !== false), "no SSE-KMS configuration with a customer-managed key");
    }
    case T.azureAccount: {
      const https = read(r, (x) => x.enableHttpsTrafficOnly);
      const tls = read(r, (x) => x.minimumTlsVersion);
      return [
        ...(https === false ? [transit("enableHttpsTrafficOnly is false")] : []),
        ...(!has(p, "minimumTlsVersion") || (typeof tls === "string" && OLD_TLS.test(tls)) ? [transit(`minimumTlsVersion is ${String(tls ?? "not set")}, not TLS1_2`)] : []),
        ...(read(r, (x) => (((x.encryption as Props | undefined)?.services as Props | undefined)?.blob as Props | undefined)?.enabled) === false ? [rest("blob encryption is turned off")] : []),
        ...key(read(r, (x) => (x.encryption as Props | undefined)?.keySource) === "Microsoft.Keyvault", "the account uses Microsoft-managed keys"),
      ];
    }
    case T.gcs:
      return key(has((p.encryption as Props | undefined) ?? {}, "defaultKmsKeyName"), "the bucket uses Google-managed keys (no encryption.defaultKmsKeyName)");
    case T.ociBucket:
      return key(has(p, "kmsKeyId"), "the bucket uses Oracle-managed keys (no kmsKeyId)");
    default:
      return [];
  }
}

/** Transit and at-rest controls together. */
const merged = (a: Controls, b: Controls): Controls => Object.fromEntries(FRAMEWORKS.map((f) => [f, [...new Set([...(a[f] ?? []), ...(b[f] ?? [])])]]).filter(([, c]) => c.length > 0));

export const replicationEncrypted: StackRule<EncryptionConfig> = {
  kind: "stack",
  id: "replication-encrypted",
  description: "Replicated data must be encrypted in transit and at rest on both sides of every replication (database replicas, bucket replication and transfer jobs, copied backups).",
  severity: "high",
  frameworks: merged(CONTROLS.transitEncryption, CONTROLS.encryptionAtRest),
  remediation:
    "Use tessera's PostgresReplica and BucketReplication (TLS-only replicas with their own keys, KMS re-encryption for S3); on a hand-written link require TLS on both databases or accounts, keep storage encryption on and, when the level asks, give both sides a customer-managed key.",
  defaults: { requireCustomerManagedKey: false },
  configSchema: { requireCustomerManagedKey: { type: "boolean", default: false, description: "Require a customer-managed key on both sides of every replication." } },
  covers: Object.values(T),
  clouds: ["aws", "azure", "gcp", "digitalocean", "oci"],
  check: (resources, config) => {
    const seen = new Set<string>();
    const findings: StackFinding[] = [];
    const add = (f: StackFinding) => {
      const id = `${f.resource?.urn} ${f.message}`;
      if (!seen.has(id)) findings.push(f), seen.add(id);
    };
    for (const link of links(resources)) {
      link.own.forEach(add);
      for (const side of link.sides) {
        for (const problem of sideProblems(side, resources, config.requireCustomerManagedKey)) add({ resource: side.resource, message: `replicated data ${problem} (the ${side.role} ${side.resource.name})` });
      }
    }
    return findings;
  },
};
