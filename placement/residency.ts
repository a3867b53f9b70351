/**
 * Residency: the regions a stack may use (`residency` in the requirements).
 *
 * - `jurisdictions` only: regions whose jurisdiction is listed (`EU`, `US`, `UK`, …);
 * - `countries` only: regions in a listed country (ISO 3166-1 alpha-2);
 * - both: a country narrows the jurisdiction it belongs to. A region must be in a listed
 *   jurisdiction and, when the stack lists countries of that jurisdiction, in one of them; a
 *   listed jurisdiction without a listed country counts whole. So `{ jurisdictions: [EU],
 *   countries: [NL] }` is the Netherlands only, and `{ jurisdictions: [EU, CH], countries: [NL] }`
 *   the Netherlands or Switzerland. A country outside every listed jurisdiction narrows nothing
 *   and is an error;
 * - `deny` then removes jurisdictions and countries.
 *
 * A residency no catalog region satisfies is an error before placement starts.
 */
import type { Catalog, Region } from "./catalog";
import type { Requirements } from "./requirements";

type Residency = NonNullable<Requirements["residency"]>;

const list = (values: readonly string[]) => `[${values.join(", ")}]`;

const jurisdictionsOf = new WeakMap<Catalog, Map<string, Set<string>>>();

/** The jurisdictions a country's regions carry in regions.csv (one, in practice). */
export function countryJurisdictions(catalog: Catalog, country: string): ReadonlySet<string> {
  let map = jurisdictionsOf.get(catalog);
  if (!map) {
    map = new Map();
    for (const r of catalog.regions) map.set(r.country, (map.get(r.country) ?? new Set()).add(r.jurisdiction));
    jurisdictionsOf.set(catalog, map);
  }
  return map.get(country) ?? new Set();
}

/** Why `region` is outside the residency (one message per broken rule); empty when inside. */
export function residencyReasons(catalog: Catalog, r: Residency | undefined, region: Region): string[] {
  if (!r) return [];
  const out: string[] = [];
  const { jurisdictions, countries } = r;
  if (jurisdictions && !jurisdictions.includes(region.jurisdiction)) {
    out.push(`jurisdiction ${region.jurisdiction} not in ${list(jurisdictions)}`);
  } else if (countries && !countries.includes(region.country)) {
    // Countries narrow their own jurisdiction only: with jurisdictions listed, a region of a
    // jurisdiction none of the countries belongs to is fine.
    const narrowing = jurisdictions ? countries.filter((c) => countryJurisdictions(catalog, c).has(region.jurisdiction)) : countries;
    if (!jurisdictions || narrowing.length > 0) {
      out.push(jurisdictions ? `country ${region.country} not in ${list(narrowing)} (residency narrows ${region.jurisdiction} to them)` : `country ${region.country} not in ${list(countries)}`);
    }
  }
  if (r.deny?.jurisdictions?.includes(region.jurisdiction)) out.push(`jurisdiction ${region.jurisdiction} is denied`);
  if (r.deny?.countries?.includes(region.country)) out.push(`country ${region.country} is denied`);
  return out;
}

const remembered = new WeakMap<Catalog, WeakMap<Residency, Map<string, Map<string, readonly string[]>>>>();

/**
 * {@link residencyReasons}, remembered per (catalog, residency object, jurisdiction, country) —
 * all a region's answer depends on — and shared read-only: placement asks it for every candidate
 * region, and a stack's 190 regions have about 60 (jurisdiction, country) pairs (issue 17).
 */
export function residencyReasonsOf(catalog: Catalog, r: Residency | undefined, region: Region): readonly string[] {
  if (!r) return NO_REASONS;
  let byResidency = remembered.get(catalog);
  if (!byResidency) remembered.set(catalog, (byResidency = new WeakMap()));
  let byJurisdiction = byResidency.get(r);
  if (!byJurisdiction) byResidency.set(r, (byJurisdiction = new Map()));
  let byCountry = byJurisdiction.get(region.jurisdiction);
  if (!byCountry) byJurisdiction.set(region.jurisdiction, (byCountry = new Map()));
  let reasons = byCountry.get(region.country);
  if (!reasons) byCountry.set(region.country, (reasons = residencyReasons(catalog, r, region)));
  return reasons;
}

const NO_REASONS: readonly string[] = [];

/** Whether `region` satisfies the residency. */
export const residencyAllows = (catalog: Catalog, r: Residency | undefined, region: Region): boolean => residencyReasons(catalog, r, region).length === 0;

/** Problems with a residency as a whole: countries that narrow nothing, or no region at all. */
export function residencyProblems(r: Residency | undefined, catalog: Catalog): string[] {
  if (!r) return [];
  const problems: string[] = [];
  if (r.jurisdictions && r.countries) {
    r.countries.forEach((c, i) => {
      const own = [...countryJurisdictions(catalog, c)];
      if (!own.some((j) => r.jurisdictions!.includes(j))) {
        problems.push(
          `residency.countries[${i}]: ${c} is in jurisdiction ${own.join(", ")}, not in residency.jurisdictions ${list(r.jurisdictions!)}; a country narrows the jurisdiction it belongs to, so add ${own.join(", ")} to jurisdictions or remove ${c}`,
        );
      }
    });
  }
  if (problems.length === 0 && !catalog.regions.some((region) => residencyAllows(catalog, r, region))) {
    const parts = [
      r.jurisdictions ? `jurisdictions ${list(r.jurisdictions)}` : "",
      r.countries ? `countries ${list(r.countries)}` : "",
      r.deny ? `deny ${JSON.stringify(r.deny)}` : "",
    ].filter(Boolean);
    problems.push(`residency: ${parts.join(" with ")} allow no region in the catalog`);
  }
  return problems;
}
