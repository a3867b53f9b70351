/**
 * Postgres on DigitalOcean: a managed PostgreSQL cluster on the network's VPC (two nodes for HA),
 * with a trusted-sources firewall that admits the network's range only, the application database,
 * and an admin user whose password DigitalOcean generates. Connections require TLS; data is
 * encrypted at rest; daily backups are kept 7 days. DigitalOcean has no deletion-protection flag:
 * `protect` guards the cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import { DatabaseCluster } from "@pulumi/digitalocean/databaseCluster";
import { DatabaseDb } from "@pulumi/digitalocean/databaseDb";
import { DatabaseFirewall } from "@pulumi/digitalocean/databaseFirewall";
import { DatabaseUser } from "@pulumi/digitalocean/databaseUser";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { doTags } from "../tags";
import type { PostgresArgs, PostgresOutputs } from "./contract";
import { settings } from "./contract";

export const digitalocean: Impl<"digitalocean", PostgresArgs, PostgresOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = settings(args);
  const opts = childOpts(parent, target);
  const cluster = new DatabaseCluster(
    name,
    {
      name: physicalName("digitalocean", "databaseCluster", [target.stack, name]),
      engine: "pg",
      version: s.version,
      size: args.size,
      region: target.region,
      nodeCount: s.highAvailability ? 2 : 1,
      privateNetworkUuid: network.networkId,
      tags: doTags(target, name, args.labels),
    },
    statefulOpts(parent, target, args.protect),
  );
  new DatabaseFirewall(name, { clusterId: cluster.id, rules: [{ type: "ip_addr", value: network.cidr }] }, opts);
  const database = new DatabaseDb(name, { clusterId: cluster.id, name: s.databaseName }, opts);
  const user = new DatabaseUser(name, { clusterId: cluster.id, name: s.username }, opts);
  return { host: cluster.privateHost, port: cluster.port, databaseName: database.name, username: user.name, password: pulumi.secret(user.password), resourceId: cluster.id, replicationSource: cluster.id };
};
