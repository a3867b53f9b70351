/**
 * Secrets on GCP: a Cloud KMS key ring and a 90-day-rotating key, the Secret Manager service
 * agent allowed to use it, and one secret per value replicated in the placed region only and
 * encrypted with that key (CMEK).
 */
import * as pulumi from "@pulumi/pulumi";
import { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import { CryptoKeyIAMMember } from "@pulumi/gcp/kms/cryptoKeyIAMMember";
import { KeyRing } from "@pulumi/gcp/kms/keyRing";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import { ServiceIdentity } from "@pulumi/gcp/projects/serviceIdentity";
import { Secret } from "@pulumi/gcp/secretmanager/secret";
import { SecretVersion } from "@pulumi/gcp/secretmanager/secretVersion";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { gcpLabels } from "../tags";
import { type SecretsArgs, type SecretsOutputs, secretIdMap, secretSettings } from "./contract";

const NINETY_DAYS = `${90 * 86400}s`;

export const gcp: Impl<"gcp", SecretsArgs, SecretsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = secretSettings(args);
  const opts = childOpts(parent, target);
  const labels = gcpLabels(target, name, args.labels);
  const physical = (...parts: string[]) => physicalName("gcp", "secret", [target.stack, name, ...parts]);
  const ring = new KeyRing(name, { name: physical(), project: target.project, location: target.region }, statefulOpts(parent, target, args.protect));
  const key = new CryptoKey(
    name,
    { name: "tessera", keyRing: ring.id, purpose: "ENCRYPT_DECRYPT", rotationPeriod: NINETY_DAYS, destroyScheduledDuration: `${s.recoveryDays * 86400}s`, labels },
    statefulOpts(parent, target, args.protect),
  );
  const projectNumber = getProjectOutput({ projectId: target.project }, { parent, provider: target.provider }).number;
  const agent = new CryptoKeyIAMMember(
    `${name}-secretmanager`,
    { cryptoKeyId: key.id, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: pulumi.interpolate`serviceAccount:service-${projectNumber}@gcp-sa-secretmanager.iam.gserviceaccount.com` },
    opts,
  );
  // Each service that encrypts with the key does so as its Google-managed service agent.
  const grant = (suffix: string, member: pulumi.Input<string>) => new CryptoKeyIAMMember(`${name}-${suffix}`, { cryptoKeyId: key.id, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member }, opts);
  if (s.encrypts.has("object-storage")) grant("storage", pulumi.interpolate`serviceAccount:service-${projectNumber}@gs-project-accounts.iam.gserviceaccount.com`);
  if (s.encrypts.has("database")) {
    // The Cloud SQL service agent exists only once asked for (gcloud beta services identity create).
    const sql = new ServiceIdentity(`${name}-cloudsql`, { project: target.project, service: "sqladmin.googleapis.com" }, opts);
    grant("cloudsql", pulumi.interpolate`serviceAccount:${sql.email}`);
  }
  if (s.encrypts.has("disks")) grant("compute", pulumi.interpolate`serviceAccount:service-${projectNumber}@compute-system.iam.gserviceaccount.com`);
  const ids = Object.entries(s.secrets).map(([secretName, value]) => {
    const secret = new Secret(
      `${name}-${secretName}`,
      {
        secretId: physical(secretName),
        project: target.project,
        replication: { userManaged: { replicas: [{ location: target.region, customerManagedEncryption: { kmsKeyName: key.id } }] } },
        labels,
      },
      statefulOpts(parent, target, args.protect, { dependsOn: [agent] }),
    );
    new SecretVersion(`${name}-${secretName}`, { secret: secret.id, secretData: pulumi.secret(value) }, opts);
    return secret.id.apply((id): [string, string] => [secretName, id]);
  });
  return { keyId: key.id, storeId: pulumi.output(`projects/${target.project}`), secretIds: secretIdMap(ids), encryptionIdentityId: pulumi.output(""), diskEncryptionSetId: pulumi.output("") };
};
