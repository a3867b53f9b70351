/**
 * Prerequisites a real account needs, over every component on every cloud (the allComponents
 * fixture): GCP resources depend on the project service enabling their API, the Secret Manager
 * agent exists before the key grant names it, customer keys are granted to the storage and
 * BigQuery agents.
 */
import { suite } from "../suite";
import { Warehouse } from "../../components/analytics";
import { ObjectStorage } from "../../components/storage";
import { type Harness, installHarness } from "../../harness";
import type { Registration } from "../../harness/monitor";
import { prerequisiteProblems } from "../../harness/prerequisites";
import { Postgres } from "../../components/database";
import { Network } from "../../components/network";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { allComponents } from "../fixtures/components";
import { errorCatcher, find, inputs, propertyError, targetIn, targets } from "../helpers";

const test = suite("prerequisites");

let h: Harness;
const { errors, attempt } = errorCatcher();
const KEY = "projects/acme-test-123/locations/europe-west1/keyRings/ring/cryptoKeys/data";
const structOf = (value: Record<string, unknown>) => Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    allComponents(t);
    new ObjectStorage("cmek-gcp", { target: t.gcp, customerManagedKey: KEY });
    new Warehouse("cmek-bi-gcp", { target: t.gcp, customerManagedKey: KEY });
    new ObjectStorage("cmek-oci", { target: t.oci, customerManagedKey: "ocid1.key.oc1..data" });
    new ObjectStorage("plain-oci", { target: t.oci });
    // West US has no availability zones (data/zones.csv); West US 2 has three.
    const westus = targetIn("azure", "westus");
    const westus2 = targetIn("azure", "westus2");
    new ObjectStorage("files-westus", { target: westus });
    new ObjectStorage("files-westus2", { target: westus2 });
    new Postgres("db-westus", { target: westus, network: new Network("net-westus", { target: westus }), size: "Standard_D2ds_v5", highAvailability: true });
    new Postgres("db-westus2", { target: westus2, network: new Network("net-westus2", { target: westus2 }), size: "Standard_D2ds_v5", highAvailability: true });
    attempt("zrs-westus", () => new ObjectStorage("bad-zrs", { target: westus, azure: { sku: "Standard_ZRS" } }));
    // us-west-1 has two zones: three subnets pairs cannot be placed.
    attempt("aws-zones", () => new Network("bad-zones", { target: targetIn("aws", "us-west-1"), availabilityZones: 3 }));
  });
});

test("gcp: every API the components call is enabled once, kept on destroy, and every resource depends on its API", (t) => {
  const services = h.registrations.filter((r) => r.type === "gcp:projects/service:Service");
  t.deepEqual(
    services.map((r) => [r.name, inputs(r)]),
    [
      // The fixture's stack key (Secrets) comes first on each cloud, then the network and its flow logs.
      ["gcp-api-cloudkms", { disableOnDestroy: false, project: "acme-test-123", service: "cloudkms.googleapis.com" }],
      ["gcp-api-secretmanager", { disableOnDestroy: false, project: "acme-test-123", service: "secretmanager.googleapis.com" }],
      ["gcp-api-compute", { disableOnDestroy: false, project: "acme-test-123", service: "compute.googleapis.com" }],
      ["gcp-api-servicenetworking", { disableOnDestroy: false, project: "acme-test-123", service: "servicenetworking.googleapis.com" }],
      ["gcp-api-logging", { disableOnDestroy: false, project: "acme-test-123", service: "logging.googleapis.com" }],
      ["gcp-api-storage", { disableOnDestroy: false, project: "acme-test-123", service: "storage.googleapis.com" }],
      ["gcp-api-sqladmin", { disableOnDestroy: false, project: "acme-test-123", service: "sqladmin.googleapis.com" }],
      ["gcp-api-container", { disableOnDestroy: false, project: "acme-test-123", service: "container.googleapis.com" }],
      ["gcp-api-run", { disableOnDestroy: false, project: "acme-test-123", service: "run.googleapis.com" }],
      ["gcp-api-iam", { disableOnDestroy: false, project: "acme-test-123", service: "iam.googleapis.com" }],
      ["gcp-api-monitoring", { disableOnDestroy: false, project: "acme-test-123", service: "monitoring.googleapis.com" }],
      ["gcp-api-bigquery", { disableOnDestroy: false, project: "acme-test-123", service: "bigquery.googleapis.com" }],
      ["gcp-api-dns", { disableOnDestroy: false, project: "acme-test-123", service: "dns.googleapis.com" }],
      ["gcp-api-cloudresourcemanager", { disableOnDestroy: false, project: "acme-test-123", service: "cloudresourcemanager.googleapis.com" }],
      ["gcp-api-billingbudgets", { disableOnDestroy: false, project: "acme-test-123", service: "billingbudgets.googleapis.com" }],
    ],
  );
  // Top-level and on the target's provider: one per project, whatever component asked first.
  for (const s of services) t.is(s.parent, "urn:pulumi:dev::tessera::pulumi:pulumi:Stack::tessera-dev");
  t.deepEqual(prerequisiteProblems(h.registrations), []);
  t.deepEqual(h.errors, []);
  const sql = find(h, "gcp:sql/databaseInstance:DatabaseInstance", "all-db-gcp");
  t.true(sql.dependencies.includes(find(h, "gcp:projects/service:Service", "gcp-api-sqladmin").urn));
});

