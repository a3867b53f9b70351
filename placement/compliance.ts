/**
 * Compliance programs: which (cloud, region) holds which program, read from `compliance.csv`,
 * plus the two requirement aliases that are not certifications themselves:
 *
 * - `sox` — SOX is not a cloud certification; auditors rely on the provider's SOC 1 report.
 * - `gdpr` — GDPR asks for EU/EEA residency plus the provider's data processing addendum
 *   (`gdpr-dpa`).
 *
 * A fact counts only when it is confirmed at the required confidence:
 * - a (cloud, program) pair without a row is "not confirmed" (the data README: a missing pair
 *   means not confirmed, not known to be absent);
 * - a region-scoped program ({@link REGION_SCOPED_PROGRAMS}) counts only in the regions its row
 *   lists; a row without a confirmed region list is "not confirmed" in every region;
 * - a row below the required confidence is "not confirmed";
 * - a region outside a row's list, or a row with scope `none`, is "not offered" there.
 */
import type { Cloud } from "../core/cloud";
import type { Catalog, ComplianceRow, Region } from "./catalog";
import { atLeast, type Confidence } from "./confidence";
import { isFirstParty, sourceParts } from "./first-party";
import { perCatalog } from "./memo";

/** Requirement ids that expand to programs and/or residency. */
export const COMPLIANCE_ALIASES = {
  sox: { programs: ["soc1"], eea: false, note: "SOX maps to the provider's SOC 1 report" },
  gdpr: { programs: ["gdpr-dpa"], eea: true, note: "GDPR maps to EU/EEA residency plus a data processing addendum" },
} as const satisfies Record<string, { programs: readonly string[]; eea: boolean; note: string }>;

/**
 * Programs a provider holds per region (an audit or authorization names the data centres in its
 * scope), so they count only where the row lists the region: C5 (Germany's BSI attestation), ENS
 * (Spain), HDS (France's health-data hosting certification, per certified site), IRAP (Australia),
 * MTCS (Singapore), FedRAMP (an authorization boundary of named regions).
 */
export const REGION_SCOPED_PROGRAMS: readonly string[] = ["c5", "ens", "fedramp-high", "fedramp-moderate", "hds", "irap", "mtcs"];

/**
 * The minimum confidence a compliance fact needs to count when the stack does not say
 * (`minComplianceConfidence`): `medium`. A compliance officer accepts what the provider itself
 * published — its compliance pages and documents, also older or localised ones — or a dated
 * summary of exactly those pages, as the basis for choosing a region, and checks the attestation
 * itself (SOC report, certificate, BAA) before go-live; every deciding fact is printed with its
 * confidence and source for that check. An inferred or third-party fact (`low`) is never accepted.
 */
export const DEFAULT_MIN_COMPLIANCE_CONFIDENCE: Confidence = "medium";

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

/** A compliance fact that decided a placement: shown with its confidence and source. */
export interface ComplianceEvidence {
  /** The requirement id (`gdpr`, `soc2`, …). */
  readonly requirement: string;
  /** The catalog program it maps to (`gdpr-dpa`, `soc2`, …). */
  readonly program: string;
  readonly cloud: Cloud;
  readonly region: string;
  readonly scope: ComplianceRow["scope"];
  readonly confidence: Confidence;
  readonly source: string;
}

/** Whether a program holds at (cloud, region). */
export type ProgramStatus =
  | { readonly held: true; readonly row: ComplianceRow }
  | { readonly held: false; readonly kind: "not-offered" | "not-confirmed"; readonly reason: string; readonly cloudWide: boolean };

const rowIndex = new WeakMap<Catalog, Map<string, ComplianceRow>>();

/** The compliance.csv row of (cloud, program), if any. */
export function complianceRow(catalog: Catalog, cloud: Cloud, program: string): ComplianceRow | undefined {
  let index = rowIndex.get(catalog);
  if (!index) {
    index = new Map(catalog.compliance.map((row) => [`${row.cloud}/${row.program}`, row]));
    rowIndex.set(catalog, index);
  }
  return index.get(`${cloud}/${program}`);
}

/**
 * Whether `program` holds at (cloud, region) at `min` confidence, and if not, why: "not offered"
 * (the source says it is not held there) or "not confirmed" (no source, no region list, or a
 * source below `min`). `cloudWide` is true when the answer is the same for every region of the
 * cloud.
 */
export function programStatus(catalog: Catalog, cloud: Cloud, region: string, program: string, min: Confidence = DEFAULT_MIN_COMPLIANCE_CONFIDENCE): ProgramStatus {
  // Remembered per (catalog, cloud, program, minimum) and region: asked for every candidate (issue 17).
  const known = statuses(catalog, cloud, program, min);
  if (!(known instanceof Map)) return known;
  let status = known.get(region);
  if (!status) known.set(region, (status = lookUpStatus(catalog, cloud, region, program, min)));
  return status;
}

