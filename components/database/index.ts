/**
 * `tessera:database:Postgres` — managed PostgreSQL on the placed cloud, private and
 * deletion-protected, with a generated secret password.
 *
 * @example
 * const db = new Postgres("db", { target, network, size: decision.services.db.sku, highAvailability: true });
 * export const dbPassword = db.password; // secret
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type PostgresArgs, type PostgresOutputs, validatePostgresArgs } from "./contract";

export type { PostgresArgs, PostgresOutputs } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const POSTGRES_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<PostgresArgs, PostgresOutputs>;

/** Managed PostgreSQL, private, TLS-only, backed up and deletion-protected. */
export class Postgres extends pulumi.ComponentResource implements PostgresOutputs {
  public readonly host: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  public readonly databaseName: pulumi.Output<string>;
  public readonly username: pulumi.Output<string>;
  /** Secret. */
  public readonly password: pulumi.Output<string>;
  public readonly resourceId: pulumi.Output<string>;
  public readonly replicationSource: pulumi.Output<string>;
  /** Allocated storage in GB (plain: storage alerts derive their threshold from it). */
  public readonly storageGb: number;

  constructor(name: string, args: PostgresArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("database", args.target.cloud);
    validatePostgresArgs(args);
    super(TOKENS.postgres, name, {}, opts);
    const out = build(POSTGRES_IMPLS, name, args, this);
    this.host = out.host;
    this.port = out.port;
    this.databaseName = out.databaseName;
    this.username = out.username;
    this.password = pulumi.secret(out.password);
    this.resourceId = out.resourceId;
    this.replicationSource = out.replicationSource;
    this.storageGb = args.storageGb ?? 20;
    this.registerOutputs({ host: this.host, port: this.port, databaseName: this.databaseName, username: this.username, password: this.password, resourceId: this.resourceId });
  }
}
