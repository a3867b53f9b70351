/**
 * Warehouse on the four clouds that have one, and the clear failure on DigitalOcean: exact
 * children, encryption and access settings, protection, the OCI admin password kept secret,
 * providers, outputs and validation.
 */
import * as pulumi from "@pulumi/pulumi";
import { suite } from "../suite";
import { Warehouse } from "../../components/analytics";
import { UnsupportedServiceError } from "../../core/capabilities";
import { Network } from "../../components/network";
import { type Harness, installHarness } from "../../harness";
import { children, errorCatcher, find, inputs, isSecret, propertyError, providerOf, REGIONS, stampsFor, targets, valueOf } from "../helpers";

const test = suite("warehouse");

const CLOUDS_WITH_WAREHOUSE = ["aws", "azure", "gcp", "oci"] as const;
type WarehouseCloud = (typeof CLOUDS_WITH_WAREHOUSE)[number];
let h: Harness;
const built = {} as Record<WarehouseCloud, Warehouse>;
const { errors, attempt } = errorCatcher();

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    built.aws = new Warehouse("bi-aws", { target: t.aws, storage: { bucketName: "dev-lake-aws-49991c" } });
    built.azure = new Warehouse("bi-azure", { target: t.azure, retentionDays: 90 });
    built.gcp = new Warehouse("bi-gcp", { target: t.gcp });
    built.oci = new Warehouse("bi-oci", { target: t.oci, network: new Network("net-oci", { target: t.oci }), computeUnits: 4 });
    new Warehouse("cmk-aws", { target: t.aws, storage: { bucketName: "lake" }, customerManagedKey: "arn:aws:kms:eu-west-1:123456789012:key/k", scanLimitGb: 10 });
    new Warehouse("cmk-gcp", { target: t.gcp, customerManagedKey: "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k", protect: false });
    new Warehouse("dev-azure", { target: t.azure, azureSku: "Dev(No SLA)_Standard_E2a_v4", computeUnits: 1, allowedCidrs: ["203.0.113.0/24"] });
    attempt("cidrs-elsewhere", () => new Warehouse("bad-cidrs", { target: t.gcp, allowedCidrs: ["203.0.113.0/24"] }));
    attempt("digitalocean", () => new Warehouse("bad-do", { target: t.digitalocean }));
    attempt("aws-storage", () => new Warehouse("bad-aws", { target: t.aws }));
    attempt("oci-network", () => new Warehouse("bad-oci", { target: t.oci }));
    attempt("dataset", () => new Warehouse("bad-dataset", { target: t.gcp, datasetName: "9lives" }));
    attempt("ecpu", () => new Warehouse("bad-ecpu", { target: t.oci, network: new Network("net-oci-2", { target: t.oci }), computeUnits: 1 }));
    attempt("dev-capacity", () => new Warehouse("bad-dev", { target: t.azure, azureSku: "Dev(No SLA)_Standard_E2a_v4", computeUnits: 2 }));
    attempt("sku", () => new Warehouse("bad-sku", { target: t.azure, azureSku: "Standard_L8s" as "Standard_E2ads_v5" }));
    attempt("azure-cmk", () => new Warehouse("bad-cmk", { target: t.azure, customerManagedKey: "https://v.vault.azure.net/keys/k" }));
  });
});

const component = (name: string) => find(h, "tessera:analytics:Warehouse", name);

test("children on every cloud that has a warehouse", (t) => {
  t.deepEqual(children(h, component("bi-aws")), [
    ["aws:athena/workgroup:Workgroup", "bi-aws"],
    ["aws:glue/catalogDatabase:CatalogDatabase", "bi-aws"],
  ]);
  t.deepEqual(children(h, component("bi-azure")), [
    ["azure-native:kusto:Cluster", "bi-azure"],
    ["azure-native:kusto:ReadWriteDatabase", "bi-azure"],
    ["random:index/randomString:RandomString", "bi-azure-name"],
  ]);
  t.deepEqual(children(h, component("bi-gcp")), [["gcp:bigquery/dataset:Dataset", "bi-gcp"]]);
  t.deepEqual(children(h, component("bi-oci")), [
    ["oci:Database/autonomousDatabase:AutonomousDatabase", "bi-oci"],
    ["random:index/randomPassword:RandomPassword", "bi-oci-password"],
  ]);
});

