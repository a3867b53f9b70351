/**
 * The `tessera place` / `replan` command contract: JSON shape, the human table, exit codes and
 * messages, and lock writing — run in-process through the CLI's own entry (test/cli.ts), and as
 * users run it (a child process) where the process itself is the point: the real exit status and
 * streams, a file-size limit, a read-only file system.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import test from "ava";
import { tessera as run, tesseraProcess } from "./cli";
import { FIXTURE_STACKS } from "./paths";

const file = (name: string, content: string) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-cli-"));
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

test("place --requirements --json: the documented contract", async (t) => {
  const req = file("req.json", JSON.stringify({
    // Public machines need no NAT gateway: the decision is the machines' price alone.
    services: { web: { kind: "compute", vcpus: 2, memoryGib: 4, count: 3, publicIp: true } },
    residency: { jurisdictions: ["EU"] },
    clouds: { allow: ["aws", "gcp"] },
    users: [{ name: "Frankfurt", latitude: 50.11, longitude: 8.68, maxRttMs: 30 }],
  }));
  const r = await run("place", "--requirements", req, "--json");
  t.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  t.deepEqual(Object.keys(out), ["feasible", "decision", "excludedClouds", "candidates", "catalog", "lock"]);
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
  const r = await run("place", "--stack", "eu-gdpr", "--stacks-dir", FIXTURE_STACKS);
  t.is(r.code, 0, r.stderr);
  // The lock keeps Azure swedencentral (300 GB of egress less the 100 GB free), still the cheapest:
  // only Azure has a first-party ISO 27001 source, so every feasible candidate is on Azure.
  t.regex(r.stdout, /^Placement: azure swedencentral \(Sweden Central\) — 56\.87 USD\/month/);
  t.regex(r.stdout, /\nLocked: kept \(still the cheapest feasible\)\n/);
  t.regex(r.stdout, /\n  gdpr → gdpr-dpa: azure swedencentral, service-dependent, medium — MicrosoftDocs\/Compliance-pr\.fr-fr:/);
  t.regex(r.stdout, /\nExcluded in every region: digitalocean — iso27001 not confirmed for digitalocean: no source in compliance\.csv \(not confirmed\)\n/);
  t.regex(r.stdout, /Considered 192 candidates, 13 feasible \(cheapest 10 shown\):\n/);
  t.regex(r.stdout, /│ ✔ │ azure │ swedencentral +│ standard +│ 56\.87\* +│/);
  t.regex(r.stdout, /Rejected 179; top reasons:\n +151 × compliance:gdpr .*\n +151 × residency .*\n +134 × compliance:iso27001 /);
});

test("nothing feasible: exit 1 with the top constraint and a hint (the real binary's exit status and streams)", async (t) => {
  const req = file("req.yaml", "services:\n  web: { kind: compute, vcpus: 2, memoryGib: 4 }\nresidency: { jurisdictions: [EU] }\nbudget: { monthlyUsd: 5, email: finance@example.com }\n");
  const r = await tesseraProcess("place", "--requirements", req);
  t.is(r.code, 1);
  t.is(r.stdout, "");
  t.is(
    r.stderr,
    [
      "tessera: no feasible placement among 192 candidates.",
      "The constraint that excluded the most: budget (192 of 192), e.g. aws af-south-1: over budget: 86.68 > 5 USD/month.",
      "  then residency (151), e.g. aws af-south-1: jurisdiction ZA not in [EU]",
      "  then service:web (10), e.g. aws ap-east-2: web: its network's subnets need 2 availability zones; data/zones.csv has 0 for aws ap-east-2",
      "Did you mean: budget.monthlyUsd: 22.63 (was 5) → oci eu-amsterdam-1?",
      "",
    ].join("\n"),
  );
});

test("bad input: exit 2 with the field and allowed values; bad flags and unknown stacks too", async (t) => {
  const req = file("req.json", JSON.stringify({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 } }, residency: { jurisdictions: ["EX"] } }));
  const bad = await run("place", "--requirements", req);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /^tessera: invalid .*req\.json:\n  - residency\.jurisdictions\[0\]: "EX" is not allowed; allowed values: AE, AU/);
  const unknown = await run("place", "--stack", "nope", "--stacks-dir", FIXTURE_STACKS);
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /^tessera: unknown stack "nope": no .*Pulumi\.nope\.yaml\. Stacks: eu-gdpr, /);
  const both = await run("place");
  t.deepEqual([both.code, both.stderr], [2, "tessera: give exactly one of --stack <name> or --requirements <file>\n"]);
  const flag = await run("place", "--stack", "eu-gdpr", "--frobnicate");
  t.is(flag.code, 2);
  t.regex(flag.stderr, /unknown option '--frobnicate'/);
});

test("a stack name Pulumi would refuse (a path, 101 characters) is bad input for every command, and nothing is read or written outside the folder", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "tessera-names-"));
  const dir = join(root, "stacks");
  mkdirSync(dir);
  mkdirSync(join(root, "evil"));
  // What `x/../../evil/x` would have reached: a stack file beside the folder, and its lock there.
  copyFileSync(join(FIXTURE_STACKS, "Pulumi.us-budget.yaml"), join(root, "evil", "Pulumi.x.yaml"));
  const message = (name: string) => `tessera: stack name "${name}" is not one Pulumi accepts: 1–100 letters, digits, hyphens (-), underscores (_) or periods (.)\n`;
  for (const name of ["../evil/x", "a/b", "x".repeat(101), "", "tab\there"]) {
    for (const args of [["place", "--write"], ["plan"], ["replan", "--write"], ["failover", "--promote"]]) {
      const r = await run(args[0]!, "--stack", name, "--stacks-dir", dir, ...args.slice(1));
      t.deepEqual([r.code, r.stderr], [2, message(name)], `${args.join(" ")} --stack ${JSON.stringify(name)}`);
    }
  }
  t.deepEqual(readdirSync(join(root, "evil")), ["Pulumi.x.yaml"]);
  t.deepEqual(readdirSync(dir), []);
});

test("a reader that stops early (| head -c 1) ends tessera quietly: exit 0, nothing on stderr (not an EPIPE stack trace)", async (t) => {
  // 105 KB of JSON: more than a pipe holds, so tessera is still writing when head has gone.
  const script = `node bin/tessera.js place --stack ml-dr-us --stacks-dir "$0" --json | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`;
  const { stdout, stderr } = await promisify(execFile)("bash", ["-c", script, FIXTURE_STACKS], { cwd: join(__dirname, ".."), env: { ...process.env, PATH: `${join(process.execPath, "..")}:${process.env.PATH}` } });
  t.deepEqual([stdout, stderr], ["0\n", ""]);
});

test("place --write writes a lock once; a corrupt lock stops place and nothing is written", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-stacks-"));
  copyFileSync(join(FIXTURE_STACKS, "Pulumi.us-budget.yaml"), join(dir, "Pulumi.us-budget.yaml"));
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

/** A stacks folder holding copies of fixture stacks (and optionally their locks). */
const stacksDir = (...names: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-stacks-"));
  for (const n of names) copyFileSync(join(FIXTURE_STACKS, n), join(dir, n));
  return dir;
};

