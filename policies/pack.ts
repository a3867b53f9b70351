/**
 * The rule list and the factory that turns it into a pack's policies: select by framework and
 * severity, set enforcement per rule, exclude resources by name pattern.
 */
import type { PolicyPackArgs } from "@pulumi/policy";
import { z } from "zod";
import { FRAMEWORKS, type Framework, SEVERITIES, type Severity } from "./frameworks";
import { asRule, type PolicyOptions, type Rule, toPolicy } from "./rule";
import { backupRetention, databaseNotPublic, deletionProtection, digitaloceanDatabaseFirewall } from "./rules/database";
import { dataEncryption } from "./rules/encryption";
import { noOpenAdminPorts, noPublicIp } from "./rules/network";
import { replicationEncrypted } from "./rules/replication";
import { noPlaintextSecrets } from "./rules/secrets";
import { auditTrail, budgetAlarms } from "./rules/audit";
import { kubernetesApiNotPublic, sensitiveDataCustomerKey, storageTlsOnly } from "./rules/hardening";
import { networkFlowLogs, storageAccessLogging } from "./rules/logging";
import { budget, residency } from "./rules/stack";
import { s3BucketLockedDown, storageEncryption, storageNoPublicAccess, storageVersioning } from "./rules/storage";
import { requiredTags } from "./rules/tags";
import { tlsInTransit } from "./rules/transport";
import { groupMachinesNotPublic, loadBalancerHealthCheck, loadBalancerHttps } from "./rules/webtier";

/** Every rule, in report order: data first, then network, secrets, inventory, audit, residency, cost. */
export const RULES: readonly Rule[] = [
  asRule(storageNoPublicAccess),
  asRule(storageEncryption),
  asRule(storageVersioning),
  asRule(s3BucketLockedDown),
  asRule(storageTlsOnly),
  asRule(storageAccessLogging),
  asRule(dataEncryption),
  asRule(sensitiveDataCustomerKey),
  asRule(databaseNotPublic),
  asRule(digitaloceanDatabaseFirewall),
  asRule(deletionProtection),
  asRule(backupRetention),
  asRule(tlsInTransit),
  asRule(replicationEncrypted),
  asRule(noOpenAdminPorts),
  asRule(noPublicIp),
  asRule(loadBalancerHttps),
  asRule(loadBalancerHealthCheck),
  asRule(groupMachinesNotPublic),
  asRule(kubernetesApiNotPublic),
  asRule(networkFlowLogs),
  asRule(noPlaintextSecrets),
  asRule(requiredTags),
  asRule(auditTrail),
  asRule(residency),
  asRule(budget),
  asRule(budgetAlarms),
];

/** What a pack enables. */
export interface PackOptions extends PolicyOptions {
  /** Keep only rules that serve at least one of these frameworks. @default every rule */
  readonly frameworks?: readonly Framework[];
  /** Keep only rules of this severity or higher. @default "low" */
  readonly minSeverity?: Severity;
}

const ENFORCEMENT = ["advisory", "mandatory", "remediate", "disabled"] as const;

/** The schema of `tessera-policies.json` (and of {@link PackOptions}). */
export const packOptionsSchema = z.strictObject({
  frameworks: z.array(z.enum(FRAMEWORKS)).optional(),
  minSeverity: z.enum(SEVERITIES).optional(),
  enforcement: z.record(z.string(), z.enum(ENFORCEMENT)).optional(),
  exclude: z.record(z.string(), z.array(z.string().min(1))).optional(),
  config: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

/** Rules that `options` selects. */
export function selectRules(options: PackOptions = {}): Rule[] {
  const floor = SEVERITIES.indexOf(options.minSeverity ?? "low");
  const known = new Set(RULES.map((r) => r.id));
  for (const id of [...Object.keys(options.enforcement ?? {}), ...Object.keys(options.config ?? {}), ...Object.keys(options.exclude ?? {})]) {
    if (id !== "*" && !known.has(id)) throw new Error(`unknown rule id "${id}" in policy options; allowed values: ${[...known].join(", ")}`);
  }
  return RULES.filter(
    (rule) => SEVERITIES.indexOf(rule.severity) >= floor && (!options.frameworks || options.frameworks.some((f) => rule.frameworks[f] !== undefined)),
  );
}

/** The policies of a pack built with `options`. */
export function createPolicies(options: PackOptions = {}): PolicyPackArgs["policies"] {
  return selectRules(options).map((rule) => toPolicy(rule, options));
}
