/**
 * WebTier: a managed load balancer (HTTPS with TLS 1.2+, plain HTTP redirected to HTTPS) in front
 * of private machines in an autoscaling group, with health checks, a certificate for one hostname
 * and ingress that follows the tier: the load balancer is reachable on its ports from anywhere,
 * the machines only from the load balancer (and its health checkers) on the backend port.
 */
import type * as pulumi from "@pulumi/pulumi";
import { IMAGES, type ImageName, OCI_IMAGES } from "../../core/images";
import { isHostname } from "../failover/contract";
import type { NetworkRef } from "../network/contract";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { checkInt, checkOneOf, invalid } from "../validation";
import { checkNetwork } from "../compute/contract";

/** How the group sizes itself. */
export interface Autoscaling {
  /** Fewest machines, also the size at creation. @default 2 */
  readonly min?: number;
  /** Most machines. @default min */
  readonly max?: number;
  /** Average CPU utilisation the group keeps, percent (1-100). @default 60 */
  readonly targetCpuPercent?: number;
}

/** The probe the load balancer sends each machine. */
export interface WebHealthCheck {
  /** @default "/" */
  readonly path?: string;
  /** @default the backend port */
  readonly port?: number;
  /** Seconds between probes, 5-300. @default 30 */
  readonly intervalSeconds?: number;
  /** Consecutive successes before a machine takes traffic, 2-10. @default 2 */
  readonly healthyThreshold?: number;
  /** Consecutive failures before it is taken out, 2-10. @default 3 */
  readonly unhealthyThreshold?: number;
}

/**
 * Where the certificate for `hostname` comes from, per cloud. AWS (ACM), GCP (Google-managed)
 * and DigitalOcean (Let's Encrypt) issue one themselves; Azure Application Gateway and OCI Load
 * Balancer cannot issue a publicly trusted certificate, so there the certificate must already
 * exist.
 */
export interface CertificateSource {
  /**
   * AWS: the Route 53 hosted zone id of the hostname. With it tessera writes ACM's DNS validation
   * record there; without it `pulumi up` waits (up to ACM's validation timeout) until you create
   * the record shown in the `certificateValidation` output at your DNS provider.
   */
  readonly awsZoneId?: string;
  /**
   * Azure: a Key Vault certificate for the hostname. `keyVaultId` is the vault's resource id (the
   * vault must use Azure RBAC: tessera grants the gateway's identity "Key Vault Secrets User" on
   * it, and it must be reachable from Azure services); `secretName` the certificate's name.
   */
  readonly azureKeyVault?: { readonly keyVaultId: string; readonly secretName: string };
  /**
   * DigitalOcean: the domain managed by DigitalOcean DNS the hostname belongs to (Let's Encrypt
   * validation runs through it).
   */
  readonly digitaloceanDomain?: string;
  /** OCI: the OCID of a certificate in the OCI Certificates service (imported or CA-issued). */
  readonly ociCertificateId?: string;
}

