/**
 * Alerts on DigitalOcean: monitor alert policies — Droplet CPU and database disk utilization —
 * notifying by email and/or Slack. DigitalOcean has no managed log store (logDestination is "")
 * and no HTTP status metric for App Platform in its monitoring API. Alert policies carry no
 * labels: a DigitalOcean alert's `tags` select the Droplets it watches, so tessera scopes by id.
 */
import * as pulumi from "@pulumi/pulumi";
import { MonitorAlert } from "@pulumi/digitalocean/monitorAlert";
import { childOpts, type Impl } from "../registry";
import { type AlertsArgs, type AlertsOutputs, alertSettings } from "./contract";

export const digitalocean: Impl<"digitalocean", AlertsArgs, AlertsOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = alertSettings(args);
  const opts = childOpts(parent, target);
  const notify = {
    ...(args.notify.email ? { emails: [args.notify.email] } : {}),
    ...(args.notify.webhookUrl ? { slacks: [{ url: args.notify.webhookUrl, channel: "#alerts" }] } : {}),
  };
  const alerts: MonitorAlert[] = [];
  const rule = (suffix: string, type: string, value: number, entities: pulumi.Input<pulumi.Input<string>[]>, what: string) =>
    alerts.push(new MonitorAlert(`${name}-${suffix}`, { type, compare: "GreaterThan", value, window: "5m", entities, alerts: notify, description: `${target.stack} ${name}: ${what}`, enabled: true }, opts));
  for (const [service, ref] of s.instances) {
    if (ref.count > 0) rule(`${service}-cpu`, "v1/insights/droplet/cpu", s.cpuPercent, ref.instanceIds, `${service} CPU above ${s.cpuPercent}%`);
  }
  // An autoscale pool's Droplets carry its tag: the alert selects them by it, however many there are.
  for (const [service, ref] of s.groups) {
    alerts.push(new MonitorAlert(`${name}-${service}-cpu`, { type: "v1/insights/droplet/cpu", compare: "GreaterThan", value: s.cpuPercent, window: "5m", tags: [ref.selector], alerts: notify, description: `${target.stack} ${name}: ${service} CPU above ${s.cpuPercent}%`, enabled: true }, opts));
  }
  for (const [service, ref] of s.databases) rule(`${service}-storage`, "v1/dbaas/alerts/disk_utilization_alerts", s.storagePercent, [ref.resourceId], `${service} storage above ${s.storagePercent}% used`);
  return { logDestination: pulumi.output(""), notificationTarget: pulumi.output([args.notify.email, args.notify.webhookUrl].filter(Boolean).join(",")), alertIds: pulumi.all(alerts.map((a) => a.id)) };
};