test("nothing feasible with --json: a document with every candidate and reason, each constraint with a real example, the hint", async (t) => {
  const req = file("req.yaml", "services:\n  train: { kind: gpu-compute, gpu: { model: A100, count: 16 } }\nresidency: { jurisdictions: [EU] }\n");
  const r = await run("place", "--requirements", req, "--json");
  t.is(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  t.deepEqual([doc.schemaVersion, doc.stack, doc.feasible, doc.deployable, doc.reason, doc.lock], [1, null, false, false, "no-feasible-placement", null]);
  t.is(doc.candidates.length, 192);
  t.true(doc.candidates.every((c: { reasons: string[] }) => c.reasons.length > 0));
  // The reason, not only the constraint id: which offering is missing.
  t.deepEqual(doc.rejections[0], { constraint: "service:train", count: 192, example: "aws af-south-1: train: no GPU offering A100 ×16 in aws af-south-1" });
  t.is(doc.hint, null);
  t.regex(r.stderr, /^tessera: no feasible placement among 192 candidates\.\nThe constraint that excluded the most: service:train \(192 of 192\), e\.g\. aws af-south-1: train: no GPU offering A100 ×16 in aws af-south-1\./);
});

test("--requirements takes a whole stack file; a typo'd tessera: key is an error there and in a stack", async (t) => {
  const stack = file("Pulumi.mine.yaml", readFileSync(join(FIXTURE_STACKS, "Pulumi.us-budget.yaml"), "utf8"));
  const r = await run("place", "--requirements", stack, "--json");
  t.is(r.code, 0, r.stderr);
  t.deepEqual([JSON.parse(r.stdout).decision.cloud, JSON.parse(r.stdout).decision.region], ["digitalocean", "nyc3"]);
  const dir = stacksDir();
  writeFileSync(join(dir, "Pulumi.typo.yaml"), `${readFileSync(join(FIXTURE_STACKS, "Pulumi.us-budget.yaml"), "utf8").replace("tessera:accounts:", "tessera:acounts:")}`);
  const typo = await run("place", "--stack", "typo", "--stacks-dir", dir, "--json");
  t.is(typo.code, 2);
  t.deepEqual(JSON.parse(typo.stdout), {
    schemaVersion: 1,
    error: {
      exitCode: 2,
      kind: "requirements",
      message: "invalid config of stack typo:\n  - tessera:acounts: unknown config key; tessera reads tessera:requirements, tessera:accounts and tessera:failover (did you mean tessera:accounts?)",
      problems: ["tessera:acounts: unknown config key; tessera reads tessera:requirements, tessera:accounts and tessera:failover (did you mean tessera:accounts?)"],
    },
  });
  // Two problems in two keys: both in one message, each named from its key.
  writeFileSync(join(dir, "Pulumi.two.yaml"), readFileSync(join(dir, "Pulumi.typo.yaml"), "utf8").replace("sizeGb: 5000", "sizeGb: -5"));
  const two = await run("place", "--stack", "two", "--stacks-dir", dir, "--json");
  const problems = [
    "tessera:acounts: unknown config key; tessera reads tessera:requirements, tessera:accounts and tessera:failover (did you mean tessera:accounts?)",
    "tessera:requirements.services.media.sizeGb: Too small: expected number to be >=0 (got -5)",
  ];
  const message = `invalid config of stack two:\n${problems.map((p) => `  - ${p}`).join("\n")}`;
  t.deepEqual({ ...two, stdout: JSON.parse(two.stdout) as unknown }, { code: 2, stdout: { schemaVersion: 1, error: { exitCode: 2, kind: "requirements", message, problems } }, stderr: `tessera: ${message}\n` });
});

test("bad input never crashes with a trace: missing --stacks-dir, a string as requirements, a self-referential alias (exit 2, one line)", async (t) => {
  const dir = stacksDir();
  writeFileSync(join(dir, "Pulumi.hello.yaml"), "config:\n  tessera:requirements: hello world\n");
  writeFileSync(join(dir, "Pulumi.loop.yaml"), "config:\n  tessera:requirements: &r\n    services: *r\n");
  const [missing, hello, loop] = await Promise.all([
    run("place", "--stack", "x", "--stacks-dir", join(dir, "nope")),
    run("place", "--stack", "hello", "--stacks-dir", dir),
    run("place", "--stack", "loop", "--stacks-dir", dir),
  ]);
  t.deepEqual([missing.code, missing.stderr], [2, `tessera: --stacks-dir: no such folder ${join(dir, "nope")}\n`]);
  t.deepEqual([hello.code, hello.stderr], [2, 'tessera: invalid config of stack hello:\n  - tessera:requirements: expected an object (YAML map), got the string "hello world"\n']);
  t.deepEqual([loop.code, loop.stderr], [2, `tessera: ${join(dir, "Pulumi.loop.yaml")}: an alias refers to itself (a YAML anchor used inside its own value)\n`]);
});

test("place --write and replan --write say what they wrote; a lock from another stack is rejected", async (t) => {
  const dir = stacksDir("Pulumi.us-budget.yaml");
  const lock = join(dir, "us-budget.placement.lock.json");
  const first = await run("place", "--stack", "us-budget", "--stacks-dir", dir, "--write", "--json");
  t.is(first.code, 0, first.stderr);
  t.is(first.stderr, `tessera: wrote ${lock}: digitalocean nyc3 (media standard), 100 USD/month, catalog 2026-11-24; commit it\n`);
  JSON.parse(first.stdout); // stdout is only the document
  const again = await run("place", "--stack", "us-budget", "--stacks-dir", dir, "--write");
  t.is(again.stderr, `tessera: kept the existing lock ${lock}; nothing written (tessera replan --write moves it)\n`);
  // The lock already holds today's placement: replan --write writes nothing and says so (no "wrote" line).
  const written = readFileSync(lock, "utf8");
  const kept = await run("replan", "--stack", "us-budget", "--stacks-dir", dir, "--write");
  t.deepEqual(kept, {
    code: 0,
    stdout: "The lock (digitalocean nyc3) is already today's best placement; nothing to move.\n",
    stderr: `tessera: kept ${lock}: it already holds today's best placement; nothing written\n`,
  });
  const keptJson = await run("replan", "--stack", "us-budget", "--stacks-dir", dir, "--write", "--json");
  t.deepEqual([keptJson.code, (JSON.parse(keptJson.stdout) as { written: boolean }).written], [0, false]);
  t.is(readFileSync(lock, "utf8"), written);
  // A lock elsewhere: replan --write moves it and says what it wrote.
  writeFileSync(lock, JSON.stringify({ version: 1, stack: "us-budget", catalogDate: "2026-11-24", decision: { cloud: "aws", region: "us-east-1", monthlyUsd: 196, services: { media: { kind: "object-storage", sku: "standard" } } } }));
  const replan = await run("replan", "--stack", "us-budget", "--stacks-dir", dir, "--write");
  t.is(replan.code, 0, replan.stderr);
  t.is(replan.stderr, `tessera: wrote ${lock}: digitalocean nyc3 (media standard), 100 USD/month, catalog 2026-11-24\n`);
  t.true(replan.stdout.endsWith("The new lock is written; commit it, then `pulumi up` makes the move.\n"), replan.stdout);
  t.is(readFileSync(lock, "utf8"), written);
  // The same lock under another stack's name.
  copyFileSync(join(dir, "Pulumi.us-budget.yaml"), join(dir, "Pulumi.us-copy.yaml"));
  copyFileSync(lock, join(dir, "us-copy.placement.lock.json"));
  const copied = await run("place", "--stack", "us-copy", "--stacks-dir", dir);
  t.deepEqual([copied.code, copied.stderr], [2, `tessera: placement lock ${join(dir, "us-copy.placement.lock.json")} belongs to stack "us-budget", not "us-copy" (copied from another stack?). Delete it and run \`tessera place --stack us-copy --write\`.\n`]);
});

test("a lock that cannot be written whole: exit 2, the old lock untouched, no temp file left (file-size limit; read-only file system)", async (t) => {
  const dir = stacksDir("Pulumi.us-budget.yaml");
  const lock = join(dir, "us-budget.placement.lock.json");
  const root = join(__dirname, "..");
  // RLIMIT_FSIZE of 100 bytes: the lock (about 300 bytes) gets a short write, then EFBIG.
  const short = await promisify(execFile)("prlimit", ["--fsize=100", process.execPath, join(root, "bin", "tessera.js"), "place", "--stack", "us-budget", "--stacks-dir", dir, "--write"], { cwd: root }).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => e,
  );
  t.is(short.code, 2);
  t.regex(short.stderr, new RegExp(`^tessera: could not write the placement lock ${lock.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: EFBIG`));
  t.deepEqual(readdirSync(dir), ["Pulumi.us-budget.yaml"]);
  // A read-only file system (a read-only bind mount in a private mount namespace): refused before any work.
  const ro = await promisify(execFile)(
    "unshare",
    ["-rm", "sh", "-c", `mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$1" "$2" place --stack us-budget --stacks-dir "$0" --write`, dir, process.execPath, join(root, "bin", "tessera.js")],
    { cwd: root },
  ).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => e,
  );
  t.deepEqual([ro.code, ro.stderr], [2, `tessera: --write: cannot write the lock into ${dir} (EROFS); nothing was written\n`]);
  t.deepEqual(readdirSync(dir), ["Pulumi.us-budget.yaml"]);
});

test("a killed write's temp file is ignored by git", async (t) => {
  const root = join(__dirname, "..");
  const { stdout } = await promisify(execFile)("git", ["check-ignore", "--no-index", "stacks/prod.placement.lock.json.12345.tmp", "plan.json.12345.tmp"], { cwd: root });
  t.is(stdout, "stacks/prod.placement.lock.json.12345.tmp\nplan.json.12345.tmp\n");
});
