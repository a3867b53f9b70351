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
import type { Accounts } from "../core/accounts";
import type { Target } from "../components/target";
import { invalid } from "../components/validation";
import { keyUses } from "./keys";
import { DEFAULT_FLOW_LOG_RETENTION_DAYS, ociLogRetention } from "../components/retention";
import { budgetContactGap, budgetContacts, governanceGaps, governanceWanted, ociTenancyOf } from "../placement/governance";
import type { RequestedKind, Requirements, ServiceRequirement } from "../placement/requirements";

export { budgetContacts } from "../placement/governance";

/** One placed site. */
export interface GovernedSite {
  readonly cloud: Cloud;
  readonly region: string;
  /** The site's placed monthly cost (the budget is shared in proportion across clouds). */
  readonly monthlyUsd: number;
}

/** Kinds whose services live in the site's network. */
const NETWORKED: readonly RequestedKind[] = ["compute", "gpu-compute", "database", "kubernetes"];

/** What the stack's services use on `cloud`, as service kinds (GCP audits these APIs' data access). */
export function kindsUsed(req: Requirements, cloud: Cloud): ServiceKind[] {
  const kinds = new Set<ServiceKind>(Object.values(req.services).map((s) => s.kind));
  // Confidential data gets the stack's own key, a Secrets component (Cloud KMS on GCP), even without a secrets service.
  if (keyUses(req, cloud).length > 0) kinds.add("secrets");
  if (Object.values(req.services).some((s) => NETWORKED.includes(s.kind))) kinds.add("network");
  if (req.failover?.dns) kinds.add("dns-failover");
  return [...kinds].sort();
}

/** Flow-log retention: the stack's log retention (its monitoring service), or the default. */
export function flowLogRetention(req: Requirements): number {
  const monitoring = Object.values(req.services).find((s): s is Extract<ServiceRequirement, { kind: "monitoring" }> => s.kind === "monitoring");
  return monitoring?.logRetentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS;
}

/** The clouds (account scopes) of the sites, primary first. */
const scopes = (sites: readonly GovernedSite[]): Cloud[] => [...new Set(sites.map((s) => s.cloud))];

/**
 * Account settings governance needs on the placed clouds (placement rejects such clouds first; a
 * locked placement can still reach here): throws before any resource registers.
 */
export function checkGovernanceAccounts(req: Requirements, accounts: Accounts, sites: readonly GovernedSite[]): void {
  for (const cloud of scopes(sites)) {
    const gap = governanceGaps(req, cloud, accounts)[0];
    if (gap) invalid(gap.field, gap.message);
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
    const w = governanceWanted(req, cloud);
    // Alarms that would tell nobody are not built: the report says why and the budget-alarms policy blocks the deployment.
    const budget = w.budget && budgetContactGap(req, cloud) === undefined;
    if (!w.trail && !budget) continue;
    const tenancyId = ociTenancyOf(accounts);
    built[cloud] = new Governance(multi ? `governance-${cloud}` : "governance", {
      target: targetOf(cloud),
      ...(w.trail ? { auditTrail: { retentionDays: req.audit.retentionDays, services: kindsUsed(req, cloud) } } : {}),
      ...(budget ? { budget: { monthlyUsd: share(req, sites, cloud), notify: budgetContacts(req) } } : {}),
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
  /** built; opted-out (the stack's choice); unavailable (the cloud lacks it); incomplete (the stack lacks a setting it needs). */
  readonly status: "built" | "opted-out" | "unavailable" | "incomplete";
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
    const gap = budgetContactGap(req, cloud);
    if (req.budget && gap) lines.push({ feature: "budget-alarms", cloud, status: "incomplete", detail: `not built: ${gap.message}; set ${gap.field}` });
    else if (req.budget) line("budget-alarms", cloud, `${cellText(governance("budget-alarms", cloud))}; ${share(req, sites, cloud)} USD/month, alarms at 80% and 100% of actual and forecast spend`);
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
