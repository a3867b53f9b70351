/**
 * Governance on GCP: Data Access audit logs (ADMIN_READ, DATA_READ, DATA_WRITE) for the APIs the
 * stack uses, every audit log of the project routed to a regional log bucket kept for the audit
 * retention (and the Data Access logs excluded from _Default, so they are stored and billed once);
 * and a Cloud Billing budget on the project, filtered to the stack's label, with alarms at 80% and
 * 100% of current and forecast spend to notification channels for the stack's contacts.
 */
import * as pulumi from "@pulumi/pulumi";
import { Budget } from "@pulumi/gcp/billing/budget";
import { ProjectBucketConfig } from "@pulumi/gcp/logging/projectBucketConfig";
import { ProjectExclusion } from "@pulumi/gcp/logging/projectExclusion";
import { ProjectSink } from "@pulumi/gcp/logging/projectSink";
import { NotificationChannel } from "@pulumi/gcp/monitoring/notificationChannel";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import { IAMAuditConfig } from "@pulumi/gcp/projects/iamauditConfig";
import type { ServiceKind } from "../../core/cloud";
import type { GcpApi } from "../../core/gcp-apis";
import { physicalName } from "../../core/naming";
import { enableApis } from "../gcp-project";
import { keptName } from "../naming";
import { TAG_KEYS } from "../../core/tags";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { gcpLabels } from "../tags";
import { budgetAlarms, type GovernanceArgs, type GovernanceOutputs, governanceSettings } from "./contract";

/** The Google APIs each service kind uses: their Data Access audit logs are turned on. */
export const GCP_AUDITED_APIS: { readonly [K in ServiceKind]: readonly string[] } = {
  network: ["compute.googleapis.com"],
  compute: ["compute.googleapis.com"],
  "gpu-compute": ["compute.googleapis.com"],
  // Load balancers, instance templates and managed instance groups are Compute Engine resources.
  "web-tier": ["compute.googleapis.com"],
  "object-storage": ["storage.googleapis.com"],
  database: ["cloudsql.googleapis.com"],
  kubernetes: ["container.googleapis.com"],
  // A function's secret environment values live in Secret Manager (components/serverless/gcp.ts).
  serverless: ["run.googleapis.com", "secretmanager.googleapis.com"],
  secrets: ["secretmanager.googleapis.com", "cloudkms.googleapis.com"],
  monitoring: [],
  analytics: ["bigquery.googleapis.com"],
  "dns-failover": ["dns.googleapis.com"],
};

/** A budget amount in the API's units and nanos. */
const money = (usd: number) => {
  const units = Math.floor(usd);
  const nanos = Math.round((usd - units) * 1e9);
  return { currencyCode: "USD", units: String(units), ...(nanos > 0 ? { nanos } : {}) };
};

export const gcp: Impl<"gcp", GovernanceArgs, GovernanceOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = governanceSettings(args);
  const project = target.project;
  const labels = gcpLabels(target, name, args.labels);
  // Every resource depends on the API it calls (a fresh project refuses it: SERVICE_DISABLED).
  const on = (apis: GcpApi[], ...after: pulumi.Resource[]) => childOpts(parent, target, { dependsOn: [...enableApis(target, ...apis), ...after] });
  let auditTrail: pulumi.Output<string> = pulumi.output("");
  let auditLogDestination: pulumi.Output<string> = pulumi.output("");

  if (args.auditTrail) {
    const apis = [...new Set(s.services.flatMap((kind) => GCP_AUDITED_APIS[kind]))].sort();
    for (const service of apis) {
      new IAMAuditConfig(
        `${name}-audit-${service.replace(/\.googleapis\.com$/, "")}`,
        { project, service, auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }] },
        // A project's IAM policy is set through the Cloud Resource Manager API.
        on(["cloudresourcemanager"]),
      );
    }
    // A deleted log bucket keeps its ID for 7 days: a random suffix kept in state.
    const bucketId = keptName(`${name}-audit`, target, "loggingBucket", [target.stack, name, "audit"], parent);
    const bucket = new ProjectBucketConfig(
      `${name}-audit`,
      { project, location: target.region, bucketId, retentionDays: s.retentionDays, description: `tessera ${target.stack}: audit logs` },
      statefulOpts(parent, target, args.protect, { dependsOn: enableApis(target, "logging") }),
    );
    const sink = new ProjectSink(
      `${name}-audit`,
      {
        name: physicalName("gcp", "logSink", [target.stack, name, "audit"]),
        project,
        // A log bucket in the sink's own project needs no grant to the writer identity.
        destination: pulumi.interpolate`logging.googleapis.com/projects/${project}/locations/${target.region}/buckets/${bucketId}`,
        filter: 'logName:"cloudaudit.googleapis.com"',
        uniqueWriterIdentity: true,
        description: `tessera ${target.stack}: every audit log of the project`,
      },
      on(["logging"], bucket),
    );
    new ProjectExclusion(
      `${name}-audit-default`,
      {
        name: physicalName("gcp", "logExclusion", [target.stack, name, "data-access"]),
        project,
        description: pulumi.interpolate`tessera ${target.stack}: Data Access logs are kept in ${bucketId}`,
        filter: 'log_id("cloudaudit.googleapis.com/data_access")',
      },
      on(["logging"], sink),
    );
    auditTrail = sink.id;
    auditLogDestination = bucket.id;
  }

  let budgetId: pulumi.Output<string> = pulumi.output("");
  if (args.budget) {
    const { notify } = args.budget;
    const channels: NotificationChannel[] = [];
    if (notify.email) channels.push(new NotificationChannel(`${name}-budget-email`, { project, type: "email", displayName: `tessera ${target.stack} budget email`, labels: { email_address: notify.email }, userLabels: labels }, on(["monitoring"])));
    if (notify.webhookUrl) channels.push(new NotificationChannel(`${name}-budget-webhook`, { project, type: "webhook_tokenauth", displayName: `tessera ${target.stack} budget webhook`, labels: { url: notify.webhookUrl }, userLabels: labels }, on(["monitoring"])));
    const projectNumber = getProjectOutput({ projectId: project }, { parent, provider: target.provider }).number;
    const budget = new Budget(
      `${name}-budget`,
      {
        billingAccount: args.billingAccount!,
        displayName: physicalName("gcp", "billingBudget", ["tessera", target.stack, name]),
        // Budget label filters take one label with one value.
        budgetFilter: { projects: [pulumi.interpolate`projects/${projectNumber}`], labels: { [TAG_KEYS.stack]: labels[TAG_KEYS.stack]! }, calendarPeriod: "MONTH", creditTypesTreatment: "INCLUDE_ALL_CREDITS" },
        amount: { specifiedAmount: money(args.budget.monthlyUsd) },
        thresholdRules: budgetAlarms().map((a) => ({ thresholdPercent: a.percent / 100, spendBasis: a.basis === "actual" ? "CURRENT_SPEND" : "FORECASTED_SPEND" })),
        allUpdatesRule: { monitoringNotificationChannels: channels.map((c) => c.id), disableDefaultIamRecipients: false },
      },
      // The Budget API is called with the provider's billing project as quota project (components/providers.ts).
      on(["billingbudgets"]),
    );
    budgetId = budget.id;
  }
  return { auditTrail, auditLogDestination, budgetId };
};
