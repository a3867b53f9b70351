/**
 * Cluster on all five clouds: exact children, nodes in private subnets of the placed size and
 * count, control-plane hardening, the cluster protected, a secret kubeconfig, providers and the
 * expected invokes.
 */
import * as pulumi from "@pulumi/pulumi";
import { suite } from "../suite";
import { parse } from "yaml";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Cluster } from "../../components/kubernetes";
import { Network } from "../../components/network";
import { type Harness, installHarness } from "../../harness";
import { children, find, inputs, isSecret, providerOf, REGIONS, stampsFor, targets, valueOf } from "../helpers";

const test = suite("cluster");

const SIZE: Record<Cloud, string> = { aws: "m6i.large", azure: "Standard_D2s_v5", gcp: "e2-standard-4", digitalocean: "s-4vcpu-8gb", oci: "VM.Standard.E4.Flex$_4_16" };
let h: Harness;
const built = {} as Record<Cloud, Cluster>;
let versionError: unknown;
const open = {} as Record<Cloud, Cluster>;
const cidrErrors: unknown[] = [];
let retiredError: unknown;

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS) built[cloud] = new Cluster(`k8s-${cloud}`, { target: t[cloud], network: new Network(`net-${cloud}`, { target: t[cloud] }), nodeSize: SIZE[cloud], nodeCount: 3 });
    for (const cloud of CLOUDS) {
      open[cloud] = new Cluster(`open-${cloud}`, { target: t[cloud], network: new Network(`open-net-${cloud}`, { target: t[cloud] }), nodeSize: SIZE[cloud], apiAllowedCidrs: ["203.0.113.0/24", "198.51.100.7/32"] });
    }
    for (const cidr of ["0.0.0.0/0", "10.1.0.0/16"]) {
      try {
        new Cluster("bad-cidr", { target: t.aws, network: new Network(`net-cidr-${cidr.split(".")[0]}`, { target: t.aws }), nodeSize: "m6i.large", apiAllowedCidrs: [cidr] });
      } catch (e) {
        cidrErrors.push(e);
      }
    }
    try {
      new Cluster("bad-version", { target: t.aws, network: new Network("net-check", { target: t.aws }), nodeSize: "m6i.large", version: "v1.31" });
    } catch (e) {
      versionError = e;
    }
    try {
      // 1.31 left EKS standard support on 2025-11-26 and extended support on 2026-11-26.
      new Cluster("bad-retired", { target: t.aws, network: new Network("net-retired", { target: t.aws }), nodeSize: "m6i.large", version: "1.31" });
    } catch (e) {
      retiredError = e;
    }
  });
});

const component = (cloud: Cloud) => find(h, "tessera:kubernetes:Cluster", `k8s-${cloud}`);

test("aws: EKS with its role, KMS envelope encryption, audit logs; managed node group with the three policies", (t) => {
  t.deepEqual(children(h, component("aws")), [
    ["aws:eks/cluster:Cluster", "k8s-aws"],
    ["aws:eks/nodeGroup:NodeGroup", "k8s-aws"],
    ["aws:iam/role:Role", "k8s-aws-cluster"],
    ["aws:iam/role:Role", "k8s-aws-nodes"],
    ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "k8s-aws-AmazonEC2ContainerRegistryReadOnly"],
    ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "k8s-aws-AmazonEKS_CNI_Policy"],
    ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "k8s-aws-AmazonEKSWorkerNodePolicy"],
    ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "k8s-aws-cluster"],
    ["aws:kms/key:Key", "k8s-aws-secrets"],
  ]);
  t.deepEqual(inputs(find(h, "aws:eks/cluster:Cluster", "k8s-aws")), {
    accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
    enabledClusterLogTypes: ["api", "audit", "authenticator"],
    encryptionConfig: { provider: { keyArn: "arn:aws:kms:eu-west-1:123456789012:key/key-k8s-aws-secrets" }, resources: ["secrets"] },
    name: "dev-k8s-aws-nz077q",
    roleArn: "arn:aws:iam::123456789012:role/k8s-aws-cluster",
    tags: stampsFor("aws", "k8s-aws"),
    version: "1.35",
    vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false, subnetIds: ["net-aws-private-0-id", "net-aws-private-1-id", "net-aws-public-0-id", "net-aws-public-1-id"] },
  });
  t.deepEqual(inputs(find(h, "aws:eks/nodeGroup:NodeGroup", "k8s-aws")), {
    amiType: "AL2023_x86_64_STANDARD",
    clusterName: "dev-k8s-aws-nz077q",
    diskSize: 50,
    instanceTypes: ["m6i.large"],
    nodeRoleArn: "arn:aws:iam::123456789012:role/k8s-aws-nodes",
    scalingConfig: { desiredSize: 3, maxSize: 3, minSize: 3 },
    subnetIds: ["net-aws-private-0-id", "net-aws-private-1-id"],
    tags: stampsFor("aws", "k8s-aws"),
  });
  t.like(inputs(find(h, "aws:kms/key:Key", "k8s-aws-secrets")), { enableKeyRotation: true, deletionWindowInDays: 30 });
});

