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
import { CliExit, runReportingBugs } from "../cli/tessera";
import type { CliIo } from "../cli/output";
import { FIXTURE_STACKS, ROOT } from "./paths";

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
  t.deepEqual(Object.keys(out), ["schemaVersion", "feasible", "decision", "excludedClouds", "candidates", "catalog", "lock"]);
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

test("budget.email a@b.c is an address (the reviewer's example): placed, exit 0; a@b or a phrase is exit 2 naming the field and the rule", async (t) => {
  const req = (email: string) => file("req.yaml", `services:\n  web: { kind: compute, vcpus: 2, memoryGib: 4, publicIp: true }\nclouds: { allow: [aws] }\nresidency: { jurisdictions: [EU] }\nbudget: { monthlyUsd: 100, email: "${email}" }\n`);
  const ok = await run("place", "--requirements", req("a@b.c"));
  t.deepEqual([ok.code, ok.stderr, ok.stdout.split("\n")[0]], [0, "", "Placement: aws eu-north-1 (Europe (Stockholm)) — 31.54 USD/month"]);
  for (const email of ["a@b", "finance at example dot com"]) {
    const file = req(email);
    const bad = await run("place", "--requirements", file, "--json");
    const problem = `budget.email: expected an email address such as name@example.com (HTML's rule, a dot in the domain) (got "${email}")`;
    const message = `invalid ${file}:\n  - ${problem}`;
    t.deepEqual({ ...bad, stdout: JSON.parse(bad.stdout) as unknown }, { code: 2, stdout: { schemaVersion: 1, error: { exitCode: 2, kind: "requirements", message, problems: [problem] } }, stderr: `tessera: ${message}\n` });
  }
});

test("--json makes every output a JSON document: the version, the help of tessera and of a command, a missing or unknown command", async (t) => {
  const version = { code: 0, stdout: `${JSON.stringify({ schemaVersion: 1, version: "0.1.0" }, null, 2)}\n`, stderr: "" };
  t.deepEqual(await run("--version", "--json"), version);
  t.deepEqual(await run("--json", "-V"), version);
  t.deepEqual(await run("--version"), { code: 0, stdout: "0.1.0\n", stderr: "" });
  const help = await run("--help", "--json");
  t.deepEqual([help.code, help.stderr, JSON.parse(help.stdout)], [
    0,
    "",
    {
      schemaVersion: 1,
      usage: "tessera [options] [command]",
      description: "Place multi-cloud stacks by requirements, preview them offline, and check them against policy.",
      options: [
        { flags: "-V, --version", description: "print the tessera version" },
        { flags: "-h, --help", description: "display help for command" },
      ],
      commands: [
        { name: "place", usage: "place [options]", description: "choose cloud, region and sizes for a stack and explain every rejected candidate" },
        { name: "replan", usage: "replan [options]", description: "show what moving a locked stack to today's best placement would take" },
        { name: "plan", usage: "plan [options]", description: "preview the stack offline: placement, resources, monthly cost and policy verdicts" },
        { name: "check", usage: "check [options]", description: "plan every stack in the stacks folder; say which one is not deployable and why" },
        { name: "failover", usage: "failover [options]", description: "promote a failover stack's standby, or fail back to the primary (writes tessera:failover; apply with pulumi up)" },
        { name: "help", usage: "help [command]", description: "display help for command" },
      ],
    },
  ]);
  // A command's help, by --help and by `help <command>`: the same document.
  const replan = await run("replan", "--help", "--json");
  t.deepEqual([replan.code, JSON.parse(replan.stdout)], [
    0,
    {
      schemaVersion: 1,
      usage: "tessera replan [options]",
      description: "show what moving a locked stack to today's best placement would take",
      options: [
        { flags: "-s, --stack <name>", description: "a stack in the stacks folder", required: true },
        { flags: "--json", description: "print the plan as JSON" },
        { flags: "--write", description: "write the new lock" },
        { flags: "--stacks-dir <dir>", description: "where stack files and locks live", default: join(ROOT, "stacks") },
        { flags: "-h, --help", description: "display help for command" },
      ],
      commands: [],
    },
  ]);
  t.deepEqual(await run("help", "replan", "--json"), replan);
  // Without --json the help stays text.
  t.true((await run("replan", "--help")).stdout.startsWith("Usage: tessera replan [options]\n"));
  for (const [args, message] of [
    [["help", "nosuch", "--json"], "unknown command 'nosuch'; commands: place, replan, plan, check, failover (tessera --help lists them)"],
    [["nosuch", "--json"], "unknown command 'nosuch'"],
  ] as const) {
    const r = await run(...args);
    t.deepEqual([r.code, JSON.parse(r.stdout)], [2, { schemaVersion: 1, error: { exitCode: 2, kind: "usage", message, problems: [] } }], args.join(" "));
  }
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
  // With --json the same refusal is the error document, of kind "io" as --out's and failover's are.
  const roJson = await promisify(execFile)(
    "unshare",
    ["-rm", "sh", "-c", `mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$1" "$2" replan --stack us-budget --stacks-dir "$0" --write --json`, dir, process.execPath, join(root, "bin", "tessera.js")],
    { cwd: root },
  ).then(
    () => ({ code: 0, stdout: "" }),
    (e: { code: number; stdout: string }) => e,
  );
  t.deepEqual([roJson.code, JSON.parse(roJson.stdout).error], [2, { exitCode: 2, kind: "io", message: `--write: cannot write the lock into ${dir} (EROFS); nothing was written`, problems: [] }]);
  t.deepEqual(readdirSync(dir), ["Pulumi.us-budget.yaml"]);
});

