/**
 * From a catalog compute offering to the SKU each managed service sells at that size.
 *
 * Placement sizes managed PostgreSQL by its compute equivalent (see cost.ts); these functions name
 * the managed instance class a component then creates. The families are the ones each provider
 * documents for its managed PostgreSQL service; offerings outside them are skipped.
 */
import type { Cloud } from "./cloud";

/** The size facts of a compute offering that decide its managed PostgreSQL class. */
export interface SizedOffering {
  readonly instanceType: string;
  readonly vcpus: number;
  readonly memoryGib: number;
}

/**
 * The managed PostgreSQL instance class matching a compute offering, or undefined when the
 * managed service does not sell that family.
 *
 * - AWS RDS sells `db.t3.*` (micro to 2xlarge) and `db.m6i.*` classes named after the EC2 types.
 * - Azure Flexible Server sells Burstable `Standard_B*ms`/`B2s`, General Purpose `Standard_D*ds_v5`
 *   and Memory Optimized `Standard_E*ds_v5` (the `ds` twins of the catalog's `Dsv5`/`Esv5`).
 * - Cloud SQL takes `db-custom-<vCPUs>-<MiB>` with 0.9–6.5 GB per vCPU (x86 shapes only).
 * - DigitalOcean sells `db-s-*` at four Basic droplet sizes and `gd-*` at the General Purpose ones.
 * - OCI Database with PostgreSQL runs on `PostgreSQL.VM.Standard.E4/E5.Flex` with OCPUs = vCPUs / 2;
 *   the SKU keeps the catalog's flex notation (`PostgreSQL.VM.Standard.E5.Flex$_2_16`).
 */
export function postgresInstanceClass(cloud: Cloud, offering: SizedOffering): string | undefined {
  const type = offering.instanceType;
  switch (cloud) {
    case "aws":
      return /^(t3\.(micro|small|medium|large|xlarge|2xlarge)|m6i\.(large|xlarge|\d+xlarge))$/.test(type) ? `db.${type}` : undefined;
    case "azure": {
      const burstable = /^Standard_B(1ms|2s|2ms|4ms|8ms)$/.exec(type);
      if (burstable) return type;
      const gp = /^Standard_([DE])(\d+)s_v5$/.exec(type);
      return gp ? `Standard_${gp[1]}${gp[2]}ds_v5` : undefined;
    }
    case "gcp": {
      const perVcpu = offering.memoryGib / offering.vcpus;
      const x86 = /^(e2-standard|n2-standard|n2-highcpu)-\d+$/.test(type);
      return x86 && perVcpu >= 0.9 && perVcpu <= 6.5 ? `db-custom-${offering.vcpus}-${Math.round(offering.memoryGib * 1024)}` : undefined;
    }
    case "digitalocean":
      if (/^s-(1vcpu-1gb|1vcpu-2gb|2vcpu-4gb|4vcpu-8gb)$/.test(type)) return `db-${type}`;
      return /^g-\d+vcpu-\d+gb$/.test(type) ? `gd-${type.slice(2)}` : undefined;
    case "oci":
      return /^VM\.Standard\.E[45]\.Flex\$_\d+_\d+$/.test(type) ? `PostgreSQL.${type}` : undefined;
  }
}

/**
 * OCI flex SKU notation (`VM.Standard.E4.Flex$_2_8`, `PostgreSQL.VM.Standard.E5.Flex$_2_16`) to
 * shape, OCPUs (= vCPUs / 2) and memory.
 */
export function parseOciFlex(sku: string): FlexSku | undefined {
  const m = /^((?:PostgreSQL\.)?VM\.Standard\.E\d\.Flex)\$_(\d+)_(\d+)$/.exec(sku);
  return m ? { shape: m[1]!, ocpus: Number(m[2]) / 2, memoryGib: Number(m[3]) } : undefined;
}

/** An OCI flex size: shape, OCPUs and memory in GB. */
export interface FlexSku {
  readonly shape: string;
  readonly ocpus: number;
  readonly memoryGib: number;
}

/**
 * A SKU as its cloud names it, for people: OCI flex sizes in OCI's terms
 * (`VM.Standard.E4.Flex, 1 OCPU, 8 GB`), every other SKU unchanged.
 */
export function displaySku(sku: string): string {
  const flex = parseOciFlex(sku);
  return flex ? `${flex.shape}, ${flex.ocpus} OCPU, ${flex.memoryGib} GB` : sku;
}

/** DigitalOcean App Platform instance sizes by memory (MB), smallest first. */
export const APP_PLATFORM_SIZES = [
  { mb: 512, slug: "apps-s-1vcpu-0.5gb" },
  { mb: 1024, slug: "apps-s-1vcpu-1gb" },
  { mb: 2048, slug: "apps-s-1vcpu-2gb" },
  { mb: 4096, slug: "apps-s-2vcpu-4gb" },
] as const;

/** The App Platform size a service of `memoryMb` runs on: the smallest with enough memory. */
export function appPlatformSize(memoryMb: number): string {
  return (APP_PLATFORM_SIZES.find((x) => x.mb >= memoryMb) ?? APP_PLATFORM_SIZES[APP_PLATFORM_SIZES.length - 1]).slug;
}