/** Arguments of {@link WebTier}. */
export interface WebTierArgs {
  /** Where to build, from the placement decision. */
  readonly target: Target;
  /** The network: the load balancer takes its public subnets, the machines its private ones. */
  readonly network: NetworkRef;
  /** Machine size, as placement chooses it (see `Instances.size`). */
  readonly size: string;
  /** @default "ubuntu-24.04" */
  readonly image?: ImageName;
  /** @default { min: 2, max: min, targetCpuPercent: 60 } */
  readonly autoscaling?: Autoscaling;
  /** The HTTPS listener's port. @default 443 */
  readonly httpsPort?: number;
  /** The port whose plain HTTP is redirected to HTTPS; `false` for none. @default 80 */
  readonly httpRedirectPort?: number | false;
  /** The port the machines serve plain HTTP on (TLS ends at the load balancer). @default 80 */
  readonly backendPort?: number;
  /** @default { path: "/", port: backendPort, intervalSeconds: 30, healthyThreshold: 2, unhealthyThreshold: 3 } */
  readonly healthCheck?: WebHealthCheck;
  /** The name the certificate is for, e.g. `www.example.com`. */
  readonly hostname: string;
  /** @default {} (required parts per cloud: see {@link CertificateSource}) */
  readonly certificate?: CertificateSource;
  /**
   * Azure: the address range of the Application Gateway's dedicated subnet, inside the network.
   * @default the network's 8th /(p+4) block (e.g. 10.0.112.0/20 for 10.0.0.0/16), unused by its own subnets
   */
  readonly gatewaySubnetCidr?: string;
  /** OpenSSH public key for the `tessera` user. @default none (Azure: generated) */
  readonly sshPublicKey?: pulumi.Input<string>;
  /** cloud-init user data, plain text. @default none */
  readonly userData?: pulumi.Input<string>;
  /** Boot disk size. @default 30 (OCI: 50) */
  readonly diskGb?: number;
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns. */
export interface WebTierOutputs {
  /** Where clients connect: the load balancer's public IPv4 address, or its DNS name on AWS. */
  readonly address: pulumi.Output<string>;
  readonly loadBalancerId: pulumi.Output<string>;
  /** The autoscaling group: Auto Scaling group, scale set, managed instance group, autoscale pool, instance pool. */
  readonly groupId: pulumi.Output<string>;
  readonly certificateId: pulumi.Output<string>;
  /**
   * AWS without a Route 53 zone: the DNS record ACM validates by (`name CNAME value`); "" elsewhere.
   */
  readonly certificateValidation: pulumi.Output<string>;
  /** AWS: the load balancer's Route 53 zone (for alias records); "" elsewhere. */
  readonly aliasZoneId: pulumi.Output<string>;
  /**
   * What selects the group's machines for alerting, however many there are (`Alerts.groups`):
   * the Auto Scaling group name, the scale set id, the instance name prefix (GCP base instance
   * name), the Droplet tag, the instance pool OCID.
   */
  readonly memberSelector: pulumi.Output<string>;
}

/** How {@link WebTierOutputs.address} is written in DNS on each cloud. */
export const ADDRESS_KIND = { aws: "hostname", azure: "ip", gcp: "ip", digitalocean: "ip", oci: "ip" } as const;

/** Defaults filled in. */
export function webTierSettings(args: WebTierArgs) {
  const min = args.autoscaling?.min ?? 2;
  const backendPort = args.backendPort ?? 80;
  return {
    image: args.image ?? "ubuntu-24.04",
    min,
    max: args.autoscaling?.max ?? min,
    targetCpuPercent: args.autoscaling?.targetCpuPercent ?? 60,
    httpsPort: args.httpsPort ?? 443,
    redirectPort: args.httpRedirectPort === undefined ? 80 : args.httpRedirectPort,
    backendPort,
    health: {
      path: args.healthCheck?.path ?? "/",
      port: args.healthCheck?.port ?? backendPort,
      intervalSeconds: args.healthCheck?.intervalSeconds ?? 30,
      healthyThreshold: args.healthCheck?.healthyThreshold ?? 2,
      unhealthyThreshold: args.healthCheck?.unhealthyThreshold ?? 3,
    },
    diskGb: args.diskGb ?? (args.target.cloud === "oci" ? 50 : 30),
    labels: args.labels ?? {},
  };
}

/** The settings every implementation reads. */
export type WebTierSettings = ReturnType<typeof webTierSettings>;

/** What each cloud needs in {@link CertificateSource} (undefined: nothing). */
export const CERTIFICATE_NEEDS = {
  aws: undefined,
  azure: "certificate.azureKeyVault (a Key Vault certificate: Application Gateway issues none)",
  gcp: undefined,
  digitalocean: "certificate.digitaloceanDomain (the DigitalOcean-managed domain Let's Encrypt validates through)",
  oci: "certificate.ociCertificateId (a certificate in OCI Certificates: OCI issues no publicly trusted one)",
} as const;

const KEY_VAULT_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/i;

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateWebTierArgs(args: WebTierArgs): void {
  const cloud = args.target.cloud;
  checkNetwork(args.target, args.network);
  if (!args.size) invalid("size", "is required (placement's SKU for the service)");
  checkOneOf("image", args.image, IMAGES);
  if (cloud === "oci" && args.image !== undefined && OCI_IMAGES[args.image] === undefined) {
    invalid("image", `"${args.image}" is not an OCI platform image; allowed values on oci: ${IMAGES.filter((i) => OCI_IMAGES[i]).join(", ")}`);
  }
  checkInt("autoscaling.min", args.autoscaling?.min, 1, 100);
  checkInt("autoscaling.max", args.autoscaling?.max, 1, 100);
  const s = webTierSettings(args);
  if (s.max < s.min) invalid("autoscaling.max", `${s.max} is below autoscaling.min (${s.min})`);
  // DigitalOcean autoscale pools take at most 50 Droplets (API: max_instances 1-50).
  if (cloud === "digitalocean" && s.max > 50) invalid("autoscaling.max", `${s.max} is more than a DigitalOcean autoscale pool holds; allowed values: 1-50`);
  checkInt("autoscaling.targetCpuPercent", args.autoscaling?.targetCpuPercent, 1, 100);
  for (const field of ["httpsPort", "backendPort"] as const) checkInt(field, args[field], 1, 65535);
  if (args.httpRedirectPort !== false) checkInt("httpRedirectPort", args.httpRedirectPort, 1, 65535);
  if (s.redirectPort === s.httpsPort) invalid("httpRedirectPort", `${s.redirectPort} is the HTTPS port; choose another port or false`);
  // DigitalOcean redirects port 80 only (redirect_http_to_https) and serves HTTPS on 443 for it.
  if (cloud === "digitalocean" && s.redirectPort !== false && (s.redirectPort !== 80 || s.httpsPort !== 443)) {
    invalid("httpRedirectPort", "DigitalOcean load balancers redirect port 80 to 443 only; allowed values on digitalocean: 80 (with httpsPort 443), false");
  }
  // Global external Application Load Balancers serve HTTPS on 443 and HTTP on 80 or 8080 only.
  if (cloud === "gcp" && s.httpsPort !== 443) invalid("httpsPort", `${s.httpsPort} is not allowed on gcp; allowed values on gcp: 443`);
  if (cloud === "gcp" && s.redirectPort !== false && s.redirectPort !== 80 && s.redirectPort !== 8080) invalid("httpRedirectPort", `${s.redirectPort} is not allowed on gcp; allowed values on gcp: 80, 8080, false`);
  checkInt("healthCheck.port", args.healthCheck?.port, 1, 65535);
  checkInt("healthCheck.intervalSeconds", args.healthCheck?.intervalSeconds, 5, 300);
  checkInt("healthCheck.healthyThreshold", args.healthCheck?.healthyThreshold, 2, 10);
  checkInt("healthCheck.unhealthyThreshold", args.healthCheck?.unhealthyThreshold, 2, 10);
  const path = args.healthCheck?.path;
  if (path !== undefined && !/^\/[\x21-\x7e]*$/.test(path)) invalid("healthCheck.path", `"${path}" must start with / and contain no spaces`);
  if (!isHostname(args.hostname)) invalid("hostname", `"${args.hostname}" is not a lowercase DNS name such as www.example.com`);
  checkInt("diskGb", args.diskGb, cloud === "oci" ? 50 : 10, 16384);
  const cert = args.certificate ?? {};
  if (cloud === "azure" && cert.azureKeyVault === undefined) invalid("certificate.azureKeyVault", `is required on azure: ${CERTIFICATE_NEEDS.azure}`);
  if (cert.azureKeyVault !== undefined && !KEY_VAULT_ID.test(cert.azureKeyVault.keyVaultId)) {
    invalid("certificate.azureKeyVault.keyVaultId", `"${cert.azureKeyVault.keyVaultId}" is not a Key Vault resource id (/subscriptions/…/resourceGroups/…/providers/Microsoft.KeyVault/vaults/<name>)`);
  }
  if (cloud === "digitalocean") {
    const domain = cert.digitaloceanDomain;
    if (domain === undefined) invalid("certificate.digitaloceanDomain", `is required on digitalocean: ${CERTIFICATE_NEEDS.digitalocean}`);
    if (args.hostname !== domain && !args.hostname.endsWith(`.${domain}`)) invalid("certificate.digitaloceanDomain", `"${args.hostname}" is not in the domain "${domain}"`);
  }
  if (cloud === "oci" && !/^ocid1\.certificate\./.test(cert.ociCertificateId ?? "")) {
    invalid("certificate.ociCertificateId", `is required on oci and must be a certificate OCID (ocid1.certificate.…): ${CERTIFICATE_NEEDS.oci}`);
  }
}

/**
 * The scale-in threshold of the threshold-rule autoscalers (Azure, OCI): 20 points below the
 * target (at least 1 %), so a scale-in does not trigger a scale-out. Here, not in azure.ts, so
 * OCI's web tier does not load Azure's (and its provider modules).
 */
export const scaleInThreshold = (target: number): number => Math.max(1, target - 20);