test("gcp: the Secret Manager agent is created before the key grant that names it", (t) => {
  const identity = find(h, "gcp:projects/serviceIdentity:ServiceIdentity", "all-secrets-gcp-secretmanager");
  t.deepEqual(inputs(identity), { project: "acme-test-123", service: "secretmanager.googleapis.com" });
  t.true(identity.dependencies.includes(find(h, "gcp:projects/service:Service", "gcp-api-secretmanager").urn));
  const grant = find(h, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "all-secrets-gcp-secretmanager");
  t.deepEqual(inputs(grant), {
    cryptoKeyId: "projects/acme-test-123/locations/europe-west1/keyRings/dev-all-secrets-gcp-f8v9cc/cryptoKeys/tessera",
    member: "serviceAccount:service-123456789012@gcp-sa-secretmanager.iam.gserviceaccount.com",
    role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
  });
  t.true(grant.propertyDependencies.member!.includes(identity.urn));
});

test("the check names a GCP resource that does not depend on its API", (t) => {
  const bucket = find(h, "gcp:storage/bucket:Bucket", "all-bucket-gcp");
  const alone = { ...bucket, dependencies: [] };
  t.deepEqual(prerequisiteProblems([alone]), [
    "gcp:storage/bucket:Bucket all-bucket-gcp: calls storage.googleapis.com but does not depend on the gcp:projects/service:Service enabling it (a fresh project refuses it: SERVICE_DISABLED)",
    // Nor on the grant letting the Cloud Storage agent use the stack's key.
    'gcp:storage/bucket:Bucket all-bucket-gcp: encrypts with Cloud KMS key projects/acme-test-123/locations/europe-west1/keyRings/dev-all-key-gcp-5clspa/cryptoKeys/tessera, but depends on no gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember granting roles/cloudkms.cryptoKeyEncrypterDecrypter on it to the Cloud Storage service agent (service-PROJECT_NUMBER@gs-project-accounts.iam.gserviceaccount.com); the create fails with "Permission denied on Cloud KMS key"',
  ]);
  t.deepEqual(prerequisiteProblems([{ ...bucket, type: "gcp:pubsub/topic:Topic" }]), [
    "gcp:pubsub/topic:Topic all-bucket-gcp: its API is not in core/gcp-apis.ts, so nothing enables it in a fresh project",
  ]);
});

