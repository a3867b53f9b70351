/**
 * Placement's side of governance: a cloud that cannot govern a service the way the stack needs is
 * rejected for that service, so placement never picks what the plan would refuse.
 *
 * - Confidential and restricted data (buckets, databases, machine disks) is encrypted with the
 *   stack's own customer-managed key: a cloud without a key service (DigitalOcean) cannot hold it.
 * - A Kubernetes API is private unless the stack names the networks that may reach it: DOKS has
 *   no private endpoint, so it needs `apiAllowedCidrs`.
 * - The audit trail and budget alarms a cloud builds need account settings (`tessera:accounts`:
 *   GCP's billing account, OCI's tenancy): a cloud whose settings are missing is rejected for the
 *   whole site, naming the field, like the project and compartment.
 *
 * Budget alarms also need someone to tell: a stack with no recipient at all is bad input, refused
 * with the requirements ({@link budgetRecipientProblem}, `budget.email`) unless it can only land
 * where no budget API exists. What remains ({@link budgetContactGap}: OCI's email-only alert rules
 * and a webhook-only contact) never moves placement; the plan reports the alarms as not built and
 * the budget-alarms policy keeps the stack from deploying until it is fixed.
 */
import type { Accounts } from "../core/accounts";
import { governance } from "../core/capabilities";
import { CLOUDS, type Cloud } from "../core/cloud";
import type { Requirements, ServiceRequirement } from "./requirements";

/** Who gets budget alarms: `budget.email`, else the first monitoring service's email; its webhook too. */
export function budgetContacts(req: Requirements): { readonly email?: string; readonly webhookUrl?: string } {
  const monitoring = Object.values(req.services).find((s): s is Extract<ServiceRequirement, { kind: "monitoring" }> => s.kind === "monitoring" && (s.email !== undefined || s.webhookUrl !== undefined));
  const email = req.budget?.email ?? monitoring?.email;
  return { ...(email !== undefined ? { email } : {}), ...(monitoring?.webhookUrl !== undefined ? { webhookUrl: monitoring.webhookUrl } : {}) };
}

/** What Governance builds on `cloud` for the stack: its audit trail and budget alarms. */
export function governanceWanted(req: Requirements, cloud: Cloud): { readonly trail: boolean; readonly budget: boolean } {
  return { trail: req.audit.trail && governance("audit-trail", cloud).supported, budget: req.budget !== undefined && governance("budget-alarms", cloud).supported };
}

/** The OCI tenancy: `tenancyId`, or the compartment when the stack deploys into the root compartment. */
export const ociTenancyOf = (accounts: Accounts): string | undefined =>
  accounts.oci?.tenancyId ?? (accounts.oci?.compartmentId.startsWith("ocid1.tenancy.") ? accounts.oci.compartmentId : undefined);

/** One missing governance setting: the field to set and why. */
export interface GovernanceGap {
  readonly field: string;
  readonly message: string;
}

/** The `tessera:accounts` fields the stack's governance on `cloud` needs and `accounts` lacks. */
export function governanceGaps(req: Requirements, cloud: Cloud, accounts: Accounts): GovernanceGap[] {
  const w = governanceWanted(req, cloud);
  const gaps: GovernanceGap[] = [];
  if (cloud === "gcp" && w.budget && !accounts.gcp?.billingAccount) {
    gaps.push({ field: "tessera:accounts.gcp.billingAccount", message: "required on gcp: the budget alarms are a Cloud Billing budget, which lives in a billing account" });
  }
  if (cloud === "oci" && (w.trail || w.budget) && ociTenancyOf(accounts) === undefined) {
    gaps.push({ field: "tessera:accounts.oci.tenancyId", message: `required on oci: ${w.trail ? "audit retention is set on the tenancy" : "budgets live in the root compartment"} (the tenancy OCID)` });
  }
  return gaps;
}

/**
 * `budget.email` when the stack has a budget, names no recipient (no `budget.email`, no monitoring
 * email or webhook) and may land on a cloud that builds budget alarms: alarms need someone to tell.
 * Checked with the requirements, before placement: a stack that can only land where no budget API
 * exists (DigitalOcean) needs no recipient.
 */
export function budgetRecipientProblem(req: Requirements): string | undefined {
  if (req.budget === undefined) return undefined;
  const contacts = budgetContacts(req);
  if (contacts.email !== undefined || contacts.webhookUrl !== undefined) return undefined;
  const clouds = CLOUDS.filter((c) => (req.clouds?.allow?.includes(c) ?? true) && !req.clouds?.deny?.includes(c) && governance("budget-alarms", c).supported);
  if (clouds.length === 0) return undefined;
  return `budget.email: required with budget.monthlyUsd: the budget alarms built on ${clouds.join(", ")} need a recipient; set budget.email, or an email or webhookUrl on a monitoring service`;
}

/** Why the budget alarms on `cloud` would tell nobody (undefined when they can tell someone). */
export function budgetContactGap(req: Requirements, cloud: Cloud): GovernanceGap | undefined {
  if (!governanceWanted(req, cloud).budget) return undefined;
  const contacts = budgetContacts(req);
  if (contacts.email === undefined && contacts.webhookUrl === undefined) {
    return { field: "tessera:requirements.budget.email", message: "the budget alarms need someone to tell, and no monitoring service has an email or webhookUrl" };
  }
  if (cloud === "oci" && contacts.email === undefined) {
    return { field: "tessera:requirements.budget.email", message: "OCI budget alert rules send email only, and the stack's monitoring contact is a webhook" };
  }
  return undefined;
}

/** Service kinds whose data the stack's own key encrypts. */
const KEYED = new Set<ServiceRequirement["kind"]>(["object-storage", "database", "compute", "gpu-compute"]);

/** Why `cloud` cannot govern `service` as the stack asks, or undefined. */
export function governanceProblem(req: Requirements, name: string, service: ServiceRequirement, cloud: Cloud): string | undefined {
  const keys = governance("customer-managed-keys", cloud);
  if ((req.dataClassification === "confidential" || req.dataClassification === "restricted") && KEYED.has(service.kind) && !keys.supported) {
    return `${name}: ${req.dataClassification} data needs the stack's own customer-managed key, and ${keys.reason}`;
  }
  if (service.kind === "kubernetes" && cloud === "digitalocean" && service.apiAllowedCidrs.length === 0) {
    return `${name}: DOKS has no private API endpoint; set services.${name}.apiAllowedCidrs to the networks allowed to reach it`;
  }
  return undefined;
}
