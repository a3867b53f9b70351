/**
 * Every command in a real pseudo-terminal, as a person types it: stdout and stderr are a
 * terminal, so colours, the table borders and the progress line are on. Each command must
 * print what it should and exit by itself (a spinner that never stopped once kept the plan's
 * process alive until Ctrl-C, and one drawn from the busy main thread froze after one frame).
 * Pipes, as in the other CLI tests and CI, never show that.
 *
 * The pty comes from @lydell/node-pty (node-pty with prebuilt binaries in npm packages, so no
 * node-gyp build at install), driven from the test process; one command at a time.
 */
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "@lydell/node-pty";
import test from "ava";
import { animates } from "../cli/progress";
import { FIXTURE_STACKS } from "./helpers";

const ROOT = join(__dirname, "..");
/** Longest a command may take on a busy machine before it counts as hung. */
const HANG_MS = 60_000;

interface TtyResult {
  readonly code: number;
  /** Everything the terminal showed, escape codes included. */
  readonly screen: string;
  /** What stays on the screen (a line redrawn after \r or erased is what was drawn last), lines joined with \n, without colour codes. */
  readonly text: string;
  /** The progress line's frames, in order: the glyph and the text of each. */
  readonly frames: ReadonlyArray<{ readonly glyph: string; readonly text: string }>;
}

/**
 * Runs `tessera <args>` in a 120×40 pseudo-terminal (without CI unless `env` sets it); rejects if
 * it has not exited after {@link HANG_MS}.
 */
function tty(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<TtyResult> {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "CI") vars[k] = v;
  Object.assign(vars, { TERM: "xterm-256color" }, env);
  const term = spawn(process.execPath, [join(ROOT, "bin", "tessera.js"), ...args], { name: "xterm-256color", cols: 120, rows: 40, cwd: ROOT, env: vars });
  let screen = "";
  term.onData((d) => (screen += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      term.kill("SIGKILL");
      reject(new Error(`tessera ${args.join(" ")} did not exit within ${HANG_MS / 1000} s; the terminal showed:\n${screen.slice(-2000)}`));
    }, HANG_MS);
    term.onExit(({ exitCode }) => {
      clearTimeout(timer);
      // eslint-disable-next-line no-control-regex
      const frames = [...screen.matchAll(/\r\x1b\[33m(.)\x1b\[39m ([^\r\x1b]*)\x1b\[K/gu)].map((m) => ({ glyph: m[1]!, text: m[2]! }));
      resolve({ code: exitCode, screen, text: rendered(screen), frames });
    });
  });
}

/** The lines a terminal keeps of `screen`: \r returns to the line's start, ESC[K erases to its end, other escape codes draw nothing. */
function rendered(screen: string): string {
  const lines: string[] = [];
  let line: string[] = [];
  let col = 0;
  // eslint-disable-next-line no-control-regex
  for (const [s, code] of screen.matchAll(/\x1b\[[0-9;?]*([A-Za-z])|[^]/gu)) {
    if (s === "\r") col = 0;
    else if (s === "\n") {
      lines.push(line.join(""));
      line = [];
      col = 0;
    } else if (code === "K") line.length = Math.min(line.length, col);
    else if (code === undefined) line[col++] = s;
  }
  return [...lines, line.join("")].join("\n");
}

test.serial("plan: the progress line animates through every phase (also while the program runs, where nanospinner froze), is erased, then the plan; exit 0", async (t) => {
  const r = await tty(["plan", "--stack", "eu-gdpr", "--stacks-dir", FIXTURE_STACKS]);
  t.is(r.code, 0, r.text);
  // Every phase in order (each drawn as it starts), frames between them from the worker's clock,
  // and several while the program runs: the phase that blocks the main thread throughout.
  const phases = r.frames.map((f) => f.text).filter((text, i, all) => text !== all[i - 1]);
  t.deepEqual(phases, ["loading the program", "placing", "running the program (preview)", "running the policy pack"]);
  t.true(r.frames.length > phases.length, `${r.frames.length} frames`);
  t.true(r.frames.filter((f) => f.text === "running the program (preview)").length >= 2, JSON.stringify(r.frames));
  t.true(new Set(r.frames.map((f) => f.glyph)).size > 1, "the glyph turns");
  t.deepEqual([...new Set(r.frames.map((f) => f.glyph))].every((g) => "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏".includes(g)), true);
  // Never the cursor hidden (Ctrl-C needs no handler to show it again), and the line is gone before the plan.
  t.false(r.screen.includes("\x1b[?25l"));
  t.true(r.text.startsWith("tessera plan — stack eu-gdpr\nPlacement: azure swedencentral (Sweden Central) — 56.87 USD/month*\n"), r.text.slice(0, 300));
  // The plan, then its warnings (stderr: the README's stdout/stderr split holds on a terminal too).
  t.true(r.text.includes("✔ deployable\ntessera: warning: azure compute prices are "), r.text.slice(-600));
  t.true(r.text.endsWith("\ntessera: warning: some figures are estimates (marked *): the catalog has no exact row for them\n"), r.text.slice(-600));
});

test.serial("Ctrl-C during a plan ends it at once (no signal handler waits for the busy main thread)", async (t) => {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "CI") vars[k] = v;
  const term = spawn(process.execPath, [join(ROOT, "bin", "tessera.js"), "plan", "--stack", "eu-gdpr", "--stacks-dir", FIXTURE_STACKS], { name: "xterm-256color", cols: 120, rows: 40, cwd: ROOT, env: { ...vars, TERM: "xterm-256color" } });
  let screen = "";
  let sent = 0;
  const exit = await new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    const timer = setTimeout(() => term.kill("SIGKILL"), HANG_MS);
    term.onData((d) => {
      screen += d;
      // The first frame: the SDKs are loading, the main thread is busy for a while yet.
      if (sent === 0 && screen.includes("loading the program")) {
        sent = Date.now();
        term.write("\x03");
      }
    });
    term.onExit((e) => {
      clearTimeout(timer);
      resolve(e);
    });
  });
  t.deepEqual([exit.signal, screen.includes("tessera plan — stack")], [2, false], screen.slice(-300));
  t.true(Date.now() - sent < 5000, `${Date.now() - sent} ms after Ctrl-C`);
});

