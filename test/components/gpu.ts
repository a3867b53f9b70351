/**
 * GpuInstances on all five clouds: exact children, the driver-ready image each cloud resolves
 * (invokes mocked), GPUs attached where the size does not carry them, GPU-safe scheduling and
 * boot settings, spot, tags, providers, outputs and validation.
 */
import { suite } from "../suite";
import { GpuInstances } from "../../components/ai";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Network } from "../../components/network";
import { type Harness, installHarness } from "../../harness";
import { children, errorCatcher, find, inputs, propertyError, providerOf, REGIONS, stampsFor, targets, valueOf } from "../helpers";

const test = suite("gpu");

const SIZE: Record<Cloud, string> = { aws: "g5.xlarge", azure: "Standard_NC4as_T4_v3", gcp: "n1-standard-4+1xT4", digitalocean: "gpu-h100x1-80gb", oci: "VM.GPU.A10.1" };
const GPU: Record<Cloud, string> = { aws: "A10G", azure: "T4", gcp: "T4", digitalocean: "H100", oci: "A10" };
let h: Harness;
const built = {} as Record<Cloud, GpuInstances>;
const { errors, attempt } = errorCatcher();

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS) {
      const network = new Network(`net-${cloud}`, { target: t[cloud] });
      built[cloud] = new GpuInstances(`gpu-${cloud}`, { target: t[cloud], network, size: SIZE[cloud], gpu: { model: GPU[cloud], count: 1 } });
    }
    new GpuInstances("l4-gcp", { target: t.gcp, network: new Network("net2-gcp", { target: t.gcp }), size: "g2-standard-8", gpu: { model: "L4", count: 1 }, spot: true });
    new GpuInstances("arm-aws", { target: t.aws, network: new Network("net2-aws", { target: t.aws }), size: "g5g.xlarge", gpu: { model: "T4G", count: 1 }, spot: true });
    const net = new Network("net-check", { target: t.aws });
    attempt("gpu-count", () => new GpuInstances("bad-count", { target: t.aws, network: net, size: "g5.xlarge", gpu: { model: "A10G", count: 0 } }));
    attempt("gpu-model", () => new GpuInstances("bad-model", { target: t.aws, network: net, size: "g5.xlarge", gpu: { model: "", count: 1 } }));
    attempt("do-size", () => new GpuInstances("bad-do", { target: t.digitalocean, network: new Network("net-do-2", { target: t.digitalocean }), size: "s-4vcpu-8gb", gpu: { model: "H100", count: 1 } }));
    attempt("gcp-accelerator", () => new GpuInstances("bad-accel", { target: t.gcp, network: new Network("net-gcp-3", { target: t.gcp }), size: "n1-standard-4+1xV100", gpu: { model: "V100", count: 1 } }));
    attempt("disk", () => new GpuInstances("bad-disk", { target: t.aws, network: net, size: "g5.xlarge", gpu: { model: "A10G", count: 1 }, diskGb: 5 }));
  });
});

const component = (name: string) => find(h, "tessera:ai:GpuInstances", name);

test("children on every cloud: one machine each, plus the NVIDIA driver extension on Azure", (t) => {
  const expected: Record<Cloud, Array<[string, string]>> = {
    aws: [["aws:ec2/instance:Instance", "gpu-aws-0"]],
    azure: [
      ["azure-native:compute:VirtualMachine", "gpu-azure-0"],
      ["azure-native:compute:VirtualMachineExtension", "gpu-azure-0-nvidia"],
      ["azure-native:network:NetworkInterface", "gpu-azure-0"],
      ["tls:index/privateKey:PrivateKey", "gpu-azure-ssh"],
    ],
    gcp: [["gcp:compute/instance:Instance", "gpu-gcp-0"]],
    digitalocean: [["digitalocean:index/droplet:Droplet", "gpu-digitalocean-0"]],
    oci: [["oci:Core/instance:Instance", "gpu-oci-0"]],
  };
  for (const cloud of CLOUDS) t.deepEqual(children(h, component(`gpu-${cloud}`)), expected[cloud], cloud);
});

