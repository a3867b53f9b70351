/**
 * policies/types.ts names each provider resource type by its token, so the pack loads no provider
 * SDK. Here every token is checked against its class's own `__pulumiType` (this test may load
 * the classes): the table's type makes a missing entry, or a class other than the one the entry
 * is typed with, a compile error, and the test fails on any token that drifted.
 */
import { Certificate as AcmCertificate } from "@pulumi/aws/acm/certificate";
import { Workgroup } from "@pulumi/aws/athena/workgroup";
import { Group as AutoScalingGroup } from "@pulumi/aws/autoscaling/group";
import { Budget as AwsBudget } from "@pulumi/aws/budgets/budget";
import { Distribution } from "@pulumi/aws/cloudfront/distribution";
import { Trail } from "@pulumi/aws/cloudtrail/trail";
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { MetricAlarm } from "@pulumi/aws/cloudwatch/metricAlarm";
import { Volume } from "@pulumi/aws/ebs/volume";
import { DefaultSecurityGroup } from "@pulumi/aws/ec2/defaultSecurityGroup";
import { Eip } from "@pulumi/aws/ec2/eip";
import { FlowLog as AwsFlowLog } from "@pulumi/aws/ec2/flowLog";
import { Instance as Ec2Instance } from "@pulumi/aws/ec2/instance";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { KeyPair } from "@pulumi/aws/ec2/keyPair";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { NatGateway } from "@pulumi/aws/ec2/natGateway";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { SecurityGroupRule } from "@pulumi/aws/ec2/securityGroupRule";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import { TaskDefinition } from "@pulumi/aws/ecs/taskDefinition";
import { Cluster as EksCluster } from "@pulumi/aws/eks/cluster";
import { NodeGroup } from "@pulumi/aws/eks/nodeGroup";
import { CatalogDatabase } from "@pulumi/aws/glue/catalogDatabase";
import { Role } from "@pulumi/aws/iam/role";
import { Key as KmsKey } from "@pulumi/aws/kms/key";
import { Function as Lambda } from "@pulumi/aws/lambda/function";
import { Listener as AlbListener } from "@pulumi/aws/lb/listener";
import { LoadBalancer as Alb } from "@pulumi/aws/lb/loadBalancer";
import { TargetGroup } from "@pulumi/aws/lb/targetGroup";
import { Instance as RdsInstance } from "@pulumi/aws/rds/instance";
import { ParameterGroup } from "@pulumi/aws/rds/parameterGroup";
import { SubnetGroup } from "@pulumi/aws/rds/subnetGroup";
import { HealthCheck as Route53HealthCheck } from "@pulumi/aws/route53/healthCheck";
import { Bucket as S3Bucket } from "@pulumi/aws/s3/bucket";
import { BucketAcl } from "@pulumi/aws/s3/bucketAcl";
import { BucketLogging } from "@pulumi/aws/s3/bucketLogging";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { BucketReplicationConfig } from "@pulumi/aws/s3/bucketReplicationConfig";
import { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
import { Secret as AwsSecret } from "@pulumi/aws/secretsmanager/secret";
import { Topic } from "@pulumi/aws/sns/topic";
import { TopicSubscription } from "@pulumi/aws/sns/topicSubscription";
import { Parameter } from "@pulumi/aws/ssm/parameter";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { ContainerApp } from "@pulumi/azure-native/app/containerApp";
import { ManagedEnvironment } from "@pulumi/azure-native/app/managedEnvironment";
import { DiskEncryptionSet } from "@pulumi/azure-native/compute/diskEncryptionSet";
import { VirtualMachine } from "@pulumi/azure-native/compute/virtualMachine";
import { VirtualMachineExtension } from "@pulumi/azure-native/compute/virtualMachineExtension";
import { VirtualMachineScaleSet } from "@pulumi/azure-native/compute/virtualMachineScaleSet";
import { Budget as AzureBudget } from "@pulumi/azure-native/consumption/budget";
import { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster";
import { Configuration as AzurePgConfiguration } from "@pulumi/azure-native/dbforpostgresql/configuration";
import { FirewallRule as AzurePgFirewallRule } from "@pulumi/azure-native/dbforpostgresql/firewallRule";
import { Server as AzurePgServer } from "@pulumi/azure-native/dbforpostgresql/server";
import { Key as VaultKey } from "@pulumi/azure-native/keyvault/key";
import { Secret as VaultSecret } from "@pulumi/azure-native/keyvault/secret";
import { Vault } from "@pulumi/azure-native/keyvault/vault";
import { Cluster as KustoCluster } from "@pulumi/azure-native/kusto/cluster";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { ActionGroup } from "@pulumi/azure-native/monitor/actionGroup";
import { AutoscaleSetting } from "@pulumi/azure-native/monitor/autoscaleSetting";
import { DiagnosticSetting } from "@pulumi/azure-native/monitor/diagnosticSetting";
import { MetricAlert } from "@pulumi/azure-native/monitor/metricAlert";
import { SubscriptionDiagnosticSetting } from "@pulumi/azure-native/monitor/subscriptionDiagnosticSetting";
import { ApplicationGateway } from "@pulumi/azure-native/network/applicationGateway";
import { FlowLog as AzureFlowLog } from "@pulumi/azure-native/network/flowLog";
import { NatGateway as AzureNatGateway } from "@pulumi/azure-native/network/natGateway";
import { NetworkInterface } from "@pulumi/azure-native/network/networkInterface";
import { NetworkSecurityGroup } from "@pulumi/azure-native/network/networkSecurityGroup";
import { PrivateEndpoint } from "@pulumi/azure-native/network/privateEndpoint";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import { SecurityRule } from "@pulumi/azure-native/network/securityRule";
import { VirtualNetwork } from "@pulumi/azure-native/network/virtualNetwork";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { PrivateZone } from "@pulumi/azure-native/privatedns/privateZone";
import { VirtualNetworkLink } from "@pulumi/azure-native/privatedns/virtualNetworkLink";
import { ResourceGroup } from "@pulumi/azure-native/resources/resourceGroup";
import { BlobContainer } from "@pulumi/azure-native/storage/blobContainer";
import { BlobServiceProperties } from "@pulumi/azure-native/storage/blobServiceProperties";
import { ObjectReplicationPolicy } from "@pulumi/azure-native/storage/objectReplicationPolicy";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import { Profile } from "@pulumi/azure-native/trafficmanager/profile";
import { Dataset } from "@pulumi/gcp/bigquery/dataset";
import { DatasetIamMember } from "@pulumi/gcp/bigquery/datasetIamMember";
import { Budget as GcpBudget } from "@pulumi/gcp/billing/budget";
import { Function as CloudFunction } from "@pulumi/gcp/cloudfunctionsv2/function";
import { Service as CloudRunService } from "@pulumi/gcp/cloudrunv2/service";
import { BackendService } from "@pulumi/gcp/compute/backendService";
import { Firewall as GcpFirewall } from "@pulumi/gcp/compute/firewall";
import { GlobalAddress } from "@pulumi/gcp/compute/globalAddress";
import { GlobalForwardingRule } from "@pulumi/gcp/compute/globalForwardingRule";
import { Instance as GceInstance } from "@pulumi/gcp/compute/instance";
import { InstanceTemplate } from "@pulumi/gcp/compute/instanceTemplate";
import { RegionInstanceGroupManager } from "@pulumi/gcp/compute/regionInstanceGroupManager";
import { SSLPolicy } from "@pulumi/gcp/compute/sslpolicy";
import { Subnetwork } from "@pulumi/gcp/compute/subnetwork";
import { TargetHttpsProxy } from "@pulumi/gcp/compute/targetHttpsProxy";
import { Cluster as GkeCluster } from "@pulumi/gcp/container/cluster";
import { NodePool } from "@pulumi/gcp/container/nodePool";
import { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import { AlertPolicy } from "@pulumi/gcp/monitoring/alertPolicy";
import { NotificationChannel } from "@pulumi/gcp/monitoring/notificationChannel";
import { IAMAuditConfig } from "@pulumi/gcp/projects/iamauditConfig";
import { Secret as GcpSecret } from "@pulumi/gcp/secretmanager/secret";
import { DatabaseInstance } from "@pulumi/gcp/sql/databaseInstance";
import { Bucket as GcsBucket } from "@pulumi/gcp/storage/bucket";
import { BucketIAMBinding } from "@pulumi/gcp/storage/bucketIAMBinding";
import { BucketIAMMember } from "@pulumi/gcp/storage/bucketIAMMember";
import { TransferJob } from "@pulumi/gcp/storage/transferJob";
import { App } from "@pulumi/digitalocean/app";
import { DatabaseCluster } from "@pulumi/digitalocean/databaseCluster";
import { DatabaseFirewall } from "@pulumi/digitalocean/databaseFirewall";
import { DatabaseReplica } from "@pulumi/digitalocean/databaseReplica";
import { Droplet } from "@pulumi/digitalocean/droplet";
import { DropletAutoscale } from "@pulumi/digitalocean/dropletAutoscale";
import { Firewall as DoFirewall } from "@pulumi/digitalocean/firewall";
import { KubernetesCluster } from "@pulumi/digitalocean/kubernetesCluster";
import { LoadBalancer as DoLoadBalancer } from "@pulumi/digitalocean/loadBalancer";
import { SpacesBucket } from "@pulumi/digitalocean/spacesBucket";
import { SpacesBucketLogging } from "@pulumi/digitalocean/spacesBucketLogging";
import { Deployment } from "@pulumi/oci/apigateway/deployment";
import { Gateway } from "@pulumi/oci/apigateway/gateway";
import { Configuration as OciAuditConfiguration } from "@pulumi/oci/audit/configuration";
import { AutoScalingConfiguration } from "@pulumi/oci/autoscaling/autoScalingConfiguration";
import { Budget as OciBudget } from "@pulumi/oci/budget/budget";
import { Rule as OciBudgetRule } from "@pulumi/oci/budget/rule";
import { Cluster as OkeCluster } from "@pulumi/oci/containerengine/cluster";
import { NodePool as OkeNodePool } from "@pulumi/oci/containerengine/nodePool";
import { Instance as OciInstance } from "@pulumi/oci/core/instance";
import { InstanceConfiguration } from "@pulumi/oci/core/instanceConfiguration";
import { InstancePool } from "@pulumi/oci/core/instancePool";
import { InternetGateway as OciInternetGateway } from "@pulumi/oci/core/internetGateway";
import { NatGateway as OciNatGateway } from "@pulumi/oci/core/natGateway";
import { NetworkSecurityGroup as OciNsg } from "@pulumi/oci/core/networkSecurityGroup";
import { NetworkSecurityGroupSecurityRule } from "@pulumi/oci/core/networkSecurityGroupSecurityRule";
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
import { BackendSet } from "@pulumi/oci/loadbalancer/backendSet";
import { Listener as OciListener } from "@pulumi/oci/loadbalancer/listener";
import { LoadBalancer as OciLoadBalancer } from "@pulumi/oci/loadbalancer/loadBalancer";
import { Log as OciLog } from "@pulumi/oci/logging/log";
import { LogGroup as OciLogGroup } from "@pulumi/oci/logging/logGroup";
import { Alarm } from "@pulumi/oci/monitoring/alarm";
import { Bucket as OciBucket } from "@pulumi/oci/objectstorage/bucket";
import { ReplicationPolicy } from "@pulumi/oci/objectstorage/replicationPolicy";
import { NotificationTopic } from "@pulumi/oci/ons/notificationTopic";
import { Subscription as OnsSubscription } from "@pulumi/oci/ons/subscription";
import { DbSystem } from "@pulumi/oci/psql/dbSystem";
import { Secret as OciSecret } from "@pulumi/oci/vault/secret";
import type { ResourceType } from "../../policies/rule";
import * as TYPES from "../../policies/types";
import { suite } from "../suite";

const test = suite("types");

type Types = typeof TYPES;
type ClassOf<T> = T extends ResourceType<infer C> ? C : never;

/** The class of every entry in policies/types.ts. */
const CLASSES: { readonly [K in keyof Types]: ClassOf<Types[K]> } = {
  AcmCertificate,
  Workgroup,
  AutoScalingGroup,
  AwsBudget,
  Distribution,
  Trail,
  LogGroup,
  MetricAlarm,
  Volume,
  DefaultSecurityGroup,
  Eip,
  AwsFlowLog,
  Ec2Instance,
  InternetGateway,
  KeyPair,
  LaunchTemplate,
  NatGateway,
  RouteTable,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  Vpc,
  TaskDefinition,
  EksCluster,
  NodeGroup,
  CatalogDatabase,
  Role,
  KmsKey,
  Lambda,
  AlbListener,
  Alb,
  TargetGroup,
  RdsInstance,
  ParameterGroup,
  SubnetGroup,
  Route53HealthCheck,
  S3Bucket,
  BucketAcl,
  BucketLogging,
  BucketPolicy,
  BucketPublicAccessBlock,
  BucketReplicationConfig,
  BucketServerSideEncryptionConfiguration,
  BucketVersioning,
  AwsSecret,
  Topic,
  TopicSubscription,
  Parameter,
  SecurityGroupEgressRule,
  SecurityGroupIngressRule,
  ContainerApp,
  ManagedEnvironment,
  DiskEncryptionSet,
  VirtualMachine,
  VirtualMachineExtension,
  VirtualMachineScaleSet,
  AzureBudget,
  ManagedCluster,
  AzurePgConfiguration,
  AzurePgFirewallRule,
  AzurePgServer,
  VaultKey,
  VaultSecret,
  Vault,
  KustoCluster,
  UserAssignedIdentity,
  ActionGroup,
  AutoscaleSetting,
  DiagnosticSetting,
  MetricAlert,
  SubscriptionDiagnosticSetting,
  ApplicationGateway,
  AzureFlowLog,
  AzureNatGateway,
  NetworkInterface,
  NetworkSecurityGroup,
  PrivateEndpoint,
  PublicIPAddress,
  SecurityRule,
  VirtualNetwork,
  Workspace,
  PrivateZone,
  VirtualNetworkLink,
  ResourceGroup,
  BlobContainer,
  BlobServiceProperties,
  ObjectReplicationPolicy,
  StorageAccount,
  Profile,
  Dataset,
  DatasetIamMember,
  GcpBudget,
  CloudFunction,
  CloudRunService,
  BackendService,
  GcpFirewall,
  GlobalAddress,
  GlobalForwardingRule,
  GceInstance,
  InstanceTemplate,
  RegionInstanceGroupManager,
  SSLPolicy,
  Subnetwork,
  TargetHttpsProxy,
  GkeCluster,
  NodePool,
  CryptoKey,
  AlertPolicy,
  NotificationChannel,
  IAMAuditConfig,
  GcpSecret,
  DatabaseInstance,
  GcsBucket,
  BucketIAMBinding,
  BucketIAMMember,
  TransferJob,
  App,
  DatabaseCluster,
  DatabaseFirewall,
  DatabaseReplica,
  Droplet,
  DropletAutoscale,
  DoFirewall,
  KubernetesCluster,
  DoLoadBalancer,
  SpacesBucket,
  SpacesBucketLogging,
  Deployment,
  Gateway,
  OciAuditConfiguration,
  AutoScalingConfiguration,
  OciBudget,
  OciBudgetRule,
  OkeCluster,
  OkeNodePool,
  OciInstance,
  InstanceConfiguration,
  InstancePool,
  OciInternetGateway,
  OciNatGateway,
  OciNsg,
  NetworkSecurityGroupSecurityRule,
  OciRouteTable,
  SecurityList,
  ServiceGateway,
  OciSubnet,
  Vcn,
  AutonomousDatabase,
  SteeringPolicy,
  Application,
  OciFunction,
  HttpMonitor,
  OciPolicy,
  OciKey,
  OciVault,
  BackendSet,
  OciListener,
  OciLoadBalancer,
  OciLog,
  OciLogGroup,
  Alarm,
  OciBucket,
  ReplicationPolicy,
  NotificationTopic,
  OnsSubscription,
  DbSystem,
  OciSecret,
};

/** The `__pulumiType` static every provider class carries (@internal in the typings). */
const pulumiType = (cls: object): unknown => (cls as { __pulumiType?: unknown }).__pulumiType;

test("every type token is its class's __pulumiType", (t) => {
  const names = Object.keys(CLASSES) as (keyof Types)[];
  t.deepEqual(Object.keys(TYPES).sort(), [...names].sort());
  t.deepEqual(Object.fromEntries(names.map((n) => [n, TYPES[n].token])), Object.fromEntries(names.map((n) => [n, pulumiType(CLASSES[n])])));
});

test("no two entries share a token", (t) => {
  const tokens = Object.values(TYPES).map((type) => type.token);
  t.is(new Set(tokens).size, tokens.length);
});
