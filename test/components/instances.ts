/**
 * Instances on all five clouds: exact children, image resolution (invokes mocked, none
 * unexpected), private placement with no public IP, encrypted disks, SSH and user data, tags,
 * providers and outputs; the public-IP and spot variants; validation.
 */
import { suite } from "../suite";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Instances } from "../../components/compute";
import { Network } from "../../components/network";
import { type Harness, installHarness } from "../../harness";
import { children, errorCatcher, find, inputs, providerOf, REGIONS, stampsFor, targets, propertyError, valueOf } from "../helpers";

const test = suite("instances");

const SIZE: Record<Cloud, string> = { aws: "t3.medium", azure: "Standard_B2s", gcp: "e2-standard-2", digitalocean: "s-2vcpu-4gb", oci: "VM.Standard.E4.Flex$_2_8" };
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAItest tessera@test";
let h: Harness;
const built = {} as Record<Cloud, Instances>;
const { errors, attempt } = errorCatcher();

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS) {
      const network = new Network(`net-${cloud}`, { target: t[cloud] });
      built[cloud] = new Instances(`vm-${cloud}`, { target: t[cloud], network, size: SIZE[cloud], count: 2, sshPublicKey: KEY, userData: "#!/bin/sh\necho hi" });
      if (cloud !== "digitalocean") new Instances(`spot-${cloud}`, { target: t[cloud], network, size: SIZE[cloud], publicIp: true, spot: true });
    }
    new Instances("keyless-azure", { target: t.azure, network: new Network("net2-azure", { target: t.azure }), size: "Standard_B2s" });
    const awsNet = new Network("net-check", { target: t.aws });
    attempt("network", () => new Instances("bad-network", { target: t.gcp, network: awsNet, size: "e2-standard-2" }));
    attempt("count", () => new Instances("bad-count", { target: t.aws, network: awsNet, size: "t3.medium", count: 0 }));
    attempt("oci-image", () => new Instances("bad-image", { target: t.oci, network: new Network("net-oci-2", { target: t.oci }), size: "VM.Standard.E4.Flex$_2_8", image: "debian-12" }));
    attempt("oci-shape", () => new Instances("bad-shape", { target: t.oci, network: new Network("net-oci-3", { target: t.oci }), size: "t3.medium" }));
    attempt("do-spot", () => new Instances("bad-spot", { target: t.digitalocean, network: new Network("net-do-2", { target: t.digitalocean }), size: "s-1vcpu-1gb", spot: true }));
  });
});

const component = (name: string) => find(h, "tessera:compute:Instances", name);

test("children on every cloud", (t) => {
  t.deepEqual(children(h, component("vm-aws")), [
    ["aws:ec2/instance:Instance", "vm-aws-0"],
    ["aws:ec2/instance:Instance", "vm-aws-1"],
    ["aws:ec2/keyPair:KeyPair", "vm-aws-key"],
  ]);
  t.deepEqual(children(h, component("vm-azure")), [
    ["azure-native:compute:VirtualMachine", "vm-azure-0"],
    ["azure-native:compute:VirtualMachine", "vm-azure-1"],
    ["azure-native:network:NetworkInterface", "vm-azure-0"],
    ["azure-native:network:NetworkInterface", "vm-azure-1"],
  ]);
  t.deepEqual(children(h, component("vm-gcp")), [
    ["gcp:compute/instance:Instance", "vm-gcp-0"],
    ["gcp:compute/instance:Instance", "vm-gcp-1"],
  ]);
  t.deepEqual(children(h, component("vm-digitalocean")), [
    ["digitalocean:index/droplet:Droplet", "vm-digitalocean-0"],
    ["digitalocean:index/droplet:Droplet", "vm-digitalocean-1"],
    ["digitalocean:index/sshKey:SshKey", "vm-digitalocean-key"],
  ]);
  t.deepEqual(children(h, component("vm-oci")), [
    ["oci:Core/instance:Instance", "vm-oci-0"],
    ["oci:Core/instance:Instance", "vm-oci-1"],
  ]);
});

