/**
 * The parsed-CSV cache under the catalog (core/data.ts `parseCsvCached`): the same records as the
 * CSV, an edit is never read stale, a broken entry is a miss, and a disk that refuses the cache
 * changes nothing but speed. Each test has its own cache folder.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import test, { type ExecutionContext } from "ava";
import { parse } from "csv-parse/sync";
import { parseCsvCached } from "../core/data";
import { ROOT } from "./paths";

const OPTIONS = { columns: true, skip_empty_lines: true, trim: true };
const FIRST = "cloud, region ,price\naws,us-east-1, 0.0416\n\nazure,westeurope,0.05\n";
const RECORDS = [
  { cloud: "aws", region: "us-east-1", price: "0.0416" },
  { cloud: "azure", region: "westeurope", price: "0.05" },
];

/** A CSV file and an empty cache folder of the test's own, removed after it. */
function setup(t: ExecutionContext, text: string): { path: string; cache: string; entry: (text: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), "tessera-csv-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, "prices.csv");
  writeFileSync(path, text);
  const cache = join(dir, "cache");
  const entry = (csv: string) => `prices.csv.${createHash("sha1").update(JSON.stringify(OPTIONS)).update(csv).digest("hex")}.json`;
  return { path, cache, entry };
}

test("the cache holds the CSV's own records under the SHA-1 of its text, and an edit is parsed again (the old entry removed)", (t) => {
  const { path, cache, entry } = setup(t, FIRST);
  t.deepEqual(parse(FIRST, OPTIONS), RECORDS);
  t.deepEqual(parseCsvCached(path, cache), RECORDS);
  t.deepEqual(readdirSync(cache), [entry(FIRST)]);
  t.deepEqual(JSON.parse(readFileSync(join(cache, entry(FIRST)), "utf8")), { key: entry(FIRST).slice("prices.csv.".length, -".json".length), rows: RECORDS });
  t.deepEqual(parseCsvCached(path, cache), RECORDS);
  const edited = `${FIRST}gcp,europe-west1,0.047\n`;
  writeFileSync(path, edited);
  t.deepEqual(parseCsvCached(path, cache), [...RECORDS, { cloud: "gcp", region: "europe-west1", price: "0.047" }]);
  t.deepEqual(readdirSync(cache), [entry(edited)]);
});

test("an entry that is not whole or not this text's is a miss: the CSV is parsed again and the entry rewritten", (t) => {
  const { path, cache, entry } = setup(t, FIRST);
  parseCsvCached(path, cache);
  const file = join(cache, entry(FIRST));
  const whole = readFileSync(file, "utf8");
  for (const broken of ["", whole.slice(0, 40), "[]", '{"x":1}', JSON.stringify({ key: "another", rows: [] }), "null"]) {
    writeFileSync(file, broken);
    t.deepEqual(parseCsvCached(path, cache), RECORDS, `entry ${JSON.stringify(broken)}`);
    t.is(readFileSync(file, "utf8"), whole);
  }
});

test("TESSERA_CSV_CACHE=off (or 0, false, no, any case) reads the CSV and writes no cache", (t) => {
  const { path, cache } = setup(t, "a,b\n1,2\n");
  for (const value of ["off", "OFF", "0", "false", "No"]) {
    process.env.TESSERA_CSV_CACHE = value;
    try {
      t.deepEqual(parseCsvCached(path, cache), [{ a: "1", b: "2" }]);
    } finally {
      delete process.env.TESSERA_CSV_CACHE;
    }
  }
  t.throws(() => readdirSync(cache), { code: "ENOENT" });
});

test("a cache folder that is a file (ENOTDIR/EEXIST) gives the same records and leaves the file as it was", (t) => {
  const { path, cache } = setup(t, FIRST);
  writeFileSync(cache, "not a folder");
  t.deepEqual(parseCsvCached(path, cache), RECORDS);
  t.is(readFileSync(cache, "utf8"), "not a folder");
});

test("a disk that refuses the cache (a 100-byte file-size limit: EFBIG) gives the same records, exit 0, no temporary file left", async (t) => {
  const rows = Array.from({ length: 50 }, (_, i) => `r${i},${i}`).join("\n");
  const { path, cache } = setup(t, `name,value\n${rows}\n`);
  const code = `process.stdout.write(JSON.stringify(require(${JSON.stringify(join(ROOT, "core", "data.ts"))}).parseCsvCached(${JSON.stringify(path)}, ${JSON.stringify(cache)}).length))`;
  const { stdout } = await promisify(execFile)("prlimit", ["--fsize=100", process.execPath, "--import=tsx", "-e", code], { cwd: ROOT });
  t.is(stdout, "50");
  // Neither an entry nor its temporary file (`<name>.<sha1>.json.<pid>.tmp`).
  t.deepEqual(readdirSync(cache), []);
});
