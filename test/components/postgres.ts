/**
 * Postgres on all five clouds: exact children, private networking, encryption, TLS, HA, backups,
 * deletion protection, protection, the generated password as a secret, providers, outputs, and
 * validation.
 */
import { suite } from "../suite";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Postgres } from "../../components/database";
import { Network } from "../../components/network";
import { type Harness, installHarness } from "../../harness";
import { children, errorCatcher, find, inputs, isSecret, providerOf, REGIONS, stampsFor, targets, propertyError, valueOf } from "../helpers";

const test = suite("postgres");

const SIZE: Record<Cloud, string> = { aws: "db.m6i.large", azure: "Standard_D2ds_v5", gcp: "db-custom-2-8192", digitalocean: "db-s-2vcpu-4gb", oci: "PostgreSQL.VM.Standard.E4.Flex$_2_16" };
let h: Harness;
const built = {} as Record<Cloud, Postgres>;
const { errors, attempt } = errorCatcher();

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS) {
      const network = new Network(`net-${cloud}`, { target: t[cloud] });
      built[cloud] = new Postgres(`db-${cloud}`, { target: t[cloud], network, size: SIZE[cloud], highAvailability: true, storageGb: 100, ...(cloud === "oci" ? {} : { backupRetentionDays: 7 }) });
    }
    const n = (cloud: Cloud) => new Network(`check-${cloud}`, { target: t[cloud] });
    attempt("do-backups", () => new Postgres("bad-backups", { target: t.digitalocean, network: n("digitalocean"), size: "db-s-1vcpu-1gb", backupRetentionDays: 14 }));
    attempt("azure-ha", () => new Postgres("bad-ha", { target: t.azure, network: n("azure"), size: "Standard_B1ms", highAvailability: true }));
    attempt("user", () => new Postgres("bad-user", { target: t.aws, network: n("aws"), size: "db.t3.micro", username: "postgres" }));
    attempt("version", () => new Postgres("bad-version", { target: t.gcp, network: n("gcp"), size: "db-custom-1-3840", version: "9" }));
    // PostgreSQL 14 reached community end of life on 2026-11-12, before the catalog date.
    attempt("retired", () => new Postgres("bad-retired", { target: t.gcp, network: new Network("check-gcp-retired", { target: t.gcp }), size: "db-custom-1-3840", version: "14" }));
    attempt("oci-db", () => new Postgres("bad-db", { target: t.oci, network: n("oci"), size: "PostgreSQL.VM.Standard.E4.Flex$_2_16", databaseName: "app" }));
  });
});

const component = (cloud: Cloud) => find(h, "tessera:database:Postgres", `db-${cloud}`);
const PASSWORD = (cloud: Cloud) => ({ secret: `generated-db-${cloud}-password`.padEnd(32, "x") });

test("aws: RDS in private subnets, own security group, TLS forced, encrypted, Multi-AZ, deletion protection, final snapshot", (t) => {
  t.deepEqual(children(h, component("aws")), [
    ["aws:ec2/securityGroup:SecurityGroup", "db-aws-firewall"],
    ["aws:rds/instance:Instance", "db-aws"],
    ["aws:rds/parameterGroup:ParameterGroup", "db-aws"],
    ["aws:rds/subnetGroup:SubnetGroup", "db-aws"],
    ["random:index/randomPassword:RandomPassword", "db-aws-password"],
    ["random:index/randomString:RandomString", "db-aws-final-snapshot-name"],
  ]);
  t.deepEqual(inputs(find(h, "aws:rds/instance:Instance", "db-aws")), {
    allocatedStorage: 100,
    autoMinorVersionUpgrade: true,
    backupRetentionPeriod: 7,
    copyTagsToSnapshot: true,
    dbName: "app",
    dbSubnetGroupName: "dev-db-aws-vjvnuh",
    deletionProtection: true,
    engine: "postgres",
    engineVersion: "16",
    finalSnapshotIdentifier: "dev-db-aws-final-hpxrby",
    iamDatabaseAuthenticationEnabled: true,
    identifier: "dev-db-aws-vjvnuh",
    instanceClass: "db.m6i.large",
    multiAz: true,
    parameterGroupName: "dev-db-aws-vjvnuh",
    password: PASSWORD("aws"),
    publiclyAccessible: false,
    skipFinalSnapshot: false,
    storageEncrypted: true,
    storageType: "gp3",
    tags: stampsFor("aws", "db-aws"),
    username: "tessera",
    vpcSecurityGroupIds: ["db-aws-firewall-id"],
  });
  t.deepEqual(inputs(find(h, "aws:ec2/securityGroup:SecurityGroup", "db-aws-firewall")).ingress, [
    { cidrBlocks: ["10.0.0.0/16"], description: "PostgreSQL from the network", fromPort: 5432, protocol: "tcp", toPort: 5432 },
  ]);
  t.deepEqual(inputs(find(h, "aws:rds/parameterGroup:ParameterGroup", "db-aws")).parameters, [{ name: "rds.force_ssl", value: "1" }]);
  t.deepEqual(inputs(find(h, "aws:rds/subnetGroup:SubnetGroup", "db-aws")).subnetIds, ["net-aws-private-0-id", "net-aws-private-1-id"]);
});

