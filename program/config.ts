/**
 * Reads the stack config once: `tessera:requirements` (validated against the catalog) and
 * `tessera:accounts` (per-cloud account context). This module is the only place the program
 * touches config; everything downstream receives plain values. Any other `tessera:` key is an
 * error (a typo such as `tessera:acounts` would otherwise be silently ignored).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { Accounts } from "../core/accounts";
import type { Catalog } from "../placement/catalog";
import { formatPath, parseRequirements, type Requirements, RequirementsError } from "../placement/requirements";
import { type IsSecret, secretPaths } from "./secrets";
import { isSecureValue, readStackFileDetails, unknownTesseraKeys, WHOLE_REQUIREMENTS_SECRET } from "./stackfile";


/**
 * The account context per cloud (`tessera:accounts`): what a provider needs beyond credentials.
 * Every field is documented in the README ("Writing a stack").
 */
export const accountsSchema = z.strictObject({
  azure: z.strictObject({ subscriptionId: z.uuid().optional() }).optional(),
  gcp: z
    .strictObject({
      project: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "a GCP project id (6-30 lowercase letters, digits, hyphens)"),
      /** The Cloud Billing account the project bills to: budgets live there. */
      billingAccount: z.string().regex(/^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/, "a Cloud Billing account id such as 012345-6789AB-CDEF01").optional(),
    })
    .optional(),
  oci: z
    .strictObject({
      compartmentId: z.string().regex(/^ocid1\.(compartment|tenancy)\.oc\d\./, "a compartment or tenancy OCID"),
      /** The tenancy (root compartment): audit retention and budgets live there. */
      tenancyId: z.string().regex(/^ocid1\.tenancy\.oc\d\./, "a tenancy OCID (ocid1.tenancy.oc1..…)").optional(),
    })
    .optional(),
});

/**
 * `tessera:failover`: which site of a failover stack serves (see program/replication.ts).
 * `active: standby` promotes the standby; `active: primary` is the normal state and the fail-back.
 */
const failoverSchema = z.strictObject({
  active: z.enum(["primary", "standby"]).default("primary"),
  /** Azure promotion: wait for the replica to catch up (`planned`) or not (`forced`, the primary is down). */
  promoteOption: z.enum(["planned", "forced"]).default("forced"),
  /** OCI: per database service, the OCID of the copied backup the promoted standby is restored from. */
  restore: z.record(z.string(), z.string().regex(/^ocid1\.[a-z0-9]+\.oc\d+\./, "the OCID of an OCI Database with PostgreSQL backup")).default({}),
});

/** The parsed `tessera:failover` setting. */
export type FailoverSetting = z.infer<typeof failoverSchema>;

/** What the program needs from config. */
export interface StackConfig {
  readonly requirements: Requirements;
  readonly accounts: Accounts;
  /** `tessera:failover`: which site serves. */
  readonly failover: FailoverSetting;
  /** Which requirement values are secrets (serverless environment values). */
  readonly isSecret: IsSecret;
}

/** Parses a config value that must hold a JSON object; names the key when it does not. */
function jsonObject(key: string, raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new RequirementsError([`${key}: expected an object (YAML map), got the string ${JSON.stringify(raw)}`], key);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new RequirementsError([`${key}: expected an object (YAML map), got ${Array.isArray(value) ? "a list" : JSON.stringify(value)}`], key);
  }
  return value;
}

/**
 * Reads and validates the stack's config.
 *
 * @throws RequirementsError naming every bad field and its allowed values.
 */
export function readStackConfig(catalog: Catalog, stack: string, stacksDir?: string): StackConfig {
  const unknown = unknownTesseraKeys(Object.keys(pulumi.runtime.allConfig()));
  if (unknown.length > 0) throw new RequirementsError(unknown, `config of stack ${stack}`);
  const config = new pulumi.Config("tessera");
  const raw = jsonObject("tessera:requirements", config.get("requirements"));
  if (isSecureValue(raw)) {
    throw new RequirementsError(
      [WHOLE_REQUIREMENTS_SECRET],
      `config of stack ${stack}`,
    );
  }
  if (raw === undefined) {
    throw new RequirementsError(["tessera:requirements: missing; every stack states its requirements (see README, 'Writing a stack')"], `config of stack ${stack}`);
  }
  const requirements = parseRequirements(raw, catalog, `tessera:requirements of stack ${stack}`);
  const isSecret = secretPaths(stackFileSecurePaths(stacksDir, stack), configKeyIsSecret("tessera:requirements"));
  return { requirements, accounts: parseAccounts(config.get("accounts"), stack), failover: parseFailover(config.get("failover"), requirements, stack), isSecret };
}

/**
 * Validates `tessera:failover` (JSON, or undefined: the primary serves).
 *
 * @throws RequirementsError naming every bad field, or a promotion without a standby site.
 */
export function parseFailover(raw: string | undefined, requirements: Requirements, stack: string): FailoverSetting {
  const failover = failoverSchema.safeParse(jsonObject("tessera:failover", raw) ?? {});
  if (!failover.success) {
    throw new RequirementsError(
      failover.error.issues.map((i) => `tessera:failover.${formatPath(i.path)}: ${i.message}`),
      `tessera:failover of stack ${stack}`,
    );
  }
  if (failover.data.active === "standby" && !requirements.failover) {
    throw new RequirementsError(['tessera:failover.active: "standby" needs a standby site; the requirements have no failover'], `tessera:failover of stack ${stack}`);
  }
  return failover.data;
}

/**
 * Validates `tessera:accounts` (the config value as the CLI passes it: JSON, or undefined).
 *
 * @throws RequirementsError naming every bad field.
 */
export function parseAccounts(raw: string | undefined, stack: string): Accounts {
  const accounts = accountsSchema.safeParse(jsonObject("tessera:accounts", raw) ?? {});
  if (!accounts.success) {
    throw new RequirementsError(
      accounts.error.issues.map((i) => `tessera:accounts.${formatPath(i.path)}: ${i.message}`),
      `tessera:accounts of stack ${stack}`,
    );
  }
  return accounts.data;
}

/** The `secure:` paths of the stack file, when the program can read it (else none). */
function stackFileSecurePaths(stacksDir: string | undefined, stack: string): readonly string[] {
  if (stacksDir === undefined || !existsSync(join(stacksDir, `Pulumi.${stack}.yaml`))) return [];
  try {
    return readStackFileDetails(stacksDir, stack).securePaths;
  } catch {
    // The engine already parsed the config; a file it did not read is no reason to fail here.
    return [];
  }
}

/** Whether the CLI marked a config key secret (PULUMI_CONFIG_SECRET_KEYS); @internal in the SDK's typings. */
function configKeyIsSecret(key: string): boolean {
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (k: string) => boolean };
  return runtimeConfig.isConfigSecret?.(key) ?? false;
}
