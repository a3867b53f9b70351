/**
 * WebTier on Azure: an Application Gateway v2 (Standard_v2, autoscaling 1-10 instances) on a
 * static Standard public IP in its own dedicated subnet (a v2 gateway cannot share one), with an
 * HTTPS listener on a Key Vault certificate read through a user-assigned identity (granted "Key
 * Vault Secrets User" on the vault), the predefined TLS 1.2+ policy AppGwSslPolicy20220101, a
 * listener that only redirects HTTP to HTTPS, a health probe, and a Flexible VM Scale Set in the
 * private subnet joined to the gateway's backend pool, sized by CPU autoscale rules.
 *
 * Network security: the gateway subnet's group admits GatewayManager on 65200-65535 (required for
 * v2), Azure Load Balancer probes and the listener ports from the internet; the machines' group
 * admits the backend ports from the gateway subnet only.
 */
import * as pulumi from "@pulumi/pulumi";
import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { VirtualMachineScaleSet } from "@pulumi/azure-native/compute/virtualMachineScaleSet";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { AutoscaleSetting } from "@pulumi/azure-native/monitor/autoscaleSetting";
import { ApplicationGateway } from "@pulumi/azure-native/network/applicationGateway";
import { NetworkSecurityGroup } from "@pulumi/azure-native/network/networkSecurityGroup";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import { Subnet } from "@pulumi/azure-native/network/subnet";
import { PrivateKey } from "@pulumi/tls/privateKey";
import { archOf, AZURE_IMAGES } from "../../core/images";
import { physicalName } from "../../core/naming";
import { subnetLayout } from "../network/cidr";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { scaleInThreshold, type WebTierArgs, type WebTierOutputs, webTierSettings } from "./contract";

/** Predefined policy: TLS 1.2 minimum, strong ciphers (the 2015/2017 policies allow TLS 1.0). */
export const AZURE_TLS_POLICY = "AppGwSslPolicy20220101";
/** Built-in role "Key Vault Secrets User": read secret contents (certificates are read as secrets). */
export const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
/** Ports Application Gateway v2 infrastructure is managed through; its subnet must admit them from GatewayManager. */
export const GATEWAY_MANAGER_PORTS = "65200-65535";

const ADMIN = "tessera";
const base64 = (v: pulumi.Input<string>) => pulumi.output(v).apply((s) => Buffer.from(s).toString("base64"));
const lastSegment = (id: string) => id.slice(id.lastIndexOf("/") + 1);

