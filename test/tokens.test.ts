/**
 * Type tokens are part of every resource's URN: each one is well formed and unique, and the
 * released ones never change.
 */
import test from "ava";
import { TOKEN_FORMAT, TOKENS } from "../components/tokens";

test("every token is <pkg>:<module>:<PascalType> and unique", (t) => {
  const values = Object.values(TOKENS);
  for (const token of values) t.regex(token, TOKEN_FORMAT);
  t.is(new Set(values).size, values.length);
});

test("released tokens are unchanged", (t) => {
  t.deepEqual(TOKENS, {
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
  });
});
