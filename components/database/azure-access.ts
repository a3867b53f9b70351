/**
 * How an Azure Database for PostgreSQL flexible server and its read replica are both reached:
 * TLS required (`require_secure_transport`, a server parameter each server holds on its own), and
 * a private endpoint in the network's first private subnet registered in the network's
 * privatelink zone (one zone per network, shared by every database in it). One place, so a
 * primary and its replica never differ in reachability or transport security.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Configuration } from "@pulumi/azure-native/dbforpostgresql/configuration";
import type { Server } from "@pulumi/azure-native/dbforpostgresql/server";
import { PrivateDnsZoneGroup } from "@pulumi/azure-native/network/privateDnsZoneGroup";
import { PrivateEndpoint } from "@pulumi/azure-native/network/privateEndpoint";
import type { tags } from "../tags";
import type { PostgresArgs } from "./contract";

/** TLS-only, private access to one flexible server: its `-tls` parameter, private endpoint and DNS zone group. */
export function flexibleServerPrivateAccess(
  name: string,
  server: Server,
  resourceGroupName: pulumi.Input<string>,
  region: string,
  network: Pick<PostgresArgs["network"], "privateSubnetIds" | "privateServices">,
  t: ReturnType<typeof tags>,
  opts: pulumi.CustomResourceOptions,
): void {
  new Configuration(`${name}-tls`, { resourceGroupName, serverName: server.name, configurationName: "require_secure_transport", value: "ON", source: "user-override" }, opts);
  const endpoint = new PrivateEndpoint(
    name,
    {
      resourceGroupName,
      location: region,
      subnet: { id: network.privateSubnetIds.apply((ids) => ids[0]!) },
      privateLinkServiceConnections: [{ name: "postgres", privateLinkServiceId: server.id, groupIds: ["postgresqlServer"] }],
      tags: t,
    },
    opts,
  );
  new PrivateDnsZoneGroup(name, { resourceGroupName, privateEndpointName: endpoint.name, privateDnsZoneConfigs: [{ name: "postgres", privateDnsZoneId: network.privateServices }] }, opts);
}
