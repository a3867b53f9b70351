/**
 * Governance rules over the whole stack: an audit trail records the account scope the stack
 * deploys into (unless the stack file opts out with a reason), and a stated budget has alarms at
 * 80% and 100% of actual and forecast spend that reach someone.
 */
import {
  AwsBudget, Trail, AzureBudget, SubscriptionDiagnosticSetting, GcpBudget, IAMAuditConfig, OciAuditConfiguration, OciBudget, OciBudgetRule,
} from "../types";
import type { PolicyResource } from "@pulumi/policy";
import { governance } from "../../core/capabilities";
import { type Cloud, cloudOfType } from "../../core/cloud";
import { usd } from "../../placement/evaluate";
import { has } from "../facts";
import { CONTROLS } from "../frameworks";
import { configures, isCloudResource, known, stackOf } from "../resources";
import type { Props, StackFinding, StackRule } from "../rule";
import { typeOf } from "../rule";
import { auditOptOut, stackBudgetUsd } from "../stackfile";

const TRAIL = typeOf(Trail);
const ACTIVITY_EXPORT = typeOf(SubscriptionDiagnosticSetting);
const AUDIT_CONFIG = typeOf(IAMAuditConfig);
const OCI_AUDIT = typeOf(OciAuditConfiguration);

/** Activity-log categories an export must keep (CIS Microsoft Azure Foundations 5.1.2). */
export const REQUIRED_ACTIVITY_CATEGORIES = ["Administrative", "Security", "Policy", "Alert"] as const;

/** The Google API behind each GCP resource family: its Data Access audit logs must be on. */
const GCP_APIS: ReadonlyArray<readonly [string, string]> = [
  ["gcp:storage/", "storage.googleapis.com"],
  ["gcp:sql/", "cloudsql.googleapis.com"],
  ["gcp:container/", "container.googleapis.com"],
  ["gcp:compute/", "compute.googleapis.com"],
  ["gcp:secretmanager/", "secretmanager.googleapis.com"],
  ["gcp:kms/", "cloudkms.googleapis.com"],
  ["gcp:cloudrunv2/", "run.googleapis.com"],
  ["gcp:bigquery/", "bigquery.googleapis.com"],
  ["gcp:dns/", "dns.googleapis.com"],
];

/** The Google API a GCP resource type uses, if it holds or serves data. */
export const gcpApiOf = (type: string): string | undefined => GCP_APIS.find(([prefix]) => type.startsWith(prefix))?.[1];

/** Settings of {@link auditTrail}. */
export interface AuditTrailConfig {
  /** Fewest days OCI's tenancy audit retention may keep records. */
  readonly minRetentionDays: number;
  /** Where `Pulumi.<stack>.yaml` lives (for an opt-out). @default the repository's stacks/ */
  readonly stacksDir: string;
}

