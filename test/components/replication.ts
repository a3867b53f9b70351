/**
 * Disaster recovery components on every cloud: PostgresReplica (RDS cross-region replica with its
 * own KMS key, Azure geo replica, Cloud SQL cross-region replica, DigitalOcean read-only node) and
 * BucketReplication (S3 replication with RTC and KMS re-encryption, Azure object replication,
 * Storage Transfer Service from GCS, S3 and Azure Blob, OCI replication policy) — exact children,
 * inputs, providers (each side on its own region's provider), promotion, and validation.
 */
import { suite } from "../suite";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Postgres } from "../../components/database";
import { Network } from "../../components/network";
import { PostgresReplica } from "../../components/replica";
import { BucketReplication } from "../../components/replication";
import { ObjectStorage } from "../../components/storage";
import type { Target } from "../../components/target";
import { type Harness, installHarness } from "../../harness";
import { loadRegionFacts } from "../../core/facts";
import { loadCatalog } from "../../placement/catalog";
import { parseRequirements } from "../../placement/requirements";
import { createTarget } from "../../program/targets";
import { ACCOUNTS, children, errorCatcher, find, inputs, propertyError, providerOf, REGIONS } from "../helpers";

const test = suite("replication");

/** The standby regions (the primaries are the helpers' REGIONS). */
const STANDBY = { aws: "eu-central-1", azure: "northeurope", gcp: "europe-west4", digitalocean: "fra1", oci: "eu-amsterdam-1" } as const satisfies Record<Cloud, string>;
const SIZE = { aws: "db.m6i.large", azure: "Standard_D2ds_v5", gcp: "db-custom-2-8192", digitalocean: "db-s-2vcpu-4gb" } as const;
const DB_CLOUDS = ["aws", "azure", "gcp", "digitalocean"] as const;
const BUCKET_CLOUDS = ["aws", "azure", "gcp", "oci"] as const;

const STANDBY_KEY = "projects/acme-test-123/locations/europe-west4/keyRings/dev-data-key/cryptoKeys/dev-data-key";

const AZURE_KEY = "https://dev-data-key-ne.vault.azure.net/keys/dev-data-key";
const AZURE_IDENTITY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/dev-data-key-ne";

let h: Harness;
const { errors, attempt } = errorCatcher();

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    // One program context for both sites, as the program has (a GCP project's APIs are enabled once).
    const catalog = loadCatalog();
    const requirements = parseRequirements({ services: { x: { kind: "secrets" } }, residency: { jurisdictions: ["EU"] }, dataClassification: "confidential" }, catalog);
    const ctx = { stack: "dev", requirements, accounts: ACCOUNTS, facts: loadRegionFacts(catalog.dir) };
    const site = (regions: Record<Cloud, string>) => Object.fromEntries(CLOUDS.map((cloud) => [cloud, createTarget(ctx, cloud, regions[cloud])])) as Record<Cloud, Target>;
    const primary = site(REGIONS);
    const standby = site(STANDBY);
    for (const cloud of DB_CLOUDS) {
      const net = new Network(`rp-net-${cloud}`, { target: primary[cloud] });
      const db = new Postgres(`rp-db-${cloud}`, { target: primary[cloud], network: net, size: SIZE[cloud], storageGb: 100 });
      const standbyNet = new Network(`rs-net-${cloud}`, { target: standby[cloud] });
      const source = { target: primary[cloud], replicationSource: db.replicationSource };
      new PostgresReplica(`rs-db-${cloud}`, { target: standby[cloud], network: standbyNet, source, size: SIZE[cloud], storageGb: 100 });
      // A primary on the stack's key: the cross-region replica gets the standby region's key.
      if (cloud === "gcp") new PostgresReplica("ks-db-gcp", { target: standby.gcp, network: standbyNet, source, size: SIZE.gcp, storageGb: 100, customerManagedKey: STANDBY_KEY });
      if (cloud === "azure") new PostgresReplica("ks-db-azure", { target: standby.azure, network: standbyNet, source, size: SIZE.azure, storageGb: 100, customerManagedKey: AZURE_KEY, azure: { encryptionIdentityId: AZURE_IDENTITY } });
      if (cloud !== "digitalocean") new PostgresReplica(`pr-db-${cloud}`, { target: standby[cloud], network: standbyNet, source, size: SIZE[cloud], storageGb: 100, promoted: true, backupRetentionDays: 14 });
    }
    for (const cloud of BUCKET_CLOUDS) {
      const from = new ObjectStorage(`rp-b-${cloud}`, { target: primary[cloud], ...(cloud === "azure" ? { azure: { changeFeed: true } } : {}) });
      const to = new ObjectStorage(`rs-b-${cloud}`, { target: standby[cloud], ...(cloud === "oci" ? { versioning: false } : {}) });
      new BucketReplication(`rr-b-${cloud}`, { target: standby[cloud], source: { target: primary[cloud], bucketName: from.bucketName, resourceId: from.resourceId }, destination: { bucketName: to.bucketName, resourceId: to.resourceId }, after: [from, to] });
    }
    for (const cloud of ["aws", "azure"] as const) {
      const from = new ObjectStorage(`xp-b-${cloud}`, { target: primary[cloud] });
      const to = new ObjectStorage(`xs-b-${cloud}`, { target: standby.gcp });
      new BucketReplication(`xr-b-${cloud}`, { target: standby.gcp, source: { target: primary[cloud], bucketName: from.bucketName, resourceId: from.resourceId }, destination: { bucketName: to.bucketName, resourceId: to.resourceId } });
    }
    const net = (cloud: Cloud) => new Network(`bad-net-${cloud}`, { target: standby[cloud] });
    attempt("oci-replica", () => new PostgresReplica("bad-oci", { target: standby.oci, network: net("oci"), source: { target: primary.oci, replicationSource: "ocid1.postgresqldbsystem.oc1..x" }, size: "PostgreSQL.VM.Standard.E4.Flex$_2_16" }));
    attempt("cross-cloud", () => new PostgresReplica("bad-cross", { target: standby.gcp, network: net("gcp"), source: { target: primary.aws, replicationSource: "arn:aws:rds:eu-west-1:1:db:x" }, size: "db-custom-2-8192" }));
    attempt("burstable", () => new PostgresReplica("bad-burst", { target: standby.azure, network: net("azure"), source: { target: primary.azure, replicationSource: "/subscriptions/x" }, size: "Standard_B2ms" }));
    attempt("azure-key-no-identity", () => new PostgresReplica("bad-az-key", { target: standby.azure, network: new Network("bad-net-azure-key", { target: standby.azure }), source: { target: primary.azure, replicationSource: "/subscriptions/x" }, size: "Standard_D2ds_v5", customerManagedKey: AZURE_KEY }));
    attempt("aws-key", () => new PostgresReplica("bad-aws-key", { target: standby.aws, network: new Network("bad-net-aws-key", { target: standby.aws }), source: { target: primary.aws, replicationSource: "arn" }, size: "db.m6i.large", customerManagedKey: "arn:aws:kms:eu-central-1:1:key/x" }));
    attempt("same-region", () => new PostgresReplica("bad-region", { target: primary.aws, network: new Network("bad-net-aws-primary", { target: primary.aws }), source: { target: primary.aws, replicationSource: "arn" }, size: "db.m6i.large" }));
    attempt("spaces", () => new BucketReplication("bad-spaces", { target: standby.digitalocean, source: { target: primary.digitalocean, bucketName: "a", resourceId: "do:space:a" }, destination: { bucketName: "b", resourceId: "do:space:b" } }));
    attempt("to-aws", () => new BucketReplication("bad-to-aws", { target: standby.aws, source: { target: primary.gcp, bucketName: "a", resourceId: "a" }, destination: { bucketName: "b", resourceId: "arn:aws:s3:::b" } }));
  });
});

