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
import { type GovernanceArgs, type GovernanceOutputs, validateGovernanceArgs } from "./contract";

export type { AuditTrailArgs, BudgetArgs, GovernanceArgs, GovernanceOutputs } from "./contract";
export { BUDGET_THRESHOLDS, SPEND_BASES } from "./contract";

/** The per-cloud implementations (DigitalOcean's throws: both cells are unsupported), each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const GOVERNANCE_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<GovernanceArgs, GovernanceOutputs>;

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
