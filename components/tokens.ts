/**
 * Every component type token, in one place. Tokens are part of each resource's URN: once
 * released they never change (a test checks the format and uniqueness). To move one, add an
 * alias to the old token instead.
 */
export const TOKENS = {
  objectStorage: "tessera:storage:ObjectStorage",
  network: "tessera:network:Network",
  instances: "tessera:compute:Instances",
  postgres: "tessera:database:Postgres",
  cluster: "tessera:kubernetes:Cluster",
  secrets: "tessera:security:Secrets",
  gpuInstances: "tessera:ai:GpuInstances",
  function: "tessera:serverless:Function",
  alerts: "tessera:monitoring:Alerts",
  warehouse: "tessera:analytics:Warehouse",
  failover: "tessera:network:Failover",
  postgresReplica: "tessera:database:PostgresReplica",
  bucketReplication: "tessera:storage:BucketReplication",
  webTier: "tessera:compute:WebTier",
  governance: "tessera:governance:Governance",
} as const;

/** A component type token. */
export type Token = (typeof TOKENS)[keyof typeof TOKENS];

/** `<package>:<module>:<PascalType>`, the three-part form Pulumi's SDK recognises. */
export const TOKEN_FORMAT = /^tessera:[a-z][a-z0-9]*:[A-Z][A-Za-z0-9]*$/;
