/**
 * Secrets on the four clouds that have a secret store, and the clear failure on DigitalOcean:
 * exact children, customer-managed keys that rotate, secrets encrypted with them and stored as
 * Pulumi secrets, protection, providers, outputs and validation.
 */
import * as pulumi from "@pulumi/pulumi";
import { suite } from "../suite";
import { UnsupportedServiceError } from "../../core/capabilities";
import type { Cloud } from "../../core/cloud";
import { Secrets } from "../../components/security";
import { type Harness, installHarness } from "../../harness";
import { children, find, inputs, providerOf, REGIONS, stampsFor, targets, valueOf } from "../helpers";

const test = suite("secrets");

const CLOUDS_WITH_SECRETS = ["aws", "azure", "gcp", "oci"] as const;
let h: Harness;
const built = {} as Record<(typeof CLOUDS_WITH_SECRETS)[number], Secrets>;
const errors: Record<string, unknown> = {};

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS_WITH_SECRETS) built[cloud] = new Secrets(`vault-${cloud}`, { target: t[cloud], secrets: { token: pulumi.secret("s3cret") } });
    const attempt = (key: string, f: () => unknown) => {
      try {
        f();
      } catch (e) {
        errors[key] = e;
      }
    };
    attempt("digitalocean", () => new Secrets("bad-do", { target: t.digitalocean }));
    attempt("name", () => new Secrets("bad-name", { target: t.aws, secrets: { "db password": "x" } }));
    attempt("days", () => new Secrets("bad-days", { target: t.aws, recoveryDays: 60 }));
  });
});

const component = (cloud: Cloud) => find(h, "tessera:security:Secrets", `vault-${cloud}`);
const SECRET = { secret: "s3cret" };

test("aws: rotating KMS key with an alias, the secret encrypted with it and recoverable 30 days", (t) => {
  t.deepEqual(children(h, component("aws")), [
    ["aws:kms/alias:Alias", "vault-aws"],
    ["aws:kms/key:Key", "vault-aws"],
    ["aws:secretsmanager/secret:Secret", "vault-aws-token"],
    ["aws:secretsmanager/secretVersion:SecretVersion", "vault-aws-token"],
    ["random:index/randomString:RandomString", "vault-aws-token-name"],
  ]);
  t.deepEqual(inputs(find(h, "aws:kms/key:Key", "vault-aws")), { deletionWindowInDays: 30, description: "tessera dev/vault-aws", enableKeyRotation: true, tags: stampsFor("aws", "vault-aws") });
  t.deepEqual(inputs(find(h, "aws:secretsmanager/secret:Secret", "vault-aws-token")), {
    kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/key-vault-aws",
    name: "dev-vault-aws-token-s70fjg7m",
    recoveryWindowInDays: 30,
    tags: stampsFor("aws", "vault-aws"),
  });
  t.deepEqual(inputs(find(h, "aws:secretsmanager/secretVersion:SecretVersion", "vault-aws-token")), { secretId: "vault-aws-token-id", secretString: SECRET });
});

test("azure: Key Vault with RBAC, soft delete, purge protection and default-deny network; a rotating RSA key; the secret", (t) => {
  t.deepEqual(children(h, component("azure")), [
    ["azure-native:keyvault:Key", "vault-azure"],
    ["azure-native:keyvault:Secret", "vault-azure-token"],
    ["azure-native:keyvault:Vault", "vault-azure"],
    ["random:index/randomString:RandomString", "vault-azure-name"],
    ["random:index/randomString:RandomString", "vault-azure-token-name"],
  ]);
  t.like(inputs(find(h, "azure-native:keyvault:Vault", "vault-azure")), {
    properties: {
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      networkAcls: { bypass: "AzureServices", defaultAction: "Deny" },
      sku: { family: "A", name: "standard" },
      softDeleteRetentionInDays: 30,
      tenantId: "33333333-3333-3333-3333-333333333333",
    },
    vaultName: "dev-vault-azure-ucwatl",
    tags: stampsFor("azure", "vault-azure"),
  });
  t.deepEqual(inputs(find(h, "azure-native:keyvault:Key", "vault-azure")).properties, {
    keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
    keySize: 3072,
    kty: "RSA",
    rotationPolicy: { attributes: { expiryTime: "P1Y" }, lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }] },
  });
  t.deepEqual(inputs(find(h, "azure-native:keyvault:Secret", "vault-azure-token")).properties, { contentType: "text/plain", value: SECRET });
});

