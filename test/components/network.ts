/**
 * Network on all five clouds: exact children, the default-deny firewall with explicit ingress,
 * subnet layout, providers, tags and outputs; validation before any child exists.
 */
import { suite } from "../suite";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Network } from "../../components/network";
import { type Harness, installHarness } from "../../harness";
import { children, errorCatcher, find, inputs, providerOf, REGIONS, stampsFor, targets, propertyError, valueOf } from "../helpers";

const test = suite("network");

let h: Harness;
const built = {} as Record<Cloud, Network>;
const { errors, attempt } = errorCatcher();
const INGRESS = [
  { ports: 443, sources: ["0.0.0.0/0"] },
  { ports: [8000, 8080] as const, protocol: "udp" as const, sources: ["192.0.2.0/24"], description: "app" },
];

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS) built[cloud] = new Network(`net-${cloud}`, { target: t[cloud], ingress: INGRESS });
    new Network("nat-aws", { target: t.aws, cidr: "172.16.0.0/20", availabilityZones: 3, natGateway: true, flowLogs: false });
    for (const cloud of CLOUDS) new Network(`flow-${cloud}`, { target: t[cloud], flowLogs: { retentionDays: 45 } });
    attempt("flow", () => new Network("bad-flow", { target: t.aws, flowLogs: { retentionDays: 0 } }));
    attempt("cidr", () => new Network("bad-cidr", { target: t.gcp, cidr: "10.0.0.1/16" }));
    attempt("prefix", () => new Network("bad-prefix", { target: t.gcp, cidr: "10.0.0.0/8" }));
    attempt("port", () => new Network("bad-port", { target: t.aws, ingress: [{ ports: [9000, 80], sources: ["0.0.0.0/0"] }] }));
    attempt("nat", () => new Network("bad-nat", { target: t.digitalocean, natGateway: true }));
  });
});

const component = (name: string) => find(h, "tessera:network:Network", name);

test("aws: VPC, two AZs of public/private subnets, IGW, route tables, stripped default SG, firewall rules", (t) => {
  t.deepEqual(children(h, component("net-aws")), [
    ["aws:cloudwatch/logGroup:LogGroup", "net-aws-flow-logs"],
    ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "net-aws-default"],
    ["aws:ec2/flowLog:FlowLog", "net-aws"],
    ["aws:ec2/internetGateway:InternetGateway", "net-aws"],
    ["aws:ec2/route:Route", "net-aws-public-internet"],
    ["aws:ec2/routeTable:RouteTable", "net-aws-private"],
    ["aws:ec2/routeTable:RouteTable", "net-aws-public"],
    ["aws:ec2/routeTableAssociation:RouteTableAssociation", "net-aws-private-0"],
    ["aws:ec2/routeTableAssociation:RouteTableAssociation", "net-aws-private-1"],
    ["aws:ec2/routeTableAssociation:RouteTableAssociation", "net-aws-public-0"],
    ["aws:ec2/routeTableAssociation:RouteTableAssociation", "net-aws-public-1"],
    ["aws:ec2/securityGroup:SecurityGroup", "net-aws-firewall"],
    ["aws:ec2/subnet:Subnet", "net-aws-private-0"],
    ["aws:ec2/subnet:Subnet", "net-aws-private-1"],
    ["aws:ec2/subnet:Subnet", "net-aws-public-0"],
    ["aws:ec2/subnet:Subnet", "net-aws-public-1"],
    ["aws:ec2/vpc:Vpc", "net-aws"],
    ["aws:iam/role:Role", "net-aws-flow-logs"],
    ["aws:iam/rolePolicy:RolePolicy", "net-aws-flow-logs"],
    ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "net-aws-egress"],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "net-aws-from-network"],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "net-aws-ingress-0-0"],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "net-aws-ingress-1-0"],
  ]);
  t.deepEqual(inputs(find(h, "aws:ec2/vpc:Vpc", "net-aws")), { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: "net-aws", ...stampsFor("aws", "net-aws") } });
  t.deepEqual(inputs(find(h, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "net-aws-default")), { vpcId: "net-aws-id", tags: stampsFor("aws", "net-aws") });
  const subnets = ["public-0", "public-1", "private-0", "private-1"].map((s) => {
    const i = inputs(find(h, "aws:ec2/subnet:Subnet", `net-aws-${s}`));
    return [s, i.cidrBlock, i.availabilityZoneId, i.mapPublicIpOnLaunch];
  });
  // Zone IDs from data/zones.csv (the same physical zones in every account), no lookup.
  t.deepEqual(subnets, [
    ["public-0", "10.0.0.0/20", "euw1-az1", false],
    ["public-1", "10.0.16.0/20", "euw1-az2", false],
    ["private-0", "10.0.128.0/20", "euw1-az1", false],
    ["private-1", "10.0.144.0/20", "euw1-az2", false],
  ]);
  const rule = (n: string) => inputs(find(h, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", n));
  const tags = stampsFor("aws", "net-aws");
  t.deepEqual(rule("net-aws-from-network"), { cidrIpv4: "10.0.0.0/16", description: "traffic inside the network", ipProtocol: "-1", securityGroupId: "net-aws-firewall-id", tags });
  t.deepEqual(rule("net-aws-ingress-0-0"), { cidrIpv4: "0.0.0.0/0", description: "", fromPort: 443, toPort: 443, ipProtocol: "tcp", securityGroupId: "net-aws-firewall-id", tags });
  t.deepEqual(rule("net-aws-ingress-1-0"), { cidrIpv4: "192.0.2.0/24", description: "app", fromPort: 8000, toPort: 8080, ipProtocol: "udp", securityGroupId: "net-aws-firewall-id", tags });
  t.deepEqual(inputs(find(h, "aws:ec2/route:Route", "net-aws-public-internet")), { destinationCidrBlock: "0.0.0.0/0", gatewayId: "net-aws-id", routeTableId: "net-aws-public-id" });
});

