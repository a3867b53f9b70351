/**
 * Reading the dated, sourced facts in `data/` that every part shares (zones, versions). Placement
 * keeps its own loaders for prices and regions; these are the facts components, harness and
 * policies need too, so they live below all of them.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parse } from "csv-parse/sync";

/** A data file is missing or malformed. */
export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataFileError";
  }
}

/**
 * Walks up from `start` to the folder holding `data/manifest.json`: the sources, the bundled CLI
 * in `dist/` and the bundled policy pack in `policies/dist/` all find the repository's `data/`.
 */
export function findDataDir(start: string = __dirname): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "data", "manifest.json"))) return join(dir, "data");
    const parent = dirname(dir);
    if (parent === dir) throw new DataFileError(`no data/manifest.json found above ${start}`);
    dir = parent;
  }
}

/** One CSV file as records keyed by the header, values trimmed (cached: {@link parseCsvCached}). */
export function readCsv(path: string): Array<Record<string, string>> {
  if (!existsSync(path)) throw new DataFileError(`missing data file ${path}`);
  return parseCsvCached(path);
}

/** How records are read from CSV; part of the cache key, so a change here re-parses every file. */
const CSV_OPTIONS = { columns: true, skip_empty_lines: true, trim: true } as const;

/**
 * The records of the CSV file at `path` (header row as keys, values trimmed). Parsing CSV is most
 * of what loading the catalog costs (about 0.2 s for 5,474 offerings), so each file's records are
 * kept as JSON in `node_modules/.cache/tessera/` under the SHA-1 of the file's text and the parse
 * options: an edited file is a new key and is parsed again, never read stale. The cache is
 * written to a temporary file and renamed, so a reader never sees half a file; where it cannot be
 * written (a read-only install) every run parses the CSV. `TESSERA_CSV_CACHE=off` turns it off.
 */
export function parseCsvCached(path: string): Array<Record<string, string>> {
  const text = readFileSync(path, "utf8");
  const parseText = () => parse(text, CSV_OPTIONS) as Array<Record<string, string>>;
  if (process.env.TESSERA_CSV_CACHE === "off") return parseText();
  const key = createHash("sha1").update(JSON.stringify(CSV_OPTIONS)).update(text).digest("hex");
  const dir = join(dirname(findDataDir()), "node_modules", ".cache", "tessera");
  const file = join(dir, `${basename(path)}.${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Array<Record<string, string>>;
  const rows = parseText();
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, JSON.stringify(rows));
    renameSync(temp, file);
    // The file's earlier versions' records are no longer read.
    for (const old of readdirSync(dir)) if (old.startsWith(`${basename(path)}.`) && old.endsWith(".json") && old !== basename(file)) rmSync(join(dir, old), { force: true });
  } catch (e) {
    rmSync(temp, { force: true });
    // Only a cache the disk refuses is let go (the records are right either way); anything else is a bug.
    if (!CACHE_REFUSALS.includes((e as NodeJS.ErrnoException).code ?? "")) throw e;
  }
  return rows;
}

/** Why a disk refuses a write: permissions, a read-only or full file system, a quota, a file-size limit. */
const CACHE_REFUSALS = ["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "EFBIG"];

/** The catalog date (`date` in data/manifest.json): the day the facts were last assembled. */
export function catalogDate(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { date?: unknown };
  if (typeof manifest.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(manifest.date)) throw new DataFileError(`${join(dir, "manifest.json")}: "date" must be YYYY-MM-DD`);
  return manifest.date;
}

/** Requires `YYYY-MM-DD` (or "" when `optional`) in `file` row `line`, column `column`. */
export function isoDate(value: string, file: string, line: number, column: string, optional = false): string {
  if (optional && value === "") return value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new DataFileError(`${file} row ${line}: ${column} "${value}" is not a YYYY-MM-DD date`);
  return value;
}