test("gcp: key ring and rotating key, the Secret Manager agent allowed on it, the secret CMEK-encrypted in the region only", (t) => {
  t.deepEqual(children(h, component("gcp")), [
    ["gcp:kms/cryptoKey:CryptoKey", "vault-gcp"],
    ["gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "vault-gcp-secretmanager"],
    ["gcp:kms/keyRing:KeyRing", "vault-gcp"],
    ["gcp:projects/serviceIdentity:ServiceIdentity", "vault-gcp-secretmanager"],
    ["gcp:secretmanager/secret:Secret", "vault-gcp-token"],
    ["gcp:secretmanager/secretVersion:SecretVersion", "vault-gcp-token"],
    ["random:index/randomString:RandomString", "vault-gcp-name"],
  ]);
  const key = "projects/acme-test-123/locations/europe-west1/keyRings/dev-vault-gcp-t1cf1i/cryptoKeys/tessera";
  t.like(inputs(find(h, "gcp:kms/cryptoKey:CryptoKey", "vault-gcp")), { purpose: "ENCRYPT_DECRYPT", rotationPeriod: "7776000s", destroyScheduledDuration: "2592000s" });
  t.deepEqual(inputs(find(h, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "vault-gcp-secretmanager")), {
    cryptoKeyId: key,
    member: "serviceAccount:service-123456789012@gcp-sa-secretmanager.iam.gserviceaccount.com",
    role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
  });
  t.deepEqual(inputs(find(h, "gcp:secretmanager/secret:Secret", "vault-gcp-token")).replication, { userManaged: { replicas: [{ customerManagedEncryption: { kmsKeyName: key }, location: "europe-west1" }] } });
  t.deepEqual(inputs(find(h, "gcp:secretmanager/secretVersion:SecretVersion", "vault-gcp-token")), { secret: "projects/acme-test-123/secrets/dev-vault-gcp-token-a6s9is", secretData: SECRET });
});

test("oci: vault, HSM-protected AES-256 key, the secret encrypted with it (base64 content kept secret)", (t) => {
  t.deepEqual(children(h, component("oci")), [
    ["oci:Kms/key:Key", "vault-oci"],
    ["oci:Kms/vault:Vault", "vault-oci"],
    ["oci:Vault/secret:Secret", "vault-oci-token"],
    ["random:index/randomString:RandomString", "vault-oci-token-name"],
  ]);
  t.like(inputs(find(h, "oci:Kms/key:Key", "vault-oci")), { keyShape: { algorithm: "AES", length: 32 }, protectionMode: "HSM", managementEndpoint: "https://vault-oci-management.kms.eu-frankfurt-1.oraclecloud.com" });
  t.deepEqual(inputs(find(h, "oci:Vault/secret:Secret", "vault-oci-token")), {
    compartmentId: "ocid1.compartment.oc1..test",
    freeformTags: stampsFor("oci", "vault-oci"),
    keyId: "ocid1.key.oc1..vault-oci",
    secretContent: { content: { secret: Buffer.from("s3cret").toString("base64") }, contentType: "BASE64" },
    secretName: "token-axo9uu",
    vaultId: "ocid1.vault.oc1..vault-oci",
  });
});

test("keys and stores are protected, values are not; every child is on the cloud's provider", (t) => {
  const protectedOnes: string[] = [];
  for (const cloud of CLOUDS_WITH_SECRETS) {
    for (const r of h.registrations.filter((x) => x.parent === component(cloud).urn && !x.type.startsWith("random:"))) {
      t.is(providerOf(r), `${cloud}-${REGIONS[cloud]}`);
      if (r.protect) protectedOnes.push(r.type);
    }
  }
  t.deepEqual(protectedOnes.sort(), [
    "aws:kms/key:Key",
    "aws:secretsmanager/secret:Secret",
    "azure-native:keyvault:Key",
    "azure-native:keyvault:Vault",
    "gcp:kms/cryptoKey:CryptoKey",
    "gcp:kms/keyRing:KeyRing",
    "gcp:secretmanager/secret:Secret",
    "oci:Kms/key:Key",
    "oci:Kms/vault:Vault",
  ]);
});

test("parity: key id, store id and secret ids resolve on every cloud that has a store", async (t) => {
  const expected = {
    aws: ["arn:aws:kms:eu-west-1:123456789012:key/key-vault-aws", "secretsmanager:eu-west-1", { token: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dev-vault-aws-token-s70fjg7m-AbCdEf" }],
    azure: ["https://dev-vault-azure-ucwatl.vault.azure.net/keys/tessera", "https://dev-vault-azure-ucwatl.vault.azure.net/", { token: "vault-azure-token-id" }],
    gcp: ["projects/acme-test-123/locations/europe-west1/keyRings/dev-vault-gcp-t1cf1i/cryptoKeys/tessera", "projects/acme-test-123", { token: "projects/acme-test-123/secrets/dev-vault-gcp-token-a6s9is" }],
    oci: ["ocid1.key.oc1..vault-oci", "ocid1.vault.oc1..vault-oci", { token: "vault-oci-token-id" }],
  } as const;
  for (const cloud of CLOUDS_WITH_SECRETS) {
    const s = built[cloud];
    t.deepEqual([await valueOf(s.keyId), await valueOf(s.storeId), await valueOf(s.secretIds)], expected[cloud], cloud);
  }
});

test("digitalocean fails with the capability matrix's reason; bad names and days name the field", (t) => {
  t.true(errors.digitalocean instanceof UnsupportedServiceError);
  t.is((errors.digitalocean as Error).message, "secrets is not available on digitalocean: digitalocean has no managed secret store or key-management service. Clouds that offer it: aws, azure, gcp, oci.");
  t.deepEqual([(errors.name as pulumi.InputPropertyError).propertyPath, (errors.name as Error).message], ["secrets.db password", "secrets.db password: secret names are letters, digits and '-', starting with a letter, at most 64 characters"]);
  t.deepEqual([(errors.days as pulumi.InputPropertyError).propertyPath, (errors.days as Error).message], ["recoveryDays", "recoveryDays: must be an integer from 7 to 30 (got 60)"]);
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")), []);
});