test("aws with NAT: an EIP and a NAT gateway in the first public subnet route the private table", (t) => {
  const kids = children(h, component("nat-aws")).map(([type]) => type);
  t.is(kids.filter((k) => k === "aws:ec2/subnet:Subnet").length, 6);
  t.deepEqual(inputs(find(h, "aws:ec2/natGateway:NatGateway", "nat-aws")), { allocationId: "nat-aws-nat-id", subnetId: "nat-aws-public-0-id", tags: stampsFor("aws", "nat-aws") });
  t.deepEqual(inputs(find(h, "aws:ec2/route:Route", "nat-aws-private-nat")), { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-aws-id", routeTableId: "nat-aws-private-id" });
  t.deepEqual(inputs(find(h, "aws:ec2/subnet:Subnet", "nat-aws-private-2")).cidrBlock, "172.16.10.0/24");
});

test("azure: VNet, NSG ending in an explicit deny-all, subnets without default outbound, privatelink DNS for PostgreSQL", (t) => {
  t.deepEqual(children(h, component("net-azure")), [
    ["azure-native:network:FlowLog", "net-azure"],
    ["azure-native:network:NetworkSecurityGroup", "net-azure"],
    ["azure-native:network:Subnet", "net-azure-private"],
    ["azure-native:network:Subnet", "net-azure-public"],
    ["azure-native:network:VirtualNetwork", "net-azure"],
    ["azure-native:privatedns:PrivateZone", "net-azure-postgres"],
    ["azure-native:privatedns:VirtualNetworkLink", "net-azure-postgres"],
    ["azure-native:storage:StorageAccount", "net-azure-flow-logs"],
    ["random:index/randomString:RandomString", "net-azure-flow-logs-name"],
  ]);
  const nsg = inputs(find(h, "azure-native:network:NetworkSecurityGroup", "net-azure"));
  t.deepEqual(nsg.securityRules, [
    { access: "Allow", description: "traffic inside the network", destinationAddressPrefix: "*", destinationPortRange: "*", direction: "Inbound", name: "from-network", priority: 100, protocol: "*", sourceAddressPrefix: "10.0.0.0/16", sourcePortRange: "*" },
    { access: "Allow", description: "", destinationAddressPrefix: "*", destinationPortRange: "443", direction: "Inbound", name: "ingress-0", priority: 200, protocol: "Tcp", sourceAddressPrefixes: ["0.0.0.0/0"], sourcePortRange: "*" },
    { access: "Allow", description: "app", destinationAddressPrefix: "*", destinationPortRange: "8000-8080", direction: "Inbound", name: "ingress-1", priority: 201, protocol: "Udp", sourceAddressPrefixes: ["192.0.2.0/24"], sourcePortRange: "*" },
    { access: "Deny", description: "default deny", destinationAddressPrefix: "*", destinationPortRange: "*", direction: "Inbound", name: "deny-all-inbound", priority: 4096, protocol: "*", sourceAddressPrefix: "*", sourcePortRange: "*" },
  ]);
  t.deepEqual(nsg.tags, stampsFor("azure", "net-azure"));
  const sub = inputs(find(h, "azure-native:network:Subnet", "net-azure-private"));
  t.like(sub, { addressPrefix: "10.0.128.0/20", defaultOutboundAccess: false, networkSecurityGroup: { id: "net-azure-id" }, subnetName: "private", virtualNetworkName: "dev-net-azure-tp0yot" });
  t.deepEqual(inputs(find(h, "azure-native:privatedns:VirtualNetworkLink", "net-azure-postgres")), {
    location: "global",
    privateZoneName: "privatelink.postgres.database.azure.com",
    registrationEnabled: false,
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    tags: stampsFor("azure", "net-azure"),
    virtualNetwork: { id: "net-azure-id" },
  });
});

test("gcp: custom-mode network, regional subnetworks, firewall for the network, tagged ingress, explicit deny, private services access", (t) => {
  t.deepEqual(children(h, component("net-gcp")), [
    ["gcp:compute/firewall:Firewall", "net-gcp-deny-all"],
    ["gcp:compute/firewall:Firewall", "net-gcp-from-network"],
    ["gcp:compute/firewall:Firewall", "net-gcp-ingress-0"],
    ["gcp:compute/firewall:Firewall", "net-gcp-ingress-1"],
    ["gcp:compute/globalAddress:GlobalAddress", "net-gcp-services"],
    ["gcp:compute/network:Network", "net-gcp"],
    ["gcp:compute/subnetwork:Subnetwork", "net-gcp-private"],
    ["gcp:compute/subnetwork:Subnetwork", "net-gcp-public"],
    ["gcp:logging/projectBucketConfig:ProjectBucketConfig", "net-gcp-flow-logs"],
    ["gcp:logging/projectExclusion:ProjectExclusion", "net-gcp-flow-logs-default"],
    ["gcp:logging/projectSink:ProjectSink", "net-gcp-flow-logs"],
    ["gcp:servicenetworking/connection:Connection", "net-gcp-services"],
    ["random:index/randomString:RandomString", "net-gcp-flow-logs-name"],
  ]);
  const network = "projects/acme-test-123/global/networks/dev-net-gcp-qyehv7";
  t.deepEqual(inputs(find(h, "gcp:compute/network:Network", "net-gcp")), { autoCreateSubnetworks: false, name: "dev-net-gcp-qyehv7", project: "acme-test-123", routingMode: "REGIONAL" });
  t.deepEqual(inputs(find(h, "gcp:compute/firewall:Firewall", "net-gcp-ingress-0")), {
    allows: [{ ports: ["443"], protocol: "tcp" }],
    description: "",
    direction: "INGRESS",
    name: "dev-net-gcp-ingress-0-3k9ai5",
    network,
    priority: 1000,
    project: "acme-test-123",
    sourceRanges: ["0.0.0.0/0"],
    targetTags: ["dev-net-gcp-qyehv7"],
  });
  t.deepEqual(inputs(find(h, "gcp:compute/firewall:Firewall", "net-gcp-deny-all")), { denies: [{ protocol: "all" }], direction: "INGRESS", name: "dev-net-gcp-deny-all-1m3cys", network, priority: 65534, project: "acme-test-123", sourceRanges: ["0.0.0.0/0"] });
  t.deepEqual(inputs(find(h, "gcp:servicenetworking/connection:Connection", "net-gcp-services")), { network, reservedPeeringRanges: ["dev-net-gcp-services-0njd4i"], service: "servicenetworking.googleapis.com" });
});

test("digitalocean: a VPC and a tag-scoped firewall admitting the network plus the ingress", (t) => {
  t.deepEqual(children(h, component("net-digitalocean")), [
    ["digitalocean:index/firewall:Firewall", "net-digitalocean"],
    ["digitalocean:index/tag:Tag", "net-digitalocean"],
    ["digitalocean:index/vpc:Vpc", "net-digitalocean"],
  ]);
  t.deepEqual(inputs(find(h, "digitalocean:index/vpc:Vpc", "net-digitalocean")), { description: "tessera dev net-digitalocean", ipRange: "10.0.0.0/16", name: "dev-net-digitalocean-zt219r", region: "ams3" });
  const fw = inputs(find(h, "digitalocean:index/firewall:Firewall", "net-digitalocean"));
  t.deepEqual(fw.tags, ["dev-net-digitalocean-zt219r"]);
  t.deepEqual(fw.inboundRules, [
    { portRange: "1-65535", protocol: "tcp", sourceAddresses: ["10.0.0.0/16"] },
    { portRange: "1-65535", protocol: "udp", sourceAddresses: ["10.0.0.0/16"] },
    { protocol: "icmp", sourceAddresses: ["10.0.0.0/16"] },
    { portRange: "443", protocol: "tcp", sourceAddresses: ["0.0.0.0/0"] },
    { portRange: "8000-8080", protocol: "udp", sourceAddresses: ["192.0.2.0/24"] },
  ]);
});

test("oci: VCN, IGW, service gateway, route tables, security list, private subnet forbidding public IPs", (t) => {
  t.deepEqual(children(h, component("net-oci")), [
    ["oci:Core/internetGateway:InternetGateway", "net-oci"],
    ["oci:Core/routeTable:RouteTable", "net-oci-private"],
    ["oci:Core/routeTable:RouteTable", "net-oci-public"],
    ["oci:Core/securityList:SecurityList", "net-oci"],
    ["oci:Core/serviceGateway:ServiceGateway", "net-oci"],
    ["oci:Core/subnet:Subnet", "net-oci-private"],
    ["oci:Core/subnet:Subnet", "net-oci-public"],
    ["oci:Core/vcn:Vcn", "net-oci"],
    ["oci:Logging/log:Log", "net-oci-private-flow-logs"],
    ["oci:Logging/log:Log", "net-oci-public-flow-logs"],
    ["oci:Logging/logGroup:LogGroup", "net-oci-flow-logs"],
  ]);
  t.deepEqual(inputs(find(h, "oci:Core/securityList:SecurityList", "net-oci")).ingressSecurityRules, [
    { description: "traffic inside the network", protocol: "all", source: "10.0.0.0/16", sourceType: "CIDR_BLOCK" },
    { description: "", protocol: "6", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", tcpOptions: { max: 443, min: 443 } },
    { description: "app", protocol: "17", source: "192.0.2.0/24", sourceType: "CIDR_BLOCK", udpOptions: { max: 8080, min: 8000 } },
  ]);
  t.like(inputs(find(h, "oci:Core/subnet:Subnet", "net-oci-private")), { cidrBlock: "10.0.128.0/20", prohibitInternetIngress: true, prohibitPublicIpOnVnic: true, routeTableId: "net-oci-private-id", securityListIds: ["net-oci-id"] });
  // Private workloads reach Oracle services (OCIR, Object Storage) through the service gateway only.
  t.deepEqual(inputs(find(h, "oci:Core/serviceGateway:ServiceGateway", "net-oci")), {
    compartmentId: "ocid1.compartment.oc1..test",
    displayName: "net-oci-sgw",
    freeformTags: stampsFor("oci", "net-oci"),
    services: [{ serviceId: "ocid1.service.oc1.frankfurt..all" }],
    vcnId: "ocid1.vcn.oc1..net-oci",
  });
  t.deepEqual(inputs(find(h, "oci:Core/routeTable:RouteTable", "net-oci-private")).routeRules, [
    { destination: "all-fra-services-in-oracle-services-network", destinationType: "SERVICE_CIDR_BLOCK", networkEntityId: "net-oci-id" },
  ]);
  t.deepEqual(inputs(find(h, "oci:Core/vcn:Vcn", "net-oci")).freeformTags, stampsFor("oci", "net-oci"));
});

test("flow logs: aws VPC Flow Logs to CloudWatch through a role only this account's flow-log service assumes", (t) => {
  const tags = stampsFor("aws", "net-aws");
  t.deepEqual(inputs(find(h, "aws:cloudwatch/logGroup:LogGroup", "net-aws-flow-logs")), { name: "/tessera/dev-net-aws-flow-logs-5667p1", retentionInDays: 90, tags: { ...tags, "tessera-logs": "flow" } });
  const group = "arn:aws:logs:eu-west-1:123456789012:log-group:/tessera/dev-net-aws-flow-logs-5667p1";
  t.deepEqual(inputs(find(h, "aws:ec2/flowLog:FlowLog", "net-aws")), {
    vpcId: "net-aws-id",
    trafficType: "ALL",
    logDestinationType: "cloud-watch-logs",
    logDestination: group,
    iamRoleArn: "arn:aws:iam::123456789012:role/net-aws-flow-logs",
    maxAggregationInterval: 600,
    tags,
  });
  t.deepEqual(JSON.parse(inputs(find(h, "aws:iam/role:Role", "net-aws-flow-logs")).assumeRolePolicy as string), {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }],
  });
  const policy = inputs(find(h, "aws:iam/rolePolicy:RolePolicy", "net-aws-flow-logs"));
  t.is(policy.role, "net-aws-flow-logs-id");
  t.deepEqual(JSON.parse(policy.policy as string).Statement, [
    { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource: [group, `${group}:*`] },
  ]);
  // 45 days is not a CloudWatch retention: the next one up.
  t.is(inputs(find(h, "aws:cloudwatch/logGroup:LogGroup", "flow-aws-flow-logs")).retentionInDays, 60);
  t.false(children(h, component("nat-aws")).some(([type]) => type === "aws:ec2/flowLog:FlowLog"));
});

test("flow logs: azure VNet flow log through the region's Network Watcher into a locked-down storage account", (t) => {
  t.deepEqual(inputs(find(h, "azure-native:network:FlowLog", "net-azure")), {
    resourceGroupName: "NetworkWatcherRG",
    networkWatcherName: "NetworkWatcher_westeurope",
    flowLogName: "dev-net-azure-tp0yot",
    location: "westeurope",
    targetResourceId: "net-azure-id",
    storageId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.Storage/storageAccounts/devnetazureflow0v5xhe",
    enabled: true,
    retentionPolicy: { days: 90, enabled: true },
    format: { type: "JSON", version: 2 },
    tags: stampsFor("azure", "net-azure"),
  });
  t.deepEqual(inputs(find(h, "azure-native:storage:StorageAccount", "net-azure-flow-logs")), {
    accountName: "devnetazureflow0v5xhe",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    location: "westeurope",
    kind: "StorageV2",
    sku: { name: "Standard_LRS" },
    allowBlobPublicAccess: false,
    allowSharedKeyAccess: true,
    enableHttpsTrafficOnly: true,
    minimumTlsVersion: "TLS1_2",
    encryption: { keySource: "Microsoft.Storage", requireInfrastructureEncryption: true, services: { blob: { enabled: true, keyType: "Account" } } },
    tags: { ...stampsFor("azure", "net-azure"), "tessera-logs": "flow" },
  });
  t.is((inputs(find(h, "azure-native:network:FlowLog", "flow-azure")).retentionPolicy as { days: number }).days, 45);
});

test("flow logs: gcp every flow on both subnetworks, routed to a regional bucket and kept out of _Default", (t) => {
  for (const tier of ["public", "private"]) {
    t.deepEqual(inputs(find(h, "gcp:compute/subnetwork:Subnetwork", `net-gcp-${tier}`)).logConfig, { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" }, tier);
  }
  const filter = 'resource.type="gce_subnetwork" AND log_id("compute.googleapis.com/vpc_flows") AND resource.labels.subnetwork_name=("dev-net-gcp-public-7zreo2" OR "dev-net-gcp-private-5n8lci")';
  t.deepEqual(inputs(find(h, "gcp:logging/projectBucketConfig:ProjectBucketConfig", "net-gcp-flow-logs")), {
    project: "acme-test-123",
    location: "europe-west1",
    bucketId: "dev-net-gcp-flow-logs-3h0mgg",
    retentionDays: 90,
    description: "tessera dev net-gcp: VPC flow logs",
  });
  t.deepEqual(inputs(find(h, "gcp:logging/projectSink:ProjectSink", "net-gcp-flow-logs")), {
    name: "dev-net-gcp-flow-logs-71tft0",
    project: "acme-test-123",
    destination: "logging.googleapis.com/projects/acme-test-123/locations/europe-west1/buckets/dev-net-gcp-flow-logs-3h0mgg",
    filter,
    uniqueWriterIdentity: true,
  });
  t.deepEqual(inputs(find(h, "gcp:logging/projectExclusion:ProjectExclusion", "net-gcp-flow-logs-default")), {
    name: "dev-net-gcp-flow-logs-71tft0",
    project: "acme-test-123",
    description: "tessera dev net-gcp: kept in dev-net-gcp-flow-logs-3h0mgg",
    filter,
  });
});

test("flow logs: oci a flow log per subnet in a log group, retention in 30-day steps", (t) => {
  const common = { compartmentId: "ocid1.compartment.oc1..test", freeformTags: stampsFor("oci", "net-oci") };
  t.deepEqual(inputs(find(h, "oci:Logging/logGroup:LogGroup", "net-oci-flow-logs")), { ...common, freeformTags: { ...common.freeformTags, "tessera-logs": "flow" }, displayName: "dev-net-oci-flow-logs-bzz6mi", description: "tessera dev net-oci: VCN flow logs" });
  t.deepEqual(inputs(find(h, "oci:Logging/log:Log", "net-oci-private-flow-logs")), {
    logGroupId: "net-oci-flow-logs-id",
    displayName: "net-oci-private-flow-logs-1hz51y",
    logType: "SERVICE",
    isEnabled: true,
    retentionDuration: 90,
    configuration: { compartmentId: "ocid1.compartment.oc1..test", source: { sourceType: "OCISERVICE", service: "flowlogs", category: "all", resource: "ocid1.subnet.oc1..net-oci-private" } },
    freeformTags: stampsFor("oci", "net-oci"),
  });
  t.is(inputs(find(h, "oci:Logging/log:Log", "flow-oci-public-flow-logs")).retentionDuration, 60);
});

test("every child on its cloud's provider; nothing in a network is protected", (t) => {
  for (const cloud of CLOUDS) {
    // Random name suffixes are computed locally and live nowhere.
    for (const r of h.registrations.filter((x) => x.parent === component(`net-${cloud}`).urn && !x.type.startsWith("random:"))) {
      t.is(providerOf(r), `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
      t.false(r.protect, `${r.type} ${r.name}`);
    }
  }
});

test("parity: the same outputs resolve on every cloud", async (t) => {
  const expected: Record<Cloud, [string, string[], string[], string, string, string]> = {
    aws: ["net-aws-id", ["net-aws-public-0-id", "net-aws-public-1-id"], ["net-aws-private-0-id", "net-aws-private-1-id"], "net-aws-firewall-id", "", "arn:aws:logs:eu-west-1:123456789012:log-group:/tessera/dev-net-aws-flow-logs-5667p1"],
    azure: ["net-azure-id", ["net-azure-public-id"], ["net-azure-private-id"], "net-azure-id", "net-azure-postgres-id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.Storage/storageAccounts/devnetazureflow0v5xhe"],
    gcp: [
      "projects/acme-test-123/global/networks/dev-net-gcp-qyehv7",
      ["projects/acme-test-123/regions/europe-west1/subnetworks/dev-net-gcp-public-7zreo2"],
      ["projects/acme-test-123/regions/europe-west1/subnetworks/dev-net-gcp-private-5n8lci"],
      "dev-net-gcp-qyehv7",
      "net-gcp-services-id",
      "projects/acme-test-123/locations/europe-west1/buckets/dev-net-gcp-flow-logs-3h0mgg",
    ],
    digitalocean: ["net-digitalocean-id", ["net-digitalocean-id"], ["net-digitalocean-id"], "dev-net-digitalocean-zt219r", "", ""],
    oci: ["ocid1.vcn.oc1..net-oci", ["ocid1.subnet.oc1..net-oci-public"], ["ocid1.subnet.oc1..net-oci-private"], "net-oci-id", "", "net-oci-flow-logs-id"],
  };
  for (const cloud of CLOUDS) {
    const n = built[cloud];
    t.deepEqual(
      [await valueOf(n.networkId), await valueOf(n.publicSubnetIds), await valueOf(n.privateSubnetIds), await valueOf(n.firewall), await valueOf(n.privateServices), await valueOf(n.flowLogs)],
      expected[cloud],
      cloud,
    );
    t.is(n.cidr, "10.0.0.0/16");
  }
});

test("bad arguments: InputPropertyError naming the field, nothing registered", (t) => {
  const check = (key: string, path: string, message: string) => t.deepEqual(propertyError(errors[key]), [path, message], key);
  check("cidr", "cidr", 'cidr: "10.0.0.1/16" has host bits set; use the network address (e.g. 10.0.0.0/16)');
  check("prefix", "cidr", 'cidr: "10.0.0.0/8" is not an IPv4 CIDR block with a prefix from /16 to /24');
  check("port", "ingress[0].ports", "ingress[0].ports: must be a port or a [from, to] range within 1-65535");
  check("flow", "flowLogs.retentionDays", "flowLogs.retentionDays: must be an integer from 1 to 3653 (got 0)");
  check("nat", "natGateway", "natGateway: DigitalOcean has no managed NAT gateway in this version; allowed on aws, azure, gcp, oci");
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")), []);
});