test("aws: RDS cross-region replica by ARN, encrypted with its own rotating key in the standby region, no backups or final snapshot while a replica; promoted: backups and a final snapshot, no source", (t) => {
  t.deepEqual(inputs(find(h, "aws:kms/key:Key", "rs-db-aws-key")), {"deletionWindowInDays": 30, "description": "tessera rs-db-aws: storage of the cross-region PostgreSQL replica", "enableKeyRotation": true, "tags": {"tessera-data-class": "confidential", "tessera-placement": "aws_eu-central-1", "tessera-replica-of": "aws_eu-west-1", "tessera-residency": "eu", "tessera-service": "rs-db-aws", "tessera-stack": "dev"}});
  t.is(providerOf(find(h, "aws:kms/key:Key", "rs-db-aws-key")), "aws-eu-central-1");
  t.deepEqual(inputs(find(h, "aws:rds/instance:Instance", "rs-db-aws")), {"autoMinorVersionUpgrade": true, "backupRetentionPeriod": 0, "copyTagsToSnapshot": true, "dbSubnetGroupName": "dev-rs-db-aws-rea2yw", "deletionProtection": true, "iamDatabaseAuthenticationEnabled": true, "identifier": "dev-rs-db-aws-rea2yw", "instanceClass": "db.m6i.large", "kmsKeyId": "arn:aws:kms:eu-central-1:123456789012:key/key-rs-db-aws-key", "parameterGroupName": "dev-rs-db-aws-rea2yw", "publiclyAccessible": false, "replicateSourceDb": "arn:aws:rds:eu-west-1:123456789012:db:dev-rp-db-aws-8e8mqs", "skipFinalSnapshot": true, "storageEncrypted": true, "storageType": "gp3", "tags": {"tessera-data-class": "confidential", "tessera-placement": "aws_eu-central-1", "tessera-replica-of": "aws_eu-west-1", "tessera-residency": "eu", "tessera-service": "rs-db-aws", "tessera-stack": "dev"}, "vpcSecurityGroupIds": ["rs-db-aws-firewall-id"]});
  t.is(providerOf(find(h, "aws:rds/instance:Instance", "rs-db-aws")), "aws-eu-central-1");
  t.deepEqual(inputs(find(h, "aws:rds/instance:Instance", "pr-db-aws")), {"autoMinorVersionUpgrade": true, "backupRetentionPeriod": 14, "copyTagsToSnapshot": true, "dbSubnetGroupName": "dev-pr-db-aws-g067ds", "deletionProtection": true, "finalSnapshotIdentifier": "dev-pr-db-aws-final-caja4k", "iamDatabaseAuthenticationEnabled": true, "identifier": "dev-pr-db-aws-g067ds", "instanceClass": "db.m6i.large", "kmsKeyId": "arn:aws:kms:eu-central-1:123456789012:key/key-pr-db-aws-key", "parameterGroupName": "dev-pr-db-aws-g067ds", "publiclyAccessible": false, "skipFinalSnapshot": false, "storageEncrypted": true, "storageType": "gp3", "tags": {"tessera-data-class": "confidential", "tessera-placement": "aws_eu-central-1", "tessera-replica-of": "aws_eu-west-1", "tessera-residency": "eu", "tessera-service": "pr-db-aws", "tessera-stack": "dev"}, "vpcSecurityGroupIds": ["pr-db-aws-firewall-id"]});
  t.is(providerOf(find(h, "aws:rds/instance:Instance", "pr-db-aws")), "aws-eu-central-1");
  t.deepEqual(inputs(find(h, "aws:rds/parameterGroup:ParameterGroup", "rs-db-aws")), {"description": "Managed by Pulumi", "family": "postgres16", "name": "dev-rs-db-aws-rea2yw", "parameters": [{"name": "rds.force_ssl", "value": "1"}], "tags": {"tessera-data-class": "confidential", "tessera-placement": "aws_eu-central-1", "tessera-replica-of": "aws_eu-west-1", "tessera-residency": "eu", "tessera-service": "rs-db-aws", "tessera-stack": "dev"}});
  t.is(providerOf(find(h, "aws:rds/parameterGroup:ParameterGroup", "rs-db-aws")), "aws-eu-central-1");
  t.deepEqual(inputs(find(h, "aws:rds/subnetGroup:SubnetGroup", "rs-db-aws")), {"description": "Managed by Pulumi", "name": "dev-rs-db-aws-rea2yw", "subnetIds": ["rs-net-aws-private-0-id", "rs-net-aws-private-1-id"], "tags": {"tessera-data-class": "confidential", "tessera-placement": "aws_eu-central-1", "tessera-replica-of": "aws_eu-west-1", "tessera-residency": "eu", "tessera-service": "rs-db-aws", "tessera-stack": "dev"}});
  t.is(providerOf(find(h, "aws:rds/subnetGroup:SubnetGroup", "rs-db-aws")), "aws-eu-central-1");
  t.deepEqual(inputs(find(h, "aws:ec2/securityGroup:SecurityGroup", "rs-db-aws-firewall")), {"description": "tessera rs-db-aws: PostgreSQL from inside the network", "egress": [], "ingress": [{"cidrBlocks": ["10.0.0.0/16"], "description": "PostgreSQL from the network", "fromPort": 5432, "protocol": "tcp", "toPort": 5432}], "tags": {"tessera-data-class": "confidential", "tessera-placement": "aws_eu-central-1", "tessera-replica-of": "aws_eu-west-1", "tessera-residency": "eu", "tessera-service": "rs-db-aws", "tessera-stack": "dev"}, "vpcId": "rs-net-aws-id"});
  t.is(providerOf(find(h, "aws:ec2/securityGroup:SecurityGroup", "rs-db-aws-firewall")), "aws-eu-central-1");
});

