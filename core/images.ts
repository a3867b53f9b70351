/**
 * Cloud-neutral image names and what they are on each cloud. Pure data: placement validates the
 * names, the compute and GPU components resolve them (AWS and OCI by lookup invokes).
 *
 * `gpu` is each cloud's driver-ready image for NVIDIA GPUs: AWS Deep Learning Base OSS Nvidia
 * Driver AMI, Google's Deep Learning VM `common-cu124-ubuntu-2204` family (with
 * `install-nvidia-driver=True`), DigitalOcean's `gpu-h100x1-base` AI/ML image, OCI's GPU platform
 * images; Azure has none, so tessera installs the NVIDIA driver extension on Ubuntu.
 */

/** The images users choose from. */
export const IMAGES = ["ubuntu-24.04", "ubuntu-22.04", "debian-12"] as const;
export type ImageName = (typeof IMAGES)[number];

/** An image name or the GPU driver-ready image. */
export type ImageChoice = ImageName | "gpu";

/** CPU architecture of a machine family. */
export type Arch = "amd64" | "arm64";

/** Arm families in the catalog (AWS Graviton, Azure Cobalt/Ampere `p` sizes, GCP Tau T2A). */
export function archOf(size: string): Arch {
  return /^(t4g|m[678]g|c[678]g|r[678]g|g5g)\.|^Standard_[A-Z]+\d+p|^t2a-/.test(size) ? "arm64" : "amd64";
}

/** AWS AMI lookup (owner account and name pattern); `{arch}` is amd64 or arm64. */
export const AWS_AMIS: Record<ImageChoice, { readonly owner: string; readonly name: (arch: Arch) => string }> = {
  "ubuntu-24.04": { owner: "099720109477", name: (a) => `ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-${a}-server-*` },
  "ubuntu-22.04": { owner: "099720109477", name: (a) => `ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-${a}-server-*` },
  "debian-12": { owner: "136693071363", name: (a) => `debian-12-${a}-*` },
  gpu: {
    owner: "amazon",
    name: (a) => (a === "arm64" ? "Deep Learning ARM64 Base OSS Nvidia Driver GPU AMI (Ubuntu 24.04) *" : "Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 24.04) *"),
  },
};

/** Azure Marketplace image references. */
export const AZURE_IMAGES: Record<ImageChoice, (arch: Arch) => { publisher: string; offer: string; sku: string; version: string }> = {
  "ubuntu-24.04": (a) => ({ publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: a === "arm64" ? "server-arm64" : "server", version: "latest" }),
  "ubuntu-22.04": (a) => ({ publisher: "Canonical", offer: "0001-com-ubuntu-server-jammy", sku: a === "arm64" ? "22_04-lts-arm64" : "22_04-lts-gen2", version: "latest" }),
  "debian-12": (a) => ({ publisher: "Debian", offer: "debian-12", sku: a === "arm64" ? "12-arm64" : "12-gen2", version: "latest" }),
  // No driver-ready marketplace image: Ubuntu plus the NvidiaGpuDriverLinux extension.
  gpu: () => ({ publisher: "Canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts-gen2", version: "latest" }),
};

/** GCP image (project/family) references. */
export const GCP_IMAGES: Record<ImageChoice, (arch: Arch) => string> = {
  "ubuntu-24.04": (a) => `ubuntu-os-cloud/ubuntu-2404-lts-${a}`,
  "ubuntu-22.04": (a) => (a === "arm64" ? "ubuntu-os-cloud/ubuntu-2204-lts-arm64" : "ubuntu-os-cloud/ubuntu-2204-lts"),
  "debian-12": (a) => (a === "arm64" ? "debian-cloud/debian-12-arm64" : "debian-cloud/debian-12"),
  gpu: () => "projects/deeplearning-platform-release/global/images/family/common-cu124-ubuntu-2204",
};

/** DigitalOcean image slugs. */
export const DIGITALOCEAN_IMAGES: Record<ImageChoice, string> = {
  "ubuntu-24.04": "ubuntu-24-04-x64",
  "ubuntu-22.04": "ubuntu-22-04-x64",
  "debian-12": "debian-12-x64",
  gpu: "gpu-h100x1-base",
};

/** OCI platform image lookups; OCI publishes no Debian platform image. */
export const OCI_IMAGES: Record<ImageChoice, { readonly operatingSystem: string; readonly version: string; readonly displayName?: string } | undefined> = {
  "ubuntu-24.04": { operatingSystem: "Canonical Ubuntu", version: "24.04" },
  "ubuntu-22.04": { operatingSystem: "Canonical Ubuntu", version: "22.04" },
  "debian-12": undefined,
  gpu: { operatingSystem: "Oracle Linux", version: "8", displayName: ".*-GPU-.*" },
};

/** Catalog GPU names of GPUs attachable to GCP n1 machines → GCP accelerator types. */
export const GCP_ACCELERATORS: Readonly<Record<string, string>> = { T4: "nvidia-tesla-t4" };

/** `n1-standard-4+1xT4` → machine type and attached accelerators (an unknown GPU has type ""). */
export function gcpMachineType(size: string): { machineType: string; accelerators: Array<{ type: string; count: number }>; gpu?: string } {
  const m = /^(.+)\+(\d+)x(\w+)$/.exec(size);
  if (!m) return { machineType: size, accelerators: [] };
  return { machineType: m[1]!, accelerators: [{ type: GCP_ACCELERATORS[m[3]!] ?? "", count: Number(m[2]) }], gpu: m[3]! };
}