const props = (r: PolicyResource) => r.props as Props;
const obj = (v: unknown): Props => (v !== null && typeof v === "object" ? (v as Props) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Why a trail-like resource records too little; empty when it is complete. */
function trailGaps(r: PolicyResource, config: AuditTrailConfig): string[] {
  const p = props(r);
  const gaps = (checks: Array<[boolean | undefined, string]>) => checks.filter(([bad]) => bad === true).map(([, why]) => why);
  switch (r.type) {
    case TRAIL:
      return gaps([
        [known(() => p.isMultiRegionTrail !== true), "records one region only (isMultiRegionTrail is not true)"],
        [known(() => p.enableLogFileValidation !== true), "log file validation is off (enableLogFileValidation), so tampering goes unnoticed"],
        [!has(p, "kmsKeyId"), "log files are not encrypted with a KMS key (kmsKeyId)"],
        [known(() => p.enableLogging === false), "logging is turned off (enableLogging)"],
      ]);
    case ACTIVITY_EXPORT: {
      const enabled = known(() => list(p.logs).map(obj).filter((l) => l.enabled === true).map((l) => String(l.category ?? l.categoryGroup ?? "")));
      const missing = enabled === undefined || enabled.includes("allLogs") ? [] : REQUIRED_ACTIVITY_CATEGORIES.filter((c) => !enabled.includes(c));
      const destination = ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId"].some((k) => has(p, k));
      return [...(missing.length > 0 ? [`the activity log export leaves out ${missing.join(", ")}`] : []), ...(destination ? [] : ["the activity log export has no destination"])];
    }
    case AUDIT_CONFIG: {
      const types = known(() => list(p.auditLogConfigs).map((c) => String(obj(c).logType)));
      const missing = types === undefined ? [] : ["DATA_READ", "DATA_WRITE"].filter((t) => !types.includes(t));
      return missing.length > 0 ? [`Data Access audit logs for ${String(known(() => p.service) ?? "the service")} leave out ${missing.join(", ")}`] : [];
    }
    case OCI_AUDIT: {
      const days = known(() => p.retentionPeriodDays);
      return typeof days === "number" && days < config.minRetentionDays ? [`the tenancy keeps audit records ${days} days, fewer than the required ${config.minRetentionDays}`] : [];
    }
    default:
      return [];
  }
}

/** The GCP APIs whose Data Access logs the stack's audit configurations turn on (DATA_READ and DATA_WRITE). */
function gcpAudited(resources: readonly PolicyResource[]): { all: boolean; apis: Set<string> } {
  const full = resources.filter((r) => r.type === AUDIT_CONFIG && trailGaps(r, { minRetentionDays: 0, stacksDir: "" }).length === 0);
  const services = full.map((r) => known(() => String(props(r).service))).filter((s): s is string => s !== undefined);
  return { all: services.includes("allServices"), apis: new Set(services) };
}

const OPT_OUT = "add tessera's Governance, or state audit: { trail: false, reason: … } in the stack file when an organisation trail records this account";

export const auditTrail: StackRule<AuditTrailConfig> = {
  kind: "stack",
  id: "audit-trail",
  description: "The account a stack deploys into must keep an audit trail (CloudTrail, activity-log export, Data Access audit logs, OCI Audit retention), unless the stack file opts out with a reason.",
  severity: "high",
  frameworks: CONTROLS.auditLogging,
  remediation: "Let tessera build its Governance (the default), or state audit: { trail: false, reason } in the stack's requirements when an organisation-level trail already records the account.",
  defaults: { minRetentionDays: 365, stacksDir: "" },
  configSchema: {
    minRetentionDays: { type: "number", default: 365, description: "Fewest days OCI's tenancy audit retention may keep records (PCI DSS 10.5.1: 12 months)." },
    stacksDir: { type: "string", default: "", description: "Folder of the stack files (default: the repository's stacks/)." },
  },
  covers: [TRAIL, ACTIVITY_EXPORT, AUDIT_CONFIG, OCI_AUDIT],
  clouds: ["aws", "azure", "gcp", "oci"],
  check: (resources, config) => {
    const cloudResources = resources.filter(isCloudResource);
    if (cloudResources.length === 0) return [];
    const findings: StackFinding[] = [];
    for (const r of resources.filter((x) => [TRAIL, ACTIVITY_EXPORT, AUDIT_CONFIG, OCI_AUDIT].includes(x.type))) {
      for (const gap of trailGaps(r, config)) findings.push({ resource: r, message: `audit trail ${r.name} ${gap}` });
    }
    if (auditOptOut(config.stacksDir, stackOf(cloudResources[0]!)) !== undefined) return findings;
    const clouds = new Set(cloudResources.map((r) => cloudOfType(r.type)).filter((c): c is Cloud => c !== undefined));
    const present = (type: string) => resources.some((r) => r.type === type);
    if (clouds.has("aws") && !present(TRAIL)) findings.push({ message: `no CloudTrail trail records the AWS account this stack deploys into; ${OPT_OUT}` });
    if (clouds.has("azure") && !present(ACTIVITY_EXPORT)) findings.push({ message: `no diagnostic setting exports the Azure subscription's activity log; ${OPT_OUT}` });
    if (clouds.has("gcp")) {
      const audited = gcpAudited(resources);
      const used = new Map<string, string>();
      for (const r of cloudResources) {
        const api = gcpApiOf(r.type);
        if (api && !used.has(api)) used.set(api, r.name);
      }
      for (const [api, example] of [...used].sort()) {
        if (!audited.all && !audited.apis.has(api)) findings.push({ message: `Data Access audit logs are off for ${api} (used by ${example}); ${OPT_OUT}` });
      }
    }
    return findings;
  },
};

/** One budget alarm: percent of the amount, the spend it compares, whether it notifies anyone. */
interface Alarm {
  readonly percent: number;
  readonly basis: "actual" | "forecast";
  readonly notifies: boolean;
}

const AWS_BUDGET = typeOf(AwsBudget);
const AZURE_BUDGET = typeOf(AzureBudget);
const GCP_BUDGET = typeOf(GcpBudget);
const OCI_BUDGET = typeOf(OciBudget);
const OCI_RULE = typeOf(OciBudgetRule);

/** The budget type of each cloud that has a budget API. */
const BUDGET_TYPES: Partial<Record<Cloud, string>> = { aws: AWS_BUDGET, azure: AZURE_BUDGET, gcp: GCP_BUDGET, oci: OCI_BUDGET };

const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;

/** A budget's alarms, whatever shape its cloud keeps them in. */
function alarmsOf(budget: PolicyResource, resources: readonly PolicyResource[]): Alarm[] | undefined {
  const p = props(budget);
  return known(() => {
    switch (budget.type) {
      case AWS_BUDGET:
        return list(p.notifications)
          .map(obj)
          .filter((n) => n.thresholdType === "PERCENTAGE")
          .map((n) => ({ percent: Number(n.threshold), basis: n.notificationType === "FORECASTED" ? "forecast" : "actual", notifies: nonEmpty(n.subscriberEmailAddresses) || nonEmpty(n.subscriberSnsTopicArns) }) as Alarm);
      case AZURE_BUDGET:
        return Object.values(obj(p.notifications))
          .map(obj)
          .filter((n) => n.enabled !== false)
          .map((n) => ({ percent: Number(n.threshold), basis: n.thresholdType === "Forecasted" ? "forecast" : "actual", notifies: nonEmpty(n.contactEmails) || nonEmpty(n.contactGroups) || nonEmpty(n.contactRoles) }) as Alarm);
      case GCP_BUDGET: {
        const rule = obj(p.allUpdatesRule);
        // Without channels, Cloud Billing emails the billing account's admins unless that is turned off.
        const notifies = nonEmpty(rule.monitoringNotificationChannels) || has(rule, "pubsubTopic") || rule.disableDefaultIamRecipients !== true;
        return list(p.thresholdRules)
          .map(obj)
          .map((r) => ({ percent: Math.round(Number(r.thresholdPercent) * 100), basis: r.spendBasis === "FORECASTED_SPEND" ? "forecast" : "actual", notifies }) as Alarm);
      }
      case OCI_BUDGET:
        return resources
          .filter((r) => r.type === OCI_RULE && configures(r, budget, "budgetId"))
          .map(props)
          .filter((r) => r.thresholdType === "PERCENTAGE")
          .map((r) => ({ percent: Number(r.threshold), basis: r.type === "FORECAST" ? "forecast" : "actual", notifies: typeof r.recipients === "string" && r.recipients.trim() !== "" }) as Alarm);
      default:
        return undefined;
    }
  });
}

/** Settings of {@link budgetAlarms}. */
export interface BudgetAlarmsConfig {
  /** The monthly budget; 0 reads `budget.monthlyUsd` from the stack's requirements. */
  readonly monthlyUsd: number;
  /** Percentages that need an alarm, on actual and on forecast spend. */
  readonly thresholds: readonly number[];
  readonly stacksDir: string;
}

export const budgetAlarms: StackRule<BudgetAlarmsConfig> = {
  kind: "stack",
  id: "budget-alarms",
  description: "A stack with a budget must have it in the cloud, with alarms at 80% and 100% of actual and forecast spend that notify someone.",
  severity: "high",
  frameworks: CONTROLS.costMonitoring,
  remediation: "Let tessera build its Governance budget (the default with budget.monthlyUsd), with a monitoring service email or budget.email to notify.",
  defaults: { monthlyUsd: 0, thresholds: [80, 100], stacksDir: "" },
  configSchema: {
    monthlyUsd: { type: "number", default: 0, description: "Monthly budget in USD; 0 reads the stack's requirements." },
    thresholds: { type: "array", items: { type: "number" }, default: [80, 100], description: "Percentages that need an alarm on actual and on forecast spend." },
    stacksDir: { type: "string", default: "", description: "Folder of the stack files (default: the repository's stacks/)." },
  },
  covers: [AWS_BUDGET, AZURE_BUDGET, GCP_BUDGET, OCI_BUDGET, OCI_RULE],
  clouds: ["aws", "azure", "gcp", "oci"],
  check: (resources, config) => {
    const cloudResources = resources.filter(isCloudResource);
    if (cloudResources.length === 0) return [];
    const limit = config.monthlyUsd > 0 ? config.monthlyUsd : stackBudgetUsd(config.stacksDir, stackOf(cloudResources[0]!));
    if (limit === undefined) return [];
    const findings: StackFinding[] = [];
    const clouds = [...new Set(cloudResources.map((r) => cloudOfType(r.type)).filter((c): c is Cloud => c !== undefined))];
    for (const cloud of clouds.filter((c) => governance("budget-alarms", c).supported)) {
      const budgets = resources.filter((r) => r.type === BUDGET_TYPES[cloud]);
      if (budgets.length === 0) findings.push({ message: `no ${cloud} budget watches the stack's budget of ${usd(limit)} USD/month` });
      for (const budget of budgets) {
        const alarms = alarmsOf(budget, resources);
        if (alarms === undefined) continue;
        const want = config.thresholds.flatMap((percent) => (["actual", "forecast"] as const).map((basis) => ({ percent, basis })));
        const missing = want.filter((w) => !alarms.some((a) => a.percent === w.percent && a.basis === w.basis));
        if (missing.length > 0) findings.push({ resource: budget, message: `budget ${budget.name} has no alarm at ${missing.map((m) => `${m.percent}% of ${m.basis} spend`).join(", ")}` });
        const silent = alarms.filter((a) => !a.notifies);
        if (silent.length > 0) findings.push({ resource: budget, message: `budget ${budget.name} alarms notify nobody: ${silent.map((a) => `${a.percent}% of ${a.basis} spend`).join(", ")}` });
      }
    }
    return findings;
  },
};
