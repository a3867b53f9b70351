/** What the fake Azure answers. */
import { stringify } from "yaml";
import { type CloudFakes, str } from "./types";

const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

/** An Azure Resource Manager id (`/subscriptions/…/resourceGroups/…/providers/<namespace>/<type>/<name>`), as Azure assigns. */
const armId = (namespace: string, type: string, name: (i: Record<string, unknown>, a: { name: string }) => string) => (i: Record<string, unknown>, a: { name: string }) =>
  `/subscriptions/${SUBSCRIPTION}/resourceGroups/${str(i.resourceGroupName, "rg")}/providers/${namespace}/${type}/${name(i, a)}`;

export const azureFakes: CloudFakes = {
  // Ids other resources consume by shape (replication reads the account or server name from the id's last segment).
  ids: {
    "azure-native:storage:StorageAccount": armId("Microsoft.Storage", "storageAccounts", (i, a) => str(i.accountName, a.name)),
    "azure-native:dbforpostgresql:Server": armId("Microsoft.DBforPostgreSQL", "flexibleServers", (i, a) => str(i.serverName, a.name)),
  },
  outputs: {
    "azure-native:resources:ResourceGroup": (i, a) => ({ name: str(i.resourceGroupName, a.name) }),
    // Object replication: the destination's policy gets Azure's policy and rule ids, the source's echoes them.
    "azure-native:storage:ObjectReplicationPolicy": (i, a) => ({
      policyId: i.objectReplicationPolicyId === "default" ? `policy-${a.name}` : i.objectReplicationPolicyId,
      rules: (Array.isArray(i.rules) ? (i.rules as Array<Record<string, unknown>>) : []).map((r, n) => ({ ...r, ruleId: str(r.ruleId, `rule-${a.name}-${n}`) })),
    }),
    "azure-native:storage:StorageAccount": (i, a) => {
      const name = str(i.accountName, a.name);
      return { name, primaryEndpoints: { blob: `https://${name}.blob.core.windows.net/`, dfs: `https://${name}.dfs.core.windows.net/` } };
    },
    "azure-native:storage:BlobContainer": (i, a) => ({ name: str(i.containerName, a.name) }),
    "azure-native:storage:BlobServiceProperties": () => ({ name: "default" }),
    "azure-native:storage:ManagementPolicy": () => ({ name: "default" }),
    "azure-native:network:VirtualNetwork": (i, a) => ({ name: str(i.virtualNetworkName, a.name) }),
    "azure-native:network:NetworkSecurityGroup": (i, a) => ({ name: str(i.networkSecurityGroupName, a.name) }),
    "azure-native:network:Subnet": (i, a) => ({ name: str(i.subnetName, a.name) }),
    "azure-native:network:NetworkInterface": (i, a) => ({
      name: a.name,
      ipConfigurations: ((i.ipConfigurations ?? []) as object[]).map((c) => ({ ...c, privateIPAddress: "10.0.128.4" })),
    }),
    "azure-native:network:PublicIPAddress": (_i, a) => ({ name: a.name, ipAddress: "203.0.113.20" }),
    "azure-native:network:ApplicationGateway": (i, a) => ({ name: str(i.applicationGatewayName, a.name) }),
    "azure-native:managedidentity:UserAssignedIdentity": (i, a) => ({ name: str(i.resourceName, a.name), principalId: "66666666-6666-6666-6666-666666666666", clientId: "77777777-7777-7777-7777-777777777777", tenantId: "88888888-8888-8888-8888-888888888888" }),
    "azure-native:compute:VirtualMachineScaleSet": (i, a) => ({ name: str(i.vmScaleSetName, a.name) }),
    "azure-native:network:PrivateEndpoint": (i, a) => ({ name: str(i.privateEndpointName, a.name) }),
    "azure-native:privatedns:PrivateZone": (i, a) => ({ name: str(i.privateZoneName, a.name) }),
    "azure-native:compute:VirtualMachine": (i, a) => ({ name: str(i.vmName, a.name) }),
    "azure-native:dbforpostgresql:Server": (i, a) => ({ name: str(i.serverName, a.name), fullyQualifiedDomainName: `${str(i.serverName, a.name)}.postgres.database.azure.com` }),
    "azure-native:dbforpostgresql:Database": (i, a) => ({ name: str(i.databaseName, a.name) }),
    "azure-native:containerservice:ManagedCluster": (i, a) => {
      // A private cluster answers on a privatelink FQDN; a public one on its hcp FQDN.
      const isPrivate = (i.apiServerAccessProfile as { enablePrivateCluster?: boolean } | undefined)?.enablePrivateCluster === true;
      const prefix = str(i.dnsPrefix, a.name);
      return { name: str(i.resourceName, a.name), fqdn: isPrivate ? "" : `${prefix}-a1b2c3.hcp.westeurope.azmk8s.io`, ...(isPrivate ? { privateFQDN: `${prefix}-a1b2c3.0f1e2d3c.privatelink.westeurope.azmk8s.io` } : {}) };
    },
    "azure-native:keyvault:Vault": (i, a) => ({ name: str(i.vaultName, a.name), properties: { ...(i.properties as object), vaultUri: `https://${str(i.vaultName, a.name)}.vault.azure.net/` } }),
    "azure-native:keyvault:Key": (i, a) => {
      const keyUri = `https://${str(i.vaultName, "vault")}.vault.azure.net/keys/${str(i.keyName, a.name)}`;
      return { name: str(i.keyName, a.name), keyUri, keyUriWithVersion: `${keyUri}/0123456789abcdef0123456789abcdef` };
    },
    "azure-native:compute:DiskEncryptionSet": (i, a) => ({ name: str(i.diskEncryptionSetName, a.name), identity: { ...(i.identity as object), principalId: "88888888-8888-8888-8888-888888888888", tenantId: "33333333-3333-3333-3333-333333333333" } }),
    "azure-native:app:ManagedEnvironment": (i, a) => ({ name: str(i.environmentName, a.name), defaultDomain: `happy-sky-0a1b2c3d.${str(i.location, "westeurope")}.azurecontainerapps.io` }),
    "azure-native:app:ContainerApp": (i, a) => {
      const name = str(i.containerAppName, a.name);
      const configuration = i.configuration as { ingress?: { external?: boolean } } | undefined;
      const ingress = configuration?.ingress;
      // Internal ingress answers on the environment's `.internal.` subdomain.
      const fqdn = ingress ? `${name}${ingress.external ? "" : ".internal"}.happy-sky-0a1b2c3d.${str(i.location, "westeurope")}.azurecontainerapps.io` : undefined;
      return { name, configuration: { ...configuration, ...(ingress ? { ingress: { ...ingress, fqdn } } : {}) }, identity: { ...(i.identity as object), principalId: "44444444-4444-4444-4444-444444444444", tenantId: "33333333-3333-3333-3333-333333333333" } };
    },
    "azure-native:operationalinsights:Workspace": (i, a) => ({ name: str(i.workspaceName, a.name), customerId: "55555555-5555-5555-5555-555555555555" }),
    "azure-native:monitor:ActionGroup": (i, a) => ({ name: str(i.actionGroupName, a.name) }),
    "azure-native:monitor:MetricAlert": (i, a) => ({ name: str(i.ruleName, a.name) }),
    "azure-native:kusto:Cluster": (i, a) => ({ name: str(i.clusterName, a.name), uri: `https://${str(i.clusterName, a.name)}.${str(i.location, "westeurope")}.kusto.windows.net` }),
    "azure-native:kusto:ReadWriteDatabase": (i, a) => ({ name: `${str(i.clusterName, "cluster")}/${str(i.databaseName, a.name)}` }),
    "azure-native:trafficmanager:Profile": (i, a) => ({ name: str(i.profileName, a.name), dnsConfig: { ...(i.dnsConfig as object), fqdn: `${str((i.dnsConfig as { relativeName?: string } | undefined)?.relativeName, a.name)}.trafficmanager.net` } }),
  },
  invokes: {
    "azure-native:authorization:getClientConfig": () => ({ clientId: "11111111-1111-1111-1111-111111111111", objectId: "22222222-2222-2222-2222-222222222222", subscriptionId: SUBSCRIPTION, tenantId: "33333333-3333-3333-3333-333333333333" }),
    "azure-native:containerservice:listManagedClusterUserCredentials": (i) => ({
      kubeconfigs: [{ name: "clusterUser", value: Buffer.from(stringify({ apiVersion: "v1", kind: "Config", clusters: [{ name: str(i.resourceName, "aks") }] })).toString("base64") }],
    }),
  },
};
