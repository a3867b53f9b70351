/**
 * The "Did you mean" relaxations of an infeasible stack: which changes to try for each rejecting
 * constraint, and how each reads as a valid requirement value. Every relaxation carries the field
 * edits that make it (paths as in requirement errors), so applying them to the stack's
 * `tessera:requirements` passes the schema and places (property tests check both).
 *
 * Ranking: a change within the clouds the stack allows before widening its clouds; a change to a
 * service's field (spot, a certificate source) before dropping the service; then the smallest.
 */
import type { Cloud } from "../core/cloud";
import { spotProblem } from "../core/constraints";
import type { Catalog } from "./catalog";
import { usd, userLabel } from "./evaluate";
import { rttMs } from "./geo";
import type { Requirements, ServiceRequirement } from "./requirements";

/** The site a relaxation reaches, its monthly cost with the standby, and its unpriced parts. */
export interface Reached {
  readonly cloud: Cloud;
  readonly region: string;
  readonly totalMonthlyUsd: number;
  /** The clouds of the primary and the standby. */
  readonly clouds: readonly Cloud[];
  /** The standby's region, with failover. */
  readonly standby?: { readonly cloud: Cloud; readonly region: string };
  /** Parts without a price (the total is then a lower bound and no budget can be confirmed). */
  readonly unpriced: readonly string[];
}

/** One requirement field set (`value`) or removed (no `value`); `path` as in requirement errors. */
export interface Edit {
  readonly path: string;
  readonly value?: unknown;
}

/** A suggested change: its text, the requirement edits it makes, and where it leads. */
export interface Relaxation {
  readonly constraint: string;
  readonly text: string;
  /** Edits to `tessera:requirements`; empty when the change is elsewhere (`tessera:accounts`). */
  readonly edits: readonly Edit[];
  readonly reached: Reached;
}

/** The schema's largest budget (placement/requirements.ts). */
const MAX_BUDGET_USD = 100_000_000;

/** Requirements with one constraint removed (the inverse of a {@link Reason}'s `constraint`). */
export function relax(req: Requirements, constraint: string): Requirements {
  const [kind, arg] = constraint.split(/:(.*)/s) as [string, string | undefined];
  switch (kind) {
    case "clouds":
      return { ...req, clouds: req.clouds?.prefer ? { prefer: req.clouds.prefer } : undefined };
    case "residency":
      return { ...req, residency: undefined };
    case "compliance":
      return { ...req, compliance: req.compliance.filter((id) => id !== arg) };
    case "service": {
      const { [arg!]: _removed, ...rest } = req.services;
      return { ...req, services: rest };
    }
    case "latency":
      // Lift the bound rather than drop the user, so other users' indices stay stable.
      return { ...req, users: req.users.map((u, i) => (userLabel(u, i) === arg ? { ...u, maxRttMs: Number.POSITIVE_INFINITY } : u)) };
    case "budget":
      return { ...req, budget: undefined };
    case "failover":
      return { ...req, failover: undefined };
    case "network":
      return { ...req, network: req.network ? { ...req.network, natGateway: false } : undefined };
    case "accounts":
      // Accounts are not requirements: relaxContext supplies the missing field instead.
      return req;
    default:
      throw new Error(`unknown constraint ${constraint}`);
  }
}

/** A change to try for a constraint: the requirements it leads to, and how it reads once reached. */
export interface Attempt {
  readonly constraint: string;
  readonly relaxed: Requirements;
  /** 0: within the allowed clouds; 1: widens them (tried only when nothing within works). */
  readonly tier: 0 | 1;
  readonly describe: (d: Reached) => { readonly text: string; readonly distance: number; readonly edits: readonly Edit[] } | undefined;
}

const list = (values: readonly string[]) => `[${values.join(", ")}]`;

/** A Key Vault certificate, a DigitalOcean domain, an OCI certificate: what the user supplies, with a value of the right shape. */
const CERTIFICATE_SOURCES: Partial<Record<Cloud, { readonly field: string; readonly what: string; readonly example: (hostname: string) => unknown }>> = {
  azure: {
    field: "azureKeyVault",
    what: "the Key Vault certificate Application Gateway serves",
    example: () => ({ keyVaultId: "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>", secretName: "<certificate>" }),
  },
  digitalocean: { field: "digitaloceanDomain", what: "the DigitalOcean-managed domain of the hostname", example: (h) => h.split(".").slice(-2).join(".") },
  oci: { field: "ociCertificateId", what: "the OCI Certificates certificate", example: () => "ocid1.certificate.oc1..<id>" },
};