test("azure: AKS free tier, system identity, Azure CNI with network policy, nodes in the private subnet without public IPs", (t) => {
  t.deepEqual(children(h, component("azure")), [["azure-native:containerservice:ManagedCluster", "k8s-azure"]]);
  t.like(inputs(find(h, "azure-native:containerservice:ManagedCluster", "k8s-azure")), {
    apiServerAccessProfile: { enablePrivateCluster: true },
    agentPoolProfiles: [{ count: 3, enableNodePublicIP: false, mode: "System", name: "system", osType: "Linux", type: "VirtualMachineScaleSets", vmSize: "Standard_D2s_v5", vnetSubnetID: "net-azure-private-id" }],
    dnsPrefix: "dev-k8s-azure",
    enableRBAC: true,
    identity: { type: "SystemAssigned" },
    kubernetesVersion: "1.35",
    networkProfile: { dnsServiceIP: "172.16.0.10", networkPlugin: "azure", networkPolicy: "azure", serviceCidr: "172.16.0.0/16" },
    resourceName: "dev-k8s-azure-ctvfqb",
    sku: { name: "Base", tier: "Free" },
    tags: stampsFor("azure", "k8s-azure"),
  });
});

test("gcp: zonal GKE with private nodes, shielded nodes, workload identity, deletion protection; a node pool of the placed size", (t) => {
  t.deepEqual(children(h, component("gcp")), [
    ["gcp:container/cluster:Cluster", "k8s-gcp"],
    ["gcp:container/nodePool:NodePool", "k8s-gcp"],
  ]);
  t.deepEqual(inputs(find(h, "gcp:container/cluster:Cluster", "k8s-gcp")), {
    deletionProtection: true,
    enableShieldedNodes: true,
    initialNodeCount: 1,
    ipAllocationPolicy: {},
    location: "europe-west1-b",
    minMasterVersion: "1.35",
    name: "dev-k8s-gcp-0dj9zp",
    network: "projects/acme-test-123/global/networks/dev-net-gcp-qyehv7",
    privateClusterConfig: { enablePrivateEndpoint: true, enablePrivateNodes: true },
    masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "10.0.0.0/16", displayName: "the network" }], gcpPublicCidrsAccessEnabled: false },
    project: "acme-test-123",
    releaseChannel: { channel: "REGULAR" },
    removeDefaultNodePool: true,
    resourceLabels: stampsFor("gcp", "k8s-gcp"),
    subnetwork: "projects/acme-test-123/regions/europe-west1/subnetworks/dev-net-gcp-private-5n8lci",
    workloadIdentityConfig: { workloadPool: "acme-test-123.svc.id.goog" },
  });
  t.like(inputs(find(h, "gcp:container/nodePool:NodePool", "k8s-gcp")), {
    cluster: "dev-k8s-gcp-0dj9zp",
    nodeCount: 3,
    nodeConfig: { machineType: "e2-standard-4", shieldedInstanceConfig: { enableIntegrityMonitoring: true, enableSecureBoot: true }, tags: ["dev-net-gcp-qyehv7"], workloadMetadataConfig: { mode: "GKE_METADATA" } },
  });
});

