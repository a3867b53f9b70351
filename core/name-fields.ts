/**
 * Which input of which provider resource holds a physical name, and under which rule: the
 * harness checks every registered resource against this table (`harness/names.ts`), so a name
 * that breaks its cloud's rule fails the tests and `tessera plan`.
 */
import type { Cloud } from "./cloud";
import type { NameKind } from "./naming";

/** One named input. */
export interface NameField {
  /** Input path, dots for nested objects (`spec.name`, `osProfile.computerName`). */
  readonly path: string;
  readonly cloud: Cloud;
  readonly kind: string;
  /**
   * Left unset, the provider auto-names it `<logical name>-<7 hex digits>`: the check then
   * applies to that shape.
   */
  readonly autoName?: boolean;
}

const on =
  <C extends Cloud>(cloud: C) =>
  (path: string, kind: NameKind<C>, autoName = false): NameField => ({ path, cloud, kind, ...(autoName ? { autoName } : {}) });
const aws = on("aws");
const azure = on("azure");
const gcp = on("gcp");
const digitalocean = on("digitalocean");
const oci = on("oci");
const ociLabel = [oci("displayName", "displayName")];

/** Named inputs by provider type token. */
export const NAME_FIELDS: Readonly<Record<string, readonly NameField[]>> = {
  "aws:s3/bucket:Bucket": [aws("bucket", "s3Bucket")],
  "aws:ec2/keyPair:KeyPair": [aws("keyName", "ec2KeyPair")],
  "aws:rds/instance:Instance": [aws("identifier", "rdsInstance"), aws("finalSnapshotIdentifier", "rdsFinalSnapshot")],
  "aws:rds/subnetGroup:SubnetGroup": [aws("name", "rdsSubnetGroup")],
  "aws:rds/parameterGroup:ParameterGroup": [aws("name", "rdsParameterGroup")],
  "aws:eks/cluster:Cluster": [aws("name", "eksCluster")],
  "aws:kms/alias:Alias": [aws("name", "kmsAlias")],
  "aws:secretsmanager/secret:Secret": [aws("name", "secretsManagerSecret")],
  "aws:lambda/function:Function": [aws("name", "lambdaFunction")],
  "aws:cloudwatch/logGroup:LogGroup": [aws("name", "cloudwatchLogGroup")],
  "aws:cloudwatch/metricAlarm:MetricAlarm": [aws("name", "cloudwatchAlarm")],
  "aws:sns/topic:Topic": [aws("name", "snsTopic")],
  "aws:athena/workgroup:Workgroup": [aws("name", "athenaWorkgroup")],
  "aws:glue/catalogDatabase:CatalogDatabase": [aws("name", "glueDatabase")],
  "aws:iam/role:Role": [aws("name", "iamRole", true)],
  "aws:cloudtrail/trail:Trail": [aws("name", "cloudtrailTrail")],
  "aws:budgets/budget:Budget": [aws("name", "budgetName")],
  "aws:lb/loadBalancer:LoadBalancer": [aws("name", "albName")],
  "aws:lb/targetGroup:TargetGroup": [aws("name", "lbTargetGroup")],
  "aws:autoscaling/group:Group": [aws("name", "autoScalingGroup")],

  "azure-native:resources:ResourceGroup": [azure("resourceGroupName", "resourceGroup")],
  "azure-native:storage:StorageAccount": [azure("accountName", "storageAccount")],
  "azure-native:storage:BlobContainer": [azure("containerName", "blobContainer")],
  "azure-native:network:NetworkSecurityGroup": [azure("networkSecurityGroupName", "networkSecurityGroup")],
  "azure-native:network:VirtualNetwork": [azure("virtualNetworkName", "virtualNetwork")],
  "azure-native:compute:VirtualMachine": [azure("vmName", "virtualMachine"), azure("osProfile.computerName", "linuxComputerName")],
  "azure-native:dbforpostgresql:Server": [azure("serverName", "postgresFlexibleServer")],
  "azure-native:containerservice:ManagedCluster": [azure("resourceName", "aksCluster"), azure("dnsPrefix", "aksDnsPrefix")],
  "azure-native:keyvault:Vault": [azure("vaultName", "keyVault")],
  "azure-native:keyvault:Secret": [azure("secretName", "keyVaultSecret")],
  "azure-native:app:ManagedEnvironment": [azure("environmentName", "containerAppsEnvironment")],
  "azure-native:app:ContainerApp": [azure("containerAppName", "containerApp")],
  "azure-native:operationalinsights:Workspace": [azure("workspaceName", "logAnalyticsWorkspace")],
  "azure-native:monitor:ActionGroup": [azure("actionGroupName", "actionGroup"), azure("groupShortName", "actionGroupShortName")],
  "azure-native:monitor:MetricAlert": [azure("ruleName", "metricAlert")],
  "azure-native:kusto:Cluster": [azure("clusterName", "kustoCluster")],
  "azure-native:kusto:ReadWriteDatabase": [azure("databaseName", "kustoDatabase")],
  "azure-native:network:ApplicationGateway": [azure("applicationGatewayName", "applicationGateway")],
  "azure-native:network:PublicIPAddress": [azure("publicIpAddressName", "publicIpAddress")],
  "azure-native:network:Subnet": [azure("subnetName", "subnet")],
  "azure-native:compute:VirtualMachineScaleSet": [azure("vmScaleSetName", "vmScaleSet"), azure("virtualMachineProfile.osProfile.computerNamePrefix", "vmssComputerNamePrefix")],
  "azure-native:managedidentity:UserAssignedIdentity": [azure("resourceName", "userAssignedIdentity")],
  "azure-native:monitor:AutoscaleSetting": [azure("autoscaleSettingName", "autoscaleSetting")],
  "azure-native:monitor:SubscriptionDiagnosticSetting": [azure("name", "subscriptionDiagnosticSetting")],
  "azure-native:monitor:DiagnosticSetting": [azure("name", "diagnosticSetting")],
  "azure-native:consumption:Budget": [azure("budgetName", "consumptionBudget")],
  "azure-native:network:FlowLog": [azure("flowLogName", "flowLog")],
  "azure-native:compute:DiskEncryptionSet": [azure("diskEncryptionSetName", "diskEncryptionSet")],
  "azure-native:trafficmanager:Profile": [azure("profileName", "trafficManagerProfile"), azure("dnsConfig.relativeName", "trafficManagerDns")],

  "gcp:storage/bucket:Bucket": [gcp("name", "gcsBucket")],
  "gcp:compute/network:Network": [gcp("name", "vpcNetwork")],
  "gcp:compute/subnetwork:Subnetwork": [gcp("name", "subnetwork")],
  "gcp:compute/firewall:Firewall": [gcp("name", "firewall")],
  "gcp:compute/globalAddress:GlobalAddress": [gcp("name", "globalAddress")],
  "gcp:compute/router:Router": [gcp("name", "router")],
  "gcp:compute/routerNat:RouterNat": [gcp("name", "routerNat")],
  "gcp:compute/instance:Instance": [gcp("name", "computeInstance")],
  "gcp:compute/healthCheck:HealthCheck": [gcp("name", "healthCheck")],
  "gcp:sql/databaseInstance:DatabaseInstance": [gcp("name", "cloudSqlInstance")],
  "gcp:container/cluster:Cluster": [gcp("name", "gkeCluster")],
  "gcp:container/nodePool:NodePool": [gcp("name", "gkeNodePool")],
  "gcp:kms/keyRing:KeyRing": [gcp("name", "kmsKeyRing")],
  "gcp:secretmanager/secret:Secret": [gcp("secretId", "secretManagerSecret")],
  "gcp:serviceaccount/account:Account": [gcp("accountId", "serviceAccount")],
  "gcp:cloudrunv2/service:Service": [gcp("name", "cloudRunService")],
  "gcp:logging/projectBucketConfig:ProjectBucketConfig": [gcp("bucketId", "loggingBucket")],
  "gcp:logging/projectSink:ProjectSink": [gcp("name", "logSink")],
  "gcp:logging/projectExclusion:ProjectExclusion": [gcp("name", "logExclusion")],
  "gcp:billing/budget:Budget": [gcp("displayName", "billingBudget")],
  "gcp:bigquery/dataset:Dataset": [gcp("datasetId", "bigqueryDataset")],
  "gcp:compute/backendService:BackendService": [gcp("name", "backendService")],
  "gcp:compute/uRLMap:URLMap": [gcp("name", "urlMap")],
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": [gcp("name", "targetHttpsProxy")],
  "gcp:compute/targetHttpProxy:TargetHttpProxy": [gcp("name", "targetHttpProxy")],
  "gcp:compute/sSLPolicy:SSLPolicy": [gcp("name", "sslPolicy")],
  "gcp:compute/managedSslCertificate:ManagedSslCertificate": [gcp("name", "sslCertificate")],
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": [gcp("name", "globalForwardingRule")],
  "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager": [gcp("name", "regionInstanceGroupManager"), gcp("baseInstanceName", "baseInstanceName")],
  "gcp:compute/regionAutoscaler:RegionAutoscaler": [gcp("name", "regionAutoscaler")],

  "digitalocean:index/spacesBucket:SpacesBucket": [digitalocean("name", "spacesBucket")],
  "digitalocean:index/vpc:Vpc": [digitalocean("name", "vpc")],
  "digitalocean:index/firewall:Firewall": [digitalocean("name", "firewall")],
  "digitalocean:index/tag:Tag": [digitalocean("name", "tag")],
  "digitalocean:index/sshKey:SshKey": [digitalocean("name", "sshKey")],
  "digitalocean:index/droplet:Droplet": [digitalocean("name", "droplet")],
  "digitalocean:index/databaseCluster:DatabaseCluster": [digitalocean("name", "databaseCluster")],
  // A read-only node is named like a cluster (the API's database name rule).
  "digitalocean:index/databaseReplica:DatabaseReplica": [digitalocean("name", "databaseCluster")],
  "digitalocean:index/kubernetesCluster:KubernetesCluster": [digitalocean("name", "kubernetesCluster")],
  "digitalocean:index/app:App": [digitalocean("spec.name", "app")],
  "digitalocean:index/loadBalancer:LoadBalancer": [digitalocean("name", "loadBalancer")],
  "digitalocean:index/certificate:Certificate": [digitalocean("name", "certificate")],
  "digitalocean:index/dropletAutoscale:DropletAutoscale": [digitalocean("name", "dropletAutoscalePool")],

  "oci:ObjectStorage/bucket:Bucket": [oci("name", "bucket")],
  "oci:ObjectStorage/replicationPolicy:ReplicationPolicy": [oci("name", "displayName")],
  "oci:Core/vcn:Vcn": [...ociLabel, oci("dnsLabel", "vcnDnsLabel")],
  "oci:Core/internetGateway:InternetGateway": ociLabel,
  "oci:Core/routeTable:RouteTable": ociLabel,
  "oci:Core/natGateway:NatGateway": ociLabel,
  "oci:Core/serviceGateway:ServiceGateway": ociLabel,
  "oci:Core/securityList:SecurityList": ociLabel,
  "oci:Core/subnet:Subnet": ociLabel,
  "oci:Core/instance:Instance": ociLabel,
  "oci:Core/networkSecurityGroup:NetworkSecurityGroup": ociLabel,
  "oci:Psql/dbSystem:DbSystem": ociLabel,
  "oci:Kms/vault:Vault": ociLabel,
  "oci:Kms/key:Key": ociLabel,
  "oci:ApiGateway/gateway:Gateway": ociLabel,
  "oci:Monitoring/alarm:Alarm": ociLabel,
  "oci:HealthChecks/httpMonitor:HttpMonitor": ociLabel,
  "oci:Dns/steeringPolicy:SteeringPolicy": ociLabel,
  "oci:Dns/steeringPolicyAttachment:SteeringPolicyAttachment": ociLabel,
  "oci:Database/autonomousDatabase:AutonomousDatabase": [...ociLabel, oci("dbName", "autonomousDatabase"), oci("privateEndpointLabel", "privateEndpointLabel")],
  "oci:Ons/notificationTopic:NotificationTopic": [oci("name", "notificationTopic")],
  "oci:Logging/logGroup:LogGroup": [oci("displayName", "logGroup")],
  "oci:Logging/log:Log": [oci("displayName", "log")],
  "oci:Budget/budget:Budget": [oci("displayName", "budget")],
  "oci:Budget/rule:Rule": [oci("displayName", "budgetRule")],
  "oci:Functions/application:Application": [oci("displayName", "functionsApplication")],
  "oci:Functions/function:Function": [oci("displayName", "function")],
  "oci:ContainerEngine/cluster:Cluster": [oci("name", "okeCluster")],
  "oci:ContainerEngine/nodePool:NodePool": [oci("name", "okeNodePool")],
  "oci:Vault/secret:Secret": [oci("secretName", "vaultSecret")],
  "oci:Identity/policy:Policy": [oci("name", "iamPolicy")],
  "oci:LoadBalancer/loadBalancer:LoadBalancer": ociLabel,
  "oci:Core/instanceConfiguration:InstanceConfiguration": ociLabel,
  "oci:Core/instancePool:InstancePool": ociLabel,
  "oci:Autoscaling/autoScalingConfiguration:AutoScalingConfiguration": ociLabel,
};