test("aws: the Deep Learning Base OSS NVIDIA driver AMI (arm64 for g5g), encrypted 100 GB gp3, private, IMDSv2; spot", (t) => {
  t.deepEqual(inputs(find(h, "aws:ec2/instance:Instance", "gpu-aws-0")), {
    ami: "ami-0123456789abcdef0",
    associatePublicIpAddress: false,
    instanceType: "g5.xlarge",
    metadataOptions: { httpEndpoint: "enabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
    rootBlockDevice: { deleteOnTermination: true, encrypted: true, volumeSize: 100, volumeType: "gp3" },
    subnetId: "net-aws-private-0-id",
    tags: { Name: "gpu-aws-0", ...stampsFor("aws", "gpu-aws") },
    vpcSecurityGroupIds: ["net-aws-firewall-id"],
  });
  const amis = h.invokes.filter((i) => i.token === "aws:ec2/getAmi:getAmi").map((i) => i.inputs);
  t.deepEqual(amis, [
    { mostRecent: true, owners: ["amazon"], filters: [{ name: "name", values: ["Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 24.04) *"] }, { name: "architecture", values: ["x86_64"] }] },
    { mostRecent: true, owners: ["amazon"], filters: [{ name: "name", values: ["Deep Learning ARM64 Base OSS Nvidia Driver GPU AMI (Ubuntu 24.04) *"] }, { name: "architecture", values: ["arm64"] }] },
  ]);
  t.like(inputs(find(h, "aws:ec2/instance:Instance", "arm-aws-0")), { ami: "ami-0a1b2c3d4e5f6a7b8", instanceMarketOptions: { marketType: "spot" } });
});

test("azure: Ubuntu 22.04 with the NvidiaGpuDriverLinux extension; Secure Boot off (unsigned driver modules), vTPM on", (t) => {
  const vm = inputs(find(h, "azure-native:compute:VirtualMachine", "gpu-azure-0"));
  t.deepEqual(vm.securityProfile, { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: false, vTpmEnabled: true } });
  t.deepEqual(vm.storageProfile, {
    imageReference: { offer: "0001-com-ubuntu-server-jammy", publisher: "Canonical", sku: "22_04-lts-gen2", version: "latest" },
    osDisk: { createOption: "FromImage", deleteOption: "Delete", diskSizeGB: 100, managedDisk: { storageAccountType: "Premium_LRS" } },
  });
  t.deepEqual(vm.hardwareProfile, { vmSize: "Standard_NC4as_T4_v3" });
  t.deepEqual(inputs(find(h, "azure-native:compute:VirtualMachineExtension", "gpu-azure-0-nvidia")), {
    autoUpgradeMinorVersion: true,
    location: "westeurope",
    publisher: "Microsoft.HpcCompute",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    tags: stampsFor("azure", "gpu-azure"),
    type: "NvidiaGpuDriverLinux",
    typeHandlerVersion: "1.9",
    vmExtensionName: "NvidiaGpuDriverLinux",
    vmName: "dev-gpu-azure-0-v17a3q",
  });
});

test("gcp: n1 with an attached T4, Deep Learning VM image installing the driver, terminate on maintenance; g2 spot", (t) => {
  t.deepEqual(inputs(find(h, "gcp:compute/instance:Instance", "gpu-gcp-0")), {
    bootDisk: { autoDelete: true, initializeParams: { image: "projects/deeplearning-platform-release/global/images/family/common-cu124-ubuntu-2204", size: 100, type: "pd-balanced" } },
    guestAccelerators: [{ count: 1, type: "nvidia-tesla-t4" }],
    labels: stampsFor("gcp", "gpu-gcp"),
    machineType: "n1-standard-4",
    metadata: { "block-project-ssh-keys": "true", "install-nvidia-driver": "True" },
    name: "dev-gpu-gcp-0-g45wq3",
    networkInterfaces: [{ accessConfigs: [], subnetwork: "projects/acme-test-123/regions/europe-west1/subnetworks/dev-net-gcp-private-5n8lci" }],
    project: "acme-test-123",
    scheduling: { onHostMaintenance: "TERMINATE" },
    shieldedInstanceConfig: { enableIntegrityMonitoring: true, enableSecureBoot: false, enableVtpm: true },
    tags: ["dev-net-gcp-qyehv7"],
    zone: "europe-west1-b",
  });
  const l4 = inputs(find(h, "gcp:compute/instance:Instance", "l4-gcp-0"));
  t.is(l4.machineType, "g2-standard-8");
  t.is(l4.guestAccelerators, undefined);
  t.deepEqual(l4.scheduling, { onHostMaintenance: "TERMINATE", provisioningModel: "SPOT", preemptible: true, automaticRestart: false, instanceTerminationAction: "STOP" });
});

