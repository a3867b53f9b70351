/**
 * Encryption at rest for everything that holds data besides object storage: databases,
 * warehouses, machine disks, Kubernetes secrets, queues, logs and secret stores — with a
 * customer-managed key where the level asks for one.
 */
import {
  Workgroup, LogGroup, Volume, Ec2Instance, EksCluster, RdsInstance, AwsSecret, Topic, VirtualMachine, ManagedCluster, AzurePgServer, KustoCluster,
  DatabaseCluster, Droplet, KubernetesCluster, Dataset, GceInstance, GkeCluster, GcpSecret, DatabaseInstance, OkeCluster, OciInstance,
  AutonomousDatabase, DbSystem,
} from "../types";
import { has } from "../facts";
import { CONTROLS } from "../frameworks";
import { known } from "../resources";
import { type AtRest, checkAtRest, type EncryptionConfig, extractor, type ResourceRule } from "../rule";

const provider = (customerKey: boolean): AtRest => ({ encrypted: true, customerKey });
const noKeyOption = (why: string): AtRest => ({ encrypted: true, customerKey: false, noCustomerKeyOption: why });

export const dataEncryption: ResourceRule<AtRest, EncryptionConfig> = {
  kind: "resource",
  id: "data-encryption-at-rest",
  description: "Databases, warehouses, disks, Kubernetes secrets, topics, logs and secret stores must be encrypted at rest, with a customer-managed key when the level asks for one.",
  severity: "high",
  frameworks: CONTROLS.encryptionAtRest,
  remediation: "Keep encryption on (tessera's components never turn it off); for customer-managed keys pass a Secrets key (KMS, Key Vault, Cloud KMS, OCI Vault) to the component.",
  defaults: { requireCustomerManagedKey: false },
  configSchema: { requireCustomerManagedKey: { type: "boolean", default: false, description: "Require a customer-managed key." } },
  extractors: [
    extractor(RdsInstance, "aws", (p) => ({ encrypted: p.storageEncrypted === true, customerKey: has(p, "kmsKeyId") })),
    extractor(Ec2Instance, "aws", (p) => ({
      encrypted: p.rootBlockDevice?.encrypted === true && (p.ebsBlockDevices ?? []).every((d) => d.encrypted === true),
      customerKey: has(p.rootBlockDevice, "kmsKeyId"),
    })),
    extractor(Volume, "aws", (p) => ({ encrypted: p.encrypted === true, customerKey: has(p, "kmsKeyId") })),
    extractor(EksCluster, "aws", (p) => ({ encrypted: (p.encryptionConfig?.resources ?? []).includes("secrets"), customerKey: has(p.encryptionConfig?.provider, "keyArn") })),
    // The AWS-managed key is named; a customer key is usually a (preview-unknown) key ARN.
    extractor(Topic, "aws", (p) => ({ encrypted: has(p, "kmsMasterKeyId"), customerKey: has(p, "kmsMasterKeyId") && known(() => p.kmsMasterKeyId) !== "alias/aws/sns" })),
    extractor(LogGroup, "aws", (p) => provider(has(p, "kmsKeyId"))),
    extractor(AwsSecret, "aws", (p) => provider(has(p, "kmsKeyId"))),
    extractor(Workgroup, "aws", (p) => {
      const e = p.configuration?.resultConfiguration?.encryptionConfiguration;
      return { encrypted: e?.encryptionOption !== undefined, customerKey: has(e, "kmsKeyArn") };
    }),
    extractor(AzurePgServer, "azure", (p) => provider(p.dataEncryption?.type === "AzureKeyVault")),
    extractor(VirtualMachine, "azure", (p) => provider(has(p.storageProfile?.osDisk?.managedDisk, "diskEncryptionSet"))),
    extractor(ManagedCluster, "azure", (p) => provider(has(p, "diskEncryptionSetID"))),
    extractor(KustoCluster, "azure", (p) => ({ encrypted: p.enableDiskEncryption === true, customerKey: has(p, "keyVaultProperties") })),
    extractor(DatabaseInstance, "gcp", (p) => provider(has(p, "encryptionKeyName"))),
    extractor(GceInstance, "gcp", (p) => provider(has(p.bootDisk, "kmsKeySelfLink"))),
    extractor(GkeCluster, "gcp", (p) => provider(p.databaseEncryption?.state === "ENCRYPTED")),
    extractor(Dataset, "gcp", (p) => provider(has(p.defaultEncryptionConfiguration, "kmsKeyName"))),
    extractor(GcpSecret, "gcp", (p) => provider((p.replication.userManaged?.replicas ?? []).some((r) => has(r, "customerManagedEncryption")))),
    extractor(DatabaseCluster, "digitalocean", () => noKeyOption("DigitalOcean managed databases offer no customer-managed keys")),
    extractor(Droplet, "digitalocean", () => noKeyOption("DigitalOcean Droplet disks offer no customer-managed keys")),
    extractor(KubernetesCluster, "digitalocean", () => noKeyOption("DigitalOcean Kubernetes offers no customer-managed keys")),
    extractor(DbSystem, "oci", () => noKeyOption("OCI Database with PostgreSQL encrypts with Oracle-managed keys only")),
    extractor(OciInstance, "oci", (p) => provider(has(p.sourceDetails, "kmsKeyId"))),
    extractor(OkeCluster, "oci", (p) => provider(has(p, "kmsKeyId"))),
    extractor(AutonomousDatabase, "oci", (p) => provider(has(p, "kmsKeyId"))),
  ],
  check: checkAtRest,
};
