/**
 * The stack's governance from its requirements: the Governance component (audit trail, budget
 * alarms) once per account scope, and a report of every governance control — built, opted out
 * (with the stack's reason) or unavailable on the placed cloud (with the matrix's reason) — that
 * the stack outputs and `tessera plan` prints.
 *
 * An account scope is a cloud's account context from `tessera:accounts` (one AWS account, one
 * Azure subscription, one GCP project, one OCI tenancy per stack), so a standby on the same cloud
 * shares the primary's trail and budget, and a cross-cloud standby gets its own.
 */
import { type Capability, type GovernanceFeature, governance } from "../core/capabilities";
import type { Cloud, ServiceKind } from "../core/cloud";
import { Governance } from "../components/governance";
import type { Notify } from "../components/monitoring";
import { type Accounts, requireAccount } from "../components/providers";
import type { Target } from "../components/target";
import { invalid } from "../components/validation";
import { DEFAULT_FLOW_LOG_RETENTION_DAYS, ociLogRetention } from "../components/retention";
import type { RequestedKind, Requirements, ServiceRequirement } from "../placement/requirements";

/** One placed site. */
export interface GovernedSite {
  readonly cloud: Cloud;
  readonly region: string;
  /** The site's placed monthly cost (the budget is shared in proportion across clouds). */
  readonly monthlyUsd: number;
}

/** Kinds whose services live in the site's network. */
const NETWORKED: readonly RequestedKind[] = ["compute", "gpu-compute", "database", "kubernetes"];

/** What the stack's services use, as service kinds (GCP audits these APIs' data access). */
export function kindsUsed(req: Requirements): ServiceKind[] {
  const kinds = new Set<ServiceKind>(Object.values(req.services).map((s) => s.kind));
  if (Object.values(req.services).some((s) => NETWORKED.includes(s.kind))) kinds.add("network");
  if (req.failover?.dns) kinds.add("dns-failover");
  return [...kinds].sort();
}

/** Who gets budget alarms: `budget.email`, else the first monitoring service's email; its webhook too. */
export function budgetContacts(req: Requirements): Notify {
  const monitoring = Object.values(req.services).find((s): s is Extract<ServiceRequirement, { kind: "monitoring" }> => s.kind === "monitoring" && (s.email !== undefined || s.webhookUrl !== undefined));
  const email = req.budget?.email ?? monitoring?.email;
  return { ...(email !== undefined ? { email } : {}), ...(monitoring?.webhookUrl !== undefined ? { webhookUrl: monitoring.webhookUrl } : {}) };
}

/** Flow-log retention: the stack's log retention (its monitoring service), or the default. */
export function flowLogRetention(req: Requirements): number {
  const monitoring = Object.values(req.services).find((s): s is Extract<ServiceRequirement, { kind: "monitoring" }> => s.kind === "monitoring");
  return monitoring?.logRetentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS;
}

/** The OCI tenancy: `tenancyId`, or the compartment when the stack deploys into the root compartment. */
const tenancyOf = (accounts: Accounts): string | undefined => accounts.oci?.tenancyId ?? (accounts.oci?.compartmentId.startsWith("ocid1.tenancy.") ? accounts.oci.compartmentId : undefined);

/** The clouds (account scopes) of the sites, primary first. */
const scopes = (sites: readonly GovernedSite[]): Cloud[] => [...new Set(sites.map((s) => s.cloud))];

/** What each scope gets, before anything is built. */
function wanted(req: Requirements, cloud: Cloud) {
  return { trail: req.audit.trail && governance("audit-trail", cloud).supported, budget: req.budget !== undefined && governance("budget-alarms", cloud).supported };
}

/**
 * Account settings governance needs on the placed clouds; throws the same error `requireAccount`
 * throws for the project or compartment, before any resource registers.
 */
export function checkGovernanceAccounts(req: Requirements, accounts: Accounts, sites: readonly GovernedSite[]): void {
  for (const cloud of scopes(sites)) {
    const w = wanted(req, cloud);
    if (cloud === "gcp" && w.budget) requireAccount(accounts.gcp?.billingAccount, "gcp", "billingAccount");
    if (cloud === "oci" && (w.trail || w.budget)) requireAccount(tenancyOf(accounts), "oci", "tenancyId");
    const contacts = budgetContacts(req);
    if (w.budget && contacts.email === undefined && contacts.webhookUrl === undefined) {
      invalid("tessera:requirements.budget.email", `required: the budget alarms on ${cloud} (80% and 100% of actual and forecast spend) need someone to tell, and no monitoring service has an email or webhookUrl`);
    }
    if (cloud === "oci" && w.budget && contacts.email === undefined) {
      invalid("tessera:requirements.budget.email", "required on oci: OCI budget alert rules send email only, and the stack's monitoring contact is a webhook");
    }
  }
}