test("aws: Glue database over the bucket; Athena v3 workgroup enforcing encrypted results, a scan limit and metrics", (t) => {
  t.deepEqual(inputs(find(h, "aws:glue/catalogDatabase:CatalogDatabase", "bi-aws")), {
    description: "tessera dev bi-aws",
    locationUri: "s3://dev-lake-aws-49991c/dev_bi_aws_11vvax/",
    name: "dev_bi_aws_11vvax",
    tags: stampsFor("aws", "bi-aws"),
  });
  t.deepEqual(inputs(find(h, "aws:athena/workgroup:Workgroup", "bi-aws")), {
    configuration: {
      bytesScannedCutoffPerQuery: 107374182400,
      enforceWorkgroupConfiguration: true,
      engineVersion: { selectedEngineVersion: "Athena engine version 3" },
      publishCloudwatchMetricsEnabled: true,
      resultConfiguration: { encryptionConfiguration: { encryptionOption: "SSE_S3" }, outputLocation: "s3://dev-lake-aws-49991c/athena-results/bi-aws/" },
    },
    description: "tessera dev bi-aws",
    forceDestroy: false,
    name: "dev-bi-aws-11vvax",
    state: "ENABLED",
    tags: stampsFor("aws", "bi-aws"),
  });
  t.like(inputs(find(h, "aws:athena/workgroup:Workgroup", "cmk-aws")), {
    configuration: { bytesScannedCutoffPerQuery: 10737418240, resultConfiguration: { encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k" } } },
  });
});

test("azure: Data Explorer with disk and double encryption, managed identity, no public network access unless ranges are allowed, restricted outbound, no purge; the database's retention", (t) => {
  t.deepEqual(inputs(find(h, "azure-native:kusto:Cluster", "bi-azure")), {
    clusterName: "devbiazuredvsh2z",
    enableAutoStop: false,
    enableDiskEncryption: true,
    enableDoubleEncryption: true,
    enablePurge: false,
    enableStreamingIngest: true,
    engineType: "V3",
    identity: { type: "SystemAssigned" },
    location: "westeurope",
    publicIPType: "IPv4",
    publicNetworkAccess: "Disabled",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    restrictOutboundNetworkAccess: "Enabled",
    sku: { capacity: 2, name: "Standard_E2ads_v5", tier: "Standard" },
    tags: stampsFor("azure", "bi-azure"),
  });
  t.deepEqual(inputs(find(h, "azure-native:kusto:ReadWriteDatabase", "bi-azure")), {
    clusterName: "devbiazuredvsh2z",
    databaseName: "bi_azure_yxav0z",
    hotCachePeriod: "P31D",
    kind: "ReadWrite",
    location: "westeurope",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    softDeletePeriod: "P90D",
  });
  t.like(inputs(find(h, "azure-native:kusto:Cluster", "dev-azure")), {
    allowedIpRangeList: ["203.0.113.0/24"],
    enableAutoStop: true,
    publicNetworkAccess: "Enabled",
    sku: { capacity: 1, name: "Dev(No SLA)_Standard_E2a_v4", tier: "Basic" },
  });
});

test("gcp: BigQuery dataset in the region, tables kept on destroy, time travel; CMEK when given", (t) => {
  t.deepEqual(inputs(find(h, "gcp:bigquery/dataset:Dataset", "bi-gcp")), {
    datasetId: "dev_bi_gcp_p9paw6",
    deleteContentsOnDestroy: false,
    description: "tessera dev bi-gcp",
    friendlyName: "dev bi-gcp",
    labels: stampsFor("gcp", "bi-gcp"),
    location: "europe-west1",
    maxTimeTravelHours: "168",
    project: "acme-test-123",
  });
  t.deepEqual(inputs(find(h, "gcp:bigquery/dataset:Dataset", "cmk-gcp")).defaultEncryptionConfiguration, { kmsKeyName: "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k" });
});

test("oci: Autonomous AI Lakehouse on ECPUs, private endpoint, mTLS, generated secret ADMIN password", (t) => {
  t.deepEqual(inputs(find(h, "oci:Database/autonomousDatabase:AutonomousDatabase", "bi-oci")), {
    adminPassword: { secret: "generated-bi-oci-passwordxxxxx" },
    compartmentId: "ocid1.compartment.oc1..test",
    computeCount: 4,
    computeModel: "ECPU",
    dataStorageSizeInTbs: 1,
    dbName: "devbioci72tvvj",
    dbVersion: "26ai",
    dbWorkload: "LH",
    displayName: "dev-bi-oci",
    freeformTags: stampsFor("oci", "bi-oci"),
    isAutoScalingEnabled: true,
    isMtlsConnectionRequired: true,
    licenseModel: "LICENSE_INCLUDED",
    privateEndpointLabel: "dev-bi-oci-72tvvj",
    subnetId: "ocid1.subnet.oc1..net-oci-private",
  });
  t.deepEqual(inputs(find(h, "random:index/randomPassword:RandomPassword", "bi-oci-password")), { length: 30, minLower: 1, minNumeric: 1, minUpper: 1, special: false });
});

test("stateful children are protected unless opted out; every child on its cloud's provider", (t) => {
  const protectedOnes: string[] = [];
  for (const cloud of CLOUDS_WITH_WAREHOUSE) {
    for (const r of h.registrations.filter((x) => x.parent === component(`bi-${cloud}`).urn)) {
      t.is(providerOf(r), r.type.startsWith("random:") ? "" : `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
      if (r.protect) protectedOnes.push(r.type);
    }
  }
  t.deepEqual(protectedOnes.sort(), [
    "aws:glue/catalogDatabase:CatalogDatabase",
    "azure-native:kusto:Cluster",
    "azure-native:kusto:ReadWriteDatabase",
    "gcp:bigquery/dataset:Dataset",
    "oci:Database/autonomousDatabase:AutonomousDatabase",
  ]);
  t.false(find(h, "gcp:bigquery/dataset:Dataset", "cmk-gcp").protect);
});

test("parity: warehouse id, dataset name and endpoint resolve; the password is a secret (empty where access is IAM only)", async (t) => {
  const expected: Record<WarehouseCloud, [string, string, string, string]> = {
    aws: ["dev-bi-aws-11vvax", "dev_bi_aws_11vvax", "https://athena.eu-west-1.amazonaws.com", ""],
    azure: ["bi-azure-id", "bi_azure_yxav0z", "https://devbiazuredvsh2z.westeurope.kusto.windows.net", ""],
    gcp: ["projects/acme-test-123/datasets/dev_bi_gcp_p9paw6", "dev_bi_gcp_p9paw6", "https://bigquery.googleapis.com/bigquery/v2/projects/acme-test-123/datasets/dev_bi_gcp_p9paw6", ""],
    oci: ["ocid1.autonomousdatabase.oc1..bi-oci", "devbioci72tvvj", "dev-bi-oci-72tvvj.adb.eu-frankfurt-1.oraclecloudapps.com", "generated-bi-oci-passwordxxxxx"],
  };
  for (const cloud of CLOUDS_WITH_WAREHOUSE) {
    const w = built[cloud];
    t.deepEqual([await valueOf(w.warehouseId), await valueOf(w.datasetName), await valueOf(w.endpoint), await valueOf(w.adminPassword)], expected[cloud], cloud);
    t.true(await isSecret(w.adminPassword), cloud);
  }
});

test("digitalocean fails with the capability matrix's reason; bad arguments name the field; nothing registered", (t) => {
  const { digitalocean, ...rest } = errors;
  t.true(digitalocean instanceof UnsupportedServiceError);
  t.is(
    (digitalocean as Error).message,
    "analytics is not available on digitalocean: digitalocean has no analytics warehouse (its managed databases are PostgreSQL, MySQL, Valkey, MongoDB, Kafka and OpenSearch). Clouds that offer it: aws, azure, gcp, oci.",
  );
  t.false(pulumi.InputPropertyError.isInstance(digitalocean));
  t.deepEqual(Object.fromEntries(Object.entries(rest).map(([k, e]) => [k, propertyError(e)])), {
    "aws-storage": ["storage", "storage: is required on aws: Athena and Glue query data in an S3 bucket (pass an ObjectStorage)"],
    "oci-network": ["network", "network: is required on oci: the Autonomous Database gets a private endpoint in the network"],
    dataset: ["datasetName", 'datasetName: "9lives" must be a letter then letters, digits or _ (at most 30)'],
    ecpu: ["computeUnits", "computeUnits: 1 compute units cannot run on oci; allowed: 2-512"],
    "dev-capacity": ["computeUnits", "computeUnits: the dev SKU runs one instance; allowed values: 1 (got 2)"],
    sku: ["azureSku", 'azureSku: "Standard_L8s" is not allowed; allowed values: Dev(No SLA)_Standard_E2a_v4, Standard_E2ads_v5, Standard_E4ads_v5, Standard_E8ads_v5'],
    "azure-cmk": ["customerManagedKey", "customerManagedKey: not supported on azure in this version; allowed on aws, gcp, oci"],
    "cidrs-elsewhere": ["allowedCidrs", "allowedCidrs: applies to Azure Data Explorer only (gcp warehouses are reached through the cloud's API with IAM)"],
  });
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")).map((r) => r.name), []);
});