test.serial("no progress line under CI, though stdout and stderr are a terminal: the plan alone", async (t) => {
  const ci = await tty(["plan", "--stack", "us-budget", "--stacks-dir", FIXTURE_STACKS], { CI: "true" });
  t.is(ci.code, 0, ci.text);
  t.deepEqual(ci.frames, []);
  t.false(ci.screen.includes("\x1b[K"), "no line drawn and erased");
  t.true(ci.text.startsWith("tessera plan — stack us-budget\nPlacement: digitalocean nyc3 "), ci.text.slice(0, 200));
});

test.serial("place and replan: the report, then exit 0", async (t) => {
  const place = await tty(["place", "--stack", "eu-gdpr", "--stacks-dir", FIXTURE_STACKS]);
  t.is(place.code, 0, place.text);
  t.true(place.text.startsWith("Placement: azure swedencentral (Sweden Central) — 56.87 USD/month (* includes estimates)\n"), place.text.slice(0, 300));
  const replan = await tty(["replan", "--stack", "us-budget", "--stacks-dir", FIXTURE_STACKS]);
  t.deepEqual([replan.code, replan.text], [0, "The lock (digitalocean nyc3) is already today's best placement; nothing to move.\n"]);
});

test.serial("--help lists the user commands (not the maintainers' docs); --version prints the version", async (t) => {
  const help = await tty(["--help"]);
  t.is(help.code, 0);
  t.deepEqual(
    help.text.split("\n").filter((l) => /^  (place|replan|plan|check|docs|help)\b/.test(l)).map((l) => l.trim().split(" ")[0]),
    ["place", "replan", "plan", "check", "help"],
  );
  const version = await tty(["--version"]);
  t.deepEqual([version.code, version.text], [0, "0.1.0\n"]);
  // --json: a JSON document on a terminal too (no colour codes in it).
  const versionJson = await tty(["--version", "--json"]);
  t.deepEqual([versionJson.code, versionJson.screen], [0, '{\r\n  "schemaVersion": 1,\r\n  "version": "0.1.0"\r\n}\r\n']);
});

