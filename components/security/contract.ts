/**
 * Secrets: a secret store and a customer-managed encryption key that protects it (and that other
 * components can use, e.g. `ObjectStorage.customerManagedKey`).
 */
import * as pulumi from "@pulumi/pulumi";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { checkInt, checkOneOf, invalid } from "../validation";

/** Arguments of {@link Secrets}. */
export interface SecretsArgs {
  /** Where to build, from the placement decision. */
  readonly target: Target;
  /**
   * Initial secret values by name (letters, digits, `-`; start with a letter). Pass
   * `pulumi.secret(...)` or config secrets: values are stored encrypted with the key.
   * @default {}
   */
  readonly secrets?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Days a deleted key or secret stays recoverable (AWS 7-30, Azure 7-90, GCP key destruction
   * delay, OCI 7-30 for secrets).
   * @default 30
   */
  readonly recoveryDays?: number;
  /**
   * What the key encrypts besides the secrets. On Azure the key vault grants it to a
   * user-assigned identity storage accounts and Postgres servers encrypt as (`object-storage`,
   * `database`) and to a disk encryption set (`disks`). Elsewhere the consumer grants its own
   * service the key (GCP: the Cloud Storage, Cloud SQL or Compute Engine service agent; OCI: Object
   * Storage or Block Volume through an IAM policy); an AWS key's default policy already lets the
   * account's services use it. `secret-environment`: a Cloud Run function's secret environment
   * values in Secret Manager (GCP; the Function grants the Secret Manager agent the key).
   * @default []
   */
  readonly encrypts?: readonly KeyUse[];
  /** Pulumi `protect` on the key and store. @default true */
  readonly protect?: boolean;
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns. */
export interface SecretsOutputs {
  /**
   * The customer-managed key: KMS key ARN (AWS), versionless Key Vault key URL (Azure), Cloud KMS
   * crypto key id (GCP), Vault key OCID (OCI).
   */
  readonly keyId: pulumi.Output<string>;
  /** Where the secrets live: `secretsmanager:<region>` (AWS), vault URI (Azure), `projects/<project>` (GCP), vault OCID (OCI). */
  readonly storeId: pulumi.Output<string>;
  /** Secret ids by name. */
  readonly secretIds: pulumi.Output<Record<string, string>>;
  /** Azure: the user-assigned identity that may use the key (storage and PostgreSQL encrypt as it); "" elsewhere. */
  readonly encryptionIdentityId: pulumi.Output<string>;
  /** Azure: the disk encryption set over the key (VM disks); "" elsewhere. */
  readonly diskEncryptionSetId: pulumi.Output<string>;
}

/** Data a customer-managed key encrypts. */
export const KEY_USES = ["object-storage", "database", "disks", "secret-environment"] as const;
export type KeyUse = (typeof KEY_USES)[number];

const SECRET_NAME = /^[a-zA-Z][a-zA-Z0-9-]{0,63}$/;

/** Collects `[name, id]` pairs into the `secretIds` output. */
export function secretIdMap(entries: Array<pulumi.Output<[string, string]>>): pulumi.Output<Record<string, string>> {
  return pulumi.output(entries).apply((pairs: Array<[string, string]>): Record<string, string> => Object.fromEntries(pairs));
}

/** Defaults filled in. */
export const secretSettings = (args: SecretsArgs) => ({ secrets: args.secrets ?? {}, recoveryDays: args.recoveryDays ?? 30, encrypts: new Set<KeyUse>(args.encrypts ?? []) });

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateSecretsArgs(args: SecretsArgs): void {
  checkInt("recoveryDays", args.recoveryDays, 7, args.target.cloud === "azure" ? 90 : 30);
  (args.encrypts ?? []).forEach((use, i) => checkOneOf(`encrypts[${i}]`, use, KEY_USES));
  for (const name of Object.keys(args.secrets ?? {})) {
    if (!SECRET_NAME.test(name)) invalid(`secrets.${name}`, "secret names are letters, digits and '-', starting with a letter, at most 64 characters");
  }
}
