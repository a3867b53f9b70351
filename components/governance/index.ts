/**
 * `tessera:governance:Governance` — the audit trail of the account scope a stack deploys into and
 * the stack's budget alarms: CloudTrail + AWS Budgets, activity-log export + Consumption budget,
 * Data Access audit logs + Cloud Billing budget, OCI Audit retention + OCI budget. DigitalOcean has
 * neither (see the governance matrix).
 *
 * @example
 * new Governance("governance", { target, auditTrail: { retentionDays: 365 }, budget: { monthlyUsd: 500, notify: { email: "ops@example.com" } } });
 */
import * as pulumi from "@pulumi/pulumi";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { aws } from "./aws";
import { azure } from "./azure";
import { type GovernanceArgs, type GovernanceOutputs, validateGovernanceArgs } from "./contract";
import { digitalocean } from "./digitalocean";
import { gcp } from "./gcp";
import { oci } from "./oci";

export type { AuditTrailArgs, BudgetArgs, GovernanceArgs, GovernanceOutputs } from "./contract";
export { BUDGET_THRESHOLDS, SPEND_BASES } from "./contract";

/** The per-cloud implementations (DigitalOcean's throws: both cells are unsupported). */
export const GOVERNANCE_IMPLS = { aws, azure, gcp, digitalocean, oci } satisfies Registry<GovernanceArgs, GovernanceOutputs>;

/** The account scope's audit trail and the stack's budget alarms. */
export class Governance extends pulumi.ComponentResource implements GovernanceOutputs {
  public readonly auditTrail: pulumi.Output<string>;
  public readonly auditLogDestination: pulumi.Output<string>;
  public readonly budgetId: pulumi.Output<string>;

  constructor(name: string, args: GovernanceArgs, opts: pulumi.ComponentResourceOptions = {}) {
    validateGovernanceArgs(args);
    super(TOKENS.governance, name, {}, opts);
    const out = build(GOVERNANCE_IMPLS, name, args, this);
    this.auditTrail = out.auditTrail;
    this.auditLogDestination = out.auditLogDestination;
    this.budgetId = out.budgetId;
    this.registerOutputs({ auditTrail: this.auditTrail, auditLogDestination: this.auditLogDestination, budgetId: this.budgetId });
  }
}
