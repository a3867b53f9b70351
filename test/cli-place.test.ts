/**
 * The `tessera place` / `replan` command contract: JSON shape, the human table, exit codes and
 * messages, and lock writing — run as users run it (a child process).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { tesseraCli } from "./helpers";

const ROOT = join(__dirname, "..");
const run = tesseraCli;
const file = (name: string, content: string) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-cli-"));
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

test("place --requirements --json: the documented contract", async (t) => {
  const req = file("req.json", JSON.stringify({
    services: { web: { kind: "compute", vcpus: 2, memoryGib: 4, count: 3 } },
    residency: { jurisdictions: ["EU"] },
    clouds: { allow: ["aws", "gcp"] },
    users: [{ name: "Frankfurt", latitude: 50.11, longitude: 8.68, maxRttMs: 30 }],
  }));
  const r = await run("place", "--requirements", req, "--json");
  t.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  t.deepEqual(Object.keys(out), ["decision", "excludedClouds", "candidates", "catalog", "lock"]);
  // Stockholm is ~1,200 km from Frankfurt: 18 ms in the RTT model, inside the 30 ms bound.
  t.deepEqual(out.decision, {
    cloud: "aws",
    region: "eu-north-1",
    monthlyUsd: 94.61,
    totalMonthlyUsd: 94.61,
    estimated: false,
    services: {
      web: {
        sku: "t3.medium",
        count: 3,
        monthlyUsd: 94.61,
        estimated: false,
        lines: [
          {
            label: "3 × t3.medium × 730 h × 0.0432 USD/h",
            monthlyUsd: 94.61,
            estimated: false,
            basis: "list",
            source: "compute-offerings.csv ← skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv@00148f2af3672e2229b4f7bf8157d5a3f36e3c35 (read November 2026)",
            priceDate: "2026-11-23",
          },
        ],
      },
    },
    compliance: [],
  });
  t.deepEqual(out.excludedClouds, []);
  t.is(out.candidates.length, 192);
  t.deepEqual(out.candidates[0], { cloud: "aws", region: "eu-north-1", feasible: true, monthlyUsd: 94.61, reasons: [] });
  const azure = out.candidates.find((c: { cloud: string; region: string }) => c.cloud === "azure" && c.region === "westeurope");
  t.deepEqual([azure.feasible, azure.reasons], [false, ["cloud azure not in allow [aws, gcp]"]]);
  const tokyo = out.candidates.find((c: { cloud: string; region: string }) => c.cloud === "aws" && c.region === "ap-northeast-1");
  t.deepEqual(tokyo.reasons, ["jurisdiction JP not in [EU]", "RTT 140 ms to Frankfurt > 30"]);
  t.deepEqual(out.catalog, { date: "2026-11-24", computePriceDate: "2026-11-23" });
});

test("place --stack: the considered-candidates table and top rejection reasons", async (t) => {
  const r = await run("place", "--stack", "eu-gdpr");
  t.is(r.code, 0, r.stderr);
  // The lock keeps Azure (300 GB of egress less the 100 GB free); OCI, now with a sourced DPA, is cheaper.
  t.regex(r.stdout, /^Placement: azure swedencentral \(Sweden Central\) — 56\.87 USD\/month/);
  t.regex(r.stdout, /\nLocked: kept; oci eu-amsterdam-1 would save 5\.87 USD\/month/);
  t.regex(r.stdout, /\n  gdpr → gdpr-dpa: azure swedencentral, service-dependent, medium — MicrosoftDocs\/Compliance-pr\.fr-fr:/);
  t.regex(r.stdout, /\nExcluded in every region: digitalocean — iso27001 not confirmed for digitalocean: no source in compliance\.csv \(not confirmed\)\n/);
  t.regex(r.stdout, /│ +│ oci +│ eu-amsterdam-1 +│ standard +│ 51 +│/);
  t.regex(r.stdout, /Rejected 153; top reasons:\n +151 × residency/);
});

test("nothing feasible: exit 1 with the top constraint and a hint", async (t) => {
  const req = file("req.yaml", "services:\n  web: { kind: compute, vcpus: 2, memoryGib: 4 }\nresidency: { jurisdictions: [EU] }\nbudget: { monthlyUsd: 5 }\n");
  const r = await run("place", "--requirements", req);
  t.is(r.code, 1);
  t.is(r.stdout, "");
  t.is(
    r.stderr,
    "tessera: no feasible placement among 192 candidates.\nThe constraint that excluded the most: budget (182 of 192).\n  then residency (151)\n  then service:web (10)\nDid you mean: budget.monthlyUsd: 22.63 (was 5) → oci eu-amsterdam-1?\n",
  );
});

test("bad input: exit 2 with the field and allowed values; bad flags and unknown stacks too", async (t) => {
  const req = file("req.json", JSON.stringify({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 } }, residency: { jurisdictions: ["EX"] } }));
  const bad = await run("place", "--requirements", req);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /^tessera: invalid .*req\.json:\n  - residency\.jurisdictions\[0\]: "EX" is not allowed; allowed values: AE, AU/);
  const unknown = await run("place", "--stack", "nope");
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /^tessera: unknown stack "nope": no .*Pulumi\.nope\.yaml\. Stacks: eu-gdpr, /);
  const both = await run("place");
  t.deepEqual([both.code, both.stderr], [2, "tessera: give exactly one of --stack <name> or --requirements <file>\n"]);
  const flag = await run("place", "--stack", "eu-gdpr", "--frobnicate");
  t.is(flag.code, 2);
  t.regex(flag.stderr, /unknown option '--frobnicate'/);
});

test("place --write writes a lock once; a corrupt lock stops place and nothing is written", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-stacks-"));
  copyFileSync(join(ROOT, "stacks", "Pulumi.us-budget.yaml"), join(dir, "Pulumi.us-budget.yaml"));
  const lock = join(dir, "us-budget.placement.lock.json");
  t.is((await run("place", "--stack", "us-budget", "--stacks-dir", dir, "--write", "--json")).code, 0);
  t.deepEqual(JSON.parse(readFileSync(lock, "utf8")).decision.region, "nyc3");
  writeFileSync(lock, "{");
  const r = await run("place", "--stack", "us-budget", "--stacks-dir", dir, "--write");
  t.is(r.code, 2);
  t.regex(r.stderr, /^tessera: corrupt placement lock .*us-budget\.placement\.lock\.json/);
  t.is(readFileSync(lock, "utf8"), "{");
  const replan = await run("replan", "--stack", "us-budget", "--stacks-dir", dir, "--write");
  t.is(replan.code, 2, "replan refuses a corrupt lock too: restore or delete it first");
  t.true(existsSync(lock));
});
