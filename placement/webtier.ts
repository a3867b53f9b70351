/**
 * The web tier in requirements and placement: the `loadBalancer` and `autoscaling` fields of a
 * `compute` service (schema and cross-field rules), and the reasons a cloud cannot build a
 * stack's web tier (its certificate source, its limits) or cannot pair with a standby for DNS
 * failover to load balancers. Pure TypeScript: the same facts the WebTier component validates,
 * so placement never picks what the program rejects.
 */
import { z } from "zod";
import { capability } from "../core/capabilities";
import type { Cloud } from "../core/cloud";

const port = z.number().int().min(1).max(65535);
const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, "a lowercase DNS name such as www.example.com");

/** `services.<name>.loadBalancer`: a managed load balancer in front of the service's machines. */
export const webLoadBalancer = z.strictObject({
  /** The name the certificate is issued for (and clients use). */
  hostname,
  httpsPort: port.default(443),
  /** Plain HTTP on this port is redirected to HTTPS; false for no HTTP listener. */
  httpRedirectPort: z.union([port, z.literal(false)]).default(80),
  /** The port the machines serve plain HTTP on (TLS ends at the load balancer). */
  backendPort: port.default(80),
  healthCheck: z
    .strictObject({ path: z.string().regex(/^\/\S*$/, "a path starting with /").default("/"), port: port.optional(), intervalSeconds: z.number().int().min(5).max(300).default(30) })
    .default({ path: "/", intervalSeconds: 30 }),
  /** Data through the load balancer per month, for its processing charge. */
  processedGbPerMonth: z.number().min(0).max(10_000_000).default(0),
  /** Where the certificate comes from on clouds that cannot issue one (see the WebTier component). */
  certificate: z
    .strictObject({
      awsZoneId: z.string().min(1).optional(),
      azureKeyVault: z.strictObject({ keyVaultId: z.string().regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+$/i, "a Key Vault resource id"), secretName: z.string().min(1).max(127) }).optional(),
      digitaloceanDomain: z.string().min(1).optional(),
      ociCertificateId: z.string().regex(/^ocid1\.certificate\./, "a certificate OCID (ocid1.certificate.…)").optional(),
    })
    .default({}),
});

/** `services.<name>.autoscaling`: the group's size range and CPU target. */
export const webAutoscaling = z
  .strictObject({ min: z.number().int().min(1).max(100), max: z.number().int().min(1).max(100), targetCpuPercent: z.number().int().min(1).max(100).default(60) })
  .refine((a) => a.max >= a.min, { message: "max must be at least min", path: ["max"] });

export type WebLoadBalancer = z.output<typeof webLoadBalancer>;
export type WebAutoscaling = z.output<typeof webAutoscaling>;

/** A compute service as the web tier reads it. */
interface WebCompute {
  readonly kind: "compute";
  readonly count: number;
  readonly publicIp: boolean;
  readonly spot: boolean;
  readonly loadBalancer?: WebLoadBalancer | undefined;
  readonly autoscaling?: WebAutoscaling | undefined;
}

type WithServices = { readonly services: Readonly<Record<string, { readonly kind: string }>> };

const isWebCompute = (s: { readonly kind: string }): s is WebCompute => s.kind === "compute";

/** The machine range of a load-balanced service: autoscaling's, else a fixed `count`. */
export function groupRange(s: WebCompute): { min: number; max: number } {
  return s.autoscaling ? { min: s.autoscaling.min, max: s.autoscaling.max } : { min: s.count, max: s.count };
}

