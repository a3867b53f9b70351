/**
 * Judges one candidate (cloud, region) against a stack's requirements: its price and every
 * reason it is rejected. Every reason names the constraint that caused it, so callers can relax
 * exactly that constraint (the "did you mean" hint and the completeness property tests).
 */
import { capability } from "../core/capabilities";
import { imageFor, imageProblem } from "../core/registries";
import type { Cloud, ServiceKind } from "../core/cloud";
import type { Catalog, Region } from "./catalog";
import { COMPLIANCE_ALIASES, type ComplianceEvidence, type ComplianceNeeds, complianceNeeds, evidenceSource, inEea, programStatus } from "./compliance";
import { type PlacementContext, serviceProblem, siteReasons } from "./constraints";
import { type Allowances, cents, type CostResult, priceService, type ServiceCost } from "./cost";
import { governanceProblem } from "./governance";
import { rttMs } from "./geo";
import { residencyReasonsOf } from "./residency";
import { type SharedCosts, sharedCosts } from "./cost-site";
import type { RequestedKind, Requirements, ServiceRequirement } from "./requirements";
import { webTierCloudProblems } from "./webtier";

/**
 * What a reason is about, as a removable constraint:
 * `clouds`, `residency`, `compliance:<id>`, `service:<name>`, `latency:<user name>` (`latency:users[<i>]` for a user without a name), `budget`,
 * `failover`, `network`, `accounts:<config path>`.
 */
export type ConstraintId = string;

/** Why a candidate was rejected. */
export interface Reason {
  readonly constraint: ConstraintId;
  readonly message: string;
  /** Compliance reasons: the source says it is not held there, or no source confirms it. */
  readonly kind?: "not-offered" | "not-confirmed";
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
  /** Site-wide lines (the network's NAT gateway), by prices.csv item; included in `monthlyUsd`. */
  readonly shared: SharedCosts;
  /** `<service>: <why>` for every provisioned part without a price; `monthlyUsd` is then a lower bound. */
  readonly unpriced: readonly string[];
  /** The compliance facts this candidate holds each required program by (confidence and source). */
  readonly compliance: readonly ComplianceEvidence[];
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

/** Slack incoming webhooks, the only webhooks DigitalOcean monitoring can call. */
const SLACK = /^https:\/\/hooks\.slack\.com\//;

// One formatter, built on first use: `toLocaleString` with options builds a new Intl.NumberFormat
// per call, and building one at import costs ~25 ms of ICU start-up that a feasible place never needs.
let USD: Intl.NumberFormat | undefined;

/** `2,410` / `12.5`: how USD figures read in reasons. */
// The budget, formatted for every candidate's reason, is remembered where that reason is built (place.ts budgetText).
export const usd = (n: number): string => (USD ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 })).format(n);

/** How a user is named in a latency constraint: its `name`, else `users[<i>]`. */
export const userLabel = (user: { readonly name?: string | undefined }, i: number): string => user.name ?? `users[${i}]`;

const list = (values: readonly string[]) => `[${values.join(", ")}]`;

/** What evaluation needs from the requirements, computed once per placement. */
interface Prepared {
  readonly req: Requirements;
  readonly services: ReadonlyArray<readonly [string, ServiceRequirement]>;
  readonly compliance: ReadonlyArray<{ readonly id: string; readonly needs: ComplianceNeeds; readonly alias: boolean }>;
  /** `[aws, gcp]`: the allow-list as reasons show it. */
  readonly allowText: string;
}

const prepared = new WeakMap<Requirements, Prepared>();

function prepare(req: Requirements): Prepared {
  let p = prepared.get(req);
  if (!p) {
    p = {
      req,
      services: Object.entries(req.services),
      compliance: req.compliance.map((id) => ({ id, needs: complianceNeeds([id]), alias: id in COMPLIANCE_ALIASES })),
      allowText: req.clouds?.allow ? list(req.clouds.allow) : "",
    };
    prepared.set(req, p);
  }
  return p;
}

function cloudReasons(p: Prepared, cloud: Cloud, reasons: Reason[]): void {
  const req = p.req;
  if (req.clouds?.allow && !req.clouds.allow.includes(cloud)) reasons.push({ constraint: "clouds", message: `cloud ${cloud} not in allow ${p.allowText}` });
  if (req.clouds?.deny?.includes(cloud)) reasons.push({ constraint: "clouds", message: `cloud ${cloud} is denied` });
}

function complianceReasons(catalog: Catalog, p: Prepared, region: Region, reasons: Reason[], evidence: ComplianceEvidence[]): void {
  for (const { id, needs, alias } of p.compliance) {
    if (needs.eea && !inEea(region)) {
      reasons.push({ constraint: `compliance:${id}`, message: `${id} needs EU/EEA residency; ${region.region} is in ${region.jurisdiction}` });
    }
    for (const program of needs.programs) {
      const status = programStatus(catalog, region.cloud, region.region, program, p.req.minComplianceConfidence);
      if (status.held) {
        const { scope, confidence } = status.row;
        evidence.push({ requirement: id, program, cloud: region.cloud, region: region.region, scope, confidence, source: evidenceSource(status.row) });
      } else {
        reasons.push({ constraint: `compliance:${id}`, message: alias ? `${status.reason} (${id} → ${program})` : status.reason, kind: status.kind });
      }
    }
  }
}

function latencyReasons(req: Requirements, region: Region, reasons: Reason[]): number {
  let max = 0;
  for (let i = 0; i < req.users.length; i++) {
    const user = req.users[i]!;
    const rtt = rttMs(user, region);
    if (rtt > max) max = rtt;
    if (rtt > user.maxRttMs) reasons.push({ constraint: `latency:${userLabel(user, i)}`, message: `RTT ${Math.round(rtt)} ms to ${userLabel(user, i)} > ${user.maxRttMs}` });
  }
  return max;
}

