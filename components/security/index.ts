/**
 * `tessera:security:Secrets` — a secret store and a customer-managed key (AWS Secrets Manager +
 * KMS, Azure Key Vault, GCP Secret Manager + Cloud KMS, OCI Vault). DigitalOcean has none: the
 * component fails with the capability matrix's reason.
 *
 * @example
 * const vault = new Secrets("vault", { target, secrets: { "api-token": config.requireSecret("apiToken") } });
 * new ObjectStorage("docs", { target, customerManagedKey: vault.keyId });
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type SecretsArgs, type SecretsOutputs, validateSecretsArgs } from "./contract";

export type { KeyUse, SecretsArgs, SecretsOutputs } from "./contract";

/** The per-cloud implementations (DigitalOcean's throws: the cell is unsupported), each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const SECRETS_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<SecretsArgs, SecretsOutputs>;

/** A secret store and a customer-managed encryption key. */
export class Secrets extends pulumi.ComponentResource implements SecretsOutputs {
  public readonly keyId: pulumi.Output<string>;
  public readonly storeId: pulumi.Output<string>;
  public readonly secretIds: pulumi.Output<Record<string, string>>;
  public readonly encryptionIdentityId: pulumi.Output<string>;
  public readonly diskEncryptionSetId: pulumi.Output<string>;

  constructor(name: string, args: SecretsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("secrets", args.target.cloud);
    validateSecretsArgs(args);
    super(TOKENS.secrets, name, {}, opts);
    const out = build(SECRETS_IMPLS, name, args, this);
    this.keyId = out.keyId;
    this.storeId = out.storeId;
    this.secretIds = out.secretIds;
    this.encryptionIdentityId = out.encryptionIdentityId;
    this.diskEncryptionSetId = out.diskEncryptionSetId;
    this.registerOutputs({ keyId: this.keyId, storeId: this.storeId, secretIds: this.secretIds, encryptionIdentityId: this.encryptionIdentityId, diskEncryptionSetId: this.diskEncryptionSetId });
  }
}
