/**
 * Secrets on AWS: a KMS key with yearly automatic rotation and an alias, and one Secrets Manager
 * secret per value, encrypted with that key, recoverable for `recoveryDays` after deletion.
 */
import * as pulumi from "@pulumi/pulumi";
import { Alias } from "@pulumi/aws/kms/alias";
import { Key } from "@pulumi/aws/kms/key";
import { Secret } from "@pulumi/aws/secretsmanager/secret";
import { SecretVersion } from "@pulumi/aws/secretsmanager/secretVersion";
import { physicalName } from "../../core/naming";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type SecretsArgs, type SecretsOutputs, secretIdMap, secretSettings } from "./contract";

export const aws: Impl<"aws", SecretsArgs, SecretsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = secretSettings(args);
  const opts = childOpts(parent, target);
  const t = tags(target, name, args.labels);
  const key = new Key(name, { description: `tessera ${target.stack}/${name}`, enableKeyRotation: true, deletionWindowInDays: s.recoveryDays, tags: t }, statefulOpts(parent, target, args.protect));
  new Alias(name, { name: physicalName("aws", "kmsAlias", [target.stack, name]), targetKeyId: key.keyId }, opts);
  const ids = Object.entries(s.secrets).map(([secretName, value]) => {
    const secret = new Secret(
      `${name}-${secretName}`,
      { name: keptName(`${name}-${secretName}`, target, "secretsManagerSecret", [target.stack, name, secretName], parent), kmsKeyId: key.arn, recoveryWindowInDays: s.recoveryDays, tags: t },
      statefulOpts(parent, target, args.protect),
    );
    new SecretVersion(`${name}-${secretName}`, { secretId: secret.id, secretString: pulumi.secret(value) }, opts);
    return secret.arn.apply((arn): [string, string] => [secretName, arn]);
  });
  // The key's default policy lets the account's services (S3, RDS, EBS) use it on a caller's behalf.
  return { keyId: key.arn, storeId: pulumi.output(`secretsmanager:${target.region}`), secretIds: secretIdMap(ids), encryptionIdentityId: pulumi.output(""), diskEncryptionSetId: pulumi.output("") };
};