test.serial("docs (maintainers): checks the generated files and exits 0", async (t) => {
  const docs = await tty(["docs"]);
  t.deepEqual([docs.code, docs.text], [0, ""]);
});

test.serial("errors: one line and exit 2 for an unknown stack or flag; exit 1 and the reason when nothing is feasible", async (t) => {
  const unknown = await tty(["plan", "--stack", "nope", "--stacks-dir", FIXTURE_STACKS]);
  t.is(unknown.code, 2);
  t.regex(unknown.text, /^tessera: unknown stack "nope": no .*Pulumi\.nope\.yaml\. Stacks: eu-gdpr, ml-dr-us, noncompliant, optout, platform-eu, shop-dr-eu, us-budget\n$/);
  const flag = await tty(["place", "--frobnicate"]);
  t.is(flag.code, 2);
  t.regex(flag.text, /^error: unknown option '--frobnicate'\n/);
  const none = await tty(["place", "--requirements", join(__dirname, "fixtures", "infeasible.yaml")]);
  t.is(none.code, 1);
  t.regex(none.text, /^tessera: no feasible placement among 192 candidates\.\nThe constraint that excluded the most: budget \(192 of 192\), e\.g\. /);
});

test.serial("failover: promotes in a terminal (the note, then the result), exits 0; a bad invocation is one line and exit 2", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-tty-failover-"));
  for (const f of ["Pulumi.shop-dr-eu.yaml", "shop-dr-eu.placement.lock.json"]) copyFileSync(join(FIXTURE_STACKS, f), join(dir, f));
  const promote = await tty(["failover", "--stack", "shop-dr-eu", "--promote", "--stacks-dir", dir]);
  t.deepEqual([promote.code, promote.text], [
    0,
    `tessera: wrote tessera:failover {"active":"standby","promoteOption":"forced"} to ${join(dir, "Pulumi.shop-dr-eu.yaml")}; review with \`tessera plan --stack shop-dr-eu --diff <previous plan.json>\`, then run \`pulumi up\`\nshop-dr-eu: the standby serves (promotion)\n`,
  ]);
  t.true(readFileSync(join(dir, "Pulumi.shop-dr-eu.yaml"), "utf8").endsWith("  tessera:failover:\n    active: standby\n    promoteOption: forced\n"));
  // Again: the standby already serves; nothing written, exit 0.
  const again = await tty(["failover", "--stack", "shop-dr-eu", "--promote", "--stacks-dir", dir]);
  t.deepEqual([again.code, again.text], [
    0,
    `tessera: kept ${join(dir, "Pulumi.shop-dr-eu.yaml")}: stack shop-dr-eu is already promoted: the standby serves (tessera:failover {"active":"standby","promoteOption":"forced"}); nothing written\nshop-dr-eu: the standby already serves; nothing written\n`,
  ]);
  const bad = await tty(["failover", "--stack", "shop-dr-eu", "--stacks-dir", dir]);
  t.deepEqual([bad.code, bad.text], [2, "tessera: failover: which site serves? allowed values: --promote (the standby), --fail-back (the primary)\n"]);
});

test("the progress line only animates on a terminal with a width, outside CI, not on TERM=dumb", (t) => {
  const term = { isTTY: true, columns: 120 };
  t.true(animates({ TERM: "xterm" }, term, term));
  t.false(animates({ TERM: "xterm" }, term, { isTTY: true, columns: 0 }), "0 columns: no width to cut the line to");
  t.false(animates({ TERM: "xterm", CI: "true" }, term, term));
  t.false(animates({ TERM: "dumb" }, term, term));
  t.false(animates({ TERM: "xterm" }, { isTTY: false }, term), "stdout piped: the output is being captured");
});