/**
 * The same region evaluated before under requirements that share service objects with these (the
 * did-you-mean search re-evaluates candidates under relaxed requirements, hints.ts `relax`): its
 * priced services are reused instead of priced again (issue 17). Object storage is priced again
 * (it consumes the site's allowances, which a removed service changes).
 */
export interface Prior {
  readonly req: Requirements;
  readonly candidate: Candidate;
}

/** `priceService`, or the prior evaluation's price of the same service object in the same region. */
function priceIn(catalog: Catalog, region: Region, name: string, service: ServiceRequirement, pin: string | undefined, allowances: Allowances, prior: Prior | undefined): CostResult {
  const before = prior && pin === undefined && service.kind !== "object-storage" && prior.req.services[name] === service ? prior.candidate.services[name] : undefined;
  return before ? { ok: true, cost: before } : priceService(catalog, region.cloud, region.region, service, pin, allowances);
}

/**
 * Evaluates (cloud, region) against everything but the budget (budget needs the failover pairing,
 * see place.ts). `pins` keeps a locked SKU per service while it still fits; `prior` is this region
 * evaluated before under requirements sharing these service objects (its prices are reused).
 */
export function evaluateCandidate(catalog: Catalog, req: Requirements, region: Region, pins: Readonly<Record<string, string>> = {}, context: PlacementContext = {}, prior?: Prior): Candidate {
  const p = prepare(req);
  const cloud = region.cloud;
  const reasons: Reason[] = [];
  cloudReasons(p, cloud, reasons);
  for (const message of residencyReasonsOf(catalog, req.residency, region)) reasons.push({ constraint: "residency", message });
  const compliance: ComplianceEvidence[] = [];
  complianceReasons(catalog, p, region, reasons, compliance);
  const services: Record<string, ServiceCost> = {};
  const unpriced: string[] = [];
  // Per-account allowances (free egress, the Spaces bundle) are shared by the site's services.
  const allowances: Allowances = {};
  let total = 0;
  let priceable = true;
  let estimated = false;
  for (const [name, service] of p.services) {
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
    if (service.kind === "serverless") {
      const problem = imageProblem(cloud, imageFor(service.image, cloud, region.region), region.region);
      if (problem) {
        reasons.push({ constraint: `service:${name}`, message: `${name}: ${problem}` });
        priceable = false;
        continue;
      }
    }
    const webTier = webTierCloudProblems(service, cloud);
    if (webTier.length > 0) {
      for (const message of webTier) reasons.push({ constraint: `service:${name}`, message: `${name}: ${message}` });
      priceable = false;
      continue;
    }
    // DigitalOcean alert policies notify by email or Slack only.
    if (service.kind === "monitoring" && cloud === "digitalocean" && service.webhookUrl !== undefined && !SLACK.test(service.webhookUrl)) {
      reasons.push({ constraint: `service:${name}`, message: `${name}: digitalocean monitoring notifies by email or Slack only, not ${new URL(service.webhookUrl).host}` });
      priceable = false;
      continue;
    }
    const ungoverned = governanceProblem(req, name, service, cloud);
    if (ungoverned) {
      reasons.push({ constraint: `service:${name}`, message: ungoverned });
      priceable = false;
      continue;
    }
    // What the component on this cloud would refuse (core/constraints.ts).
    const refused = serviceProblem(catalog, cloud, region.region, service);
    if (refused) {
      reasons.push({ constraint: `service:${name}`, message: `${name}: ${refused}` });
      priceable = false;
      continue;
    }
    const result = priceIn(catalog, region, name, service, pins[name], allowances, prior);
    if (!result.ok) {
      reasons.push({ constraint: `service:${name}`, message: `${name}: ${result.reason}` });
      priceable = false;
      continue;
    }
    services[name] = result.cost;
    for (const why of result.cost.unpriced) unpriced.push(`${name}: ${why}`);
    total += result.cost.monthlyUsd;
    estimated ||= result.cost.estimated;
  }
  const shared = sharedCosts(catalog, cloud, region.region, req);
  for (const l of Object.values(shared)) {
    total += l.monthlyUsd;
    estimated ||= l.estimated;
    if (l.unpriced) unpriced.push(`network: ${l.unpriced}`);
  }
  if (req.failover && !capability("dns-failover", cloud).supported) reasons.push({ constraint: "failover", message: `dns-failover not offered by ${cloud}` });
  // Route 53, Cloud DNS and OCI DNS serve the failover name from a zone the stack must name.
  else if (req.failover?.dns && cloud !== "azure" && cloud !== "digitalocean" && req.failover.dns.zones[cloud] === undefined) {
    reasons.push({ constraint: "failover", message: `failover.dns.zones has no ${cloud} zone to serve ${req.failover.dns.hostname} from` });
  }
  reasons.push(...siteReasons(req, cloud, context));
  const maxRttMs = latencyReasons(req, region, reasons);
  return {
    cloud,
    region: region.region,
    displayName: region.displayName,
    feasible: reasons.length === 0,
    monthlyUsd: priceable ? cents(total) : undefined,
    estimated,
    services,
    shared,
    unpriced,
    compliance,
    maxRttMs,
    reasons,
  };
}

/** Partial cost of the services that can run here (for the budget reason when some cannot). */
export function pricedSubtotal(candidate: Candidate): number {
  return cents([...Object.values(candidate.services), ...Object.values(candidate.shared)].reduce((sum, s) => sum + s.monthlyUsd, 0));
}
