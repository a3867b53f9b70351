/**
 * Judges one candidate (cloud, region) against a stack's requirements: its price and every
 * reason it is rejected. Every reason names the constraint that caused it, so callers can relax
 * exactly that constraint (the "did you mean" hint and the completeness property tests).
 */
import { capability } from "../components/capabilities";
import type { Cloud, ServiceKind } from "../components/cloud";
import type { Catalog, Region } from "./catalog";
import { COMPLIANCE_ALIASES, complianceNeeds, inEea, programGap } from "./compliance";
import { cents, priceService, type ServiceCost } from "./cost";
import { rttMs } from "./geo";
import type { RequestedKind, Requirements } from "./requirements";

/**
 * What a reason is about, as a removable constraint:
 * `clouds`, `residency`, `compliance:<id>`, `service:<name>`, `latency:<user index>`, `budget`,
 * `failover`.
 */
export type ConstraintId = string;

/** Why a candidate was rejected. */
export interface Reason {
  readonly constraint: ConstraintId;
  readonly message: string;
}

/** A candidate after evaluation. */
export interface Candidate {
  readonly cloud: Cloud;
  readonly region: string;
  readonly displayName: string;
  readonly feasible: boolean;
  /** Total of the priced services; undefined when some service cannot run here. */
  readonly monthlyUsd: number | undefined;
  readonly estimated: boolean;
  /** Per service; only the services that can run here. */
  readonly services: Readonly<Record<string, ServiceCost>>;
  /** Largest modelled RTT to any user (0 without users). */
  readonly maxRttMs: number;
  readonly reasons: readonly Reason[];
}

/** The capability-matrix row a requested service kind needs. */
export const KIND_TO_SERVICE = {
  compute: "compute",
  "gpu-compute": "gpu-compute",
  "object-storage": "object-storage",
  database: "database",
  kubernetes: "kubernetes",
  serverless: "serverless",
  secrets: "secrets",
  monitoring: "monitoring",
  analytics: "analytics",
} as const satisfies Record<RequestedKind, ServiceKind>;

/** `2,410` / `12.5`: how USD figures read in reasons. */
export const usd = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

const list = (values: readonly string[]) => `[${values.join(", ")}]`;

function cloudReasons(req: Requirements, cloud: Cloud): Reason[] {
  const reasons: Reason[] = [];
  if (req.clouds?.allow && !req.clouds.allow.includes(cloud)) reasons.push({ constraint: "clouds", message: `cloud ${cloud} not in allow ${list(req.clouds.allow)}` });
  if (req.clouds?.deny?.includes(cloud)) reasons.push({ constraint: "clouds", message: `cloud ${cloud} is denied` });
  return reasons;
}

function residencyReasons(req: Requirements, region: Region): Reason[] {
  const r = req.residency;
  if (!r) return [];
  const reasons: Reason[] = [];
  const byJurisdiction = r.jurisdictions?.includes(region.jurisdiction) ?? false;
  const byCountry = r.countries?.includes(region.country) ?? false;
  if ((r.jurisdictions || r.countries) && !byJurisdiction && !byCountry) {
    const parts = [
      r.jurisdictions ? `jurisdiction ${region.jurisdiction} not in ${list(r.jurisdictions)}` : "",
      r.countries ? `country ${region.country} not in ${list(r.countries)}` : "",
    ].filter(Boolean);
    reasons.push({ constraint: "residency", message: parts.join(" and ") });
  }
  if (r.deny?.jurisdictions?.includes(region.jurisdiction)) reasons.push({ constraint: "residency", message: `jurisdiction ${region.jurisdiction} is denied` });
  if (r.deny?.countries?.includes(region.country)) reasons.push({ constraint: "residency", message: `country ${region.country} is denied` });
  return reasons;
}

function complianceReasons(catalog: Catalog, req: Requirements, region: Region): Reason[] {
  const reasons: Reason[] = [];
  for (const id of req.compliance) {
    const needs = complianceNeeds([id]);
    if (needs.eea && !inEea(region)) {
      reasons.push({ constraint: `compliance:${id}`, message: `${id} needs EU/EEA residency; ${region.region} is in ${region.jurisdiction}` });
    }
    for (const program of needs.programs) {
      const gap = programGap(catalog, region.cloud, region.region, program);
      if (gap) {
        const via = id in COMPLIANCE_ALIASES ? ` (${id} → ${program})` : "";
        reasons.push({ constraint: `compliance:${id}`, message: `${gap}${via}` });
      }
    }
  }
  return reasons;
}

function latencyReasons(req: Requirements, region: Region): { reasons: Reason[]; maxRttMs: number } {
  const reasons: Reason[] = [];
  let max = 0;
  req.users.forEach((user, i) => {
    const rtt = rttMs(user, region);
    max = Math.max(max, rtt);
    if (rtt > user.maxRttMs) {
      reasons.push({ constraint: `latency:${i}`, message: `RTT ${Math.round(rtt)} ms to ${user.name ?? `users[${i}]`} > ${user.maxRttMs}` });
    }
  });
  return { reasons, maxRttMs: max };
}

/**
 * Evaluates (cloud, region) against everything but the budget (budget needs the failover pairing,
 * see place.ts). `pins` keeps a locked SKU per service while it still fits.
 */
export function evaluateCandidate(
  catalog: Catalog,
  req: Requirements,
  region: Region,
  pins: Readonly<Record<string, string>> = {},
): Candidate {
  const cloud = region.cloud;
  const reasons: Reason[] = [...cloudReasons(req, cloud), ...residencyReasons(req, region), ...complianceReasons(catalog, req, region)];
  const services: Record<string, ServiceCost> = {};
  let total = 0;
  let priceable = true;
  let estimated = false;
  for (const [name, service] of Object.entries(req.services)) {
    const cell = capability(KIND_TO_SERVICE[service.kind], cloud);
    if (!cell.supported) {
      reasons.push({ constraint: `service:${name}`, message: `${service.kind} not offered by ${cloud}` });
      priceable = false;
      continue;
    }
    const published = catalog.availabilityByService.get(`${cloud}/${service.kind}`);
    if (published && !published.get(region.region)?.available) {
      reasons.push({ constraint: `service:${name}`, message: `${service.kind} not available in ${cloud} ${region.region} (regional-availability.csv)` });
      priceable = false;
      continue;
    }
    const result = priceService(catalog, cloud, region.region, service, pins[name]);
    if (!result.ok) {
      reasons.push({ constraint: `service:${name}`, message: `${name}: ${result.reason}` });
      priceable = false;
      continue;
    }
    services[name] = result.cost;
    total += result.cost.monthlyUsd;
    estimated ||= result.cost.estimated;
  }
  if (req.failover) {
    const dns = capability("dns-failover", cloud);
    if (!dns.supported) reasons.push({ constraint: "failover", message: `dns-failover not offered by ${cloud}` });
  }
  const latency = latencyReasons(req, region);
  reasons.push(...latency.reasons);
  return {
    cloud,
    region: region.region,
    displayName: region.displayName,
    feasible: reasons.length === 0,
    monthlyUsd: priceable ? cents(total) : undefined,
    estimated,
    services,
    maxRttMs: latency.maxRttMs,
    reasons,
  };
}

/** Partial cost of the services that can run here (for the budget reason when some cannot). */
export function pricedSubtotal(candidate: Candidate): number {
  return cents(Object.values(candidate.services).reduce((sum, s) => sum + s.monthlyUsd, 0));
}
