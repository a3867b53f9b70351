/**
 * Network on Azure: a virtual network with a public and a private subnet (Azure subnets span the
 * region's zones), one network security group on both that admits the network itself plus the
 * given ingress and ends with an explicit deny-all, and an optional NAT gateway for the private
 * subnet. The private subnet has no default outbound access. The privatelink DNS zone for
 * PostgreSQL private endpoints is linked to the network here, once, for every database in it.
 */
import * as pulumi from "@pulumi/pulumi";
import { NatGateway } from "@pulumi/azure-native/network/natGateway";
import { NetworkSecurityGroup } from "@pulumi/azure-native/network/networkSecurityGroup";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import { Subnet } from "@pulumi/azure-native/network/subnet";
import { VirtualNetwork } from "@pulumi/azure-native/network/virtualNetwork";
import { FlowLog } from "@pulumi/azure-native/network/flowLog";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import { PrivateZone } from "@pulumi/azure-native/privatedns/privateZone";
import { VirtualNetworkLink } from "@pulumi/azure-native/privatedns/virtualNetworkLink";
import { physicalName } from "../../core/naming";
import { keptName } from "../naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { azureFlowLogRetention, LOG_STORE_LABEL } from "../retention";
import { addressPlan, flowLogDays, type NetworkArgs, type NetworkOutputs, portRange } from "./contract";

/**
 * The Network Watcher flow logs go through: Azure creates one per subscription and region,
 * `NetworkWatcher_<region>` in `NetworkWatcherRG`, with the first virtual network there (Azure
 * Network Watcher, "Enable or disable Network Watcher"); a second one cannot be created.
 */
export const networkWatcher = (region: string) => ({ resourceGroupName: "NetworkWatcherRG", networkWatcherName: `NetworkWatcher_${region}` });

/** Lowest priority Azure accepts for a custom rule: the explicit deny sits there. */
const DENY_PRIORITY = 4096;

export const azure: Impl<"azure", NetworkArgs, NetworkOutputs> = (name, args, parent) => {
  const { target } = args;
  const opts = childOpts(parent, target);
  const { cidr, layout } = addressPlan(args);
  const rg = target.resourceGroupName;
  const t = tags(target, name, args.labels);

  const ingress = (args.ingress ?? []).map((rule, i) => {
    const [from, to] = portRange(rule);
    return {
      name: `ingress-${i}`,
      priority: 200 + i,
      direction: "Inbound",
      access: "Allow",
      protocol: rule.protocol === "udp" ? "Udp" : "Tcp",
      sourceAddressPrefixes: [...rule.sources],
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: from === to ? String(from) : `${from}-${to}`,
      description: rule.description ?? "",
    };
  });
  const nsg = new NetworkSecurityGroup(
    name,
    {
      resourceGroupName: rg,
      location: target.region,
      networkSecurityGroupName: physicalName("azure", "networkSecurityGroup", [target.stack, name]),
      securityRules: [
        { name: "from-network", priority: 100, direction: "Inbound", access: "Allow", protocol: "*", sourceAddressPrefix: cidr, sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "*", description: "traffic inside the network" },
        ...ingress,
        { name: "deny-all-inbound", priority: DENY_PRIORITY, direction: "Inbound", access: "Deny", protocol: "*", sourceAddressPrefix: "*", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "*", description: "default deny" },
      ],
      tags: t,
    },
    opts,
  );
  const vnet = new VirtualNetwork(
    name,
    { resourceGroupName: rg, location: target.region, virtualNetworkName: physicalName("azure", "virtualNetwork", [target.stack, name]), addressSpace: { addressPrefixes: [cidr] }, tags: t },
    opts,
  );
  let nat: NatGateway | undefined;
  if (args.natGateway) {
    const ip = new PublicIPAddress(`${name}-nat`, { resourceGroupName: rg, location: target.region, sku: { name: "Standard" }, publicIPAllocationMethod: "Static", tags: t }, opts);
    nat = new NatGateway(name, { resourceGroupName: rg, location: target.region, sku: { name: "Standard" }, publicIpAddresses: [{ id: ip.id }], tags: t }, opts);
  }
  const subnet = (tier: "public" | "private") =>
    new Subnet(
      `${name}-${tier}`,
      {
        resourceGroupName: rg,
        virtualNetworkName: vnet.name,
        subnetName: tier,
        addressPrefix: layout[tier][0]!,
        networkSecurityGroup: { id: nsg.id },
        defaultOutboundAccess: false,
        ...(tier === "private" && nat ? { natGateway: { id: nat.id } } : {}),
      },
      opts,
    );
  const publicSubnet = subnet("public");
  const privateSubnet = subnet("private");
  // Private DNS for managed services reached through private endpoints (PostgreSQL), one per network.
  const zone = new PrivateZone(`${name}-postgres`, { resourceGroupName: rg, location: "global", privateZoneName: "privatelink.postgres.database.azure.com", tags: t }, opts);
  new VirtualNetworkLink(`${name}-postgres`, { resourceGroupName: rg, location: "global", privateZoneName: zone.name, virtualNetwork: { id: vnet.id }, registrationEnabled: false, tags: t }, opts);
  const days = flowLogDays(args);
  let flowLogs = pulumi.output("");
  if (days !== undefined) {
    // VNet flow logs (NSG flow logs cannot be created since 30 June 2025) to a storage account in
    // the same region. Network Watcher writes with the account's keys (rotating them stops flow
    // logs until re-enabled, per "Virtual network flow logs"), so shared-key access stays on.
    const store = new StorageAccount(
      `${name}-flow-logs`,
      {
        accountName: keptName(`${name}-flow-logs`, target, "storageAccount", [target.stack, name, "flow"], parent),
        resourceGroupName: rg,
        location: target.region,
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: true,
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        encryption: { keySource: "Microsoft.Storage", requireInfrastructureEncryption: true, services: { blob: { enabled: true, keyType: "Account" } } },
        tags: tags(target, name, { ...args.labels, [LOG_STORE_LABEL]: "flow" }),
      },
      opts,
    );
    new FlowLog(
      name,
      {
        ...networkWatcher(target.region),
        flowLogName: physicalName("azure", "flowLog", [target.stack, name]),
        location: target.region,
        targetResourceId: vnet.id,
        storageId: store.id,
        enabled: true,
        retentionPolicy: { days: azureFlowLogRetention(days), enabled: true },
        format: { type: "JSON", version: 2 },
        tags: t,
      },
      opts,
    );
    flowLogs = store.id;
  }
  return {
    networkId: vnet.id,
    publicSubnetIds: pulumi.all([publicSubnet.id]),
    privateSubnetIds: pulumi.all([privateSubnet.id]),
    firewall: nsg.id,
    privateServices: zone.id,
    flowLogs,
  };
};
