/**
 * Every taggable resource type the tags rule judges, and where each keeps its labels. Typed
 * against each provider's Args, so a renamed field is a compile error. Two kinds of "tags" are
 * not labels and are left out on purpose: GCP instance `tags` (network tags) and DigitalOcean
 * firewall / monitor-alert `tags` (they select the Droplets the rule applies to).
 */
import {
  Workgroup, LogGroup, MetricAlarm, DefaultSecurityGroup, Eip, Ec2Instance, InternetGateway, KeyPair, NatGateway, RouteTable, SecurityGroup, Subnet, Vpc,
  EksCluster, NodeGroup, CatalogDatabase, Role, KmsKey, Lambda, RdsInstance, ParameterGroup, SubnetGroup, Route53HealthCheck, S3Bucket, AwsSecret, Topic,
  SecurityGroupEgressRule, SecurityGroupIngressRule, ContainerApp, ManagedEnvironment, VirtualMachine, VirtualMachineExtension, ManagedCluster,
  AzurePgServer, VaultKey, VaultSecret, Vault, KustoCluster, ActionGroup, MetricAlert, AzureNatGateway, NetworkInterface, NetworkSecurityGroup,
  PrivateEndpoint, PublicIPAddress, VirtualNetwork, Workspace, PrivateZone, VirtualNetworkLink, ResourceGroup, StorageAccount, Profile, DatabaseCluster,
  Droplet, KubernetesCluster, Dataset, CloudRunService, GlobalAddress, GceInstance, GkeCluster, NodePool, CryptoKey, AlertPolicy, NotificationChannel,
  GcpSecret, DatabaseInstance, GcsBucket, Deployment, Gateway, OkeCluster, OkeNodePool, OciInstance, OciInternetGateway, OciNatGateway, OciNsg,
  OciRouteTable, SecurityList, ServiceGateway, OciSubnet, Vcn, AutonomousDatabase, SteeringPolicy, Application, OciFunction, HttpMonitor, OciPolicy,
  OciKey, OciVault, OciLogGroup, Alarm, OciBucket, NotificationTopic, OnsSubscription as Subscription, DbSystem, OciSecret, AwsBudget, Trail, AwsFlowLog,
  DiskEncryptionSet, AzureFlowLog, OciBudget, OciBudgetRule, OciLog, AcmCertificate, AutoScalingGroup, LaunchTemplate, AlbListener, Alb, TargetGroup,
  VirtualMachineScaleSet, UserAssignedIdentity, AutoscaleSetting, ApplicationGateway, GlobalForwardingRule, InstanceTemplate, AutoScalingConfiguration,
  InstanceConfiguration, InstancePool, OciLoadBalancer,
} from "./types";
import { labelMap } from "./facts";
import { type ArgsOf, type Extractor, extractor, type ResourceClass, type ResourceType } from "./rule";

/** A resource's labels in one shape. */
export type Labels = Record<string, string>;

type LabelShape = Readonly<Record<string, string>> | readonly string[] | undefined;

/** `type` only when its Args have the field `K`: a type without it is a compile error at the call site. */
type WithField<C extends ResourceClass, K extends string> = ResourceType<C> & (K extends keyof NonNullable<ArgsOf<C>> ? unknown : { readonly missingLabelField: K });

const read = (field: string) => (p: unknown) => labelMap((p as Record<string, LabelShape>)[field]);
const aws = <C extends ResourceClass>(type: WithField<C, "tags">): Extractor<Labels> => extractor(type, "aws", read("tags"));
const azure = <C extends ResourceClass>(type: WithField<C, "tags">): Extractor<Labels> => extractor(type, "azure", read("tags"));
const labelsOf = <C extends ResourceClass>(type: WithField<C, "labels">): Extractor<Labels> => extractor(type, "gcp", read("labels"));
const doTagged = <C extends ResourceClass>(type: WithField<C, "tags">): Extractor<Labels> => extractor(type, "digitalocean", read("tags"));
const freeform = <C extends ResourceClass>(type: WithField<C, "freeformTags">): Extractor<Labels> => extractor(type, "oci", read("freeformTags"));

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