test("aws: newest Canonical AMI, private subnets round-robin, no public IP, encrypted gp3, IMDSv2", (t) => {
  t.deepEqual(inputs(find(h, "aws:ec2/instance:Instance", "vm-aws-1")), {
    ami: "ami-0123456789abcdef0",
    associatePublicIpAddress: false,
    instanceType: "t3.medium",
    keyName: "dev-vm-aws-y22ejz",
    metadataOptions: { httpEndpoint: "enabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
    rootBlockDevice: { deleteOnTermination: true, encrypted: true, volumeSize: 30, volumeType: "gp3" },
    subnetId: "net-aws-private-1-id",
    tags: { Name: "vm-aws-1", ...stampsFor("aws", "vm-aws") },
    userData: "#!/bin/sh\necho hi",
    vpcSecurityGroupIds: ["net-aws-firewall-id"],
  });
  t.deepEqual(
    h.invokes.find((i) => i.token === "aws:ec2/getAmi:getAmi")?.inputs,
    { mostRecent: true, owners: ["099720109477"], filters: [{ name: "name", values: ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"] }, { name: "architecture", values: ["x86_64"] }] },
  );
  t.like(inputs(find(h, "aws:ec2/instance:Instance", "spot-aws-0")), { associatePublicIpAddress: true, subnetId: "net-aws-public-0-id", instanceMarketOptions: { marketType: "spot" } });
});

test("azure: NIC in the private subnet, Trusted Launch VM, key-only SSH, base64 custom data; a generated key when none is given", (t) => {
  t.deepEqual(inputs(find(h, "azure-native:network:NetworkInterface", "vm-azure-0")).ipConfigurations, [{ name: "primary", primary: true, privateIPAllocationMethod: "Dynamic", subnet: { id: "net-azure-private-id" } }]);
  t.deepEqual(inputs(find(h, "azure-native:compute:VirtualMachine", "vm-azure-0")), {
    hardwareProfile: { vmSize: "Standard_B2s" },
    location: "westeurope",
    networkProfile: { networkInterfaces: [{ id: "vm-azure-0-id", primary: true }] },
    osProfile: {
      adminUsername: "tessera",
      computerName: "dev-vm-azure-0",
      customData: Buffer.from("#!/bin/sh\necho hi").toString("base64"),
      linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ keyData: KEY, path: "/home/tessera/.ssh/authorized_keys" }] } },
    },
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
    storageProfile: {
      imageReference: { offer: "ubuntu-24_04-lts", publisher: "Canonical", sku: "server", version: "latest" },
      osDisk: { createOption: "FromImage", deleteOption: "Delete", diskSizeGB: 30, managedDisk: { storageAccountType: "Premium_LRS" } },
    },
    tags: stampsFor("azure", "vm-azure"),
    vmName: "dev-vm-azure-0-lb5on6",
  });
  t.deepEqual(children(h, component("keyless-azure")).map(([type]) => type), [
    "azure-native:compute:VirtualMachine",
    "azure-native:network:NetworkInterface",
    "tls:index/privateKey:PrivateKey",
  ]);
  t.deepEqual(inputs(find(h, "tls:index/privateKey:PrivateKey", "keyless-azure-ssh")), { algorithm: "RSA", rsaBits: 4096 });
  t.like(inputs(find(h, "azure-native:compute:VirtualMachine", "spot-azure-0")), { priority: "Spot", evictionPolicy: "Deallocate", billingProfile: { maxPrice: -1 } });
});

test("gcp: zones from the region, Shielded VM, project SSH keys blocked, no access config, network tag", (t) => {
  t.deepEqual(inputs(find(h, "gcp:compute/instance:Instance", "vm-gcp-1")), {
    bootDisk: { autoDelete: true, initializeParams: { image: "ubuntu-os-cloud/ubuntu-2404-lts-amd64", size: 30, type: "pd-balanced" } },
    labels: stampsFor("gcp", "vm-gcp"),
    machineType: "e2-standard-2",
    metadata: { "block-project-ssh-keys": "true", "ssh-keys": `tessera:${KEY}` },
    metadataStartupScript: "#!/bin/sh\necho hi",
    name: "dev-vm-gcp-1-hiyszq",
    networkInterfaces: [{ accessConfigs: [], subnetwork: "projects/acme-test-123/regions/europe-west1/subnetworks/dev-net-gcp-private-5n8lci" }],
    project: "acme-test-123",
    scheduling: {},
    shieldedInstanceConfig: { enableIntegrityMonitoring: true, enableSecureBoot: true, enableVtpm: true },
    tags: ["dev-net-gcp-qyehv7"],
    zone: "europe-west1-c",
  });
  t.like(inputs(find(h, "gcp:compute/instance:Instance", "spot-gcp-0")), {
    networkInterfaces: [{ accessConfigs: [{}] }],
    scheduling: { provisioningModel: "SPOT", preemptible: true, automaticRestart: false, instanceTerminationAction: "STOP" },
  });
});

test("digitalocean: VPC-only droplets (public networking off) with the firewall tag and tessera tags", (t) => {
  t.deepEqual(inputs(find(h, "digitalocean:index/droplet:Droplet", "vm-digitalocean-0")), {
    image: "ubuntu-24-04-x64",
    monitoring: true,
    name: "dev-vm-digitalocean-0",
    publicNetworking: false,
    region: "ams3",
    size: "s-2vcpu-4gb",
    sshKeys: ["3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"],
    tags: ["dev-net-digitalocean-zt219r", "tessera-stack:dev", "tessera-service:vm-digitalocean", "tessera-placement:digitalocean_ams3", "tessera-data-class:confidential", "tessera-residency:eu"],
    userData: "#!/bin/sh\necho hi",
    vpcUuid: "net-digitalocean-id",
  });
});

