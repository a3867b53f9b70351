/**
 * PostgresReplica on DigitalOcean: a read-only node of the primary cluster in another region
 * (DatabaseReplica), on the standby VPC. DigitalOcean encrypts it at rest and requires TLS. The
 * provider has no promote argument: promotion is the API's promote call
 * (`doctl databases replica promote <cluster-id> <name>`), after which the node is a cluster of its
 * own; `promoted: true` only records that (the resource is left as it is, see the README).
 */
import { DatabaseReplica } from "@pulumi/digitalocean/databaseReplica";
import { physicalName } from "../../core/naming";
import { replicaOf } from "../../core/tags";
import { type Impl, statefulOpts } from "../registry";
import { doTags } from "../tags";
import type { PostgresReplicaArgs, PostgresReplicaOutputs } from "./contract";

export const digitalocean: Impl<"digitalocean", PostgresReplicaArgs, PostgresReplicaOutputs> = (name, args, parent) => {
  const { target, network, source } = args;
  const replica = new DatabaseReplica(
    name,
    {
      clusterId: source.replicationSource,
      name: physicalName("digitalocean", "databaseCluster", [target.stack, name]),
      region: target.region,
      size: args.size,
      privateNetworkUuid: network.networkId,
      tags: doTags(target, name, { ...args.labels, ...replicaOf(source.target.cloud, source.target.region) }),
    },
    statefulOpts(parent, target, args.protect),
  );
  return { host: replica.privateHost, port: replica.port, resourceId: replica.uuid };
};