/** The budget's share for one scope: in proportion to the placed cost there (evenly when nothing is priced). */
function share(req: Requirements, sites: readonly GovernedSite[], cloud: Cloud): number {
  const total = sites.reduce((sum, s) => sum + s.monthlyUsd, 0);
  const here = sites.filter((s) => s.cloud === cloud).reduce((sum, s) => sum + s.monthlyUsd, 0);
  const clouds = scopes(sites).length;
  const fraction = total > 0 ? here / total : 1 / clouds;
  return Math.round((req.budget?.monthlyUsd ?? 0) * fraction * 100) / 100;
}

/**
 * Builds Governance once per account scope, on the first site of that cloud (`targetOf`).
 * Returns the components by cloud.
 */
export function buildGovernance(req: Requirements, accounts: Accounts, sites: readonly GovernedSite[], targetOf: (cloud: Cloud) => Target): Partial<Record<Cloud, Governance>> {
  const built: Partial<Record<Cloud, Governance>> = {};
  const multi = scopes(sites).length > 1;
  for (const cloud of scopes(sites)) {
    const w = wanted(req, cloud);
    if (!w.trail && !w.budget) continue;
    const tenancyId = tenancyOf(accounts);
    built[cloud] = new Governance(multi ? `governance-${cloud}` : "governance", {
      target: targetOf(cloud),
      ...(w.trail ? { auditTrail: { retentionDays: req.audit.retentionDays, services: kindsUsed(req) } } : {}),
      ...(w.budget ? { budget: { monthlyUsd: share(req, sites, cloud), notify: budgetContacts(req) } } : {}),
      ...(cloud === "gcp" && accounts.gcp?.billingAccount ? { billingAccount: accounts.gcp.billingAccount } : {}),
      ...(cloud === "oci" && tenancyId ? { tenancyId } : {}),
    });
  }
  return built;
}

/** One line of the governance report. */
export interface GovernanceLine {
  readonly feature: GovernanceFeature;
  readonly cloud: Cloud;
  /** built; opted-out (the stack's choice); unavailable (the cloud lacks it). */
  readonly status: "built" | "opted-out" | "unavailable";
  readonly detail: string;
}

const cellText = (cell: Capability) => (cell.supported ? `${cell.offering}${cell.note ? ` (${cell.note})` : ""}` : cell.reason);

/** Every governance control that applies to the stack, per account scope or site, and what happens to it. */
export function governanceReport(req: Requirements, sites: readonly GovernedSite[]): GovernanceLine[] {
  const lines: GovernanceLine[] = [];
  const line = (feature: GovernanceFeature, cloud: Cloud, detail?: string) => {
    const cell = governance(feature, cloud);
    lines.push({ feature, cloud, status: cell.supported ? "built" : "unavailable", detail: detail && cell.supported ? detail : cellText(cell) });
  };
  const kinds = new Set(Object.values(req.services).map((s) => s.kind));
  for (const cloud of scopes(sites)) {
    if (!req.audit.trail) lines.push({ feature: "audit-trail", cloud, status: "opted-out", detail: `tessera:requirements audit.trail: false — ${req.audit.reason ?? ""}` });
    else line("audit-trail", cloud, cloud === "oci" ? `${cellText(governance("audit-trail", cloud))}; retention ${Math.min(365, req.audit.retentionDays)} days` : `${cellText(governance("audit-trail", cloud))}; retention ${req.audit.retentionDays} days`);
    if (req.budget) line("budget-alarms", cloud, `${cellText(governance("budget-alarms", cloud))}; ${share(req, sites, cloud)} USD/month, alarms at 80% and 100% of actual and forecast spend`);
  }
  for (const cloud of [...new Set(sites.map((s) => s.cloud))]) {
    if (Object.values(req.services).some((s) => NETWORKED.includes(s.kind))) {
      const days = flowLogRetention(req);
      const kept = cloud === "oci" ? ociLogRetention(days) : days;
      line("flow-logs", cloud, `${cellText(governance("flow-logs", cloud))}; retention ${kept} days${kept < days ? ` (asked ${days})` : ""}`);
    }
    if (kinds.has("object-storage")) {
      line("storage-access-logs", cloud);
      line("storage-tls-only", cloud);
    }
    if (req.dataClassification === "confidential" || req.dataClassification === "restricted") line("customer-managed-keys", cloud);
    for (const [name, s] of Object.entries(req.services)) {
      if (s.kind !== "kubernetes") continue;
      const cidrs = s.apiAllowedCidrs;
      if (cloud === "digitalocean" && cidrs.length === 0) {
        lines.push({ feature: "private-kubernetes-api", cloud, status: "unavailable", detail: `${name}: DOKS has no private endpoint; its API stays public (token-authenticated) until services.${name}.apiAllowedCidrs turns on the control-plane firewall` });
      } else {
        line("private-kubernetes-api", cloud, cidrs.length > 0 ? `${name}: public endpoint limited to ${cidrs.join(", ")}` : `${name}: private endpoint only`);
      }
    }
  }
  return lines;
}
