/**
 * Compliance programs: which (cloud, region) holds which program, read from `compliance.csv`,
 * plus the two requirement aliases that are not certifications themselves:
 *
 * - `sox` — SOX is not a cloud certification; auditors rely on the provider's SOC 1 report.
 * - `gdpr` — GDPR asks for EU/EEA residency plus the provider's data processing addendum
 *   (`gdpr-dpa`).
 *
 * A (cloud, program) pair without a row is "not confirmed" and treated as not held (the data
 * README: a missing pair means not confirmed, not known to be absent).
 */
import type { Cloud } from "../core/cloud";
import type { Catalog, ComplianceRow, Region } from "./catalog";

/** Requirement ids that expand to programs and/or residency. */
export const COMPLIANCE_ALIASES = {
  sox: { programs: ["soc1"], eea: false, note: "SOX maps to the provider's SOC 1 report" },
  gdpr: { programs: ["gdpr-dpa"], eea: true, note: "GDPR maps to EU/EEA residency plus a data processing addendum" },
} as const satisfies Record<string, { programs: readonly string[]; eea: boolean; note: string }>;

/** EEA members outside the EU (EU member states carry jurisdiction `EU` in regions.csv). */
export const EEA_NON_EU_COUNTRIES = ["IS", "LI", "NO"] as const;

/** Whether a region is in the EU/EEA. */
export function inEea(region: Region): boolean {
  return region.jurisdiction === "EU" || (EEA_NON_EU_COUNTRIES as readonly string[]).includes(region.country);
}

/** What a compliance list asks of a placement once aliases are expanded. */
export interface ComplianceNeeds {
  /** Catalog program ids the (cloud, region) must hold, sorted, without duplicates. */
  readonly programs: readonly string[];
  /** True when some id (gdpr) requires EU/EEA residency. */
  readonly eea: boolean;
}

/** Expands aliases (`sox`, `gdpr`) into catalog programs and residency. */
export function complianceNeeds(ids: readonly string[]): ComplianceNeeds {
  const programs = new Set<string>();
  let eea = false;
  for (const id of ids) {
    const alias = (COMPLIANCE_ALIASES as Record<string, { programs: readonly string[]; eea: boolean }>)[id];
    if (alias) {
      alias.programs.forEach((p) => programs.add(p));
      eea ||= alias.eea;
    } else {
      programs.add(id);
    }
  }
  return { programs: [...programs].sort(), eea };
}

const rowIndex = new WeakMap<Catalog, Map<string, ComplianceRow>>();

function rowFor(catalog: Catalog, cloud: Cloud, program: string): ComplianceRow | undefined {
  let index = rowIndex.get(catalog);
  if (!index) {
    index = new Map(catalog.compliance.map((row) => [`${row.cloud}/${row.program}`, row]));
    rowIndex.set(catalog, index);
  }
  return index.get(`${cloud}/${program}`);
}

/**
 * Why `program` is not held at (cloud, region), or undefined when it is. `service-dependent` rows
 * count as held: the provider holds the program and publishes the in-scope service list.
 */
export function programGap(catalog: Catalog, cloud: Cloud, region: string, program: string): string | undefined {
  const row = rowFor(catalog, cloud, program);
  if (!row) return `${program} not confirmed for ${cloud} (no row in compliance.csv)`;
  if (row.scope !== "listed-regions") return undefined;
  if (row.regions.length === 0) return `${program} is regional on ${cloud} and its region list is not in compliance.csv`;
  if (!row.regions.includes(region)) return `${program} not held in ${cloud} ${region} (held in ${row.regions.join(", ")})`;
  return undefined;
}
