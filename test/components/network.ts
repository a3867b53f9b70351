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
    new Network("nat-aws", { target: t.aws, cidr: "172.16.0.0/20", availabilityZones: 3, natGateway: true });
    attempt("cidr", () => new Network("bad-cidr", { target: t.gcp, cidr: "10.0.0.1/16" }));
    attempt("prefix", () => new Network("bad-prefix", { target: t.gcp, cidr: "10.0.0.0/8" }));
    attempt("port", () => new Network("bad-port", { target: t.aws, ingress: [{ ports: [9000, 80], sources: ["0.0.0.0/0"] }] }));
    attempt("nat", () => new Network("bad-nat", { target: t.digitalocean, natGateway: true }));
  });
});

const component = (name: string) => find(h, "tessera:network:Network", name);

test("aws: VPC, two AZs of public/private subnets, IGW, route tables, stripped default SG, firewall rules", (t) => {
  t.deepEqual(children(h, component("net-aws")), [
    ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "net-aws-default"],
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
    ["azure-native:network:NetworkSecurityGroup", "net-azure"],
    ["azure-native:network:Subnet", "net-azure-private"],
    ["azure-native:network:Subnet", "net-azure-public"],
    ["azure-native:network:VirtualNetwork", "net-azure"],
    ["azure-native:privatedns:PrivateZone", "net-azure-postgres"],
    ["azure-native:privatedns:VirtualNetworkLink", "net-azure-postgres"],
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
    ["gcp:servicenetworking/connection:Connection", "net-gcp-services"],
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

test("every child on its cloud's provider; nothing in a network is protected", (t) => {
  for (const cloud of CLOUDS) {
    for (const r of h.registrations.filter((x) => x.parent === component(`net-${cloud}`).urn)) {
      t.is(providerOf(r), `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
      t.false(r.protect, `${r.type} ${r.name}`);
    }
  }
});

test("parity: the same outputs resolve on every cloud", async (t) => {
  const expected: Record<Cloud, [string, string[], string[], string, string]> = {
    aws: ["net-aws-id", ["net-aws-public-0-id", "net-aws-public-1-id"], ["net-aws-private-0-id", "net-aws-private-1-id"], "net-aws-firewall-id", ""],
    azure: ["net-azure-id", ["net-azure-public-id"], ["net-azure-private-id"], "net-azure-id", "net-azure-postgres-id"],
    gcp: [
      "projects/acme-test-123/global/networks/dev-net-gcp-qyehv7",
      ["projects/acme-test-123/regions/europe-west1/subnetworks/dev-net-gcp-public-7zreo2"],
      ["projects/acme-test-123/regions/europe-west1/subnetworks/dev-net-gcp-private-5n8lci"],
      "dev-net-gcp-qyehv7",
      "net-gcp-services-id",
    ],
    digitalocean: ["net-digitalocean-id", ["net-digitalocean-id"], ["net-digitalocean-id"], "dev-net-digitalocean-zt219r", ""],
    oci: ["ocid1.vcn.oc1..net-oci", ["ocid1.subnet.oc1..net-oci-public"], ["ocid1.subnet.oc1..net-oci-private"], "net-oci-id", ""],
  };
  for (const cloud of CLOUDS) {
    const n = built[cloud];
    t.deepEqual(
      [await valueOf(n.networkId), await valueOf(n.publicSubnetIds), await valueOf(n.privateSubnetIds), await valueOf(n.firewall), await valueOf(n.privateServices)],
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
  check("nat", "natGateway", "natGateway: DigitalOcean has no managed NAT gateway in this version; allowed on aws, azure, gcp, oci");
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")), []);
});
