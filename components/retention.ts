/**
 * Log retention as each cloud accepts it. A stack states days; the clouds take fixed steps, so the
 * request is rounded up to the next step (never kept shorter than asked), or capped where the cloud
 * keeps logs no longer (and the cap is documented with the feature).
 */

/** CloudWatch Logs retention values (CloudWatch Logs API, PutRetentionPolicy `retentionInDays`). */
export const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The smallest CloudWatch retention of at least `days` (3653 at most). */
export function cloudWatchRetention(days: number): number {
  return CLOUDWATCH_RETENTION_DAYS.find((d) => d >= days) ?? 3653;
}

/** OCI Logging keeps a log 30 to 180 days in 30-day steps (Logging API, Log.retentionDuration). */
export const OCI_LOG_RETENTION = { step: 30, max: 180 } as const;

/** The OCI log retention for `days`: rounded up to 30-day steps, at most 180. */
export function ociLogRetention(days: number): number {
  return Math.min(OCI_LOG_RETENTION.max, Math.max(OCI_LOG_RETENTION.step, Math.ceil(days / OCI_LOG_RETENTION.step) * OCI_LOG_RETENTION.step));
}

/** Azure Network Watcher flow-log retention: 1-365 days (FlowLog.retentionPolicy.days; 0 would mean forever). */
export const azureFlowLogRetention = (days: number): number => Math.min(365, Math.max(1, days));

/** The label tessera puts on stores that hold logs (access logs, audit, flow logs): rules exempt them from logging themselves. */
export { LOG_STORE as LOG_STORE_LABEL } from "../core/tags";

/** Default flow-log retention when a stack states none (PCI DSS 10.5.1: three months immediately available). */
export const DEFAULT_FLOW_LOG_RETENTION_DAYS = 90;
