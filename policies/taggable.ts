/**
 * Every taggable resource type the tags rule judges, and where each keeps its labels. Typed
 * against each provider's Args, so a renamed field is a compile error. Two kinds of "tags" are
 * not labels and are left out on purpose: GCP instance `tags` (network tags) and DigitalOcean
 * firewall / monitor-alert `tags` (they select the Droplets the rule applies to).
 */
import { Workgroup } from "@pulumi/aws/athena/workgroup";
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { MetricAlarm } from "@pulumi/aws/cloudwatch/metricAlarm";
import { DefaultSecurityGroup } from "@pulumi/aws/ec2/defaultSecurityGroup";
import { Eip } from "@pulumi/aws/ec2/eip";
import { Instance as Ec2Instance } from "@pulumi/aws/ec2/instance";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { KeyPair } from "@pulumi/aws/ec2/keyPair";
import { NatGateway } from "@pulumi/aws/ec2/natGateway";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import { Cluster as EksCluster } from "@pulumi/aws/eks/cluster";
import { NodeGroup } from "@pulumi/aws/eks/nodeGroup";
import { CatalogDatabase } from "@pulumi/aws/glue/catalogDatabase";
import { Role } from "@pulumi/aws/iam/role";
import { Key as KmsKey } from "@pulumi/aws/kms/key";
import { Function as Lambda } from "@pulumi/aws/lambda/function";
import { Instance as RdsInstance } from "@pulumi/aws/rds/instance";
import { ParameterGroup } from "@pulumi/aws/rds/parameterGroup";
import { SubnetGroup } from "@pulumi/aws/rds/subnetGroup";
import { HealthCheck as Route53HealthCheck } from "@pulumi/aws/route53/healthCheck";
import { Bucket as S3Bucket } from "@pulumi/aws/s3/bucket";
import { Secret as AwsSecret } from "@pulumi/aws/secretsmanager/secret";
import { Topic } from "@pulumi/aws/sns/topic";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { ContainerApp } from "@pulumi/azure-native/app/containerApp";
import { ManagedEnvironment } from "@pulumi/azure-native/app/managedEnvironment";
import { VirtualMachine } from "@pulumi/azure-native/compute/virtualMachine";
import { VirtualMachineExtension } from "@pulumi/azure-native/compute/virtualMachineExtension";
import { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster";
import { Server as AzurePgServer } from "@pulumi/azure-native/dbforpostgresql/server";
import { Key as VaultKey } from "@pulumi/azure-native/keyvault/key";
import { Secret as VaultSecret } from "@pulumi/azure-native/keyvault/secret";
import { Vault } from "@pulumi/azure-native/keyvault/vault";
import { Cluster as KustoCluster } from "@pulumi/azure-native/kusto/cluster";
import { ActionGroup } from "@pulumi/azure-native/monitor/actionGroup";
import { MetricAlert } from "@pulumi/azure-native/monitor/metricAlert";
import { NatGateway as AzureNatGateway } from "@pulumi/azure-native/network/natGateway";
import { NetworkInterface } from "@pulumi/azure-native/network/networkInterface";
import { NetworkSecurityGroup } from "@pulumi/azure-native/network/networkSecurityGroup";
import { PrivateEndpoint } from "@pulumi/azure-native/network/privateEndpoint";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import { VirtualNetwork } from "@pulumi/azure-native/network/virtualNetwork";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { PrivateZone } from "@pulumi/azure-native/privatedns/privateZone";
import { VirtualNetworkLink } from "@pulumi/azure-native/privatedns/virtualNetworkLink";
import { ResourceGroup } from "@pulumi/azure-native/resources/resourceGroup";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import { Profile } from "@pulumi/azure-native/trafficmanager/profile";
import { DatabaseCluster } from "@pulumi/digitalocean/databaseCluster";
import { Droplet } from "@pulumi/digitalocean/droplet";
import { KubernetesCluster } from "@pulumi/digitalocean/kubernetesCluster";
import { Dataset } from "@pulumi/gcp/bigquery/dataset";
import { Service as CloudRunService } from "@pulumi/gcp/cloudrunv2/service";
import { GlobalAddress } from "@pulumi/gcp/compute/globalAddress";
import { Instance as GceInstance } from "@pulumi/gcp/compute/instance";
import { Cluster as GkeCluster } from "@pulumi/gcp/container/cluster";
import { NodePool } from "@pulumi/gcp/container/nodePool";
import { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import { AlertPolicy } from "@pulumi/gcp/monitoring/alertPolicy";
import { NotificationChannel } from "@pulumi/gcp/monitoring/notificationChannel";
import { Secret as GcpSecret } from "@pulumi/gcp/secretmanager/secret";
import { DatabaseInstance } from "@pulumi/gcp/sql/databaseInstance";
import { Bucket as GcsBucket } from "@pulumi/gcp/storage/bucket";
import { Deployment } from "@pulumi/oci/apigateway/deployment";
import { Gateway } from "@pulumi/oci/apigateway/gateway";
import { Cluster as OkeCluster } from "@pulumi/oci/containerengine/cluster";
import { NodePool as OkeNodePool } from "@pulumi/oci/containerengine/nodePool";
import { Instance as OciInstance } from "@pulumi/oci/core/instance";
import { InternetGateway as OciInternetGateway } from "@pulumi/oci/core/internetGateway";
import { NatGateway as OciNatGateway } from "@pulumi/oci/core/natGateway";
import { NetworkSecurityGroup as OciNsg } from "@pulumi/oci/core/networkSecurityGroup";
import { RouteTable as OciRouteTable } from "@pulumi/oci/core/routeTable";
import { SecurityList } from "@pulumi/oci/core/securityList";
import { ServiceGateway } from "@pulumi/oci/core/serviceGateway";
import { Subnet as OciSubnet } from "@pulumi/oci/core/subnet";
import { Vcn } from "@pulumi/oci/core/vcn";
import { AutonomousDatabase } from "@pulumi/oci/database/autonomousDatabase";
import { SteeringPolicy } from "@pulumi/oci/dns/steeringPolicy";
import { Application } from "@pulumi/oci/functions/application";
import { Function as OciFunction } from "@pulumi/oci/functions/function";
import { HttpMonitor } from "@pulumi/oci/healthchecks/httpMonitor";
import { Policy as OciPolicy } from "@pulumi/oci/identity/policy";
import { Key as OciKey } from "@pulumi/oci/kms/key";
import { Vault as OciVault } from "@pulumi/oci/kms/vault";
import { LogGroup as OciLogGroup } from "@pulumi/oci/logging/logGroup";
import { Alarm } from "@pulumi/oci/monitoring/alarm";
import { Bucket as OciBucket } from "@pulumi/oci/objectstorage/bucket";
import { NotificationTopic } from "@pulumi/oci/ons/notificationTopic";
import { Subscription } from "@pulumi/oci/ons/subscription";
import { DbSystem } from "@pulumi/oci/psql/dbSystem";
import { Secret as OciSecret } from "@pulumi/oci/vault/secret";
import { Budget as AwsBudget } from "@pulumi/aws/budgets/budget";
import { Trail } from "@pulumi/aws/cloudtrail/trail";
import { FlowLog as AwsFlowLog } from "@pulumi/aws/ec2/flowLog";
import { DiskEncryptionSet } from "@pulumi/azure-native/compute/diskEncryptionSet";
import { FlowLog as AzureFlowLog } from "@pulumi/azure-native/network/flowLog";
import { Budget as OciBudget } from "@pulumi/oci/budget/budget";
import { Rule as OciBudgetRule } from "@pulumi/oci/budget/rule";
import { Log as OciLog } from "@pulumi/oci/logging/log";
import { Certificate as AcmCertificate } from "@pulumi/aws/acm/certificate";
import { Group as AutoScalingGroup } from "@pulumi/aws/autoscaling/group";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { Listener as AlbListener } from "@pulumi/aws/lb/listener";
import { LoadBalancer as Alb } from "@pulumi/aws/lb/loadBalancer";
import { TargetGroup } from "@pulumi/aws/lb/targetGroup";
import { VirtualMachineScaleSet } from "@pulumi/azure-native/compute/virtualMachineScaleSet";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { AutoscaleSetting } from "@pulumi/azure-native/monitor/autoscaleSetting";
import { ApplicationGateway } from "@pulumi/azure-native/network/applicationGateway";
import { GlobalForwardingRule } from "@pulumi/gcp/compute/globalForwardingRule";
import { InstanceTemplate } from "@pulumi/gcp/compute/instanceTemplate";
import { AutoScalingConfiguration } from "@pulumi/oci/autoscaling/autoScalingConfiguration";
import { InstanceConfiguration } from "@pulumi/oci/core/instanceConfiguration";
import { InstancePool } from "@pulumi/oci/core/instancePool";
import { LoadBalancer as OciLoadBalancer } from "@pulumi/oci/loadbalancer/loadBalancer";
import { labelMap } from "./facts";
import { type Extractor, extractor, type ResourceClass } from "./rule";

/** A resource's labels in one shape. */
export type Labels = Record<string, string>;

type LabelShape = Readonly<Record<string, string>> | readonly string[] | undefined;

/** `cls` only when its Args have the field `K`: a class without it is a compile error at the call site. */
type WithField<A, K extends string> = ResourceClass<A> & (K extends keyof NonNullable<A> ? unknown : { readonly missingLabelField: K });

const read = (field: string) => (p: unknown) => labelMap((p as Record<string, LabelShape>)[field]);
const aws = <A>(cls: WithField<A, "tags">): Extractor<Labels> => extractor(cls, "aws", read("tags"));
const azure = <A>(cls: WithField<A, "tags">): Extractor<Labels> => extractor(cls, "azure", read("tags"));
const labelsOf = <A>(cls: WithField<A, "labels">): Extractor<Labels> => extractor(cls, "gcp", read("labels"));
const doTagged = <A>(cls: WithField<A, "tags">): Extractor<Labels> => extractor(cls, "digitalocean", read("tags"));
const freeform = <A>(cls: WithField<A, "freeformTags">): Extractor<Labels> => extractor(cls, "oci", read("freeformTags"));

/** The extractors of the tags rule: one per taggable type. */
export const TAGGABLE: readonly Extractor<Labels>[] = [
  aws(Workgroup), aws(LogGroup), aws(MetricAlarm), aws(DefaultSecurityGroup), aws(Eip), aws(Ec2Instance), aws(InternetGateway),
  aws(KeyPair), aws(NatGateway), aws(RouteTable), aws(SecurityGroup), aws(Subnet), aws(Vpc), aws(EksCluster), aws(NodeGroup),
  aws(CatalogDatabase), aws(Role), aws(KmsKey), aws(Lambda), aws(RdsInstance), aws(ParameterGroup), aws(SubnetGroup),
  aws(Route53HealthCheck), aws(S3Bucket), aws(AwsSecret), aws(Topic), aws(SecurityGroupEgressRule), aws(SecurityGroupIngressRule),
  azure(ContainerApp), azure(ManagedEnvironment), azure(VirtualMachine), azure(VirtualMachineExtension), azure(ManagedCluster),
  azure(AzurePgServer), azure(VaultKey), azure(VaultSecret), azure(Vault), azure(KustoCluster), azure(ActionGroup), azure(MetricAlert),
  azure(AzureNatGateway), azure(NetworkInterface), azure(NetworkSecurityGroup), azure(PrivateEndpoint), azure(PublicIPAddress),
  azure(VirtualNetwork), azure(Workspace), azure(PrivateZone), azure(VirtualNetworkLink), azure(ResourceGroup), azure(StorageAccount), azure(Profile),
  labelsOf(Dataset), labelsOf(CloudRunService), labelsOf(GlobalAddress), labelsOf(GceInstance), labelsOf(CryptoKey), labelsOf(GcpSecret), labelsOf(GcsBucket),
  extractor(GkeCluster, "gcp", (p) => labelMap(p.resourceLabels)),
  extractor(NodePool, "gcp", (p) => labelMap(p.nodeConfig?.resourceLabels)),
  extractor(DatabaseInstance, "gcp", (p) => labelMap(p.settings?.userLabels)),
  extractor(AlertPolicy, "gcp", (p) => labelMap(p.userLabels)),
  extractor(NotificationChannel, "gcp", (p) => labelMap(p.userLabels)),
  doTagged(DatabaseCluster), doTagged(Droplet), doTagged(KubernetesCluster),
  freeform(Deployment), freeform(Gateway), freeform(OkeCluster), freeform(OkeNodePool), freeform(OciInstance), freeform(OciInternetGateway),
  freeform(OciNatGateway), freeform(OciNsg), freeform(OciRouteTable), freeform(SecurityList), freeform(ServiceGateway), freeform(OciSubnet),
  freeform(Vcn), freeform(AutonomousDatabase), freeform(SteeringPolicy), freeform(Application), freeform(OciFunction), freeform(HttpMonitor),
  freeform(OciKey), freeform(OciVault), freeform(OciLogGroup), freeform(Alarm), freeform(OciBucket), freeform(NotificationTopic),
  freeform(Subscription), freeform(DbSystem), freeform(OciSecret), freeform(OciPolicy),
  // Governance (issue 16): audit trails, budgets, flow and access logs, key grants.
  aws(Trail), aws(AwsBudget), aws(AwsFlowLog),
  azure(AzureFlowLog), azure(DiskEncryptionSet),
  freeform(OciBudget), freeform(OciBudgetRule), freeform(OciLog),
  // The web tier's load balancers and autoscaling groups.
  aws(AcmCertificate), aws(LaunchTemplate), aws(AlbListener), aws(Alb), aws(TargetGroup),
  extractor(AutoScalingGroup, "aws", (p) => Object.fromEntries((p.tags ?? []).map((t) => [t.key, t.value]))),
  azure(VirtualMachineScaleSet), azure(UserAssignedIdentity), azure(AutoscaleSetting), azure(ApplicationGateway),
  labelsOf(GlobalForwardingRule), labelsOf(InstanceTemplate),
  freeform(AutoScalingConfiguration), freeform(InstanceConfiguration), freeform(InstancePool), freeform(OciLoadBalancer),
];