test("a killed write's temp file is ignored by git", async (t) => {
  const root = join(__dirname, "..");
  const { stdout } = await promisify(execFile)("git", ["check-ignore", "--no-index", "stacks/prod.placement.lock.json.12345.tmp", "plan.json.12345.tmp"], { cwd: root });
  t.is(stdout, "stacks/prod.placement.lock.json.12345.tmp\nplan.json.12345.tmp\n");
});

test("replan with a failover standby: both sites' totals (as place gives them), the standby's moves, the payback on both sites' copies; --write locks both sites", async (t) => {
  const dir = stacksDir("Pulumi.shop-dr-eu.yaml", "shop-dr-eu.placement.lock.json");
  const lock = join(dir, "shop-dr-eu.placement.lock.json");
  const locked = readFileSync(lock, "utf8");
  // The same totals `place` reports for the kept lock and the cheaper pair: 550.61 → 449.76.
  const place = await run("place", "--stack", "shop-dr-eu", "--stacks-dir", dir, "--json");
  const placed = JSON.parse(place.stdout) as { decision: { totalMonthlyUsd: number }; lock: { cheaper: { savingUsd: number; monthlyUsd: number } } };
  t.deepEqual([placed.decision.totalMonthlyUsd, placed.lock.cheaper.monthlyUsd, placed.lock.cheaper.savingUsd], [550.61, 449.76, 100.85]);

  const text = await run("replan", "--stack", "shop-dr-eu", "--stacks-dir", dir);
  t.deepEqual([text.code, text.stderr], [0, ""]);
  t.deepEqual(text.stdout.split("\n"), [
    "Migration plan: gcp europe-north2 (267.77 USD/month) → aws eu-north-1 (219.11 USD/month)",
    "Standby: gcp europe-west1 (280.53 USD/month) → aws eu-south-2 (227.56 USD/month)",
    "Replication: 2.31 USD/month → 3.09 USD/month",
    "Total (primary + standby + replication): 550.61 USD/month → 449.76 USD/month",
    "┌──────────────────┬────────────────┬─────────┬─────────────────────┬───────────────────────────────────────────────────────────────────────────┐",
    "│ service          │ kind           │ data GB │ one-time egress USD │ what happens                                                              │",
    "├──────────────────┼────────────────┼─────────┼─────────────────────┼───────────────────────────────────────────────────────────────────────────┤",
    "│ orders           │ database       │ 100     │ 12.6                │ replaced in aws eu-north-1; copy 100 GB before switching                  │",
    "│ images           │ object-storage │ 500     │ 63                  │ replaced in aws eu-north-1; copy 500 GB before switching                  │",
    "│ orders (standby) │ database       │ 100     │ 2.13                │ replaced in aws eu-south-2; seed 100 GB from the primary (aws eu-north-1) │",
    "│ images (standby) │ object-storage │ 500     │ 10.63               │ replaced in aws eu-south-2; seed 500 GB from the primary (aws eu-north-1) │",
    "└──────────────────┴────────────────┴─────────┴─────────────────────┴───────────────────────────────────────────────────────────────────────────┘",
    "One-time egress: 88.36 USD. Monthly saving: 100.85 USD (pays back in 1 month(s)).",
    "Stateful resources are protected: `pulumi up` will refuse to delete them until you move the data and unprotect them.",
    "Run with --write to write the new lock.",
    "",
  ]);

  const doc = await run("replan", "--stack", "shop-dr-eu", "--stacks-dir", dir, "--json");
  t.is(doc.code, 0, doc.stderr);
  const out = JSON.parse(doc.stdout) as { decision: { totalMonthlyUsd: number; secondary: { cloud: string; region: string } }; migration: unknown; written: boolean };
  t.deepEqual([out.decision.totalMonthlyUsd, out.decision.secondary.cloud, out.decision.secondary.region, out.written], [449.76, "aws", "eu-south-2", false]);
  // The primary's copy is priced at the old site's internet egress (gcp → aws); the standby's
  // re-seed at the new primary's inter-region transfer (aws → aws, as its replication bills).
  t.deepEqual(out.migration, {
    from: { cloud: "gcp", region: "europe-north2", monthlyUsd: 267.77, standby: { cloud: "gcp", region: "europe-west1", monthlyUsd: 280.53 }, replicationMonthlyUsd: 2.31, totalMonthlyUsd: 550.61 },
    to: { cloud: "aws", region: "eu-north-1", monthlyUsd: 219.11, standby: { cloud: "aws", region: "eu-south-2", monthlyUsd: 227.56 }, replicationMonthlyUsd: 3.09, totalMonthlyUsd: 449.76 },
    moves: [
      { service: "orders", site: "primary", kind: "database", dataGb: 100, egressUsd: 12.6, note: "replaced in aws eu-north-1; copy 100 GB before switching" },
      { service: "images", site: "primary", kind: "object-storage", dataGb: 500, egressUsd: 63, note: "replaced in aws eu-north-1; copy 500 GB before switching" },
      { service: "orders", site: "standby", kind: "database", dataGb: 100, egressUsd: 2.13, note: "replaced in aws eu-south-2; seed 100 GB from the primary (aws eu-north-1)" },
      { service: "images", site: "standby", kind: "object-storage", dataGb: 500, egressUsd: 10.63, note: "replaced in aws eu-south-2; seed 500 GB from the primary (aws eu-north-1)" },
    ],
    oneTimeEgressUsd: 88.36,
    monthlySavingUsd: 100.85,
  });
  t.is(readFileSync(lock, "utf8"), locked, "without --write nothing is written");

  // --write locks both sites with their SKUs; a second run has nothing to move.
  const written = await run("replan", "--stack", "shop-dr-eu", "--stacks-dir", dir, "--write");
  t.is(written.code, 0, written.stderr);
  t.is(written.stderr, `tessera: wrote ${lock}: aws eu-north-1 (web t3.medium, orders db.t3.large, images standard), 219.11 USD/month, standby aws eu-south-2 (web t3.medium, orders db.t3.large, images standard), 227.56 USD/month, catalog 2026-11-24\n`);
  t.true(written.stdout.endsWith("The new lock is written; commit it, then `pulumi up` makes the move.\n"), written.stdout);
  const services = { web: { kind: "compute", sku: "t3.medium" }, orders: { kind: "database", sku: "db.t3.large" }, images: { kind: "object-storage", sku: "standard" } };
  t.deepEqual(JSON.parse(readFileSync(lock, "utf8")), {
    version: 1,
    stack: "shop-dr-eu",
    catalogDate: "2026-11-24",
    decision: { cloud: "aws", region: "eu-north-1", monthlyUsd: 219.11, services, secondary: { cloud: "aws", region: "eu-south-2", monthlyUsd: 227.56, services } },
  });
  const again = await run("replan", "--stack", "shop-dr-eu", "--stacks-dir", dir, "--write");
  t.deepEqual(again, {
    code: 0,
    stdout: "The lock (aws eu-north-1, standby aws eu-south-2) is already today's best placement; nothing to move.\n",
    stderr: `tessera: kept ${lock}: it already holds today's best placement; nothing written\n`,
  });

  // Only the standby moves (the primary is today's best): its data is re-seeded, the saving is the totals'.
  const lockDoc = JSON.parse(readFileSync(lock, "utf8")) as { decision: { secondary: { region: string; monthlyUsd: number } } };
  lockDoc.decision.secondary = { ...lockDoc.decision.secondary, region: "eu-central-1", monthlyUsd: 235.73 };
  writeFileSync(lock, JSON.stringify(lockDoc));
  const standbyOnly = await run("replan", "--stack", "shop-dr-eu", "--stacks-dir", dir, "--json");
  t.deepEqual((JSON.parse(standbyOnly.stdout) as { migration: unknown }).migration, {
    from: { cloud: "aws", region: "eu-north-1", monthlyUsd: 219.11, standby: { cloud: "aws", region: "eu-central-1", monthlyUsd: 235.73 }, replicationMonthlyUsd: 3.09, totalMonthlyUsd: 457.93 },
    to: { cloud: "aws", region: "eu-north-1", monthlyUsd: 219.11, standby: { cloud: "aws", region: "eu-south-2", monthlyUsd: 227.56 }, replicationMonthlyUsd: 3.09, totalMonthlyUsd: 449.76 },
    moves: [
      { service: "orders", site: "standby", kind: "database", dataGb: 100, egressUsd: 2.13, note: "replaced in aws eu-south-2; seed 100 GB from the primary (aws eu-north-1)" },
      { service: "images", site: "standby", kind: "object-storage", dataGb: 500, egressUsd: 10.63, note: "replaced in aws eu-south-2; seed 500 GB from the primary (aws eu-north-1)" },
    ],
    oneTimeEgressUsd: 12.76,
    monthlySavingUsd: 8.17,
  });
});