test("digitalocean: DOKS on the VPC at the newest patch of the default 1.35, node pool carrying the firewall tag", (t) => {
  t.deepEqual(children(h, component("digitalocean")), [["digitalocean:index/kubernetesCluster:KubernetesCluster", "k8s-digitalocean"]]);
  t.deepEqual(inputs(find(h, "digitalocean:index/kubernetesCluster:KubernetesCluster", "k8s-digitalocean")), {
    autoUpgrade: false,
    name: "dev-k8s-digitalocean-cjl6vd",
    nodePool: { name: "default", nodeCount: 3, size: "s-4vcpu-8gb", tags: ["dev-net-digitalocean-zt219r"] },
    region: "ams3",
    surgeUpgrade: true,
    tags: ["tessera-stack:dev", "tessera-service:k8s-digitalocean", "tessera-placement:digitalocean_ams3", "tessera-data-class:confidential", "tessera-residency:eu"],
    version: "1.35.0-do.0",
    vpcUuid: "net-digitalocean-id",
  });
});

test("oci: OKE basic cluster with a private API endpoint; nodes over three ADs from the x86 OKE image", (t) => {
  t.deepEqual(children(h, component("oci")), [
    ["oci:ContainerEngine/cluster:Cluster", "k8s-oci"],
    ["oci:ContainerEngine/nodePool:NodePool", "k8s-oci"],
  ]);
  t.like(inputs(find(h, "oci:ContainerEngine/cluster:Cluster", "k8s-oci")), {
    endpointConfig: { isPublicIpEnabled: false, subnetId: "ocid1.subnet.oc1..net-oci-private" },
    kubernetesVersion: "v1.35.0",
    options: { serviceLbSubnetIds: ["ocid1.subnet.oc1..net-oci-public"] },
    type: "BASIC_CLUSTER",
    vcnId: "ocid1.vcn.oc1..net-oci",
  });
  t.like(inputs(find(h, "oci:ContainerEngine/nodePool:NodePool", "k8s-oci")), {
    kubernetesVersion: "v1.35.0",
    nodeShape: "VM.Standard.E4.Flex",
    nodeShapeConfig: { memoryInGbs: 16, ocpus: 2 },
    nodeSourceDetails: { imageId: "ocid1.image.oc1..oke-x86-1.35.0", sourceType: "IMAGE" },
    nodeConfigDetails: { size: 3, isPvEncryptionInTransitEnabled: true },
  });
});

test("API endpoints: private by default; with apiAllowedCidrs, public to those networks only", (t) => {
  const cidrs = ["203.0.113.0/24", "198.51.100.7/32"];
  t.deepEqual(inputs(find(h, "aws:eks/cluster:Cluster", "open-aws")).vpcConfig, {
    endpointPrivateAccess: true,
    endpointPublicAccess: true,
    publicAccessCidrs: cidrs,
    subnetIds: ["open-net-aws-private-0-id", "open-net-aws-private-1-id", "open-net-aws-public-0-id", "open-net-aws-public-1-id"],
  });
  t.deepEqual(inputs(find(h, "azure-native:containerservice:ManagedCluster", "open-azure")).apiServerAccessProfile, { authorizedIPRanges: cidrs });
  const gke = inputs(find(h, "gcp:container/cluster:Cluster", "open-gcp"));
  t.deepEqual([gke.privateClusterConfig, gke.masterAuthorizedNetworksConfig], [
    { enablePrivateEndpoint: false, enablePrivateNodes: true },
    { cidrBlocks: cidrs.map((cidrBlock) => ({ cidrBlock, displayName: "apiAllowedCidrs" })), gcpPublicCidrsAccessEnabled: false },
  ]);
  t.deepEqual(inputs(find(h, "digitalocean:index/kubernetesCluster:KubernetesCluster", "open-digitalocean")).controlPlaneFirewall, { enabled: true, allowedAddresses: cidrs });
  t.false("controlPlaneFirewall" in inputs(find(h, "digitalocean:index/kubernetesCluster:KubernetesCluster", "k8s-digitalocean")));
  // OKE: a public endpoint in the public subnet, its NSG admitting 6443 from each block only.
  t.like(inputs(find(h, "oci:ContainerEngine/cluster:Cluster", "open-oci")), { endpointConfig: { isPublicIpEnabled: true, nsgIds: ["open-oci-api-id"], subnetId: "ocid1.subnet.oc1..open-net-oci-public" } });
  t.deepEqual(children(h, find(h, "tessera:kubernetes:Cluster", "open-oci")).filter(([type]) => type.startsWith("oci:Core/")), [
    ["oci:Core/networkSecurityGroup:NetworkSecurityGroup", "open-oci-api"],
    ["oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", "open-oci-api-0"],
    ["oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", "open-oci-api-1"],
  ]);
  t.deepEqual(inputs(find(h, "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", "open-oci-api-1")), {
    description: "Kubernetes API from apiAllowedCidrs",
    direction: "INGRESS",
    networkSecurityGroupId: "open-oci-api-id",
    protocol: "6",
    source: "198.51.100.7/32",
    sourceType: "CIDR_BLOCK",
    tcpOptions: { destinationPortRange: { max: 6443, min: 6443 } },
  });
  t.deepEqual(
    h.invokes.filter((i) => i.token === "oci:ContainerEngine/getClusterKubeConfig:getClusterKubeConfig").map((i) => i.inputs.endpoint).sort(),
    ["PRIVATE_ENDPOINT", "PUBLIC_ENDPOINT"],
  );
});

