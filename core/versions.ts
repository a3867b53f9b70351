/**
 * Kubernetes and PostgreSQL versions per cloud with their support dates, from
 * `data/kubernetes-versions.csv` and `data/postgres-versions.csv` (sources and read dates in each
 * row). A version is offered on a day when it was released on that cloud and its standard support
 * has not ended: extended support costs extra (EKS, RDS, GKE) or needs a tier tessera does not
 * create (AKS long-term support needs Premium), so tessera never relies on it.
 *
 * The default is the newest version every cloud offers on the catalog date, so a stack placed on
 * any cloud gets a version that cloud still supports; an explicit version must be one some cloud
 * offers, and placement keeps the stack off clouds that do not offer it.
 */
import { join } from "node:path";
import { CLOUDS, type Cloud, isCloud } from "./cloud";
import { DataFileError, isoDate, readCsv } from "./data";

/** The engines tessera versions. */
export type Engine = "kubernetes" | "postgres";

/** One (cloud, version) row. */
export interface VersionRow {
  readonly cloud: Cloud;
  readonly version: string;
  readonly released: string;
  /** Last day of standard support (YYYY-MM-DD). */
  readonly supportEnd: string;
  readonly source: string;
}

/** Human names for messages. */
export const ENGINE_NAMES = { kubernetes: "Kubernetes", postgres: "PostgreSQL" } as const satisfies Record<Engine, string>;

const FILES = { kubernetes: "kubernetes-versions.csv", postgres: "postgres-versions.csv" } as const satisfies Record<Engine, string>;
const FORMAT = { kubernetes: /^1\.\d{2}$/, postgres: /^\d{2}$/ } as const satisfies Record<Engine, RegExp>;

/** Reads one engine's version table from `dir`. */
export function loadVersions(dir: string, engine: Engine): readonly VersionRow[] {
  const file = join(dir, FILES[engine]);
  return readCsv(file).map((row, i) => {
    const line = i + 2;
    const cloud = row.cloud ?? "";
    if (!isCloud(cloud)) throw new DataFileError(`${file} row ${line}: cloud "${cloud}" is not one of ${CLOUDS.join(", ")}`);
    const version = row.version ?? "";
    if (!FORMAT[engine].test(version)) throw new DataFileError(`${file} row ${line}: version "${version}" is not a ${ENGINE_NAMES[engine]} version`);
    if (!row.source) throw new DataFileError(`${file} row ${line}: every row names its source`);
    isoDate(row.read ?? "", file, line, "read");
    return { cloud, version, released: isoDate(row.released ?? "", file, line, "released"), supportEnd: isoDate(row.support_end ?? "", file, line, "support_end"), source: row.source };
  });
}

/** Numeric order of `1.9` < `1.10` and `9` < `10`. */
export const compareVersions = (a: string, b: string): number => {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/** The versions `cloud` offers on `date` (YYYY-MM-DD), oldest first. */
export function offered(rows: readonly VersionRow[], cloud: Cloud, date: string): string[] {
  return rows
    .filter((r) => r.cloud === cloud && r.released <= date && date <= r.supportEnd)
    .map((r) => r.version)
    .sort(compareVersions);
}

/** Every version some cloud offers on `date`, oldest first. */
export function offeredAnywhere(rows: readonly VersionRow[], date: string): string[] {
  return [...new Set(CLOUDS.flatMap((c) => offered(rows, c, date)))].sort(compareVersions);
}

/**
 * The default: the newest version every cloud offers on `date`.
 *
 * @throws DataFileError when no version is offered everywhere (the data needs refreshing).
 */
export function defaultVersion(rows: readonly VersionRow[], engine: Engine, date: string): string {
  const everywhere = CLOUDS.map((c) => new Set(offered(rows, c, date)));
  const common = offeredAnywhere(rows, date).filter((v) => everywhere.every((s) => s.has(v)));
  const newest = common[common.length - 1];
  if (!newest) throw new DataFileError(`no ${ENGINE_NAMES[engine]} version is offered on every cloud on ${date}: refresh data/${FILES[engine]}`);
  return newest;
}

/** The end of standard support of (cloud, version), if the data has the row. */
export function supportEnd(rows: readonly VersionRow[], cloud: Cloud, version: string): string | undefined {
  return rows.find((r) => r.cloud === cloud && r.version === version)?.supportEnd;
}

/** Why `version` cannot run on `cloud` on `date`, or undefined when it can. */
export function versionProblem(rows: readonly VersionRow[], engine: Engine, cloud: Cloud, version: string, date: string): string | undefined {
  const supported = offered(rows, cloud, date);
  if (supported.includes(version)) return undefined;
  const end = supportEnd(rows, cloud, version);
  const why = end !== undefined && end < date ? `left standard support on ${end}` : "is not offered";
  return `${ENGINE_NAMES[engine]} ${version} ${why} on ${cloud} (catalog ${date}); supported: ${supported.join(", ") || "none"}`;
}