test("azure: flexible server geo replica (createMode Replica) with its own private endpoint, TLS and lock; promoted: Standalone, Forced, backups", (t) => {
  t.deepEqual(inputs(find(h, "azure-native:dbforpostgresql:Server", "rs-db-azure")), {"availabilityZone": "", "createMode": "Replica", "location": "northeurope", "network": {"publicNetworkAccess": "Disabled"}, "resourceGroupName": "tessera-dev-northeurope-hiqzqb", "serverName": "dev-rs-db-azure-ibsuja", "sku": {"name": "Standard_D2ds_v5", "tier": "GeneralPurpose"}, "sourceServerResourceId": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.DBforPostgreSQL/flexibleServers/dev-rp-db-azure-jxnzpm", "storage": {"autoGrow": "Enabled", "storageSizeGB": 128}, "tags": {"tessera-data-class": "confidential", "tessera-placement": "azure_northeurope", "tessera-replica-of": "azure_westeurope", "tessera-residency": "eu", "tessera-service": "rs-db-azure", "tessera-stack": "dev"}, "version": "16"});
  t.is(providerOf(find(h, "azure-native:dbforpostgresql:Server", "rs-db-azure")), "azure-northeurope");
  t.deepEqual(inputs(find(h, "azure-native:dbforpostgresql:Server", "pr-db-azure")), {"availabilityZone": "", "backup": {"backupRetentionDays": 14, "geoRedundantBackup": "Disabled"}, "createMode": "Replica", "location": "northeurope", "network": {"publicNetworkAccess": "Disabled"}, "replica": {"promoteMode": "Standalone", "promoteOption": "Forced"}, "resourceGroupName": "tessera-dev-northeurope-hiqzqb", "serverName": "dev-pr-db-azure-5bw5dm", "sku": {"name": "Standard_D2ds_v5", "tier": "GeneralPurpose"}, "sourceServerResourceId": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.DBforPostgreSQL/flexibleServers/dev-rp-db-azure-jxnzpm", "storage": {"autoGrow": "Enabled", "storageSizeGB": 128}, "tags": {"tessera-data-class": "confidential", "tessera-placement": "azure_northeurope", "tessera-replica-of": "azure_westeurope", "tessera-residency": "eu", "tessera-service": "pr-db-azure", "tessera-stack": "dev"}, "version": "16"});
  t.is(providerOf(find(h, "azure-native:dbforpostgresql:Server", "pr-db-azure")), "azure-northeurope");
  t.deepEqual(inputs(find(h, "azure-native:dbforpostgresql:Configuration", "rs-db-azure-tls")), {"configurationName": "require_secure_transport", "resourceGroupName": "tessera-dev-northeurope-hiqzqb", "serverName": "dev-rs-db-azure-ibsuja", "source": "user-override", "value": "ON"});
  t.is(providerOf(find(h, "azure-native:dbforpostgresql:Configuration", "rs-db-azure-tls")), "azure-northeurope");
  t.deepEqual(inputs(find(h, "azure-native:network:PrivateEndpoint", "rs-db-azure")), {"location": "northeurope", "privateLinkServiceConnections": [{"groupIds": ["postgresqlServer"], "name": "postgres", "privateLinkServiceId": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-northeurope-hiqzqb/providers/Microsoft.DBforPostgreSQL/flexibleServers/dev-rs-db-azure-ibsuja"}], "resourceGroupName": "tessera-dev-northeurope-hiqzqb", "subnet": {"id": "rs-net-azure-private-id", "privateEndpointNetworkPolicies": "Disabled", "privateLinkServiceNetworkPolicies": "Enabled"}, "tags": {"tessera-data-class": "confidential", "tessera-placement": "azure_northeurope", "tessera-replica-of": "azure_westeurope", "tessera-residency": "eu", "tessera-service": "rs-db-azure", "tessera-stack": "dev"}});
  t.is(providerOf(find(h, "azure-native:network:PrivateEndpoint", "rs-db-azure")), "azure-northeurope");
  t.deepEqual(inputs(find(h, "azure-native:network:PrivateDnsZoneGroup", "rs-db-azure")), {"privateDnsZoneConfigs": [{"name": "postgres", "privateDnsZoneId": "rs-net-azure-postgres-id"}], "privateEndpointName": "rs-db-azure", "resourceGroupName": "tessera-dev-northeurope-hiqzqb"});
  t.is(providerOf(find(h, "azure-native:network:PrivateDnsZoneGroup", "rs-db-azure")), "azure-northeurope");
  t.deepEqual(inputs(find(h, "azure-native:authorization:ManagementLockByScope", "rs-db-azure-lock")), {"level": "CanNotDelete", "notes": "tessera: deletion protection for the database replica", "scope": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-northeurope-hiqzqb/providers/Microsoft.DBforPostgreSQL/flexibleServers/dev-rs-db-azure-ibsuja"});
  t.is(providerOf(find(h, "azure-native:authorization:ManagementLockByScope", "rs-db-azure-lock")), "azure-northeurope");
});

test("gcp: Cloud SQL cross-region read replica on the standby network, SSL only, no backups; promoted: CLOUD_SQL_INSTANCE with backups and PITR", (t) => {
  t.deepEqual(inputs(find(h, "gcp:sql/databaseInstance:DatabaseInstance", "rs-db-gcp")), {"databaseVersion": "POSTGRES_16", "deletionProtection": true, "instanceType": "READ_REPLICA_INSTANCE", "masterInstanceName": "dev-rp-db-gcp-zw9e03", "name": "dev-rs-db-gcp-ec43d9", "project": "acme-test-123", "region": "europe-west4", "settings": {"availabilityType": "ZONAL", "backupConfiguration": {"enabled": false}, "deletionProtectionEnabled": true, "diskAutoresize": true, "diskSize": 100, "diskType": "PD_SSD", "edition": "ENTERPRISE", "ipConfiguration": {"ipv4Enabled": false, "privateNetwork": "projects/acme-test-123/global/networks/dev-rs-net-gcp-0srrae", "sslMode": "ENCRYPTED_ONLY"}, "tier": "db-custom-2-8192", "userLabels": {"tessera-data-class": "confidential", "tessera-placement": "gcp_europe-west4", "tessera-replica-of": "gcp_europe-west1", "tessera-residency": "eu", "tessera-service": "rs-db-gcp", "tessera-stack": "dev"}}});
  t.is(providerOf(find(h, "gcp:sql/databaseInstance:DatabaseInstance", "rs-db-gcp")), "gcp-europe-west4");
  t.deepEqual(inputs(find(h, "gcp:sql/databaseInstance:DatabaseInstance", "pr-db-gcp")), {"databaseVersion": "POSTGRES_16", "deletionProtection": true, "instanceType": "CLOUD_SQL_INSTANCE", "name": "dev-pr-db-gcp-jctykp", "project": "acme-test-123", "region": "europe-west4", "settings": {"availabilityType": "ZONAL", "backupConfiguration": {"backupRetentionSettings": {"retainedBackups": 14, "retentionUnit": "COUNT"}, "enabled": true, "pointInTimeRecoveryEnabled": true, "transactionLogRetentionDays": 7}, "deletionProtectionEnabled": true, "diskAutoresize": true, "diskSize": 100, "diskType": "PD_SSD", "edition": "ENTERPRISE", "ipConfiguration": {"ipv4Enabled": false, "privateNetwork": "projects/acme-test-123/global/networks/dev-rs-net-gcp-0srrae", "sslMode": "ENCRYPTED_ONLY"}, "tier": "db-custom-2-8192", "userLabels": {"tessera-data-class": "confidential", "tessera-placement": "gcp_europe-west4", "tessera-replica-of": "gcp_europe-west1", "tessera-residency": "eu", "tessera-service": "pr-db-gcp", "tessera-stack": "dev"}}});
  t.is(providerOf(find(h, "gcp:sql/databaseInstance:DatabaseInstance", "pr-db-gcp")), "gcp-europe-west4");
});

test("digitalocean: a read-only node of the primary cluster in the standby region, on the standby VPC", (t) => {
  t.deepEqual(inputs(find(h, "digitalocean:index/databaseReplica:DatabaseReplica", "rs-db-digitalocean")), {"clusterId": "rp-db-digitalocean-id", "name": "dev-rs-db-digitalocean-t0qw1c", "privateNetworkUuid": "rs-net-digitalocean-id", "region": "fra1", "size": "db-s-2vcpu-4gb", "tags": ["tessera-replica-of:digitalocean_ams3", "tessera-stack:dev", "tessera-service:rs-db-digitalocean", "tessera-placement:digitalocean_fra1", "tessera-data-class:confidential", "tessera-residency:eu"]});
  t.is(providerOf(find(h, "digitalocean:index/databaseReplica:DatabaseReplica", "rs-db-digitalocean")), "digitalocean-fra1");
});

test("aws: S3 replication from the source side with RTC 15 min, metrics, delete markers, KMS re-encryption with a destination-region key; the role reads the source and writes the destination only", (t) => {
  t.deepEqual(inputs(find(h, "aws:kms/key:Key", "rr-b-aws-key")), {"deletionWindowInDays": 30, "description": "tessera rr-b-aws: replicas in eu-central-1", "enableKeyRotation": true, "tags": {"tessera-data-class": "confidential", "tessera-placement": "aws_eu-central-1", "tessera-replica-of": "aws_eu-west-1", "tessera-residency": "eu", "tessera-service": "rr-b-aws", "tessera-stack": "dev"}});
  t.is(providerOf(find(h, "aws:kms/key:Key", "rr-b-aws-key")), "aws-eu-central-1");
  t.deepEqual(inputs(find(h, "aws:iam/role:Role", "rr-b-aws-role")), {"assumeRolePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}", "description": "tessera rr-b-aws: S3 replication to eu-central-1", "tags": {"tessera-data-class": "confidential", "tessera-placement": "aws_eu-west-1", "tessera-residency": "eu", "tessera-service": "rr-b-aws", "tessera-stack": "dev"}});
  t.is(providerOf(find(h, "aws:iam/role:Role", "rr-b-aws-role")), "aws-eu-west-1");
  t.deepEqual(inputs(find(h, "aws:iam/rolePolicy:RolePolicy", "rr-b-aws-policy")), {"policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetReplicationConfiguration\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::dev-rp-b-aws-s705u3\"]},{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObjectVersionForReplication\",\"s3:GetObjectVersionAcl\",\"s3:GetObjectVersionTagging\"],\"Resource\":[\"arn:aws:s3:::dev-rp-b-aws-s705u3/*\"]},{\"Effect\":\"Allow\",\"Action\":[\"s3:ReplicateObject\",\"s3:ReplicateDelete\",\"s3:ReplicateTags\"],\"Resource\":[\"arn:aws:s3:::dev-rs-b-aws-s4mq14/*\"]},{\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\"],\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"kms:ViaService\":\"s3.eu-west-1.amazonaws.com\",\"kms:EncryptionContext:aws:s3:arn\":[\"arn:aws:s3:::dev-rp-b-aws-s705u3/*\"]}}},{\"Effect\":\"Allow\",\"Action\":[\"kms:Encrypt\",\"kms:GenerateDataKey\"],\"Resource\":[\"arn:aws:kms:eu-central-1:123456789012:key/key-rr-b-aws-key\"],\"Condition\":{\"StringLike\":{\"kms:ViaService\":\"s3.eu-central-1.amazonaws.com\",\"kms:EncryptionContext:aws:s3:arn\":[\"arn:aws:s3:::dev-rs-b-aws-s4mq14/*\"]}}}]}", "role": "rr-b-aws-role-id"});
  t.is(providerOf(find(h, "aws:iam/rolePolicy:RolePolicy", "rr-b-aws-policy")), "aws-eu-west-1");
  t.deepEqual(inputs(find(h, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", "rr-b-aws")), {"bucket": "dev-rp-b-aws-s705u3", "role": "arn:aws:iam::123456789012:role/rr-b-aws-role", "rules": [{"deleteMarkerReplication": {"status": "Enabled"}, "destination": {"bucket": "arn:aws:s3:::dev-rs-b-aws-s4mq14", "encryptionConfiguration": {"replicaKmsKeyId": "arn:aws:kms:eu-central-1:123456789012:key/key-rr-b-aws-key"}, "metrics": {"eventThreshold": {"minutes": 15}, "status": "Enabled"}, "replicationTime": {"status": "Enabled", "time": {"minutes": 15}}, "storageClass": "STANDARD"}, "filter": {}, "id": "tessera-standby", "priority": 1, "sourceSelectionCriteria": {"sseKmsEncryptedObjects": {"status": "Enabled"}}, "status": "Enabled"}]});
  t.is(providerOf(find(h, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", "rr-b-aws")), "aws-eu-west-1");
});

test("azure: object replication policy on the destination account first, then on the source with Azure's policy and rule ids, full resource ids, existing blobs included", (t) => {
  t.deepEqual(inputs(find(h, "azure-native:storage:ObjectReplicationPolicy", "rr-b-azure-destination")), {"accountName": "devrsbazureaaupdd", "destinationAccount": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-northeurope-hiqzqb/providers/Microsoft.Storage/storageAccounts/devrsbazureaaupdd", "objectReplicationPolicyId": "default", "resourceGroupName": "tessera-dev-northeurope-hiqzqb", "rules": [{"destinationContainer": "rs-b-azure-p57ppz", "filters": {"minCreationTime": "1601-01-01T00:00:00Z"}, "sourceContainer": "rp-b-azure-qi4a85"}], "sourceAccount": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.Storage/storageAccounts/devrpbazurehnabit"});
  t.is(providerOf(find(h, "azure-native:storage:ObjectReplicationPolicy", "rr-b-azure-destination")), "azure-northeurope");
  t.deepEqual(inputs(find(h, "azure-native:storage:ObjectReplicationPolicy", "rr-b-azure-source")), {"accountName": "devrpbazurehnabit", "destinationAccount": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-northeurope-hiqzqb/providers/Microsoft.Storage/storageAccounts/devrsbazureaaupdd", "objectReplicationPolicyId": "policy-rr-b-azure-destination", "resourceGroupName": "tessera-dev-westeurope-3gizrm", "rules": [{"destinationContainer": "rs-b-azure-p57ppz", "filters": {"minCreationTime": "1601-01-01T00:00:00Z"}, "ruleId": "rule-rr-b-azure-destination-0", "sourceContainer": "rp-b-azure-qi4a85"}], "sourceAccount": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.Storage/storageAccounts/devrpbazurehnabit"});
  t.is(providerOf(find(h, "azure-native:storage:ObjectReplicationPolicy", "rr-b-azure-source")), "azure-westeurope");
});

test("gcp: a replica of a CMEK primary is encrypted with the standby region's key, which Cloud SQL's agent may use first", (t) => {
  const replica = inputs(find(h, "gcp:sql/databaseInstance:DatabaseInstance", "ks-db-gcp"));
  t.deepEqual([replica.encryptionKeyName, replica.instanceType, replica.region], [STANDBY_KEY, "READ_REPLICA_INSTANCE", "europe-west4"]);
  t.deepEqual(inputs(find(h, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "ks-db-gcp-cmek")), {
    cryptoKeyId: STANDBY_KEY,
    member: "serviceAccount:service-123456789012@gcp-sa-cloud-sql.iam.gserviceaccount.com",
    role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
  });
  t.deepEqual(inputs(find(h, "gcp:projects/serviceIdentity:ServiceIdentity", "ks-db-gcp-agent")), { project: "acme-test-123", service: "sqladmin.googleapis.com" });
  t.is(providerOf(find(h, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "ks-db-gcp-cmek")), "gcp-europe-west4");
  // Without a key the replica keeps Google's (the other replicas above).
  t.is(inputs(find(h, "gcp:sql/databaseInstance:DatabaseInstance", "rs-db-gcp")).encryptionKeyName, undefined);
});

test("azure: a geo replica of a server on the stack's key uses the standby region's Key Vault key through its user-assigned identity", (t) => {
  const replica = inputs(find(h, "azure-native:dbforpostgresql:Server", "ks-db-azure"));
  t.deepEqual([replica.createMode, replica.location, replica.identity, replica.dataEncryption], [
    "Replica",
    "northeurope",
    { type: "UserAssigned", userAssignedIdentities: { [AZURE_IDENTITY]: {} } },
    { type: "AzureKeyVault", primaryKeyURI: AZURE_KEY, primaryUserAssignedIdentityId: AZURE_IDENTITY },
  ]);
  t.deepEqual([inputs(find(h, "azure-native:dbforpostgresql:Server", "rs-db-azure")).dataEncryption, inputs(find(h, "azure-native:dbforpostgresql:Server", "rs-db-azure")).identity], [undefined, undefined]);
});

test("gcp: hourly Storage Transfer Service job from the primary bucket; the transfer agent reads the source and writes the sink", (t) => {
  t.deepEqual(inputs(find(h, "gcp:storage/bucketIAMMember:BucketIAMMember", "rr-b-gcp-sink")), {"bucket": "dev-rs-b-gcp-vaup1r", "member": "serviceAccount:project-123456789012@storage-transfer-service.iam.gserviceaccount.com", "role": "roles/storage.legacyBucketWriter"});
  t.is(providerOf(find(h, "gcp:storage/bucketIAMMember:BucketIAMMember", "rr-b-gcp-sink")), "gcp-europe-west4");
  t.deepEqual(inputs(find(h, "gcp:storage/bucketIAMMember:BucketIAMMember", "rr-b-gcp-source-read")), {"bucket": "dev-rp-b-gcp-xp3x2c", "member": "serviceAccount:project-123456789012@storage-transfer-service.iam.gserviceaccount.com", "role": "roles/storage.objectViewer"});
  t.is(providerOf(find(h, "gcp:storage/bucketIAMMember:BucketIAMMember", "rr-b-gcp-source-read")), "gcp-europe-west1");
  t.deepEqual(inputs(find(h, "gcp:storage/bucketIAMMember:BucketIAMMember", "rr-b-gcp-source-list")), {"bucket": "dev-rp-b-gcp-xp3x2c", "member": "serviceAccount:project-123456789012@storage-transfer-service.iam.gserviceaccount.com", "role": "roles/storage.legacyBucketReader"});
  t.is(providerOf(find(h, "gcp:storage/bucketIAMMember:BucketIAMMember", "rr-b-gcp-source-list")), "gcp-europe-west1");
  t.deepEqual(inputs(find(h, "gcp:storage/transferJob:TransferJob", "rr-b-gcp")), {"description": "tessera dev rr-b-gcp: gcp europe-west1 to europe-west4", "project": "acme-test-123", "schedule": {"repeatInterval": "3600s", "scheduleStartDate": {"day": 1, "month": 1, "year": 2026}}, "status": "ENABLED", "transferSpec": {"gcsDataSink": {"bucketName": "dev-rs-b-gcp-vaup1r"}, "gcsDataSource": {"bucketName": "dev-rp-b-gcp-xp3x2c"}, "transferOptions": {"deleteObjectsUniqueInSink": false, "overwriteWhen": "DIFFERENT"}}});
  t.is(providerOf(find(h, "gcp:storage/transferJob:TransferJob", "rr-b-gcp")), "gcp-europe-west4");
});

test("oci: replication policy on the source bucket into the standby region, after the IAM policy for the source region's Object Storage service", (t) => {
  t.deepEqual(inputs(find(h, "oci:Identity/policy:Policy", "rr-b-oci-grant")), {"compartmentId": "ocid1.compartment.oc1..test", "description": "tessera rr-b-oci: Object Storage in eu-frankfurt-1 replicates into this compartment", "freeformTags": {"tessera-data-class": "confidential", "tessera-placement": "oci_eu-amsterdam-1", "tessera-replica-of": "oci_eu-frankfurt-1", "tessera-residency": "eu", "tessera-service": "rr-b-oci", "tessera-stack": "dev"}, "name": "dev-rr-b-oci-replication-n4aag8", "statements": ["Allow service objectstorage-eu-frankfurt-1 to manage object-family in compartment id ocid1.compartment.oc1..test"]});
  t.is(providerOf(find(h, "oci:Identity/policy:Policy", "rr-b-oci-grant")), "oci-eu-amsterdam-1");
  t.deepEqual(inputs(find(h, "oci:ObjectStorage/replicationPolicy:ReplicationPolicy", "rr-b-oci")), {"bucket": "dev-rp-b-oci-43rmng", "destinationBucketName": "dev-rs-b-oci-mmeewg", "destinationRegionName": "eu-amsterdam-1", "name": "dev-rr-b-oci", "namespace": "tesseratenancy"});
  t.is(providerOf(find(h, "oci:ObjectStorage/replicationPolicy:ReplicationPolicy", "rr-b-oci")), "oci-eu-frankfurt-1");
});

test("cross-cloud aws → gcp: Storage Transfer Service assumes an S3 read role through Google identity federation (the agent's subject id)", (t) => {
  t.deepEqual(inputs(find(h, "aws:iam/role:Role", "xr-b-aws-role")), {"assumeRolePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"accounts.google.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"accounts.google.com:sub\":\"101234567890123456789\"}}}]}", "description": "tessera xr-b-aws: Google Storage Transfer Service reads the bucket", "tags": {"tessera-data-class": "confidential", "tessera-placement": "aws_eu-west-1", "tessera-residency": "eu", "tessera-service": "xr-b-aws", "tessera-stack": "dev"}});
  t.is(providerOf(find(h, "aws:iam/role:Role", "xr-b-aws-role")), "aws-eu-west-1");
  t.deepEqual(inputs(find(h, "aws:iam/rolePolicy:RolePolicy", "xr-b-aws-policy")), {"policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\",\"s3:GetBucketLocation\"],\"Resource\":[\"arn:aws:s3:::dev-xp-b-aws-2it41w\"]},{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::dev-xp-b-aws-2it41w/*\"]},{\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\"],\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"kms:ViaService\":\"s3.eu-west-1.amazonaws.com\"}}}]}", "role": "xr-b-aws-role-id"});
  t.is(providerOf(find(h, "aws:iam/rolePolicy:RolePolicy", "xr-b-aws-policy")), "aws-eu-west-1");
  t.deepEqual(inputs(find(h, "gcp:storage/transferJob:TransferJob", "xr-b-aws")), {"description": "tessera dev xr-b-aws: aws eu-west-1 to europe-west4", "project": "acme-test-123", "schedule": {"repeatInterval": "3600s", "scheduleStartDate": {"day": 1, "month": 1, "year": 2026}}, "status": "ENABLED", "transferSpec": {"awsS3DataSource": {"bucketName": "dev-xp-b-aws-2it41w", "roleArn": "arn:aws:iam::123456789012:role/xr-b-aws-role"}, "gcsDataSink": {"bucketName": "dev-xs-b-aws-8l8gkn"}, "transferOptions": {"deleteObjectsUniqueInSink": false, "overwriteWhen": "DIFFERENT"}}});
  t.is(providerOf(find(h, "gcp:storage/transferJob:TransferJob", "xr-b-aws")), "gcp-europe-west4");
});

test("cross-cloud azure → gcp: a managed identity federated with the agent's Google identity reads the blobs (Storage Blob Data Reader), no shared keys", (t) => {
  t.deepEqual(inputs(find(h, "azure-native:managedidentity:UserAssignedIdentity", "xr-b-azure-reader")), {"location": "westeurope", "resourceGroupName": "tessera-dev-westeurope-3gizrm", "resourceName": "dev-xr-b-azure-reader-u913jy", "tags": {"tessera-data-class": "confidential", "tessera-placement": "azure_westeurope", "tessera-residency": "eu", "tessera-service": "xr-b-azure", "tessera-stack": "dev"}});
  t.is(providerOf(find(h, "azure-native:managedidentity:UserAssignedIdentity", "xr-b-azure-reader")), "azure-westeurope");
  t.deepEqual(inputs(find(h, "azure-native:managedidentity:FederatedIdentityCredential", "xr-b-azure-google")), {"audiences": ["api://AzureADTokenExchange"], "federatedIdentityCredentialResourceName": "google-storage-transfer", "issuer": "https://accounts.google.com", "resourceGroupName": "tessera-dev-westeurope-3gizrm", "resourceName": "dev-xr-b-azure-reader-u913jy", "subject": "101234567890123456789"});
  t.is(providerOf(find(h, "azure-native:managedidentity:FederatedIdentityCredential", "xr-b-azure-google")), "azure-westeurope");
  t.deepEqual(inputs(find(h, "azure-native:authorization:RoleAssignment", "xr-b-azure-read")), {"principalId": "66666666-6666-6666-6666-666666666666", "principalType": "ServicePrincipal", "roleDefinitionId": "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "scope": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.Storage/storageAccounts/devxpbazuremuos4b"});
  t.is(providerOf(find(h, "azure-native:authorization:RoleAssignment", "xr-b-azure-read")), "azure-westeurope");
  t.deepEqual(inputs(find(h, "gcp:storage/transferJob:TransferJob", "xr-b-azure")), {"description": "tessera dev xr-b-azure: azure westeurope to europe-west4", "project": "acme-test-123", "schedule": {"repeatInterval": "3600s", "scheduleStartDate": {"day": 1, "month": 1, "year": 2026}}, "status": "ENABLED", "transferSpec": {"azureBlobStorageDataSource": {"container": "xp-b-azure-d4buim", "federatedIdentityConfig": {"clientId": "77777777-7777-7777-7777-777777777777", "tenantId": "88888888-8888-8888-8888-888888888888"}, "storageAccount": "devxpbazuremuos4b"}, "gcsDataSink": {"bucketName": "dev-xs-b-azure-7mmcu4"}, "transferOptions": {"deleteObjectsUniqueInSink": false, "overwriteWhen": "DIFFERENT"}}});
  t.is(providerOf(find(h, "gcp:storage/transferJob:TransferJob", "xr-b-azure")), "gcp-europe-west4");
});

test("children: a replica and a replication are each one component of their cloud's resources", (t) => {
  t.deepEqual(children(h, find(h, "tessera:database:PostgresReplica", "rs-db-aws")), [
    ["aws:ec2/securityGroup:SecurityGroup", "rs-db-aws-firewall"],
    ["aws:kms/key:Key", "rs-db-aws-key"],
    ["aws:rds/instance:Instance", "rs-db-aws"],
    ["aws:rds/parameterGroup:ParameterGroup", "rs-db-aws"],
    ["aws:rds/subnetGroup:SubnetGroup", "rs-db-aws"],
  ]);
  t.deepEqual(children(h, find(h, "tessera:storage:BucketReplication", "rr-b-aws")), [
    ["aws:iam/role:Role", "rr-b-aws-role"],
    ["aws:iam/rolePolicy:RolePolicy", "rr-b-aws-policy"],
    ["aws:kms/key:Key", "rr-b-aws-key"],
    ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", "rr-b-aws"],
  ]);
  t.deepEqual(children(h, find(h, "tessera:storage:BucketReplication", "rr-b-oci")), [
    ["oci:Identity/policy:Policy", "rr-b-oci-grant"],
    ["oci:ObjectStorage/replicationPolicy:ReplicationPolicy", "rr-b-oci"],
  ]);
  // S3 and Azure accept a replication only once both buckets are versioned (waiting on a bucket waits on its access-log bucket too).
  const config = find(h, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", "rr-b-aws");
  t.deepEqual(
    config.dependencies.filter((u) => u.endsWith("-versioning")).map((u) => u.split("::").pop()),
    ["rp-b-aws-versioning", "rp-b-aws-access-logs-versioning", "rs-b-aws-versioning", "rs-b-aws-access-logs-versioning"],
  );
});

test("an OCI standby bucket is unversioned (OCI forbids versioning on a replication destination)", (t) => {
  t.is(inputs(find(h, "oci:ObjectStorage/bucket:Bucket", "rs-b-oci")).versioning, "Disabled");
});

test("validation: no OCI or cross-cloud replica, no Burstable Azure replica, another region, no Spaces replication, no transfer into AWS", (t) => {
  t.deepEqual(Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, propertyError(e)])), {
    "oci-replica": [
      "target",
      "target: OCI Database with PostgreSQL has no cross-region read replica; copy backups to the standby region with Postgres oci.backupCopyRegions and restore from one (oci.restoreFromBackupId); allowed clouds: aws, azure, gcp, digitalocean"
    ],
    "cross-cloud": [
      "source.target",
      "source.target: a read replica copies a database on its own cloud (gcp), not aws; across clouds there is no managed replica"
    ],
    "burstable": [
      "size",
      "size: Azure read replicas need a General Purpose or Memory Optimized size, not Burstable (Standard_B2ms); use a size such as Standard_D2ds_v5"
    ],
    "azure-key-no-identity": [
      "azure.encryptionIdentityId",
      "azure.encryptionIdentityId: required with customerManagedKey on Azure (a user-assigned identity that can use the key)"
    ],
    "aws-key": [
      "customerManagedKey",
      "customerManagedKey: an RDS cross-region replica always gets its own KMS key; allowed on azure, gcp"
    ],
    "same-region": [
      "source.target",
      "source.target: the replica must be in another region than its source (both eu-west-1)"
    ],
    "spaces": [
      "source.target",
      "source.target: digitalocean → digitalocean: DigitalOcean Spaces has no bucket replication and DigitalOcean has no managed transfer service, so a standby's bucket would stay empty"
    ],
    "to-aws": [
      "source.target",
      "source.target: gcp → aws: no managed transfer service copies gcp buckets to aws without agents (only Google Storage Transfer Service pulls from S3 and Azure Blob agentlessly)"
    ]
  });
});