test("replan when the stack newly asks for a standby: the standby's data is created and seeded, the totals compare one site with a pair", async (t) => {
  const dir = stacksDir("Pulumi.shop-dr-eu.yaml", "shop-dr-eu.placement.lock.json");
  const lock = join(dir, "shop-dr-eu.placement.lock.json");
  const single = JSON.parse(readFileSync(lock, "utf8")) as { decision: { secondary?: unknown } };
  delete single.decision.secondary;
  writeFileSync(lock, JSON.stringify(single));
  const r = await run("replan", "--stack", "shop-dr-eu", "--stacks-dir", dir, "--json");
  t.is(r.code, 0, r.stderr);
  const m = (JSON.parse(r.stdout) as { migration: { from: unknown; to: { totalMonthlyUsd: number }; moves: { service: string; site: string; egressUsd: number; note: string }[]; oneTimeEgressUsd: number; monthlySavingUsd: number } }).migration;
  t.deepEqual(m.from, { cloud: "gcp", region: "europe-north2", monthlyUsd: 267.77, replicationMonthlyUsd: 0, totalMonthlyUsd: 267.77 });
  t.deepEqual(m.moves.filter((x) => x.site === "standby").map((x) => [x.service, x.egressUsd, x.note]), [
    ["orders", 2.13, "created in aws eu-south-2; seed 100 GB from the primary (aws eu-north-1)"],
    ["images", 10.63, "created in aws eu-south-2; seed 500 GB from the primary (aws eu-north-1)"],
  ]);
  t.deepEqual([m.to.totalMonthlyUsd, m.oneTimeEgressUsd, m.monthlySavingUsd], [449.76, 88.36, -181.99]);
  const text = await run("replan", "--stack", "shop-dr-eu", "--stacks-dir", dir);
  t.deepEqual(text.stdout.split("\n").slice(0, 4), [
    "Migration plan: gcp europe-north2 (267.77 USD/month) → aws eu-north-1 (219.11 USD/month)",
    "Standby: none → aws eu-south-2 (227.56 USD/month)",
    "Replication: 0 USD/month → 3.09 USD/month",
    "Total (primary + standby + replication): 267.77 USD/month → 449.76 USD/month",
  ]);
  t.true(text.stdout.includes("One-time egress: 88.36 USD. Monthly saving: -181.99 USD.\n"), text.stdout);
});

