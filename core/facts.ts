/**
 * The region- and date-dependent facts of the catalog, loaded once per data folder: zones per
 * region and the Kubernetes / PostgreSQL version tables, with the catalog date they are judged
 * on. Placement reads them to judge candidates; `program/targets.ts` turns them into the
 * {@link SiteFacts} a target carries, so components never read the catalog; the harness fakes
 * answer lookups from them.
 */
import type { Cloud } from "./cloud";
import { catalogDate, DataFileError, findDataDir } from "./data";
import { defaultVersion, type Engine, loadVersions, offered, type VersionRow } from "./versions";
import { loadZones, type RegionZones } from "./zones";

/** Everything dated and regional in `data/`. */
export interface RegionFacts {
  readonly dir: string;
  /** The catalog date (data/manifest.json), the day every support window is judged on. */
  readonly date: string;
  readonly zones: ReadonlyMap<string, RegionZones>;
  readonly versions: Readonly<Record<Engine, readonly VersionRow[]>>;
}

/** A version choice on one cloud: what it offers on the catalog date, and the stack default. */
export interface VersionChoice {
  /** Oldest first. */
  readonly supported: readonly string[];
  /** The newest version every cloud offers (the same on every cloud, so stacks stay portable). */
  readonly default: string;
}

/** What a placed site needs to know about its (cloud, region) on the catalog date. */
export interface SiteFacts {
  /** The catalog date the facts hold on. */
  readonly date: string;
  /** Availability zones (see core/zones.ts for each cloud's notation); empty: none. */
  readonly zones: readonly string[];
  readonly kubernetes: VersionChoice;
  readonly postgres: VersionChoice;
}

const cache = new Map<string, RegionFacts>();

/** Loads (once per folder) the facts in `dir` (default: the repository's `data/`). */
export function loadRegionFacts(dir: string = findDataDir()): RegionFacts {
  let facts = cache.get(dir);
  if (!facts) {
    facts = { dir, date: catalogDate(dir), zones: loadZones(dir), versions: { kubernetes: loadVersions(dir, "kubernetes"), postgres: loadVersions(dir, "postgres") } };
    cache.set(dir, facts);
  }
  return facts;
}

/** The zones of (cloud, region). @throws DataFileError when data/zones.csv has no row for it. */
export function zonesOf(facts: RegionFacts, cloud: Cloud, region: string): readonly string[] {
  const row = facts.zones.get(`${cloud}/${region}`);
  if (!row) throw new DataFileError(`data/zones.csv has no row for ${cloud} ${region}`);
  return row.zones;
}

/** The version choice of `engine` on `cloud` on the catalog date. */
export function versionChoice(facts: RegionFacts, engine: Engine, cloud: Cloud): VersionChoice {
  const rows = facts.versions[engine];
  return { supported: offered(rows, cloud, facts.date), default: defaultVersion(rows, engine, facts.date) };
}

/** The facts a target placed on (cloud, region) carries. */
export function siteFacts(facts: RegionFacts, cloud: Cloud, region: string): SiteFacts {
  return { date: facts.date, zones: zonesOf(facts, cloud, region), kubernetes: versionChoice(facts, "kubernetes", cloud), postgres: versionChoice(facts, "postgres", cloud) };
}