export const azure: Impl<"azure", WebTierArgs, WebTierOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = webTierSettings(args);
  const opts = childOpts(parent, target);
  const rg = target.resourceGroupName;
  const common = { resourceGroupName: rg, location: target.region };
  const t = tags(target, name, s.labels);
  const vault = args.certificate!.azureKeyVault!; // validation requires it on azure
  const gatewayCidr = args.gatewaySubnetCidr ?? subnetLayout(network.cidr, 8).public[7]!;
  const listenerPorts = [s.httpsPort, ...(s.redirectPort === false ? [] : [s.redirectPort])];
  const backendPorts = [...new Set([s.backendPort, s.health.port])];
  const rule = (r: { name: string; priority: number; source: string; ports: string; access?: "Allow" | "Deny"; protocol?: string; description: string }) => ({
    name: r.name,
    priority: r.priority,
    direction: "Inbound",
    access: r.access ?? "Allow",
    protocol: r.protocol ?? "Tcp",
    sourceAddressPrefix: r.source,
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: r.ports,
    description: r.description,
  });
  const denyAll = rule({ name: "deny-all-inbound", priority: 4096, source: "*", ports: "*", access: "Deny", protocol: "*", description: "default deny" });

  const gatewayNsg = new NetworkSecurityGroup(
    `${name}-gateway`,
    {
      ...common,
      networkSecurityGroupName: physicalName("azure", "networkSecurityGroup", [target.stack, name, "gateway"]),
      securityRules: [
        rule({ name: "gateway-manager", priority: 100, source: "GatewayManager", ports: GATEWAY_MANAGER_PORTS, description: "Application Gateway v2 infrastructure" }),
        rule({ name: "azure-load-balancer", priority: 110, source: "AzureLoadBalancer", ports: "*", protocol: "*", description: "Azure infrastructure probes" }),
        ...listenerPorts.map((port, i) => rule({ name: `listener-${port}`, priority: 200 + i, source: "Internet", ports: String(port), description: port === s.httpsPort ? "HTTPS" : "HTTP (redirected to HTTPS)" })),
        denyAll,
      ],
      tags: t,
    },
    opts,
  );
  const gatewaySubnet = new Subnet(
    `${name}-gateway`,
    {
      resourceGroupName: rg,
      virtualNetworkName: network.networkId.apply(lastSegment),
      subnetName: physicalName("azure", "subnet", [name, "gateway"]),
      addressPrefix: gatewayCidr,
      networkSecurityGroup: { id: gatewayNsg.id },
    },
    opts,
  );
  const machineNsg = new NetworkSecurityGroup(
    `${name}-machines`,
    {
      ...common,
      networkSecurityGroupName: physicalName("azure", "networkSecurityGroup", [target.stack, name, "machines"]),
      securityRules: [
        ...backendPorts.map((port, i) => rule({ name: `from-gateway-${port}`, priority: 100 + i, source: gatewayCidr, ports: String(port), description: "from the Application Gateway" })),
        rule({ name: "azure-load-balancer", priority: 150, source: "AzureLoadBalancer", ports: "*", protocol: "*", description: "Azure infrastructure probes" }),
        denyAll,
      ],
      tags: t,
    },
    opts,
  );

  // The gateway reads the certificate from Key Vault as its own identity.
  const identity = new UserAssignedIdentity(name, { ...common, resourceName: physicalName("azure", "userAssignedIdentity", [target.stack, name]), tags: t }, opts);
  const subscription = getClientConfigOutput({ parent, provider: target.provider }).subscriptionId;
  const grant = new RoleAssignment(
    `${name}-key-vault`,
    {
      scope: vault.keyVaultId,
      principalId: identity.principalId,
      principalType: "ServicePrincipal",
      roleDefinitionId: pulumi.interpolate`/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER}`,
    },
    opts,
  );
  const ip = new PublicIPAddress(
    name,
    { ...common, publicIpAddressName: physicalName("azure", "publicIpAddress", [target.stack, name]), sku: { name: "Standard" }, publicIPAllocationMethod: "Static", tags: t },
    opts,
  );

  // A gateway's parts refer to each other by full resource id.
  const gatewayName = physicalName("azure", "applicationGateway", [target.stack, name]);
  const gatewayId = pulumi.interpolate`/subscriptions/${subscription}/resourceGroups/${rg}/providers/Microsoft.Network/applicationGateways/${gatewayName}`;
  const ref = (kind: string, part: string) => ({ id: pulumi.interpolate`${gatewayId}/${kind}/${part}` });
  const gateway = new ApplicationGateway(
    name,
    {
      ...common,
      applicationGatewayName: gatewayName,
      sku: { name: "Standard_v2", tier: "Standard_v2" },
      autoscaleConfiguration: { minCapacity: 1, maxCapacity: 10 },
      identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
      gatewayIPConfigurations: [{ name: "gateway", subnet: { id: gatewaySubnet.id } }],
      frontendIPConfigurations: [{ name: "public", publicIPAddress: { id: ip.id } }],
      frontendPorts: listenerPorts.map((port) => ({ name: `port-${port}`, port })),
      sslCertificates: [{ name: "certificate", keyVaultSecretId: `https://${lastSegment(vault.keyVaultId)}.vault.azure.net/secrets/${vault.secretName}` }],
      sslPolicy: { policyType: "Predefined", policyName: AZURE_TLS_POLICY },
      backendAddressPools: [{ name: "machines" }],
      probes: [
        {
          name: "health",
          protocol: "Http",
          host: "127.0.0.1",
          path: s.health.path,
          port: s.health.port,
          interval: s.health.intervalSeconds,
          timeout: Math.min(30, s.health.intervalSeconds),
          unhealthyThreshold: s.health.unhealthyThreshold,
          match: { statusCodes: ["200-399"] },
        },
      ],
      backendHttpSettingsCollection: [
        { name: "machines", port: s.backendPort, protocol: "Http", cookieBasedAffinity: "Disabled", requestTimeout: 30, probe: ref("probes", "health") },
      ],
      httpListeners: [
        {
          name: "https",
          frontendIPConfiguration: ref("frontendIPConfigurations", "public"),
          frontendPort: ref("frontendPorts", `port-${s.httpsPort}`),
          protocol: "Https",
          sslCertificate: ref("sslCertificates", "certificate"),
        },
        ...(s.redirectPort === false
          ? []
          : [{ name: "http", frontendIPConfiguration: ref("frontendIPConfigurations", "public"), frontendPort: ref("frontendPorts", `port-${s.redirectPort}`), protocol: "Http" }]),
      ],
      redirectConfigurations:
        s.redirectPort === false ? [] : [{ name: "http-to-https", redirectType: "Permanent", targetListener: ref("httpListeners", "https"), includePath: true, includeQueryString: true }],
      requestRoutingRules: [
        { name: "https", priority: 100, ruleType: "Basic", httpListener: ref("httpListeners", "https"), backendAddressPool: ref("backendAddressPools", "machines"), backendHttpSettings: ref("backendHttpSettingsCollection", "machines") },
        ...(s.redirectPort === false
          ? []
          : [{ name: "http-to-https", priority: 200, ruleType: "Basic", httpListener: ref("httpListeners", "http"), redirectConfiguration: ref("redirectConfigurations", "http-to-https") }]),
      ],
      tags: t,
    },
    // The identity must be able to read the certificate before the gateway is created.
    { ...opts, dependsOn: [grant] },
  );

  const sshKey = args.sshPublicKey ?? new PrivateKey(`${name}-ssh`, { algorithm: "RSA", rsaBits: 4096 }, { parent }).publicKeyOpenssh;
  const scaleSet = new VirtualMachineScaleSet(
    name,
    {
      ...common,
      vmScaleSetName: physicalName("azure", "vmScaleSet", [target.stack, name]),
      orchestrationMode: "Flexible",
      platformFaultDomainCount: 1,
      sku: { name: args.size, tier: "Standard", capacity: s.min },
      virtualMachineProfile: {
        osProfile: {
          computerNamePrefix: physicalName("azure", "vmssComputerNamePrefix", [name]),
          adminUsername: ADMIN,
          linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: `/home/${ADMIN}/.ssh/authorized_keys`, keyData: sshKey }] } },
          ...(args.userData !== undefined ? { customData: base64(args.userData) } : {}),
        },
        storageProfile: {
          imageReference: AZURE_IMAGES[s.image](archOf(args.size)),
          osDisk: { createOption: "FromImage", caching: "ReadWrite", diskSizeGB: s.diskGb, managedDisk: { storageAccountType: "Premium_LRS" } },
        },
        networkProfile: {
          networkApiVersion: "2020-11-01",
          networkInterfaceConfigurations: [
            {
              name: "primary",
              primary: true,
              networkSecurityGroup: { id: machineNsg.id },
              ipConfigurations: [
                { name: "primary", primary: true, subnet: { id: network.privateSubnetIds.apply((ids) => ids[0]!) }, applicationGatewayBackendAddressPools: [ref("backendAddressPools", "machines")] },
              ],
            },
          ],
        },
        securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
      },
      tags: t,
    },
    // It joins a backend pool that exists once the gateway does; autoscale owns the capacity.
    { ...opts, dependsOn: [gateway], ignoreChanges: ["sku.capacity"] },
  );
  // Azure autoscale has no target tracking: scale out above the target, in well below it.
  const cpuRule = (operator: "GreaterThan" | "LessThan", threshold: number, direction: "Increase" | "Decrease") => ({
    metricTrigger: {
      metricName: "Percentage CPU",
      metricNamespace: "microsoft.compute/virtualmachinescalesets",
      metricResourceUri: scaleSet.id,
      timeGrain: "PT1M",
      statistic: "Average" as const,
      timeWindow: "PT5M",
      timeAggregation: "Average" as const,
      operator,
      threshold,
    },
    scaleAction: { direction, type: "ChangeCount" as const, value: "1", cooldown: "PT5M" },
  });
  new AutoscaleSetting(
    name,
    {
      ...common,
      autoscaleSettingName: physicalName("azure", "autoscaleSetting", [target.stack, name]),
      enabled: true,
      targetResourceUri: scaleSet.id,
      profiles: [
        {
          name: "cpu",
          capacity: { minimum: String(s.min), maximum: String(s.max), default: String(s.min) },
          rules: [cpuRule("GreaterThan", s.targetCpuPercent, "Increase"), cpuRule("LessThan", scaleInThreshold(s.targetCpuPercent), "Decrease")],
        },
      ],
      tags: t,
    },
    opts,
  );
  return {
    address: ip.ipAddress.apply((a) => a ?? ""),
    loadBalancerId: gateway.id,
    groupId: scaleSet.id,
    certificateId: pulumi.output(`https://${lastSegment(vault.keyVaultId)}.vault.azure.net/secrets/${vault.secretName}`),
    certificateValidation: pulumi.output(""),
    aliasZoneId: pulumi.output(""),
    memberSelector: scaleSet.id,
  };
};
