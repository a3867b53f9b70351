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
import { aws } from "./aws";
import { azure } from "./azure";
import { type SecretsArgs, type SecretsOutputs, validateSecretsArgs } from "./contract";
import { digitalocean } from "./digitalocean";
import { gcp } from "./gcp";
import { oci } from "./oci";

export type { KeyUse, SecretsArgs, SecretsOutputs } from "./contract";

/** The per-cloud implementations (DigitalOcean's throws: the cell is unsupported). */
export const SECRETS_IMPLS = { aws, azure, gcp, digitalocean, oci } satisfies Registry<SecretsArgs, SecretsOutputs>;

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
