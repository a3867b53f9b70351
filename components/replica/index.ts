/**
 * `tessera:database:PostgresReplica` — the failover standby's PostgreSQL: a cross-region read
 * replica of a `Postgres` on the same cloud, promoted in place on failover.
 *
 * @example
 * const replica = new PostgresReplica("db-standby", { target: standby, network, source: { target: primary, replicationSource: db.replicationSource }, size: "db.m6i.large" });
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type PostgresReplicaArgs, type PostgresReplicaOutputs, validatePostgresReplicaArgs } from "./contract";

export type { PostgresReplicaArgs, PostgresReplicaOutputs, ReplicaSource } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const POSTGRES_REPLICA_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<PostgresReplicaArgs, PostgresReplicaOutputs>;

/** A cross-region read replica of a `Postgres`. */
export class PostgresReplica extends pulumi.ComponentResource implements PostgresReplicaOutputs {
  public readonly host: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  public readonly resourceId: pulumi.Output<string>;
  /** Storage in GB (plain: storage alerts derive their threshold from it). */
  public readonly storageGb: number;
  /** Whether this replica was promoted to a standalone database. */
  public readonly promoted: boolean;

  constructor(name: string, args: PostgresReplicaArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("database", args.target.cloud);
    validatePostgresReplicaArgs(args);
    super(TOKENS.postgresReplica, name, {}, opts);
    const out = build(POSTGRES_REPLICA_IMPLS, name, args, this);
    this.host = out.host;
    this.port = out.port;
    this.resourceId = out.resourceId;
    this.storageGb = args.storageGb ?? 20;
    this.promoted = args.promoted ?? false;
    this.registerOutputs({ host: this.host, port: this.port, resourceId: this.resourceId });
  }
}