test("azure: flexible server without public access, private endpoint in the network's DNS zone, TLS, zone-redundant HA, CanNotDelete lock", (t) => {
  t.deepEqual(children(h, component("azure")), [
    ["azure-native:authorization:ManagementLockByScope", "db-azure-lock"],
    ["azure-native:dbforpostgresql:Configuration", "db-azure-tls"],
    ["azure-native:dbforpostgresql:Database", "db-azure"],
    ["azure-native:dbforpostgresql:Server", "db-azure"],
    ["azure-native:network:PrivateDnsZoneGroup", "db-azure"],
    ["azure-native:network:PrivateEndpoint", "db-azure"],
    ["random:index/randomPassword:RandomPassword", "db-azure-password"],
    ["random:index/randomString:RandomString", "db-azure-name"],
  ]);
  t.like(inputs(find(h, "azure-native:dbforpostgresql:Server", "db-azure")), {
    administratorLogin: "tessera",
    administratorLoginPassword: PASSWORD("azure"),
    backup: { backupRetentionDays: 7, geoRedundantBackup: "Disabled" },
    highAvailability: { mode: "ZoneRedundant" },
    network: { publicNetworkAccess: "Disabled" },
    serverName: "dev-db-azure-oqg0hj",
    sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
    storage: { autoGrow: "Enabled", storageSizeGB: 128 },
    tags: stampsFor("azure", "db-azure"),
    version: "16",
  });
  t.deepEqual(inputs(find(h, "azure-native:dbforpostgresql:Configuration", "db-azure-tls")), {
    configurationName: "require_secure_transport",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    serverName: "dev-db-azure-oqg0hj",
    source: "user-override",
    value: "ON",
  });
  t.like(inputs(find(h, "azure-native:network:PrivateEndpoint", "db-azure")), {
    privateLinkServiceConnections: [{ groupIds: ["postgresqlServer"], name: "postgres", privateLinkServiceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.DBforPostgreSQL/flexibleServers/dev-db-azure-oqg0hj" }],
    subnet: { id: "net-azure-private-id" },
  });
  t.deepEqual(inputs(find(h, "azure-native:network:PrivateDnsZoneGroup", "db-azure")).privateDnsZoneConfigs, [{ name: "postgres", privateDnsZoneId: "net-azure-postgres-id" }]);
  t.deepEqual(inputs(find(h, "azure-native:authorization:ManagementLockByScope", "db-azure-lock")), { level: "CanNotDelete", notes: "tessera: deletion protection for the database", scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.DBforPostgreSQL/flexibleServers/dev-db-azure-oqg0hj" });
});

test("gcp: Cloud SQL with private IP only over the network's private services access, SSL only, regional HA, PITR, deletion protection", (t) => {
  t.deepEqual(children(h, component("gcp")), [
    ["gcp:sql/database:Database", "db-gcp"],
    ["gcp:sql/databaseInstance:DatabaseInstance", "db-gcp"],
    ["gcp:sql/user:User", "db-gcp"],
    ["random:index/randomPassword:RandomPassword", "db-gcp-password"],
    ["random:index/randomString:RandomString", "db-gcp-name"],
  ]);
  t.deepEqual(inputs(find(h, "gcp:sql/databaseInstance:DatabaseInstance", "db-gcp")), {
    databaseVersion: "POSTGRES_16",
    deletionProtection: true,
    name: "dev-db-gcp-u1yl8w",
    project: "acme-test-123",
    region: "europe-west1",
    settings: {
      availabilityType: "REGIONAL",
      backupConfiguration: { backupRetentionSettings: { retainedBackups: 7, retentionUnit: "COUNT" }, enabled: true, pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 7 },
      deletionProtectionEnabled: true,
      diskAutoresize: true,
      diskSize: 100,
      diskType: "PD_SSD",
      edition: "ENTERPRISE",
      ipConfiguration: { ipv4Enabled: false, privateNetwork: "projects/acme-test-123/global/networks/dev-net-gcp-qyehv7", sslMode: "ENCRYPTED_ONLY" },
      tier: "db-custom-2-8192",
      userLabels: stampsFor("gcp", "db-gcp"),
    },
  });
  t.deepEqual(inputs(find(h, "gcp:sql/user:User", "db-gcp")), { instance: "dev-db-gcp-u1yl8w", name: "tessera", password: PASSWORD("gcp"), project: "acme-test-123" });
});

test("digitalocean: cluster on the VPC with two nodes, trusted sources limited to the network, database and user", (t) => {
  t.deepEqual(children(h, component("digitalocean")), [
    ["digitalocean:index/databaseCluster:DatabaseCluster", "db-digitalocean"],
    ["digitalocean:index/databaseDb:DatabaseDb", "db-digitalocean"],
    ["digitalocean:index/databaseFirewall:DatabaseFirewall", "db-digitalocean"],
    ["digitalocean:index/databaseUser:DatabaseUser", "db-digitalocean"],
  ]);
  t.deepEqual(inputs(find(h, "digitalocean:index/databaseCluster:DatabaseCluster", "db-digitalocean")), {
    engine: "pg",
    name: "dev-db-digitalocean-3kgea2",
    nodeCount: 2,
    privateNetworkUuid: "net-digitalocean-id",
    region: "ams3",
    size: "db-s-2vcpu-4gb",
    tags: ["tessera-stack:dev", "tessera-service:db-digitalocean", "tessera-placement:digitalocean_ams3", "tessera-data-class:confidential", "tessera-residency:eu"],
    version: "16",
  });
  t.deepEqual(inputs(find(h, "digitalocean:index/databaseFirewall:DatabaseFirewall", "db-digitalocean")), { clusterId: "db-digitalocean-id", rules: [{ type: "ip_addr", value: "10.0.0.0/16" }] });
});

test("oci: PostgreSQL flex shape, two instances, regionally durable storage, private subnet, daily backups", (t) => {
  t.deepEqual(children(h, component("oci")), [
    ["oci:Psql/dbSystem:DbSystem", "db-oci"],
    ["random:index/randomPassword:RandomPassword", "db-oci-password"],
  ]);
  t.deepEqual(inputs(find(h, "oci:Psql/dbSystem:DbSystem", "db-oci")), {
    compartmentId: "ocid1.compartment.oc1..test",
    credentials: { passwordDetails: { password: PASSWORD("oci"), passwordType: "PLAIN_TEXT" }, username: "tessera" },
    dbVersion: "16",
    displayName: "dev-db-oci",
    freeformTags: stampsFor("oci", "db-oci"),
    instanceCount: 2,
    instanceMemorySizeInGbs: 16,
    instanceOcpuCount: 1,
    managementPolicy: { backupPolicy: { backupStart: "02:00", kind: "DAILY", retentionDays: 7 } },
    networkDetails: { subnetId: "ocid1.subnet.oc1..net-oci-private" },
    shape: "PostgreSQL.VM.Standard.E4.Flex",
    storageDetails: { isRegionallyDurable: true, systemType: "OCI_OPTIMIZED_STORAGE" },
  });
});

test("only the database itself is protected; children are on the cloud's provider (the password on random's)", (t) => {
  const protectedOnes: string[] = [];
  for (const cloud of CLOUDS) {
    for (const r of h.registrations.filter((x) => x.parent === component(cloud).urn)) {
      t.is(providerOf(r), r.type.startsWith("random:") ? "" : `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
      if (r.protect) protectedOnes.push(r.type);
    }
  }
  t.deepEqual(protectedOnes.sort(), [
    "aws:rds/instance:Instance",
    "azure-native:dbforpostgresql:Server",
    "digitalocean:index/databaseCluster:DatabaseCluster",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "oci:Psql/dbSystem:DbSystem",
  ]);
});

test("parity: host, port, database, user and a secret password on every cloud", async (t) => {
  const expected: Record<Cloud, [string, number, string, string, string]> = {
    aws: ["dev-db-aws-vjvnuh.c1a2b3.eu-west-1.rds.amazonaws.com", 5432, "app", "tessera", PASSWORD("aws").secret],
    azure: ["dev-db-azure-oqg0hj.postgres.database.azure.com", 5432, "app", "tessera", PASSWORD("azure").secret],
    gcp: ["10.20.0.3", 5432, "app", "tessera", PASSWORD("gcp").secret],
    digitalocean: ["private-dev-db-digitalocean-3kgea2-do-user-1-0.db.ondigitalocean.com", 25060, "app", "tessera", "do-generated-db-digitalocean"],
    oci: ["10.0.128.20", 5432, "postgres", "tessera", PASSWORD("oci").secret],
  };
  for (const cloud of CLOUDS) {
    const db = built[cloud];
    t.deepEqual([await valueOf(db.host), await valueOf(db.port), await valueOf(db.databaseName), await valueOf(db.username), await valueOf(db.password)], expected[cloud], cloud);
    t.true(await isSecret(db.password), `${cloud} password is secret`);
  }
});

test("bad arguments: InputPropertyError naming the field and the allowed values", (t) => {
  const check = (key: string, path: string, message: string) => t.deepEqual(propertyError(errors[key]), [path, message], key);
  check("do-backups", "backupRetentionDays", "backupRetentionDays: DigitalOcean keeps daily backups for 7 days and it cannot be changed; allowed values on digitalocean: 7");
  check("azure-ha", "highAvailability", "highAvailability: Azure Burstable sizes (Standard_B1ms) have no high availability; use a General Purpose size such as Standard_D2ds_v5");
  check("user", "username", 'username: "postgres" is reserved on managed PostgreSQL services');
  check("version", "version", 'version: "9" is not allowed; allowed values: 15, 16, 17');
  check("retired", "version", 'version: "14" is not allowed; allowed values: 15, 16, 17');
  check("oci-db", "databaseName", "databaseName: OCI Database with PostgreSQL has no API to create databases (create it with SQL); allowed values on oci: postgres");
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")), []);
});
