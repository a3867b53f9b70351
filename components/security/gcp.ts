/**
 * Secrets on GCP: a Cloud KMS key ring and a 90-day-rotating key, the Secret Manager service
 * agent allowed to use it, and one secret per value replicated in the placed region only and
 * encrypted with that key (CMEK).
 *
 * A fresh project has no Secret Manager service agent until something asks for it, and an IAM
 * grant naming a missing agent fails ("Service account … does not exist"), so the agent is
 * created first (`gcp.projects.ServiceIdentity`) and the grant names its email.
 */
import * as pulumi from "@pulumi/pulumi";
import { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import { CryptoKeyIAMMember } from "@pulumi/gcp/kms/cryptoKeyIAMMember";
import { KeyRing } from "@pulumi/gcp/kms/keyRing";
import { ServiceIdentity } from "@pulumi/gcp/projects/serviceIdentity";
import { Secret } from "@pulumi/gcp/secretmanager/secret";
import { SecretVersion } from "@pulumi/gcp/secretmanager/secretVersion";
import { physicalName } from "../../core/naming";
import { enableApis } from "../gcp-project";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { gcpLabels } from "../tags";
import { type SecretsArgs, type SecretsOutputs, secretIdMap, secretSettings } from "./contract";

const NINETY_DAYS = `${90 * 86400}s`;

export const gcp: Impl<"gcp", SecretsArgs, SecretsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = secretSettings(args);
  const apis = enableApis(target, "cloudkms", "secretmanager");
  const opts = childOpts(parent, target, { dependsOn: apis });
  const labels = gcpLabels(target, name, args.labels);
  const ring = new KeyRing(name, { name: keptName(name, target, "kmsKeyRing", [target.stack, name], parent), project: target.project, location: target.region }, statefulOpts(parent, target, args.protect, { dependsOn: apis }));
  const key = new CryptoKey(
    name,
    { name: "tessera", keyRing: ring.id, purpose: "ENCRYPT_DECRYPT", rotationPeriod: NINETY_DAYS, destroyScheduledDuration: `${s.recoveryDays * 86400}s`, labels },
    statefulOpts(parent, target, args.protect, { dependsOn: apis }),
  );
  const identity = new ServiceIdentity(`${name}-secretmanager`, { project: target.project, service: "secretmanager.googleapis.com" }, opts);
  const agent = new CryptoKeyIAMMember(`${name}-secretmanager`, { cryptoKeyId: key.id, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: identity.member }, opts);
  const ids = Object.entries(s.secrets).map(([secretName, value]) => {
    const secret = new Secret(
      `${name}-${secretName}`,
      {
        secretId: physicalName("gcp", "secretManagerSecret", [target.stack, name, secretName]),
        project: target.project,
        replication: { userManaged: { replicas: [{ location: target.region, customerManagedEncryption: { kmsKeyName: key.id } }] } },
        labels,
      },
      statefulOpts(parent, target, args.protect, { dependsOn: [...apis, agent] }),
    );
    new SecretVersion(`${name}-${secretName}`, { secret: secret.id, secretData: pulumi.secret(value) }, opts);
    return secret.id.apply((id): [string, string] => [secretName, id]);
  });
  return { keyId: key.id, storeId: pulumi.output(`projects/${target.project}`), secretIds: secretIdMap(ids), encryptionIdentityId: pulumi.output(""), diskEncryptionSetId: pulumi.output("") };
};