test("apiAllowedCidrs refuses the whole internet and private space, naming the field", (t) => {
  t.deepEqual(
    cidrErrors.map((e) => (pulumi.InputPropertyError.isInstance(e) ? [e.propertyPath, e.message] : String(e))),
    [
      ["apiAllowedCidrs[0]", 'apiAllowedCidrs[0]: "0.0.0.0/0" opens the API to a large part of the internet; list the networks that administer the cluster (prefix /8 or longer)'],
      ["apiAllowedCidrs[0]", 'apiAllowedCidrs[0]: "10.1.0.0/16" is private address space: the network itself always reaches the private endpoint; list public networks only'],
    ],
  );
});

test("the cluster resource is protected on every cloud; every child is on the cloud's provider", (t) => {
  for (const cloud of CLOUDS) {
    const kids = h.registrations.filter((x) => x.parent === component(cloud).urn);
    for (const r of kids) t.is(providerOf(r), `${cloud}-${REGIONS[cloud]}`);
    t.deepEqual(
      kids.filter((r) => r.protect).map((r) => r.type),
      [{ aws: "aws:eks/cluster:Cluster", azure: "azure-native:containerservice:ManagedCluster", gcp: "gcp:container/cluster:Cluster", digitalocean: "digitalocean:index/kubernetesCluster:KubernetesCluster", oci: "oci:ContainerEngine/cluster:Cluster" }[cloud]],
      cloud,
    );
  }
});

test("parity: name, endpoint and a secret kubeconfig on every cloud", async (t) => {
  const endpoints: Record<Cloud, string> = {
    aws: "https://0A1B2C3D.gr7.eu-west-1.eks.amazonaws.com",
    azure: "https://dev-k8s-azure-a1b2c3.0f1e2d3c.privatelink.westeurope.azmk8s.io",
    gcp: "https://34.118.0.10",
    digitalocean: "https://0a1b2c3d.k8s.ondigitalocean.com",
    oci: "https://10.0.128.30:6443",
  };
  for (const cloud of CLOUDS) {
    const c = built[cloud];
    t.is(await valueOf(c.endpoint), endpoints[cloud], cloud);
    t.true(await isSecret(c.kubeconfig), `${cloud} kubeconfig is secret`);
    const config = parse(await valueOf(c.kubeconfig)) as { kind: string; clusters: Array<{ name: string }> };
    t.is(config.kind, "Config", cloud);
  }
  t.deepEqual(
    await Promise.all(CLOUDS.map((cloud) => valueOf(open[cloud].endpoint))),
    ["https://0A1B2C3D.gr7.eu-west-1.eks.amazonaws.com", "https://dev-open-azure-a1b2c3.hcp.westeurope.azmk8s.io", "https://34.118.0.10", "https://0a1b2c3d.k8s.ondigitalocean.com", "https://198.51.100.30:6443"],
  );
  const eks = parse(await valueOf(built.aws.kubeconfig)) as { users: Array<{ user: { exec: { command: string; args: string[] } } }> };
  t.deepEqual(eks.users[0]!.user.exec, { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", "dev-k8s-aws-nz077q", "--region", "eu-west-1"], interactiveMode: "Never" });
});

test("a bad or retired version is an InputPropertyError naming the supported versions before anything registers", (t) => {
  t.true(pulumi.InputPropertyError.isInstance(versionError));
  t.is((versionError as Error).message, 'version: "v1.31" is not allowed; allowed values: 1.34, 1.35, 1.36');
  t.is((retiredError as Error).message, 'version: "1.31" is not allowed; allowed values: 1.34, 1.35, 1.36');
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")), []);
});
