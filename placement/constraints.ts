/**
 * Placement reads the rules the components enforce (core/constraints.ts, core/versions.ts,
 * core/accounts.ts), so it never picks a cloud the program then refuses: a service asking for
 * what a cloud cannot give (spot on DigitalOcean, Debian on OCI, a Kubernetes or PostgreSQL
 * version the cloud no longer supports on the catalog date, warehouse units out of range), a NAT
 * gateway where there is none, or a cloud whose `tessera:accounts` fields the stack lacks
 * (including those its audit trail and budget alarms need: placement/governance.ts).
 */
import { type Accounts, missingAccountFields } from "../core/accounts";
import type { Cloud } from "../core/cloud";
import { machineImageProblem, natGatewayProblem, secretEnvironmentProblem, spotProblem, warehouseUnitsProblem } from "../core/constraints";
import { isSensitiveName } from "../core/sensitive";
import { loadRegionFacts, type RegionFacts, zonesOf } from "../core/facts";
import { versionProblem } from "../core/versions";
import type { Catalog } from "./catalog";
import type { Reason } from "./evaluate";
import { governanceGaps } from "./governance";
import type { Requirements, ServiceRequirement } from "./requirements";

/** What placement knows beyond the requirements. */
export interface PlacementContext {
  /**
   * The stack's `tessera:accounts`: a cloud whose required fields are missing is rejected.
   * Undefined: not checked (placing requirements alone, e.g. `tessera place --requirements`).
   */
  readonly accounts?: Accounts;
}

/** Why `service` cannot be built in (cloud, region) as asked, in the components' words, or undefined. */
export function serviceProblem(catalog: Catalog, cloud: Cloud, region: string, service: ServiceRequirement): string | undefined {
  const facts = loadRegionFacts(catalog.dir);
  // Inside the site's network: on AWS its subnets spread over availability zones from the data.
  if (cloud === "aws" && IN_NETWORK[cloud].includes(service.kind)) {
    const zones = zonesOf(facts, cloud, region);
    if (zones.length < AWS_SUBNET_ZONES) return `its network's subnets need ${AWS_SUBNET_ZONES} availability zones; data/zones.csv has ${zones.length} for aws ${region}`;
  }
  switch (service.kind) {
    case "compute":
      return (service.spot ? spotProblem(cloud) : undefined) ?? machineImageProblem(cloud, service.image);
    case "gpu-compute":
      return service.spot ? spotProblem(cloud) : undefined;
    case "database":
      return versionProblemOf(facts, "postgres", cloud, service.version);
    case "kubernetes":
      return versionProblemOf(facts, "kubernetes", cloud, service.version);
    case "serverless":
      // Secret values (`secure:`) and secret-looking names: the Function keeps them secret only where the cloud can.
      return secretEnvironmentProblem(cloud, Object.entries(service.environment).filter(([key, value]) => typeof value !== "string" || isSensitiveName(key)).map(([key]) => key).sort());
    case "analytics":
      return service.computeUnits !== undefined ? warehouseUnitsProblem(cloud, service.computeUnits) : undefined;
    default:
      return undefined;
  }
}

const versionProblems = new WeakMap<RegionFacts, Map<string, string | undefined>>();

/** `versionProblem` on the catalog date, remembered per facts (asked per service and candidate region, issue 17). */
function versionProblemOf(facts: RegionFacts, engine: "postgres" | "kubernetes", cloud: Cloud, version: string): string | undefined {
  let byKey = versionProblems.get(facts);
  if (!byKey) versionProblems.set(facts, (byKey = new Map()));
  const key = `${engine}/${cloud}/${version}`;
  if (byKey.has(key)) return byKey.get(key);
  const problem = versionProblem(facts.versions[engine], engine, cloud, version, facts.date);
  byKey.set(key, problem);
  return problem;
}

/** Kinds the program builds inside the site's Network (program/services.ts). */
export const IN_NETWORK: Readonly<Record<Cloud, readonly string[]>> = {
  aws: ["compute", "gpu-compute", "database", "kubernetes"],
  azure: ["compute", "gpu-compute", "database", "kubernetes"],
  gcp: ["compute", "gpu-compute", "database", "kubernetes"],
  digitalocean: ["compute", "gpu-compute", "database", "kubernetes"],
  oci: ["compute", "gpu-compute", "database", "kubernetes", "serverless", "analytics"],
};

/** The AWS subnets the Network spreads over by default (components/network/contract.ts). */
const AWS_SUBNET_ZONES = 2;

/** Reasons that concern the whole site in (cloud, region): its network and the accounts it needs. */
export function siteReasons(req: Requirements, cloud: Cloud, context: PlacementContext): Reason[] {
  const reasons: Reason[] = [];
  const nat = req.network?.natGateway ? natGatewayProblem(cloud) : undefined;
  if (nat) reasons.push({ constraint: "network", message: `network.natGateway: ${nat}` });
  if (context.accounts) {
    for (const field of missingAccountFields(cloud, context.accounts)) reasons.push({ constraint: `accounts:${field}`, message: `${field} is not set; ${cloud} needs it` });
    // What the audit trail and budget alarms built there need (placement/governance.ts).
    for (const gap of governanceGaps(req, cloud, context.accounts)) reasons.push({ constraint: `accounts:${gap.field}`, message: `${gap.field} is not set; ${gap.message}` });
  }
  return reasons;
}
