/**
 * The tag keys tessera stamps on every child (see components/tags.ts for the shapes per cloud).
 * Pure data: policies read these keys (residency, required tags), so their spelling is part of
 * the contract.
 */
/** The tag keys tessera stamps. */
export const TAG_KEYS = {
  stack: "tessera-stack",
  service: "tessera-service",
  placement: "tessera-placement",
  dataClass: "tessera-data-class",
  residency: "tessera-residency",
} as const;

/**
 * The label that marks a machine as allowed a public IP (the `no-public-ip` policy reads it).
 * The stack program adds it to compute services that ask for `publicIp: true`.
 */
export const PUBLIC_IP_ALLOWED = { "tessera-public-ip": "allowed" } as const;

/**
 * The label on stores that hold logs (access logs, audit trails, flow logs). Log stores are not
 * themselves access-logged (that would loop) and keep no previous versions of expired logs.
 */
export const LOG_STORE = "tessera-logs" as const;

/**
 * The label on a replicated copy (database replica, replication destination bucket): the
 * `<cloud>_<region>` of the primary it copies. The replication policy finds replicas by it.
 */
export const REPLICA_OF = "tessera-replica-of";

/** The labels of a copy of data held at `cloud`/`region`. */
export const replicaOf = (cloud: string, region: string): Record<string, string> => ({ [REPLICA_OF]: `${cloud}_${region}` });
