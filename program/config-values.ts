/**
 * The pure half of reading stack config: `tessera:accounts` and `tessera:failover` validated from
 * their JSON values. Without the Pulumi SDK, so `tessera place` (which reads a stack file's
 * accounts) never loads it; program/config.ts reads the same values from the engine's config.
 */
import { z } from "zod";
import type { Accounts } from "../core/accounts";
import { formatPath, type Requirements, RequirementsError } from "../placement/requirements";

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

/** Parses a config value that must hold a JSON object; names the key when it does not. */
export function jsonObject(key: string, raw: string | undefined): unknown {
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
