/**
 * Alerts on Azure: a Log Analytics workspace, an action group (email and/or webhook receivers,
 * common alert schema), and metric alerts: CPU over every VM, PostgreSQL storage_percent,
 * Container App 5xx requests.
 */
import * as pulumi from "@pulumi/pulumi";
import { ActionGroup } from "@pulumi/azure-native/monitor/actionGroup";
import { MetricAlert } from "@pulumi/azure-native/monitor/metricAlert";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { physicalName } from "../../core/naming";
import { keptName } from "../naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { type AlertsArgs, type AlertsOutputs, alertSettings } from "./contract";

export const azure: Impl<"azure", AlertsArgs, AlertsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = alertSettings(args);
  const opts = childOpts(parent, target);
  const t = tags(target, name, args.labels);
  const rg = target.resourceGroupName;
  const workspace = new Workspace(name, { resourceGroupName: rg, location: target.region, workspaceName: keptName(name, target, "logAnalyticsWorkspace", [target.stack, name], parent), sku: { name: "PerGB2018" }, retentionInDays: Math.max(30, s.logRetentionDays), tags: t }, opts);
  const group = new ActionGroup(
    name,
    {
      resourceGroupName: rg,
      location: "global",
      actionGroupName: physicalName("azure", "actionGroup", [target.stack, name]),
      groupShortName: physicalName("azure", "actionGroupShortName", [name]),
      enabled: true,
      emailReceivers: args.notify.email ? [{ name: "email", emailAddress: args.notify.email, useCommonAlertSchema: true }] : [],
      webhookReceivers: args.notify.webhookUrl ? [{ name: "webhook", serviceUri: args.notify.webhookUrl, useCommonAlertSchema: true }] : [],
      tags: t,
    },
    opts,
  );
  const alert = (suffix: string, scopes: pulumi.Input<pulumi.Input<string>[]>, resourceType: string, metric: { name: string; aggregation: string; operator: string; threshold: number; dimensions?: Array<{ name: string; operator: string; values: string[] }> }) =>
    new MetricAlert(
      `${name}-${suffix}`,
      {
        resourceGroupName: rg,
        location: "global",
        ruleName: physicalName("azure", "metricAlert", [target.stack, name, suffix]),
        enabled: true,
        severity: 2,
        scopes,
        targetResourceType: resourceType,
        targetResourceRegion: target.region,
        evaluationFrequency: "PT1M",
        windowSize: "PT5M",
        criteria: {
          odataType: "Microsoft.Azure.Monitor.MultipleResourceMultipleMetricCriteria",
          allOf: [{ criterionType: "StaticThresholdCriterion", name: metric.name.replace(/\s+/g, "-").toLowerCase(), metricName: metric.name, metricNamespace: resourceType, operator: metric.operator, threshold: metric.threshold, timeAggregation: metric.aggregation, ...(metric.dimensions ? { dimensions: metric.dimensions } : {}) }],
        },
        actions: [{ actionGroupId: group.id }],
        tags: t,
      },
      opts,
    );
  const alerts: MetricAlert[] = [];
  for (const [service, ref] of s.instances) {
    if (ref.count > 0) alerts.push(alert(`${service}-cpu`, ref.instanceIds, "Microsoft.Compute/virtualMachines", { name: "Percentage CPU", aggregation: "Average", operator: "GreaterThan", threshold: s.cpuPercent }));
  }
  for (const [service, ref] of s.groups) {
    alerts.push(alert(`${service}-cpu`, [ref.selector], "Microsoft.Compute/virtualMachineScaleSets", { name: "Percentage CPU", aggregation: "Average", operator: "GreaterThan", threshold: s.cpuPercent }));
  }
  for (const [service, ref] of s.databases) {
    alerts.push(alert(`${service}-storage`, [ref.resourceId], "Microsoft.DBforPostgreSQL/flexibleServers", { name: "storage_percent", aggregation: "Average", operator: "GreaterThan", threshold: s.storagePercent }));
  }
  for (const [service, ref] of s.functions) {
    alerts.push(
      alert(`${service}-5xx`, [ref.resourceId], "Microsoft.App/containerApps", {
        name: "Requests",
        aggregation: "Total",
        operator: "GreaterThanOrEqual",
        threshold: s.errorsPerWindow,
        dimensions: [{ name: "statusCodeCategory", operator: "Include", values: ["5xx"] }],
      }),
    );
  }
  return { logDestination: workspace.id, notificationTarget: group.id, alertIds: pulumi.all(alerts.map((a) => a.id)) };
};
