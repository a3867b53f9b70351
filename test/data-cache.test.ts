/**
 * The parsed-CSV cache under the catalog (core/data.ts `parseCsvCached`): the same records as the
 * CSV, an edit is never read stale, and a disk that refuses the cache changes nothing but speed.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import test from "ava";
import { parse } from "csv-parse/sync";
import { parseCsvCached } from "../core/data";
import { ROOT } from "./paths";

const CACHE = join(ROOT, "node_modules", ".cache", "tessera");
const OPTIONS = { columns: true, skip_empty_lines: true, trim: true };

/** A CSV of its own name (so concurrent tests never share cache files), removed with its cache files. */
function csv(t: { teardown: (fn: () => void) => void }, text: string): { path: string; base: string } {
  const dir = mkdtempSync(join(tmpdir(), "tessera-csv-"));
  const base = `${dir.split("-").pop()}.csv`;
  const path = join(dir, base);
  writeFileSync(path, text);
  t.teardown(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const f of cacheFiles(base)) rmSync(join(CACHE, f), { force: true });
  });
  return { path, base };
}

const cacheFiles = (base: string) => readdirSync(CACHE).filter((f) => f.startsWith(`${base}.`)).sort();
const keyOf = (text: string) => createHash("sha1").update(JSON.stringify(OPTIONS)).update(text).digest("hex");

test("the cache holds the CSV's own records under the SHA-1 of its text, and an edit is parsed again (the old entry removed)", (t) => {
  const first = "cloud, region ,price\naws,us-east-1, 0.0416\n\nazure,westeurope,0.05\n";
  const { path, base } = csv(t, first);
  const expected = parse(first, OPTIONS) as unknown;
  t.deepEqual(parseCsvCached(path), expected);
  t.deepEqual(cacheFiles(base), [`${base}.${keyOf(first)}.json`]);
  t.deepEqual(JSON.parse(readFileSync(join(CACHE, `${base}.${keyOf(first)}.json`), "utf8")), expected);
  // Read from the cache: a second read gives the same records.
  t.deepEqual(parseCsvCached(path), [
    { cloud: "aws", region: "us-east-1", price: "0.0416" },
    { cloud: "azure", region: "westeurope", price: "0.05" },
  ]);
  const edited = `${first}gcp,europe-west1,0.047\n`;
  writeFileSync(path, edited);
  t.deepEqual(parseCsvCached(path), [
    { cloud: "aws", region: "us-east-1", price: "0.0416" },
    { cloud: "azure", region: "westeurope", price: "0.05" },
    { cloud: "gcp", region: "europe-west1", price: "0.047" },
  ]);
  t.deepEqual(cacheFiles(base), [`${base}.${keyOf(edited)}.json`]);
});

test("TESSERA_CSV_CACHE=off reads the CSV and writes no cache", (t) => {
  const { path, base } = csv(t, "a,b\n1,2\n");
  process.env.TESSERA_CSV_CACHE = "off";
  try {
    t.deepEqual(parseCsvCached(path), [{ a: "1", b: "2" }]);
  } finally {
    delete process.env.TESSERA_CSV_CACHE;
  }
  t.deepEqual(cacheFiles(base), []);
});

test("a disk that refuses the cache (a 100-byte file-size limit: EFBIG) gives the same records, exit 0, no temporary file left", async (t) => {
  const rows = Array.from({ length: 50 }, (_, i) => `r${i},${i}`).join("\n");
  const { path, base } = csv(t, `name,value\n${rows}\n`);
  const code = `process.stdout.write(JSON.stringify(require(${JSON.stringify(join(ROOT, "core", "data.ts"))}).parseCsvCached(${JSON.stringify(path)}).length))`;
  const { stdout } = await promisify(execFile)("prlimit", ["--fsize=100", process.execPath, "--import=tsx", "-e", code], { cwd: ROOT });
  t.is(stdout, "50");
  // Neither a cache entry nor its temporary file (`<base>.<sha1>.json.<pid>.tmp`).
  t.deepEqual(cacheFiles(base), []);
});
