/**
 * Secrets on OCI: a Vault with an HSM-protected AES-256 master key, and one Vault secret per
 * value encrypted with it.
 */
import * as pulumi from "@pulumi/pulumi";
import { Key } from "@pulumi/oci/kms/key";
import { Vault } from "@pulumi/oci/kms/vault";
import { Secret } from "@pulumi/oci/vault/secret";
import { Policy } from "@pulumi/oci/identity/policy";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type SecretsArgs, type SecretsOutputs, secretIdMap, secretSettings } from "./contract";

const base64 = (v: pulumi.Input<string>) => pulumi.secret(pulumi.output(v).apply((s) => Buffer.from(s).toString("base64")));

export const oci: Impl<"oci", SecretsArgs, SecretsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = secretSettings(args);
  const opts = childOpts(parent, target);
  const freeformTags = tags(target, name, args.labels);
  const vault = new Vault(name, { compartmentId: target.compartmentId, displayName: `${target.stack}-${name}`, vaultType: "DEFAULT", freeformTags }, statefulOpts(parent, target, args.protect));
  const key = new Key(
    name,
    { compartmentId: target.compartmentId, displayName: `${target.stack}-${name}`, keyShape: { algorithm: "AES", length: 32 }, managementEndpoint: vault.managementEndpoint, protectionMode: "HSM", freeformTags },
    statefulOpts(parent, target, args.protect),
  );
  const ids = Object.entries(s.secrets).map(([secretName, value]) => {
    const secret = new Secret(
      `${name}-${secretName}`,
      { compartmentId: target.compartmentId, vaultId: vault.id, keyId: key.id, secretName: `${target.stack}-${name}-${secretName}`, secretContent: { contentType: "BASE64", content: base64(value) }, freeformTags },
      opts,
    );
    return secret.id.apply((id): [string, string] => [secretName, id]);
  });
  // OCI services use a Vault key only when an IAM policy lets them (Object Storage per region, Block Volume).
  const services = [...(s.encrypts.has("object-storage") ? [`objectstorage-${target.region}`] : []), ...(s.encrypts.has("disks") ? ["blockstorage"] : [])];
  if (services.length > 0) {
    new Policy(
      `${name}-encryption`,
      {
        compartmentId: target.compartmentId,
        name: `${target.stack}-${name}-encryption`,
        description: `tessera ${target.stack}/${name}: services that encrypt with the stack's key`,
        statements: services.map((service) => pulumi.interpolate`Allow service ${service} to use keys in compartment id ${target.compartmentId} where target.key.id = '${key.id}'`),
        freeformTags,
      },
      opts,
    );
  }
  return { keyId: key.id, storeId: vault.id, secretIds: secretIdMap(ids), encryptionIdentityId: pulumi.output(""), diskEncryptionSetId: pulumi.output("") };
};
