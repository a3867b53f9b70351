/**
 * The pure half of reading stack config: `tessera:accounts` and `tessera:failover` validated from
 * their JSON values. Without the Pulumi SDK, so `tessera place` (which reads a stack file's
 * accounts) never loads it; program/config.ts reads the same values from the engine's config.
 */
import { z } from "zod";
import type { Accounts } from "../core/accounts";
import type { Cloud } from "../core/cloud";
import { replicationFor } from "../core/replication";
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
 * What `tessera:failover` may hold for a placed stack (primary and standby clouds known): the
 * options each cloud's promotion has, and database services that exist. One source of truth for
 * the program (before any resource registers) and `tessera failover` (before it writes).
 *
 * @throws RequirementsError naming every bad field and its allowed values.
 */
export function checkFailoverSites(setting: FailoverSetting, requirements: Requirements, sites: { primary: Cloud; standby: Cloud | undefined }, stack: string): void {
  const problems = failoverSiteProblems(setting, requirements, sites, stack);
  if (problems.length > 0) throw new RequirementsError(problems, `tessera:failover of stack ${stack}`);
}

/** The problems {@link checkFailoverSites} reports (none: the setting fits the sites). */
export function failoverSiteProblems(setting: Pick<FailoverSetting, "promoteOption" | "restore">, requirements: Requirements, sites: { primary: Cloud; standby: Cloud | undefined }, stack: string): string[] {
  const problems: string[] = [];
  const databases = Object.keys(requirements.services).filter((n) => requirements.services[n]!.kind === "database");
  // Azure alone has a planned promotion (replica.promoteMode with promoteOption Planned).
  if (setting.promoteOption === "planned" && sites.standby !== "azure") {
    problems.push(`tessera:failover.promoteOption: "planned" applies to an Azure standby only (this stack's standby is on ${sites.standby ?? "no cloud"}); allowed values: forced`);
  }
  // Restoring from a copied backup is how an OCI standby database comes up (no cross-region replica).
  const restores = Object.keys(setting.restore);
  const backupCopy = sites.standby !== undefined && replicationFor("database", sites.primary, sites.standby);
  if (restores.length > 0 && !(backupCopy && backupCopy.supported && backupCopy.standby === "backup-copy")) {
    problems.push(`tessera:failover.restore: applies to an OCI standby restored from copied backups only (this stack's standby is on ${sites.standby ?? "no cloud"}); remove it`);
  } else {
    for (const name of restores) {
      if (!databases.includes(name)) problems.push(`tessera:failover.restore.${name}: "${name}" is not a database service of ${stack}; allowed values: ${databases.join(", ") || "(none)"}`);
    }
  }
  return problems;
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
