/**
 * Governance: the audit trail of the account scope a stack deploys into (an AWS account, an Azure
 * subscription, a GCP project, an OCI tenancy) and the stack's budget with its alarms. Built once
 * per account scope: a standby site on the same cloud shares the primary's (one multi-region trail,
 * one subscription diagnostic setting, one project audit configuration, one tenancy retention).
 */
import type * as pulumi from "@pulumi/pulumi";
import { type GovernanceFeature, governance } from "../../core/capabilities";
import type { ServiceKind } from "../../core/cloud";
import type { Notify } from "../monitoring/contract";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { checkInt, invalid } from "../validation";

/** Budget alarm thresholds, percent of the monthly amount, each on actual and on forecast spend. */
export const BUDGET_THRESHOLDS = [80, 100] as const;

/** Spend a budget alarm compares with its threshold. */
export const SPEND_BASES = ["actual", "forecast"] as const;

/** The audit trail. */
export interface AuditTrailArgs {
  /**
   * Days audit records are kept: the trail bucket's expiry (AWS), the workspace retention
   * (Azure, 30-730), the audit log bucket's retention (GCP), the tenancy's audit retention
   * (OCI, 90-365: longer is capped at 365).
   * @default 365 (PCI DSS 10.5.1 keeps audit logs at least 12 months)
   */
  readonly retentionDays?: number;
  /**
   * GCP: the service kinds the stack uses; their APIs get Data Access audit logs (ADMIN_READ,
   * DATA_READ, DATA_WRITE). Other clouds record data-plane access with their own settings.
   * @default ["object-storage"]
   */
  readonly services?: readonly ServiceKind[];
}

/** The stack's budget. */
export interface BudgetArgs {
  /** The monthly amount, USD. */
  readonly monthlyUsd: number;
  /** Who gets the alarms (the stack's monitoring contacts, or `budget.email`). */
  readonly notify: Notify;
  /**
   * Azure: the first day of the first budget month (`YYYY-MM-01`). Azure refuses a start date
   * before the current month and never lets it change afterwards, so tessera sets it once and
   * ignores later differences.
   * @default the first day of the current month (UTC)
   */
  readonly startDate?: string;
}

/** Arguments of {@link Governance}. */
export interface GovernanceArgs {
  /** Where to build: the account scope's cloud (region: where the trail's storage lives). */
  readonly target: Target;
  /** The audit trail; omitted: none (the stack opted out with a reason). */
  readonly auditTrail?: AuditTrailArgs;
  /** The budget and its alarms; omitted: none. */
  readonly budget?: BudgetArgs;
  /** GCP: the Cloud Billing account (`XXXXXX-XXXXXX-XXXXXX`) the budget lives in; required with `budget`. */
  readonly billingAccount?: string;
  /** OCI: the tenancy OCID; audit retention and budgets live in the root compartment. Required on OCI. */
  readonly tenancyId?: pulumi.Input<string>;
  /** Pulumi `protect` on the audit log storage. @default true */
  readonly protect?: boolean;
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns. */
export interface GovernanceOutputs {
  /**
   * The audit trail: trail ARN (AWS), subscription diagnostic setting id (Azure), audit log
   * sink id (GCP), audit configuration id (OCI); "" without one.
   */
  readonly auditTrail: pulumi.Output<string>;
  /** Where audit records land: bucket name (AWS), workspace id (Azure), log bucket id (GCP), "" (OCI keeps them in Audit). */
  readonly auditLogDestination: pulumi.Output<string>;
  /** The budget's id; "" without one. */
  readonly budgetId: pulumi.Output<string>;
}

/** Defaults filled in. */
export const governanceSettings = (args: GovernanceArgs) => ({
  retentionDays: args.auditTrail?.retentionDays ?? 365,
  services: args.auditTrail?.services ?? (["object-storage"] as const),
});

/** `alarm-80-actual`, … in a fixed order (thresholds, then bases). */
export const budgetAlarms = (): Array<{ key: string; percent: number; basis: (typeof SPEND_BASES)[number] }> =>
  BUDGET_THRESHOLDS.flatMap((percent) => SPEND_BASES.map((basis) => ({ key: `${basis}-${percent}`, percent, basis })));

/** The first day of the current month, UTC (`YYYY-MM-01`). */
export function currentMonth(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

const requireCell = (feature: GovernanceFeature, field: string, cloud: Target["cloud"]) => {
  const cell = governance(feature, cloud);
  if (!cell.supported) invalid(field, `${feature} is not available on ${cloud}: ${cell.reason}`);
};

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateGovernanceArgs(args: GovernanceArgs): void {
  const cloud = args.target.cloud;
  if (!args.auditTrail && !args.budget) invalid("auditTrail", "Governance needs an auditTrail, a budget or both");
  if (args.auditTrail) {
    requireCell("audit-trail", "auditTrail", cloud);
    checkInt("auditTrail.retentionDays", args.auditTrail.retentionDays, cloud === "oci" ? 90 : 1, cloud === "azure" ? 730 : 3650);
  }
  if (args.budget) {
    requireCell("budget-alarms", "budget", cloud);
    const { monthlyUsd, notify, startDate } = args.budget;
    if (!(monthlyUsd > 0)) invalid("budget.monthlyUsd", `must be a positive amount (got ${monthlyUsd})`);
    if (!notify.email && !notify.webhookUrl) invalid("budget.notify", "needs an email or a webhookUrl to send the alarms to");
    if (notify.webhookUrl !== undefined && !/^https:\/\//.test(notify.webhookUrl)) invalid("budget.notify.webhookUrl", "must be an https:// URL");
    if (startDate !== undefined && !/^\d{4}-(0[1-9]|1[0-2])-01$/.test(startDate)) invalid("budget.startDate", `"${startDate}" is not the first day of a month (YYYY-MM-01)`);
    if (cloud === "gcp" && !args.billingAccount) invalid("billingAccount", "required for a budget on gcp (tessera:accounts.gcp.billingAccount): Cloud Billing budgets live in the billing account");
    if (cloud === "oci" && notify.email === undefined) invalid("budget.notify.email", "OCI budget alert rules send email only; give an email");
  }
  if (cloud === "oci" && args.tenancyId === undefined) invalid("tenancyId", "required on oci (tessera:accounts.oci.tenancyId): audit retention and budgets live in the tenancy's root compartment");
}
