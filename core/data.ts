/**
 * Reading the dated, sourced facts in `data/` that every part shares (zones, versions). Placement
 * keeps its own loaders for prices and regions; these are the facts components, harness and
 * policies need too, so they live below all of them.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
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

/** One CSV file as records keyed by the header, values trimmed. */
export function readCsv(path: string): Array<Record<string, string>> {
  if (!existsSync(path)) throw new DataFileError(`missing data file ${path}`);
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
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