test("the check names a GCP resource on a customer key without its agent's grant, a grant before the agent exists, and a Secret Manager key outside its replica's location", (t) => {
  const key = "projects/acme-test-123/locations/europe-west1/keyRings/dev-all-key-gcp-5clspa/cryptoKeys/tessera";
  const secret = find(h, "gcp:secretmanager/secret:Secret", "all-int-gcp-api-token");
  const grant = find(h, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "all-int-gcp-secretmanager-cmek");
  const identity = find(h, "gcp:projects/serviceIdentity:ServiceIdentity", "all-int-gcp-secretmanager");
  // The API services too, so that only the key's prerequisites are in question.
  const check = (...rs: Registration[]) => prerequisiteProblems([...h.registrations.filter((r) => r.type === "gcp:projects/service:Service"), ...rs]);
  // The fixture's Cloud Run secret on the stack's key: agent, then grant, then secret.
  t.deepEqual(check(identity, grant, secret), []);
  t.deepEqual(check(identity, grant, { ...secret, dependencies: secret.dependencies.filter((d) => d !== grant.urn) }), [
    `gcp:secretmanager/secret:Secret all-int-gcp-api-token: encrypts with Cloud KMS key ${key}, but depends on no gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember granting roles/cloudkms.cryptoKeyEncrypterDecrypter on it to the Secret Manager service agent (service-PROJECT_NUMBER@gcp-sa-secretmanager.iam.gserviceaccount.com); the create fails with "Permission denied on Cloud KMS key"`,
  ]);
  // A grant to another agent does not count.
  t.is(check({ ...grant, struct: structOf({ ...inputs(grant), member: "serviceAccount:service-123456789012@gs-project-accounts.iam.gserviceaccount.com" }) }, identity, secret).length, 1);
  const early = { ...grant, dependencies: grant.dependencies.filter((d) => d !== identity.urn), propertyDependencies: { ...grant.propertyDependencies, member: [] } };
  t.deepEqual(check(identity, early, secret), [
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember all-int-gcp-secretmanager-cmek: names the Secret Manager service agent, which a fresh project does not have until a gcp:projects/serviceIdentity:ServiceIdentity for secretmanager.googleapis.com creates it, and depends on none (the grant fails: \"Service account … does not exist\")",
  ]);
  const elsewhere = structOf({ ...inputs(secret), replication: { userManaged: { replicas: [{ location: "europe-west4", customerManagedEncryption: { kmsKeyName: key } }] } } });
  t.deepEqual(check(identity, grant, { ...secret, struct: elsewhere }), [
    `gcp:secretmanager/secret:Secret all-int-gcp-api-token: the europe-west4 replica's key ${key} is in europe-west1; Secret Manager needs the key in the replica's location (global with automatic replication)`,
  ]);
  const automatic = structOf({ ...inputs(secret), replication: { auto: { customerManagedEncryption: { kmsKeyName: key } } } });
  t.deepEqual(check(identity, grant, { ...secret, struct: automatic }), [
    `gcp:secretmanager/secret:Secret all-int-gcp-api-token: the global replica's key ${key} is in europe-west1; Secret Manager needs the key in the replica's location (global with automatic replication)`,
  ]);
  // Cloud SQL's agent too must exist before its grant.
  const sqlGrant = find(h, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "all-db-gcp-cmek");
  const sqlEarly = { ...sqlGrant, dependencies: sqlGrant.dependencies.filter((d) => !d.includes("ServiceIdentity")), propertyDependencies: { ...sqlGrant.propertyDependencies, member: [] } };
  t.deepEqual(check(sqlEarly, find(h, "gcp:sql/databaseInstance:DatabaseInstance", "all-db-gcp")), [
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember all-db-gcp-cmek: names the Cloud SQL service agent, which a fresh project does not have until a gcp:projects/serviceIdentity:ServiceIdentity for sqladmin.googleapis.com creates it, and depends on none (the grant fails: \"Service account … does not exist\")",
  ]);
});

test("gcp: a customer key is granted to the Cloud Storage and BigQuery agents before the bucket and dataset use it", (t) => {
  const cases: Array<[string, string, string]> = [
    ["gcp:storage/bucket:Bucket", "cmek-gcp", "serviceAccount:service-123456789012@gs-project-accounts.iam.gserviceaccount.com"],
    ["gcp:bigquery/dataset:Dataset", "cmek-bi-gcp", "serviceAccount:bq-123456789012@bigquery-encryption.iam.gserviceaccount.com"],
  ];
  for (const [type, name, member] of cases) {
    const grant = find(h, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", `${name}-cmek`);
    t.deepEqual(inputs(grant), { cryptoKeyId: KEY, member, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter" }, name);
    t.true(find(h, type, name).dependencies.includes(grant.urn), name);
  }
  t.deepEqual(
    h.invokes.filter((i) => /getProjectServiceAccount|getDefaultServiceAccount/.test(i.token)).map((i) => [i.token, i.inputs.project]),
    [
      // all-bucket-gcp (the fixture's bucket, with the stack's key), then cmek-gcp.
      ["gcp:storage/getProjectServiceAccount:getProjectServiceAccount", "acme-test-123"],
      ["gcp:storage/getProjectServiceAccount:getProjectServiceAccount", "acme-test-123"],
      ["gcp:bigquery/getDefaultServiceAccount:getDefaultServiceAccount", "acme-test-123"],
    ],
  );
});

test("gcp: the stack's key is granted to the Cloud SQL agent (created first) and the Compute Engine agent before the instance and disks use it", (t) => {
  const key = "projects/acme-test-123/locations/europe-west1/keyRings/dev-all-key-gcp-5clspa/cryptoKeys/tessera";
  const agent = find(h, "gcp:projects/serviceIdentity:ServiceIdentity", "all-db-gcp-agent");
  t.deepEqual(inputs(agent), { project: "acme-test-123", service: "sqladmin.googleapis.com" });
  t.true(agent.dependencies.includes(find(h, "gcp:projects/service:Service", "gcp-api-sqladmin").urn));
  const sqlGrant = find(h, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "all-db-gcp-cmek");
  t.deepEqual(inputs(sqlGrant), { cryptoKeyId: key, member: "serviceAccount:service-123456789012@gcp-sa-cloud-sql.iam.gserviceaccount.com", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter" });
  t.true(find(h, "gcp:sql/databaseInstance:DatabaseInstance", "all-db-gcp").dependencies.includes(sqlGrant.urn));
  const diskGrant = find(h, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "all-vm-gcp-cmek");
  t.deepEqual(inputs(diskGrant), { cryptoKeyId: key, member: "serviceAccount:service-123456789012@compute-system.iam.gserviceaccount.com", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter" });
  t.true(find(h, "gcp:compute/instance:Instance", "all-vm-gcp-0").dependencies.includes(diskGrant.urn));
});

test("oci: an instance whose boot volume uses the stack's Vault key waits for the policy letting Block Volume use it", (t) => {
  const policy = find(h, "oci:Identity/policy:Policy", "all-vm-oci-key-service");
  t.deepEqual(inputs(policy).statements, ["Allow service blockstorage to use keys in compartment id ocid1.compartment.oc1..test where target.key.id = 'ocid1.key.oc1..all-key-oci'"]);
  t.true(find(h, "oci:Core/instance:Instance", "all-vm-oci-0").dependencies.includes(policy.urn));
});

test("oci: a bucket with a Vault key waits for the policy letting the regional Object Storage service use that key", (t) => {
  const policy = find(h, "oci:Identity/policy:Policy", "cmek-oci-key-service");
  t.deepEqual(inputs(policy).statements, ["Allow service objectstorage-eu-frankfurt-1 to use keys in compartment id ocid1.compartment.oc1..test where target.key.id = 'ocid1.key.oc1..data'"]);
  t.true(find(h, "oci:ObjectStorage/bucket:Bucket", "cmek-oci").dependencies.includes(policy.urn));
});

test("the check names an OCI resource whose service no policy allows", (t) => {
  const lifecycle = find(h, "oci:ObjectStorage/objectLifecyclePolicy:ObjectLifecyclePolicy", "all-bucket-oci-lifecycle");
  t.deepEqual(prerequisiteProblems([{ ...lifecycle, dependencies: [] }]), [
    "oci:ObjectStorage/objectLifecyclePolicy:ObjectLifecyclePolicy all-bucket-oci-lifecycle: the regional Object Storage service runs lifecycle rules, but it depends on no oci:Identity/policy:Policy with a statement matching /^Allow service objectstorage-[a-z0-9-]+ to manage object-family / (OCI denies the service until one allows it)",
  ]);
  // A bucket without a Vault key needs no key policy; one with a key does.
  t.deepEqual(prerequisiteProblems([{ ...find(h, "oci:ObjectStorage/bucket:Bucket", "plain-oci"), dependencies: [] }]), []);
  t.deepEqual(prerequisiteProblems([{ ...find(h, "oci:ObjectStorage/bucket:Bucket", "all-bucket-oci"), dependencies: [] }]), [
    "oci:ObjectStorage/bucket:Bucket all-bucket-oci: the regional Object Storage service encrypts with the Vault key, but it depends on no oci:Identity/policy:Policy with a statement matching /^Allow service objectstorage-[a-z0-9-]+ to use keys / (OCI denies the service until one allows it)",
  ]);
  // A boot volume with a Vault key needs Block Volume allowed to use it (a nested input).
  t.deepEqual(prerequisiteProblems([{ ...find(h, "oci:Core/instance:Instance", "all-vm-oci-0"), dependencies: [] }]), [
    "oci:Core/instance:Instance all-vm-oci-0: Block Volume encrypts the boot volume with the Vault key, but it depends on no oci:Identity/policy:Policy with a statement matching /^Allow service blockstorage to use keys / (OCI denies the service until one allows it)",
  ]);
});

test("azure: zone-redundant storage and HA only where the region has zones (westus refuses ZRS)", (t) => {
  const sku = (name: string) => (inputs(find(h, "azure-native:storage:StorageAccount", name)).sku as { name: string }).name;
  t.deepEqual([sku("files-westus"), sku("files-westus2")], ["Standard_LRS", "Standard_ZRS"]);
  const ha = (name: string) => (inputs(find(h, "azure-native:dbforpostgresql:Server", name)).highAvailability as { mode: string }).mode;
  t.deepEqual([ha("db-westus"), ha("db-westus2")], ["SameZone", "ZoneRedundant"]);
  t.deepEqual(propertyError(errors["zrs-westus"]), ["azure.sku", "azure.sku: westus has no availability zones, so it refuses Standard_ZRS; allowed values there: Standard_LRS, Standard_GRS, Standard_RAGRS"]);
  t.deepEqual(propertyError(errors["aws-zones"]), ["availabilityZones", "availabilityZones: us-west-1 has 2 availability zones (usw1-az1, usw1-az3); allowed values: 1-2"]);
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")), []);
});
