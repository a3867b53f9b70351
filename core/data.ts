/**
 * Reading the dated, sourced facts in `data/` that every part shares (zones, versions). Placement
 * keeps its own loaders for prices and regions; these are the facts components, harness and
 * policies need too, so they live below all of them.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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
export function readCsv(path: string): Rows {
  if (!existsSync(path)) throw new DataFileError(`missing data file ${path}`);
  return parseCsvCached(path);
}

/** How records are read from CSV; part of the cache key, so a change here re-parses every file. */
const CSV_OPTIONS = { columns: true, skip_empty_lines: true, trim: true } as const;

type Rows = Array<Record<string, string>>;

/** Where parsed CSV records are kept: `TESSERA_CACHE_DIR`, else `node_modules/.cache/tessera/` beside `data/`. */
export const csvCacheDir = (): string => process.env.TESSERA_CACHE_DIR || join(dirname(findDataDir()), "node_modules", ".cache", "tessera");

/** `TESSERA_CSV_CACHE=off` (or `0`, `false`, `no`, any case) reads every CSV file from its text. */
const cacheOff = () => /^(off|0|false|no)$/i.test(process.env.TESSERA_CSV_CACHE ?? "");

/**
 * The records of the CSV file at `path` (header row as keys, values trimmed). Parsing CSV is most
 * of what loading the catalog costs (about 0.2 s for 5,474 offerings), so each file's records are
 * kept as JSON in {@link csvCacheDir} under the SHA-1 of the file's text and the parse options:
 * an edited file is a new key and is parsed again, never read stale. An entry that is not whole
 * or not this text's (a crash, a hand edit) is a miss: parsed again and rewritten. Entries are
 * written to a temporary file, flushed and renamed, so a reader never sees half of one; where the
 * disk refuses them (read-only, full, a file-size limit) every run parses the CSV.
 */
export function parseCsvCached(path: string, cacheDir: string = csvCacheDir()): Rows {
  const text = readFileSync(path, "utf8");
  const parseText = () => parse(text, CSV_OPTIONS) as Rows;
  if (cacheOff()) return parseText();
  const key = createHash("sha1").update(JSON.stringify(CSV_OPTIONS)).update(text).digest("hex");
  const file = join(cacheDir, `${basename(path)}.${key}.json`);
  const cached = readEntry(file, key);
  if (cached) return cached;
  const rows = parseText();
  writeEntry(cacheDir, file, JSON.stringify({ key, rows }), `${basename(path)}.`);
  return rows;
}

/** Error codes that make an entry unreadable or unwritable: a miss, or a cache the disk refuses. */
const CACHE_REFUSALS = ["ENOENT", "ENOTDIR", "EISDIR", "EEXIST", "EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "EFBIG"];
const refused = (e: unknown) => CACHE_REFUSALS.includes((e as NodeJS.ErrnoException).code ?? "");

/** The entry's records when it is whole and holds `key`'s records; undefined for a miss. */
function readEntry(file: string, key: string): Rows | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    if (e instanceof SyntaxError || refused(e)) return undefined;
    throw e;
  }
  const { key: held, rows } = (entry ?? {}) as { key?: unknown; rows?: unknown };
  return held === key && Array.isArray(rows) ? (rows as Rows) : undefined;
}

/** Writes an entry whole (temporary file, fsync, rename) and drops the file's older entries. */
function writeEntry(dir: string, file: string, json: string, prefix: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  let created = false;
  try {
    mkdirSync(dir, { recursive: true });
    fd = openSync(temp, "w");
    created = true;
    // writeFileSync on a descriptor writes until every byte is out (a short write is retried, so a
    // file-size limit fails here instead of leaving a truncated entry).
    writeFileSync(fd, json);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
    for (const old of readdirSync(dir)) if (old.startsWith(prefix) && old.endsWith(".json") && join(dir, old) !== file) rmSync(join(dir, old), { force: true });
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    if (created) rmSync(temp, { force: true });
    // Only a cache the disk refuses is let go (the records are right either way); anything else is a bug.
    if (!refused(e)) throw e;
  }
}

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