/** Cross-field rules of the web tier fields; `input` is the raw requirements (to see what the user wrote). */
export function webTierProblems(req: WithServices, input: unknown): string[] {
  const problems: string[] = [];
  const raw = (name: string) => ((input as { services?: Record<string, Record<string, unknown>> } | undefined)?.services?.[name] ?? {}) as Record<string, unknown>;
  for (const [name, service] of Object.entries(req.services)) {
    if (!isWebCompute(service)) continue;
    const at = `services.${name}`;
    if (service.autoscaling && !service.loadBalancer) problems.push(`${at}.autoscaling: needs a loadBalancer (an autoscaled group without one has no stable address)`);
    if (!service.loadBalancer) continue;
    if (service.publicIp) problems.push(`${at}.publicIp: machines behind a loadBalancer get no public IPs; allowed values: false`);
    if (service.spot) problems.push(`${at}.spot: a load-balanced group runs on-demand capacity in this version; allowed values: false`);
    if (service.autoscaling && raw(name).count !== undefined) problems.push(`${at}.count: not allowed with autoscaling (the group sizes itself between autoscaling.min and autoscaling.max)`);
    const lb = service.loadBalancer;
    if (lb.httpRedirectPort !== false && lb.httpRedirectPort === lb.httpsPort) problems.push(`${at}.loadBalancer.httpRedirectPort: ${lb.httpRedirectPort} is the HTTPS port; choose another port or false`);
    const domain = lb.certificate.digitaloceanDomain;
    if (domain !== undefined && lb.hostname !== domain && !lb.hostname.endsWith(`.${domain}`)) {
      problems.push(`${at}.loadBalancer.certificate.digitaloceanDomain: "${lb.hostname}" is not in the domain "${domain}"`);
    }
  }
  return problems;
}

/** Why `cloud` cannot build a load-balanced service (empty: it can). */
export function webTierCloudProblems(service: { readonly kind: string }, cloud: Cloud): string[] {
  if (!isWebCompute(service) || !service.loadBalancer) return [];
  const cell = capability("web-tier", cloud);
  if (!cell.supported) return [`web-tier not offered by ${cloud}`];
  const lb = service.loadBalancer;
  const problems: string[] = [];
  const range = groupRange(service);
  switch (cloud) {
    case "azure":
      if (!lb.certificate.azureKeyVault) problems.push("Application Gateway issues no certificate and loadBalancer.certificate has no azureKeyVault");
      break;
    case "digitalocean":
      if (!lb.certificate.digitaloceanDomain) problems.push("Let's Encrypt on DigitalOcean needs the hostname's DigitalOcean-managed domain, and loadBalancer.certificate has no digitaloceanDomain");
      if (range.max > 50) problems.push(`a Droplet autoscale pool holds at most 50 Droplets (max ${range.max})`);
      if (lb.httpRedirectPort !== false && (lb.httpRedirectPort !== 80 || lb.httpsPort !== 443)) problems.push("DigitalOcean load balancers redirect port 80 to 443 only");
      break;
    case "oci":
      if (!lb.certificate.ociCertificateId) problems.push("OCI issues no publicly trusted certificate and loadBalancer.certificate has no ociCertificateId");
      break;
    case "gcp":
      if (lb.httpsPort !== 443) problems.push(`the global external Application Load Balancer serves HTTPS on port 443 only (httpsPort ${lb.httpsPort})`);
      if (lb.httpRedirectPort !== false && lb.httpRedirectPort !== 80 && lb.httpRedirectPort !== 8080) problems.push(`the global external Application Load Balancer serves HTTP on port 80 or 8080 only (httpRedirectPort ${lb.httpRedirectPort})`);
      break;
    case "aws":
      break;
  }
  return problems;
}

/** How a load balancer's address goes into DNS on each cloud (AWS: a DNS name; others: an IPv4 address). */
export const LB_ADDRESS_KIND = { aws: "hostname", azure: "ip", gcp: "ip", digitalocean: "ip", oci: "ip" } as const satisfies Record<Cloud, "ip" | "hostname">;

/**
 * Why a (primary, standby) pair cannot serve DNS failover to the service's load balancers
 * (undefined: it can). Cloud DNS health-checked routing answers IPv4 endpoints only, so a GCP
 * primary cannot fail over to an AWS load balancer (a DNS name).
 */
export function failoverPairProblem(req: WithServices & { readonly failover?: { readonly dns?: { readonly service: string } | undefined } | undefined }, primary: Cloud, standby: Cloud): string | undefined {
  const dns = req.failover?.dns;
  const service = dns ? req.services[dns.service] : undefined;
  if (!service || !isWebCompute(service) || !service.loadBalancer) return undefined;
  if (primary === "gcp" && LB_ADDRESS_KIND[standby] !== "ip") return `Cloud DNS fails over to IPv4 addresses only; an ${standby} load balancer is a DNS name`;
  return undefined;
}