/** Whether another field of the stack names the service (dropping it would be invalid). */
const referenced = (req: Requirements, name: string) =>
  req.failover?.dns?.service === name || Object.values(req.services).some((s) => s.kind === "analytics" && s.bucket === name);

const withService = (req: Requirements, name: string, service: ServiceRequirement): Requirements => ({ ...req, services: { ...req.services, [name]: service } });

/** The changes of one service's fields that can free it on the allowed clouds (before dropping it). */
function serviceAttempts(req: Requirements, name: string, allowed: readonly Cloud[]): Attempt[] {
  const service = req.services[name]!;
  const attempts: Attempt[] = [];
  const at = `services.${name}`;
  if ((service.kind === "compute" || service.kind === "gpu-compute") && service.spot && allowed.some((c) => spotProblem(c) !== undefined)) {
    attempts.push({
      constraint: `service:${name}`,
      relaxed: withService(req, name, { ...service, spot: false }),
      tier: 0,
      describe: (d) => ({ text: `${at}.spot: false (${d.cloud} sells no spot capacity) → ${d.cloud} ${d.region}`, distance: 0.3, edits: [{ path: `${at}.spot`, value: false }] }),
    });
  }
  if (service.kind === "compute" && service.loadBalancer) {
    const lb = service.loadBalancer;
    for (const cloud of allowed) {
      const source = CERTIFICATE_SOURCES[cloud];
      if (!source || (lb.certificate as Record<string, unknown>)[source.field] !== undefined) continue;
      const value = source.example(lb.hostname);
      attempts.push({
        constraint: `service:${name}`,
        relaxed: withService(req, name, { ...service, loadBalancer: { ...lb, certificate: { ...lb.certificate, [source.field]: value } } }),
        tier: 0,
        describe: (d) =>
          d.cloud !== cloud ? undefined : { text: `set ${at}.loadBalancer.certificate.${source.field} (${source.what}) → ${d.cloud} ${d.region}`, distance: 0.4, edits: [{ path: `${at}.loadBalancer.certificate.${source.field}`, value }] },
      });
    }
  }
  return attempts;
}

/**
 * What to try for each rejecting constraint (in `constraints` order), as valid requirement changes.
 * `allowed`: the clouds the stack allows.
 */
export function attempts(catalog: Catalog, req: Requirements, constraints: readonly string[], allowed: readonly Cloud[]): Attempt[] {
  const out: Attempt[] = [];
  for (const constraint of constraints) {
    const [kind, arg] = constraint.split(/:(.*)/s) as [string, string | undefined];
    if (kind === "service") {
      out.push(...serviceAttempts(req, arg!, allowed));
      // Dropping the only service is not advice; dropping one another field names is not valid.
      if (Object.keys(req.services).length === 1 || referenced(req, arg!)) continue;
    }
    out.push({ constraint, relaxed: relax(req, constraint), tier: kind === "clouds" ? 1 : 0, describe: (d) => describeRelaxation(catalog, req, constraint, d) });
  }
  return out;
}

