/**
 * Governance on OCI: Audit is always on for every compartment; tessera sets the tenancy's audit
 * retention (a tenancy-level singleton: one value for every compartment and stack, the last writer
 * wins, and destroying a stack leaves it). The budget lives in the root compartment, targets the
 * stack's compartment, and has alert rules at 80% and 100% of actual and forecast spend that email
 * the stack's contact (OCI budget alert rules send email only).
 */
import * as pulumi from "@pulumi/pulumi";
import { Configuration } from "@pulumi/oci/audit/configuration";
import { Budget } from "@pulumi/oci/budget/budget";
import { Rule } from "@pulumi/oci/budget/rule";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { budgetAlarms, type GovernanceArgs, type GovernanceOutputs, governanceSettings } from "./contract";

/** OCI Audit keeps 90 to 365 days (Audit API, Configuration.retentionPeriodDays). */
export const OCI_AUDIT_RETENTION = { min: 90, max: 365 } as const;

export const oci: Impl<"oci", GovernanceArgs, GovernanceOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = governanceSettings(args);
  const opts = childOpts(parent, target);
  const tenancyId = args.tenancyId!;
  let auditTrail: pulumi.Output<string> = pulumi.output("");

  if (args.auditTrail) {
    const retentionPeriodDays = Math.min(OCI_AUDIT_RETENTION.max, Math.max(OCI_AUDIT_RETENTION.min, s.retentionDays));
    // The provider cannot delete the tenancy's audit configuration: leave it on destroy.
    const config = new Configuration(`${name}-audit`, { compartmentId: tenancyId, retentionPeriodDays }, { ...opts, retainOnDelete: true });
    auditTrail = config.id;
  }

  let budgetId: pulumi.Output<string> = pulumi.output("");
  if (args.budget) {
    const freeformTags = tags(target, name, args.labels);
    const budget = new Budget(
      `${name}-budget`,
      {
        compartmentId: tenancyId,
        displayName: physicalName("oci", "budget", [target.stack, name]),
        description: `tessera ${target.stack}: monthly budget`,
        amount: args.budget.monthlyUsd,
        resetPeriod: "MONTHLY",
        targetType: "COMPARTMENT",
        targets: [target.compartmentId],
        freeformTags,
      },
      opts,
    );
    for (const a of budgetAlarms()) {
      new Rule(
        `${name}-budget-${a.key}`,
        {
          budgetId: budget.id,
          displayName: physicalName("oci", "budgetRule", [name, a.key]),
          type: a.basis === "actual" ? "ACTUAL" : "FORECAST",
          thresholdType: "PERCENTAGE",
          threshold: a.percent,
          recipients: args.budget.notify.email!,
          message: `tessera ${target.stack}: ${a.basis} spend reached ${a.percent}% of ${args.budget.monthlyUsd} USD this month`,
          freeformTags,
        },
        opts,
      );
    }
    budgetId = budget.id;
  }
  return { auditTrail, auditLogDestination: pulumi.output(""), budgetId };
};
