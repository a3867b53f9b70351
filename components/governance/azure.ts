/**
 * Governance on Azure: the subscription's activity log (every category) exported by a subscription
 * diagnostic setting to a Log Analytics workspace kept for the audit retention; and a Consumption
 * budget on the subscription, filtered to the stack's tag, with alarms at 80% and 100% of actual
 * and forecast spend to the stack's email (and an action group with the webhook).
 */
import * as pulumi from "@pulumi/pulumi";
import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import { Budget } from "@pulumi/azure-native/consumption/budget";
import { ActionGroup } from "@pulumi/azure-native/monitor/actionGroup";
import { SubscriptionDiagnosticSetting } from "@pulumi/azure-native/monitor/subscriptionDiagnosticSetting";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { physicalName } from "../../core/naming";
import { keptName } from "../naming";
import { TAG_KEYS } from "../../core/tags";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { budgetAlarms, currentMonth, type GovernanceArgs, type GovernanceOutputs, governanceSettings } from "./contract";

/** The activity log's categories (Azure Monitor, "Azure Monitor activity log schema"); all exported. */
export const ACTIVITY_LOG_CATEGORIES = ["Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"] as const;

export const azure: Impl<"azure", GovernanceArgs, GovernanceOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = governanceSettings(args);
  const opts = childOpts(parent, target);
  const t = tags(target, name, args.labels);
  let auditTrail: pulumi.Output<string> = pulumi.output("");
  let auditLogDestination: pulumi.Output<string> = pulumi.output("");

  if (args.auditTrail) {
    const workspace = new Workspace(
      `${name}-audit`,
      // Log Analytics keeps 30-730 days of interactive retention.
      { resourceGroupName: target.resourceGroupName, location: target.region, workspaceName: keptName(`${name}-audit`, target, "logAnalyticsWorkspace", [target.stack, name, "audit"], parent), sku: { name: "PerGB2018" }, retentionInDays: Math.min(730, Math.max(30, s.retentionDays)), tags: t },
      statefulOpts(parent, target, args.protect),
    );
    // One per subscription and stack; a subscription takes at most five diagnostic settings.
    const setting = new SubscriptionDiagnosticSetting(
      `${name}-activity-log`,
      { name: physicalName("azure", "subscriptionDiagnosticSetting", ["tessera", target.stack, name]), workspaceId: workspace.id, logs: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category, enabled: true })) },
      opts,
    );
    auditTrail = setting.id;
    auditLogDestination = workspace.id;
  }

  let budgetId: pulumi.Output<string> = pulumi.output("");
  if (args.budget) {
    const { notify } = args.budget;
    const group = notify.webhookUrl
      ? new ActionGroup(
          `${name}-budget`,
          {
            resourceGroupName: target.resourceGroupName,
            location: "global",
            actionGroupName: physicalName("azure", "actionGroup", [target.stack, name, "budget"]),
            groupShortName: "budget",
            enabled: true,
            webhookReceivers: [{ name: "webhook", serviceUri: notify.webhookUrl, useCommonAlertSchema: true }],
            tags: t,
          },
          opts,
        )
      : undefined;
    const subscriptionId = getClientConfigOutput({ parent, provider: target.provider }).subscriptionId;
    const budget = new Budget(
      `${name}-budget`,
      {
        scope: pulumi.interpolate`/subscriptions/${subscriptionId}`,
        budgetName: physicalName("azure", "consumptionBudget", [target.stack, name]),
        amount: args.budget.monthlyUsd,
        category: "Cost",
        timeGrain: "Monthly",
        timePeriod: { startDate: `${args.budget.startDate ?? currentMonth()}T00:00:00Z` },
        filter: { tags: { name: TAG_KEYS.stack, operator: "In", values: [target.stack] } },
        notifications: Object.fromEntries(
          budgetAlarms().map((a) => [
            a.key,
            {
              enabled: true,
              operator: "GreaterThan",
              threshold: a.percent,
              thresholdType: a.basis === "actual" ? "Actual" : "Forecasted",
              contactEmails: notify.email ? [notify.email] : [],
              ...(group ? { contactGroups: [group.id] } : {}),
            },
          ]),
        ),
      },
      // Azure never lets a budget's start date change; the first month stays.
      { ...opts, ignoreChanges: ["timePeriod.startDate"] },
    );
    budgetId = budget.id;
  }
  return { auditTrail, auditLogDestination, budgetId };
};