function describeRelaxation(catalog: Catalog, req: Requirements, constraint: string, d: Reached): { text: string; distance: number; edits: Edit[] } | undefined {
  const [kind, arg] = constraint.split(/:(.*)/s) as [string, string | undefined];
  const region = catalog.regionByKey.get(`${d.cloud}/${d.region}`)!;
  const to = `→ ${d.cloud} ${d.region}`;
  switch (kind) {
    case "budget": {
      const was = req.budget!.monthlyUsd;
      // An unpriced part never passes a budget: the budget has to go (a higher one would not help).
      if (d.unpriced.length > 0 || d.totalMonthlyUsd > MAX_BUDGET_USD) {
        const why = d.unpriced.length > 0 ? `cannot be confirmed: ${d.unpriced.join("; ")}` : `is above the largest budget, ${usd(MAX_BUDGET_USD)}`;
        return { text: `remove budget (${usd(was)} USD/month ${why}) ${to}`, distance: 1, edits: [{ path: "budget" }] };
      }
      const need = d.totalMonthlyUsd;
      return { text: `budget.monthlyUsd: ${usd(need)} (was ${usd(was)}) ${to}`, distance: (need - was) / was, edits: [{ path: "budget.monthlyUsd", value: need }] };
    }
    case "latency": {
      // Every user the label names (names need not be unique) gets the bound both sites need.
      const sites = [region, ...(d.standby ? [catalog.regionByKey.get(`${d.standby.cloud}/${d.standby.region}`)!] : [])];
      const users = req.users.flatMap((user, i) => (userLabel(user, i) === arg ? [{ i, user, need: Math.max(user.maxRttMs, ...sites.map((r) => Math.ceil(rttMs(user, r)))) }] : []));
      const { i, user, need } = users.reduce((a, b) => (b.need - b.user.maxRttMs > a.need - a.user.maxRttMs ? b : a));
      return {
        text: `users[${i}].maxRttMs (${arg}): ${need} (was ${user.maxRttMs}) ${to}`,
        distance: (need - user.maxRttMs) / user.maxRttMs,
        edits: users.filter((u) => u.need !== u.user.maxRttMs).map((u) => ({ path: `users[${u.i}].maxRttMs`, value: u.need })),
      };
    }
    case "compliance":
      return { text: `drop compliance "${arg}" ${to}`, distance: 1, edits: [{ path: "compliance", value: req.compliance.filter((id) => id !== arg) }] };
    case "service":
      return { text: `drop or resize service "${arg}" ${to}`, distance: 1.5, edits: [{ path: `services.${arg}` }] };
    case "clouds": {
      const add = d.clouds.filter((c) => req.clouds?.allow && !req.clouds.allow.includes(c));
      const edits: Edit[] = [];
      const parts: string[] = [];
      if (req.clouds?.allow && add.length > 0) {
        const allow = [...req.clouds.allow, ...new Set(add)];
        edits.push({ path: "clouds.allow", value: allow });
        parts.push(`clouds.allow: ${list(allow)} (was ${list(req.clouds.allow)})`);
      }
      const denied = req.clouds?.deny?.filter((c) => d.clouds.includes(c)) ?? [];
      if (denied.length > 0) {
        const deny = req.clouds!.deny!.filter((c) => !d.clouds.includes(c));
        edits.push({ path: "clouds.deny", value: deny });
        parts.push(`clouds.deny: ${list(deny)} (was ${list(req.clouds!.deny!)})`);
      }
      return { text: `${parts.join(", ")} ${to}`, distance: 1, edits };
    }
    case "residency": {
      // Adding the jurisdiction is the smaller change when jurisdictions are the only residency rule.
      const r = req.residency;
      if (r && r.jurisdictions && !r.countries && !r.deny) {
        const standby = d.standby && catalog.regionByKey.get(`${d.standby.cloud}/${d.standby.region}`)!;
        const add = [...new Set([region.jurisdiction, ...(standby ? [standby.jurisdiction] : [])])].filter((j) => !r.jurisdictions!.includes(j));
        return { text: `allow jurisdiction ${add.join(", ")} in residency ${to}`, distance: 1.2, edits: [{ path: "residency.jurisdictions", value: [...r.jurisdictions, ...add] }] };
      }
      return { text: `remove residency ${to}`, distance: 1.4, edits: [{ path: "residency" }] };
    }
    case "accounts":
      return { text: `set ${arg} in the stack config ${to}`, distance: 0.5, edits: [] };
    case "network":
      return { text: `network.natGateway: false ${to}`, distance: 1, edits: [{ path: "network.natGateway", value: false }] };
    case "failover":
      return { text: `remove failover ${to}`, distance: 1.2, edits: [{ path: "failover" }] };
    default:
      return undefined;
  }
}

/**
 * Applies a relaxation's edits to raw requirements (what the user wrote), for callers that want
 * the changed stack (and the property tests). Paths: `a.b`, `a[0].b`.
 */
export function applyEdits(input: unknown, edits: readonly Edit[]): unknown {
  const root = structuredClone(input) as Record<string, unknown>;
  for (const { path, value } of edits) {
    const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== "").map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    let node = root as Record<string | number, unknown>;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string | number, unknown>;
    }
    const last = keys.at(-1)!;
    if (value !== undefined) node[last] = value;
    else delete node[last];
  }
  return root;
}