test("a bug in tessera (not the input) exits 3, the trace on stderr and, with --json, the error document kind internal: CI never reads a crash as not deployable (1) or bad input (2)", async (t) => {
  const req = file("req.json", JSON.stringify({ services: { docs: { kind: "object-storage", sizeGb: 10 } } }));
  // The bug: the first write of the document throws a TypeError, as a defect in a renderer would.
  const runWithBug = async (...args: string[]) => {
    let stdout = "";
    let stderr = "";
    let writes = 0;
    const io: CliIo = {
      stdout: {
        write: (text: string) => {
          if (writes++ === 0) throw new TypeError("Cannot read properties of undefined (reading 'cloud')");
          return (stdout += text);
        },
        isTTY: false,
      },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      env: process.env,
      exit(code: number): never {
        throw new CliExit(code);
      },
    };
    return { code: await runReportingBugs(args, io), stdout, stderr };
  };
  const withJson = await runWithBug("place", "--requirements", req, "--json");
  t.is(withJson.code, 3);
  t.deepEqual(JSON.parse(withJson.stdout), {
    schemaVersion: 1,
    error: { exitCode: 3, kind: "internal", message: "TypeError: Cannot read properties of undefined (reading 'cloud')", problems: [] },
  });
  t.true(withJson.stderr.startsWith("tessera: internal error, a bug in tessera (please report it with this trace):\nTypeError: Cannot read properties of undefined (reading 'cloud')\n    at "));
  const text = await runWithBug("place", "--requirements", req);
  t.deepEqual([text.code, text.stdout], [3, ""]);
  t.true(text.stderr.startsWith("tessera: internal error, a bug in tessera (please report it with this trace):\nTypeError: "));
  // A user error still takes its own path through the same entry: exit 2, no trace.
  const missing = await runWithBug("place", "--requirements", join(ROOT, "no-such-file.json"));
  t.is(missing.code, 2);
  t.false(missing.stderr.includes("internal error"));
});

