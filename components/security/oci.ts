/**
 * Secrets on OCI: a Vault with an HSM-protected AES-256 master key, and one Vault secret per
 * value encrypted with it.
 */
import * as pulumi from "@pulumi/pulumi";
import { Key } from "@pulumi/oci/kms/key";
import { Vault } from "@pulumi/oci/kms/vault";
import { Secret } from "@pulumi/oci/vault/secret";
import { physicalName } from "../../core/naming";
import { keptName } from "../naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type SecretsArgs, type SecretsOutputs, secretIdMap, secretSettings } from "./contract";

const base64 = (v: pulumi.Input<string>) => pulumi.secret(pulumi.output(v).apply((s) => Buffer.from(s).toString("base64")));

export const oci: Impl<"oci", SecretsArgs, SecretsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = secretSettings(args);
  const opts = childOpts(parent, target);
  const freeformTags = tags(target, name, args.labels);
  const vault = new Vault(name, { compartmentId: target.compartmentId, displayName: physicalName("oci", "displayName", [target.stack, name]), vaultType: "DEFAULT", freeformTags }, statefulOpts(parent, target, args.protect));
  const key = new Key(
    name,
    { compartmentId: target.compartmentId, displayName: physicalName("oci", "displayName", [target.stack, name]), keyShape: { algorithm: "AES", length: 32 }, managementEndpoint: vault.managementEndpoint, protectionMode: "HSM", freeformTags },
    statefulOpts(parent, target, args.protect),
  );
  const ids = Object.entries(s.secrets).map(([secretName, value]) => {
    const secret = new Secret(
      `${name}-${secretName}`,
      { compartmentId: target.compartmentId, vaultId: vault.id, keyId: key.id, secretName: keptName(`${name}-${secretName}`, target, "vaultSecret", [secretName], parent), secretContent: { contentType: "BASE64", content: base64(value) }, freeformTags },
      opts,
    );
    return secret.id.apply((id): [string, string] => [secretName, id]);
  });
  // Object Storage and Block Volume are allowed to use the key by the components that encrypt with it.
  return { keyId: key.id, storeId: vault.id, secretIds: secretIdMap(ids), encryptionIdentityId: pulumi.output(""), diskEncryptionSetId: pulumi.output("") };
};
