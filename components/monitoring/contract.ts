/**
 * Alerts: a log destination plus alert rules on the stack's components — instance CPU, database
 * storage, function 5xx — notifying an email address and/or a webhook.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { checkInt, invalid } from "../validation";

/** Where alerts go (at least one). */
export interface Notify {
  readonly email?: string;
  /** HTTPS webhook (DigitalOcean: a Slack incoming webhook only). */
  readonly webhookUrl?: string;
}

/** Machines to watch: an `Instances` or `GpuInstances`. */
export interface InstancesRef {
  readonly instanceIds: pulumi.Input<string[]>;
  /** How many machines (plain: one rule per machine where the cloud alarms per resource). */
  readonly count: number;
}

/**
 * An autoscaling group to watch (a `WebTier`): what selects its machines, whatever their number —
 * the Auto Scaling group name (AWS), the scale set id (Azure), the instance name prefix (GCP), the
 * Droplet tag (DigitalOcean), the instance pool OCID (OCI): `WebTier.memberSelector`.
 */
export interface GroupRef {
  readonly selector: pulumi.Input<string>;
}

/** A database to watch: a `Postgres`. */
export interface DatabaseRef {
  readonly resourceId: pulumi.Input<string>;
  /** Allocated storage (plain: AWS alarms on free bytes). */
  readonly storageGb: number;
}

/** A function to watch: a `Function`. */
export interface FunctionRef {
  readonly resourceId: pulumi.Input<string>;
}

/** Arguments of {@link Alerts}. */
export interface AlertsArgs {
  /** Where to build, from the placement decision. */
  readonly target: Target;
  readonly notify: Notify;
  /** Machines whose CPU to watch, by service name. @default {} */
  readonly instances?: Readonly<Record<string, InstancesRef>>;
  /** Autoscaling groups whose machines' CPU to watch (one rule per group), by service name. @default {} */
  readonly groups?: Readonly<Record<string, GroupRef>>;
  /** Databases whose storage to watch, by service name (not on OCI, whose PostgreSQL storage grows by itself). @default {} */
  readonly databases?: Readonly<Record<string, DatabaseRef>>;
  /** Functions whose 5xx responses to watch, by service name (AWS, Azure, GCP). @default {} */
  readonly functions?: Readonly<Record<string, FunctionRef>>;
  /** @default 80 */
  readonly cpuPercent?: number;
  /** @default 80 */
  readonly storagePercent?: number;
  /** 5xx responses in five minutes that raise the alert. @default 5 */
  readonly errorsPerWindow?: number;
  /** Log retention (the log destination). @default 30 */
  readonly logRetentionDays?: number;
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns. */
export interface AlertsOutputs {
  /** The log destination ("" on DigitalOcean, which has no managed log store). */
  readonly logDestination: pulumi.Output<string>;
  /** Where alerts are sent: SNS topic ARN, action group id, notification channel ids, emails, ONS topic id. */
  readonly notificationTarget: pulumi.Output<string>;
  /** Ids of the alert rules created. */
  readonly alertIds: pulumi.Output<string[]>;
}

/** Defaults filled in. */
export const alertSettings = (args: AlertsArgs) => ({
  instances: Object.entries(args.instances ?? {}),
  groups: Object.entries(args.groups ?? {}),
  databases: Object.entries(args.databases ?? {}),
  functions: Object.entries(args.functions ?? {}),
  cpuPercent: args.cpuPercent ?? 80,
  storagePercent: args.storagePercent ?? 80,
  errorsPerWindow: args.errorsPerWindow ?? 5,
  logRetentionDays: args.logRetentionDays ?? 30,
});

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateAlertsArgs(args: AlertsArgs): void {
  const { email, webhookUrl } = args.notify;
  if (!email && !webhookUrl) invalid("notify", "needs an email or a webhookUrl");
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) invalid("notify.email", `"${email}" is not an email address`);
  if (webhookUrl !== undefined && !/^https:\/\//.test(webhookUrl)) invalid("notify.webhookUrl", "must be an https:// URL");
  if (webhookUrl !== undefined && args.target.cloud === "digitalocean" && !/^https:\/\/hooks\.slack\.com\//.test(webhookUrl)) {
    invalid("notify.webhookUrl", "DigitalOcean monitoring notifies by email or Slack only; give a https://hooks.slack.com/ webhook or an email");
  }
  checkInt("cpuPercent", args.cpuPercent, 1, 100);
  checkInt("storagePercent", args.storagePercent, 1, 100);
  checkInt("errorsPerWindow", args.errorsPerWindow, 1, 100000);
  checkInt("logRetentionDays", args.logRetentionDays, 1, 3650);
  for (const [key, ref] of Object.entries(args.instances ?? {})) checkInt(`instances.${key}.count`, ref.count, 0, 100);
  for (const group of ["instances", "groups", "databases", "functions"] as const) {
    for (const key of Object.keys(args[group] ?? {})) {
      if (!/^[a-z][a-z0-9-]{0,29}$/.test(key)) invalid(`${group}.${key}`, "watched services are keyed by service name: lowercase letters, digits and '-', a letter first, at most 30");
    }
  }
  const oneDatabase = Object.keys(args.databases ?? {})[0];
  if (oneDatabase !== undefined && args.target.cloud === "oci") invalid(`databases.${oneDatabase}`, "database storage alerts are not available on oci: OCI Database with PostgreSQL storage grows automatically (to 32 TB), so there is no allocated size to alert on; allowed on aws, azure, gcp, digitalocean");
  const no5xx = { digitalocean: "App Platform's monitoring has no HTTP status metric", oci: "OCI Functions metrics (oci_faas) count failed invocations, not HTTP 5xx responses" } as const;
  const oneFunction = Object.keys(args.functions ?? {})[0];
  if (oneFunction !== undefined && (args.target.cloud === "digitalocean" || args.target.cloud === "oci")) {
    invalid(`functions.${oneFunction}`, `function 5xx alerts are not available on ${args.target.cloud}: ${no5xx[args.target.cloud]}; allowed on aws, azure, gcp`);
  }
}