test("a single-valued option given twice is bad input (exit 2, nothing read or written), not the last one silently: --stack on place, replan and failover, --requirements, plan's --out", async (t) => {
  const cases: Array<[string[], string]> = [
    [["place", "--stack", "eu-gdpr", "--stack", "us-budget"], "option '-s, --stack <name>' argument 'us-budget' is invalid. --stack given twice (eu-gdpr, then us-budget); give it once"],
    [["replan", "--stack", "eu-gdpr", "--stack", "ml-dr-us"], "option '-s, --stack <name>' argument 'ml-dr-us' is invalid. --stack given twice (eu-gdpr, then ml-dr-us); give it once"],
    [["failover", "--stack", "shop-dr-eu", "--stack", "ml-dr-us", "--promote"], "option '-s, --stack <name>' argument 'ml-dr-us' is invalid. --stack given twice (shop-dr-eu, then ml-dr-us); give it once"],
    [["place", "--requirements", "a.yaml", "--requirements", "b.yaml"], "option '-r, --requirements <file>' argument 'b.yaml' is invalid. --requirements given twice (a.yaml, then b.yaml); give it once"],
    [["plan", "--stack", "us-budget", "--out", "a.json", "--out", "b.json"], "option '--out <file>' argument 'b.json' is invalid. --out given twice (a.json, then b.json); give it once"],
  ];
  for (const [args, message] of cases) {
    const r = await run(...args, "--stacks-dir", FIXTURE_STACKS, "--json");
    t.deepEqual([r.code, JSON.parse(r.stdout)], [2, { schemaVersion: 1, error: { exitCode: 2, kind: "usage", message, problems: [] } }], args.join(" "));
  }
});
