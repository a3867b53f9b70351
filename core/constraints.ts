/**
 * What a component refuses, as rules placement reads too, so placement never picks a cloud,
 * region or size the program then rejects. Each rule returns why a value cannot be used on a
 * cloud (one sentence naming the cloud and what is allowed), or undefined. Components turn the
 * sentence into an InputPropertyError for the field; placement into a rejection reason.
 *
 * Pure TypeScript, no Pulumi import.
 */
import { CLOUDS, type Cloud } from "./cloud";
import { IMAGES, type ImageName, OCI_IMAGES } from "./images";

/** Numeric limits a component enforces; the requirements schema uses the same bounds. */
export const LIMITS = {
  /** Machines per Instances / GpuInstances component (and per alert rule's instance list). */
  machineCount: { min: 1, max: 100 },
  /** Managed PostgreSQL storage in GB (RDS and Cloud SQL start at 10 GB). */
  databaseStorageGb: { min: 10, max: 65536 },
  /** Warehouse compute units off Azure's dev SKU (Athena/BigQuery/ADX 2+; OCI ECPUs 2-512). */
  warehouseComputeUnits: { min: 2, max: 1000 },
} as const;

const allBut = (cloud: Cloud) => CLOUDS.filter((c) => c !== cloud).join(", ");

/** Spot / preemptible capacity: every cloud but DigitalOcean sells it. */
export function spotProblem(cloud: Cloud): string | undefined {
  return cloud === "digitalocean" ? `DigitalOcean has no spot capacity; allowed on ${allBut("digitalocean")}` : undefined;
}

/** A managed NAT gateway for private subnets: DigitalOcean VPCs have none in this version. */
export function natGatewayProblem(cloud: Cloud): string | undefined {
  return cloud === "digitalocean" ? `DigitalOcean has no managed NAT gateway in this version; allowed on ${allBut("digitalocean")}` : undefined;
}

/** An image a cloud has a platform image for (OCI publishes no Debian image). */
export function machineImageProblem(cloud: Cloud, image: ImageName): string | undefined {
  if (cloud !== "oci" || OCI_IMAGES[image] !== undefined) return undefined;
  return `"${image}" is not an OCI platform image; allowed values on oci: ${IMAGES.filter((i) => OCI_IMAGES[i]).join(", ")}`;
}

/** Azure Database for PostgreSQL Burstable sizes (`Standard_B*`). */
export const isAzureBurstable = (size: string): boolean => /^Standard_B/.test(size);

/** High availability on a managed PostgreSQL size: Azure's Burstable tier has none. */
export function postgresHaProblem(cloud: Cloud, size: string): string | undefined {
  return cloud === "azure" && isAzureBurstable(size) ? `Azure Burstable sizes (${size}) have no high availability; use a General Purpose size such as Standard_D2ds_v5` : undefined;
}

/** Warehouse compute units on a cloud (Azure's dev SKU is the only one that runs one unit). */
export function warehouseUnitsProblem(cloud: Cloud, units: number): string | undefined {
  const max = cloud === "oci" ? 512 : LIMITS.warehouseComputeUnits.max;
  if (units >= LIMITS.warehouseComputeUnits.min && units <= max) return undefined;
  return `${units} compute units cannot run on ${cloud}; allowed: ${LIMITS.warehouseComputeUnits.min}-${max}`;
}

/** What decides whether a site's private subnets need outbound internet at boot. */
export interface NetworkedService {
  readonly kind: string;
  readonly publicIp?: boolean;
}

/**
 * Whether the site's network needs a NAT gateway so its private machines reach what they need at
 * boot (package mirrors, container registries, the cluster's API):
 *
 * - AWS: private VMs, and EKS nodes in private subnets (they never join without a route out: ECR,
 *   S3, STS and the EKS API are outside the VPC). NAT rather than six interface endpoints, which
 *   cost more and leave package mirrors unreachable.
 * - Azure: private VMs (tessera's subnets have no default outbound access). AKS nodes leave
 *   through the cluster's own Standard load balancer (outbound type loadBalancer).
 * - GCP: private VMs (Debian/Ubuntu mirrors are not Google APIs, so Private Google Access does not
 *   reach them) and private GKE nodes (images from registries outside Google).
 * - OCI: private VMs and OKE nodes; the service gateway covers OCIR and Object Storage only. OCI
 *   NAT gateways are free.
 * - DigitalOcean: none in this version (DOKS nodes have public interfaces; VPC-only Droplets have
 *   no route out, see the README).
 */
export function natNeeded(cloud: Cloud, services: readonly NetworkedService[]): boolean {
  if (cloud === "digitalocean") return false;
  const privateMachines = services.some((s) => (s.kind === "compute" || s.kind === "gpu-compute") && !s.publicIp);
  const kubernetes = services.some((s) => s.kind === "kubernetes");
  return privateMachines || (kubernetes && cloud !== "azure");
}

/**
 * Secret environment values of a `serverless` function (a `secure:` value, or a secret-looking
 * name such as `API_TOKEN`): the clouds where tessera's Function keeps them in the cloud's secret
 * mechanism, and why not elsewhere. Where it cannot, the value would sit in the function's plain
 * configuration, which the `no-plaintext-secrets` policy rejects — so placement skips the cloud.
 * Checked 2026-11-30.
 */
export const FUNCTION_SECRET_ENVIRONMENT: Readonly<Record<Cloud, { readonly supported: true; readonly how: string } | { readonly supported: false; readonly why: string }>> = {
  aws: {
    supported: false,
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
    why: "Lambda environment variables are plain function configuration with no secret reference (AWS recommends Secrets Manager read by the function's code instead)",
  },
  azure: { supported: true, how: "Container Apps secrets (secretRef)" },
  // https://cloud.google.com/run/docs/configuring/services/secrets
  gcp: { supported: true, how: "Secret Manager secrets referenced by Cloud Run (valueSource.secretKeyRef)" },
  digitalocean: { supported: true, how: "App Platform SECRET variables" },
  oci: {
    supported: false,
    // https://docs.oracle.com/en-us/iaas/Content/Functions/Tasks/functionspassingconfigparams.htm
    why: "OCI Functions configuration parameters are plain key-value pairs with no Vault reference",
  },
};

/** A function's secret environment variables (`names`, sorted) on a cloud: why it cannot keep them secret, or undefined. */
export function secretEnvironmentProblem(cloud: Cloud, names: readonly string[]): string | undefined {
  const cell = FUNCTION_SECRET_ENVIRONMENT[cloud];
  if (cell.supported || names.length === 0) return undefined;
  const allowed = CLOUDS.filter((c) => FUNCTION_SECRET_ENVIRONMENT[c].supported).join(", ");
  return `secret environment ${names.length === 1 ? "variable" : "variables"} ${names.join(", ")} cannot stay secret on ${cloud}: ${cell.why}; allowed on ${allowed}`;
}
