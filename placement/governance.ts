/**
 * Placement's side of governance: a cloud that cannot govern a service the way the stack needs is
 * rejected for that service, so placement never picks what the plan would refuse.
 *
 * - Confidential and restricted data (buckets, databases, machine disks) is encrypted with the
 *   stack's own customer-managed key: a cloud without a key service (DigitalOcean) cannot hold it.
 * - A Kubernetes API is private unless the stack names the networks that may reach it: DOKS has
 *   no private endpoint, so it needs `apiAllowedCidrs`.
 */
import { governance } from "../core/capabilities";
import type { Cloud } from "../core/cloud";
import type { Requirements, ServiceRequirement } from "./requirements";

/** Service kinds whose data the stack's own key encrypts. */
const KEYED = new Set<ServiceRequirement["kind"]>(["object-storage", "database", "compute", "gpu-compute"]);

/** Why `cloud` cannot govern `service` as the stack asks, or undefined. */
export function governanceProblem(req: Requirements, name: string, service: ServiceRequirement, cloud: Cloud): string | undefined {
  const keys = governance("customer-managed-keys", cloud);
  if ((req.dataClassification === "confidential" || req.dataClassification === "restricted") && KEYED.has(service.kind) && !keys.supported) {
    return `${name}: ${req.dataClassification} data needs the stack's own customer-managed key, and ${keys.reason}`;
  }
  if (service.kind === "kubernetes" && cloud === "digitalocean" && service.apiAllowedCidrs.length === 0) {
    return `${name}: DOKS has no private API endpoint; set services.${name}.apiAllowedCidrs to the networks allowed to reach it`;
  }
  return undefined;
}
