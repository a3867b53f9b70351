/**
 * `tessera:monitoring:Alerts` — a log destination plus CPU, database-storage and 5xx alert rules,
 * notifying email and/or a webhook.
 *
 * @example
 * new Alerts("ops", { target, notify: { email: "oncall@example.com" }, instances: web, database: db, function: api });
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { aws } from "./aws";
import { azure } from "./azure";
import { type AlertsArgs, type AlertsOutputs, validateAlertsArgs } from "./contract";
import { digitalocean } from "./digitalocean";
import { gcp } from "./gcp";
import { oci } from "./oci";

export type { AlertsArgs, AlertsOutputs, Notify } from "./contract";

/** The per-cloud implementations. */
export const ALERTS_IMPLS = { aws, azure, gcp, digitalocean, oci } satisfies Registry<AlertsArgs, AlertsOutputs>;

/** A log destination and alert rules on the stack's components. */
export class Alerts extends pulumi.ComponentResource implements AlertsOutputs {
  public readonly logDestination: pulumi.Output<string>;
  public readonly notificationTarget: pulumi.Output<string>;
  public readonly alertIds: pulumi.Output<string[]>;

  constructor(name: string, args: AlertsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("monitoring", args.target.cloud);
    validateAlertsArgs(args);
    super(TOKENS.alerts, name, {}, opts);
    const out = build(ALERTS_IMPLS, name, args, this);
    this.logDestination = out.logDestination;
    this.notificationTarget = out.notificationTarget;
    this.alertIds = out.alertIds;
    this.registerOutputs({ logDestination: this.logDestination, notificationTarget: this.notificationTarget, alertIds: this.alertIds });
  }
}