test("oci: flex shape as OCPUs = vCPUs / 2, ADs round-robin, newest Ubuntu image, no public IP, in-transit encryption", (t) => {
  t.deepEqual(inputs(find(h, "oci:Core/instance:Instance", "vm-oci-1")), {
    availabilityDomain: "Uocm:EU-FRANKFURT-1-AD-2",
    compartmentId: "ocid1.compartment.oc1..test",
    createVnicDetails: { assignPublicIp: "false", subnetId: "ocid1.subnet.oc1..net-oci-private" },
    displayName: "dev-vm-oci-1",
    freeformTags: stampsFor("oci", "vm-oci"),
    isPvEncryptionInTransitEnabled: true,
    metadata: { ssh_authorized_keys: KEY, user_data: Buffer.from("#!/bin/sh\necho hi").toString("base64") },
    shape: "VM.Standard.E4.Flex",
    shapeConfig: { memoryInGbs: 8, ocpus: 1 },
    sourceDetails: { bootVolumeSizeInGbs: "50", sourceId: "ocid1.image.oc1..canonical-ubuntu-24.04", sourceType: "image" },
  });
  t.deepEqual(h.invokes.find((i) => i.token === "oci:Core/getImages:getImages")?.inputs, {
    compartmentId: "ocid1.compartment.oc1..test",
    operatingSystem: "Canonical Ubuntu",
    operatingSystemVersion: "24.04",
    shape: "VM.Standard.E4.Flex",
    sortBy: "TIMECREATED",
    sortOrder: "DESC",
    state: "AVAILABLE",
  });
  t.like(inputs(find(h, "oci:Core/instance:Instance", "spot-oci-0")), { createVnicDetails: { assignPublicIp: "true", subnetId: "ocid1.subnet.oc1..net-oci-public" }, preemptibleInstanceConfig: { preemptionAction: { type: "TERMINATE", preserveBootVolume: false } } });
});

test("providers, no protection on stateless machines, and only the expected invokes", (t) => {
  for (const cloud of CLOUDS) {
    for (const r of h.registrations.filter((x) => x.parent === component(`vm-${cloud}`).urn)) {
      t.is(providerOf(r), `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
      t.false(r.protect);
    }
  }
  t.deepEqual([...new Set(h.invokes.map((i) => i.token))].sort(), [
    "aws:ec2/getAmi:getAmi",
    // The networks' VPC flow-log role trusts only this account's flow-log service.
    "aws:index/getCallerIdentity:getCallerIdentity",
    "oci:Core/getImages:getImages",
    "oci:Core/getServices:getServices",
    "oci:Identity/getAvailabilityDomains:getAvailabilityDomains",
  ]);
});

test("parity: ids, private IPs and public IPs resolve on every cloud", async (t) => {
  // GCP's instanceId is the numeric id the API assigns, not the resource id.
  const expected: Record<Cloud, [string[] | RegExp, string[], string[]]> = {
    aws: [["vm-aws-0-id", "vm-aws-1-id"], ["10.0.128.10", "10.0.128.11"], ["", ""]],
    azure: [["vm-azure-0-id", "vm-azure-1-id"], ["10.0.128.4", "10.0.128.4"], ["", ""]],
    gcp: [/^\d+,\d+$/, ["10.0.128.2", "10.0.128.2"], ["", ""]],
    digitalocean: [["vm-digitalocean-0-id", "vm-digitalocean-1-id"], ["10.0.0.5", "10.0.0.5"], ["", ""]],
    oci: [["vm-oci-0-id", "vm-oci-1-id"], ["10.0.128.6", "10.0.128.6"], ["", ""]],
  };
  for (const cloud of CLOUDS) {
    const vm = built[cloud];
    const [ids, privateIps, publicIps] = expected[cloud];
    const actualIds = await valueOf(vm.instanceIds);
    if (ids instanceof RegExp) t.regex(actualIds.join(","), ids, cloud);
    else t.deepEqual(actualIds, ids, cloud);
    t.deepEqual([await valueOf(vm.privateIps), await valueOf(vm.publicIps)], [privateIps, publicIps], cloud);
  }
});

test("bad arguments: InputPropertyError naming the field and the allowed values", (t) => {
  const check = (key: string, path: string, message: string) => t.deepEqual(propertyError(errors[key]), [path, message], key);
  check("network", "network", "network: is on aws eu-west-1, but this component is placed on gcp europe-west1");
  check("count", "count", "count: must be an integer from 1 to 100 (got 0)");
  check("oci-image", "image", 'image: "debian-12" is not an OCI platform image; allowed values on oci: ubuntu-24.04, ubuntu-22.04');
  check("oci-shape", "size", 'size: "t3.medium" is not an OCI shape; use catalog notation for flex shapes, e.g. VM.Standard.E4.Flex$_2_8');
  check("do-spot", "spot", "spot: DigitalOcean has no spot capacity; allowed on aws, azure, gcp, oci");
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")), []);
});
