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
import { type AlertsArgs, type AlertsOutputs, validateAlertsArgs } from "./contract";

export type { AlertsArgs, AlertsOutputs, Notify } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const ALERTS_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<AlertsArgs, AlertsOutputs>;

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