test("digitalocean: a VPC-only GPU Droplet on the AI/ML-ready image", (t) => {
  t.deepEqual(inputs(find(h, "digitalocean:index/droplet:Droplet", "gpu-digitalocean-0")), {
    image: "gpu-h100x1-base",
    monitoring: true,
    name: "dev-gpu-digitalocean-0",
    publicNetworking: false,
    region: "ams3",
    size: "gpu-h100x1-80gb",
    tags: ["dev-net-digitalocean-zt219r", ...Object.entries(stampsFor("digitalocean", "gpu-digitalocean")).map(([k, v]) => `${k}:${v}`)],
    vpcUuid: "net-digitalocean-id",
  });
});

test("oci: a VM.GPU shape on the newest Oracle Linux GPU image, no public IP", (t) => {
  t.deepEqual(inputs(find(h, "oci:Core/instance:Instance", "gpu-oci-0")), {
    availabilityDomain: "Uocm:EU-FRANKFURT-1-AD-1",
    compartmentId: "ocid1.compartment.oc1..test",
    createVnicDetails: { assignPublicIp: "false", subnetId: "ocid1.subnet.oc1..net-oci-private" },
    displayName: "dev-gpu-oci-0",
    freeformTags: stampsFor("oci", "gpu-oci"),
    isPvEncryptionInTransitEnabled: true,
    metadata: {},
    shape: "VM.GPU.A10.1",
    sourceDetails: { bootVolumeSizeInGbs: "100", sourceId: "ocid1.image.oc1..oracle-linux-8", sourceType: "image" },
  });
  t.deepEqual(h.invokes.find((i) => i.token === "oci:Core/getImages:getImages")?.inputs, {
    compartmentId: "ocid1.compartment.oc1..test",
    filters: [{ name: "display_name", regex: true, values: [".*-GPU-.*"] }],
    operatingSystem: "Oracle Linux",
    operatingSystemVersion: "8",
    shape: "VM.GPU.A10.1",
    sortBy: "TIMECREATED",
    sortOrder: "DESC",
    state: "AVAILABLE",
  });
});

test("every machine on its cloud's provider, none protected; outputs resolve", async (t) => {
  for (const cloud of CLOUDS) {
    for (const r of h.registrations.filter((x) => x.parent === component(`gpu-${cloud}`).urn)) {
      t.is(providerOf(r), r.type.startsWith("tls:") ? "" : `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
      t.false(r.protect);
    }
  }
  const expected: Record<Cloud, [string[], string[]]> = {
    aws: [["gpu-aws-0-id"], ["10.0.128.10"]],
    azure: [["gpu-azure-0-id"], ["10.0.128.4"]],
    gcp: [[String(await valueOf(built.gcp.instanceIds).then((ids) => ids[0]))], ["10.0.128.2"]],
    digitalocean: [["gpu-digitalocean-0-id"], ["10.0.0.5"]],
    oci: [["gpu-oci-0-id"], ["10.0.128.6"]],
  };
  for (const cloud of CLOUDS) {
    t.deepEqual([await valueOf(built[cloud].instanceIds), await valueOf(built[cloud].privateIps), await valueOf(built[cloud].publicIps)], [...expected[cloud], [""]], cloud);
    t.is(built[cloud].count, 1);
  }
  t.regex((await valueOf(built.gcp.instanceIds))[0]!, /^\d+$/);
});

test("bad arguments: InputPropertyError naming the field and the allowed values, nothing registered", (t) => {
  t.deepEqual(Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, propertyError(e)])), {
    "gpu-count": ["gpu.count", "gpu.count: must be an integer from 1 to 16 (got 0)"],
    "gpu-model": ["gpu.model", "gpu.model: is required (the catalog's GPU model, e.g. T4, L4, A100)"],
    "do-size": ["size", 'size: "s-4vcpu-8gb" is not a DigitalOcean GPU Droplet size (gpu-…)'],
    "gcp-accelerator": ["size", "size: no attachable GCP accelerator for V100; allowed: T4"],
    disk: ["diskGb", "diskGb: must be an integer from 10 to 16384 (got 5)"],
  });
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")).map((r) => r.name), []);
});