/**
 * The answer when it is the same in every region (no region is called "": held there means held
 * everywhere), else a map for the answers per region of a row with a region list.
 */
const statuses = perCatalog((catalog, cloud: Cloud, program, min: Confidence): ProgramStatus | Map<string, ProgramStatus> => {
  const status = lookUpStatus(catalog, cloud, "", program, min);
  return !status.held && !status.cloudWide ? new Map() : status;
});

function lookUpStatus(catalog: Catalog, cloud: Cloud, region: string, program: string, min: Confidence): ProgramStatus {
  const row = complianceRow(catalog, cloud, program);
  if (!row) return { held: false, kind: "not-confirmed", reason: `${program} not confirmed for ${cloud}: no source in compliance.csv`, cloudWide: true };
  if (row.scope === "none") return { held: false, kind: "not-offered", reason: `${program} not offered by ${cloud} (compliance.csv, ${row.confidence}: ${citedSource(row)})`, cloudWide: true };
  if (!atLeast(row.confidence, min)) {
    return { held: false, kind: "not-confirmed", reason: `${program} not confirmed for ${cloud}: its only source is ${row.confidence} confidence, below the required ${min} (${citedSource(row)})`, cloudWide: true };
  }
  const scoped = row.scope === "listed-regions" || REGION_SCOPED_PROGRAMS.includes(program);
  if (!scoped) return { held: true, row };
  if (row.scope !== "listed-regions" || row.regions.length === 0) {
    return { held: false, kind: "not-confirmed", reason: `${program} not confirmed for ${cloud}: ${program} counts only in listed regions and compliance.csv has no confirmed region list for ${cloud}`, cloudWide: true };
  }
  if (!row.regions.includes(region)) return { held: false, kind: "not-offered", reason: `${program} not offered in ${cloud} ${region} (held in ${row.regions.join(", ")})`, cloudWide: false };
  return { held: true, row };
}

/**
 * How a reason cites a row's source: its first-party parts (the cloud's own pages or
 * documentation repository, placement/first-party.ts), verbatim. Third-party parts (mirrors, proxy
 * copies, summaries on other hosts) are never shown as if they were the program's source: a row
 * with only those says so and points at its compliance.csv row, whose notes say what was read.
 */
export const citedSource = (row: ComplianceRow): string => sourceTexts(row).cited;

/**
 * The source a held fact is shown with (place's and plan's compliance lines, the lock): the row's
 * source verbatim when every part is the cloud's own, else {@link citedSource}'s text, so a
 * low-confidence fact a stack accepts never presents a third-party copy as its source.
 */
export const evidenceSource = (row: ComplianceRow): string => sourceTexts(row).shown;

const texts = new WeakMap<ComplianceRow, { readonly cited: string; readonly shown: string }>();

/** Both texts of a row's source, from one reading of its parts, remembered per row (asked per candidate). */
function sourceTexts(row: ComplianceRow): { readonly cited: string; readonly shown: string } {
  let known = texts.get(row);
  if (known === undefined) {
    const parts = sourceParts(row.source);
    const own = parts.filter((part) => isFirstParty(row.cloud, part));
    const cited =
      own.length === 0
        ? `read only in third-party material, not on ${row.cloud}'s own pages: compliance.csv ${row.cloud} ${row.program}`
        : `${own.join(" ; ")}${own.length < parts.length ? `, plus third-party material (compliance.csv ${row.cloud} ${row.program})` : ""}`;
    known = { cited, shown: own.length === parts.length ? row.source : cited };
    texts.set(row, known);
  }
  return known;
}

/** Why `program` is not held at (cloud, region), or undefined when it is. */
export function programGap(catalog: Catalog, cloud: Cloud, region: string, program: string, min: Confidence = DEFAULT_MIN_COMPLIANCE_CONFIDENCE): string | undefined {
  const status = programStatus(catalog, cloud, region, program, min);
  return status.held ? undefined : status.reason;
}

/** A cloud excluded in every region by one compliance requirement. */
export interface CloudExclusion {
  readonly cloud: Cloud;
  readonly requirement: string;
  readonly kind: "not-offered" | "not-confirmed";
  readonly reason: string;
}

/**
 * The clouds a stack's compliance list excludes everywhere (no row, no region list, a row below
 * the required confidence, or `none`): what the text output states so a cloud never disappears
 * silently.
 */
export function cloudExclusions(catalog: Catalog, clouds: readonly Cloud[], ids: readonly string[], min: Confidence): CloudExclusion[] {
  const out: CloudExclusion[] = [];
  for (const cloud of clouds) {
    for (const id of ids) {
      for (const program of complianceNeeds([id]).programs) {
        const status = programStatus(catalog, cloud, "", program, min);
        if (!status.held && status.cloudWide) out.push({ cloud, requirement: id, kind: status.kind, reason: status.reason });
      }
    }
  }
  return out;
}
