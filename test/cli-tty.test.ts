/**
 * Every command in a real pseudo-terminal, as a person types it: stdout and stderr are a
 * terminal, so colours, the table borders and the progress spinner are on. Each command must
 * print what it should and exit by itself (a spinner that never stops keeps the process alive:
 * the plan once printed everything and then spun until Ctrl-C). Pipes, as in the other CLI tests
 * and CI, never show that.
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
  /** The same without colour and cursor codes, lines joined with \n. */
  readonly text: string;
}

/** Runs `tessera <args>` in a 120×40 pseudo-terminal; rejects if it has not exited after {@link HANG_MS}. */
function tty(...args: string[]): Promise<TtyResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "CI") env[k] = v;
  env.TERM = "xterm-256color";
  const term = spawn(process.execPath, [join(ROOT, "bin", "tessera.js"), ...args], { name: "xterm-256color", cols: 120, rows: 40, cwd: ROOT, env });
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
      // What stays on screen: the spinner's frames (cursor hidden … shown) are erased by it.
      const text = screen
        .replace(/\x1b\[\?25l[^]*?\x1b\[\?25h/g, "")
        .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")
        .replace(/\r\n/g, "\n");
      resolve({ code: exitCode, screen, text });
    });
  });
}

test.serial("plan: prints the plan, stops the spinner (cursor shown again) and exits 0", async (t) => {
  const r = await tty("plan", "--stack", "eu-gdpr", "--stacks-dir", FIXTURE_STACKS);
  t.is(r.code, 0, r.text);
  // The spinner ran on the terminal and was stopped: cursor hidden, then shown again.
  const hidden = r.screen.indexOf("\x1b[?25l");
  t.true(hidden >= 0 && r.screen.indexOf("\x1b[?25h", hidden) > hidden, "spinner started and stopped");
  t.true(r.text.includes("tessera plan — stack eu-gdpr\nPlacement: azure swedencentral (Sweden Central) — 56.87 USD/month*\n"), r.text);
  // The plan, then its warnings (stderr: the README's stdout/stderr split holds on a terminal too).
  t.true(r.text.includes("✔ deployable\ntessera: warning: azure compute prices are "), r.text.slice(-600));
  t.true(r.text.endsWith("\ntessera: warning: some figures are estimates (marked *): the catalog has no exact row for them\n"), r.text.slice(-600));
});

test.serial("place and replan: the report, then exit 0", async (t) => {
  const place = await tty("place", "--stack", "eu-gdpr", "--stacks-dir", FIXTURE_STACKS);
  t.is(place.code, 0, place.text);
  t.true(place.text.startsWith("Placement: azure swedencentral (Sweden Central) — 56.87 USD/month (* includes estimates)\n"), place.text.slice(0, 300));
  const replan = await tty("replan", "--stack", "us-budget", "--stacks-dir", FIXTURE_STACKS);
  t.deepEqual([replan.code, replan.text], [0, "The lock (digitalocean nyc3) is already today's best placement; nothing to move.\n"]);
});

test.serial("--help lists the user commands (not the maintainers' docs); --version prints the version", async (t) => {
  const help = await tty("--help");
  t.is(help.code, 0);
  t.deepEqual(
    help.text.split("\n").filter((l) => /^  (place|replan|plan|check|docs|help)\b/.test(l)).map((l) => l.trim().split(" ")[0]),
    ["place", "replan", "plan", "check", "help"],
  );
  const version = await tty("--version");
  t.deepEqual([version.code, version.text], [0, "0.1.0\n"]);
});

test.serial("docs (maintainers): checks the generated files and exits 0", async (t) => {
  const docs = await tty("docs");
  t.deepEqual([docs.code, docs.text], [0, ""]);
});

test.serial("errors: one line and exit 2 for an unknown stack or flag; exit 1 and the reason when nothing is feasible", async (t) => {
  const unknown = await tty("plan", "--stack", "nope", "--stacks-dir", FIXTURE_STACKS);
  t.is(unknown.code, 2);
  t.regex(unknown.text, /^tessera: unknown stack "nope": no .*Pulumi\.nope\.yaml\. Stacks: eu-gdpr, ml-dr-us, noncompliant, optout, platform-eu, shop-dr-eu, us-budget\n$/);
  const flag = await tty("place", "--frobnicate");
  t.is(flag.code, 2);
  t.regex(flag.text, /^error: unknown option '--frobnicate'\n/);
  const none = await tty("place", "--requirements", join(__dirname, "fixtures", "infeasible.yaml"));
  t.is(none.code, 1);
  t.regex(none.text, /^tessera: no feasible placement among 192 candidates\.\nThe constraint that excluded the most: budget \(192 of 192\), e\.g\. /);
});

test.serial("failover: promotes in a terminal (the note, then the result), exits 0; a bad invocation is one line and exit 2", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-tty-failover-"));
  for (const f of ["Pulumi.shop-dr-eu.yaml", "shop-dr-eu.placement.lock.json"]) copyFileSync(join(FIXTURE_STACKS, f), join(dir, f));
  const promote = await tty("failover", "--stack", "shop-dr-eu", "--promote", "--stacks-dir", dir);
  t.deepEqual([promote.code, promote.text], [
    0,
    `tessera: wrote tessera:failover {"active":"standby","promoteOption":"forced"} to ${join(dir, "Pulumi.shop-dr-eu.yaml")}; review with \`tessera plan --stack shop-dr-eu --diff <previous plan.json>\`, then run \`pulumi up\`\nshop-dr-eu: the standby serves (promotion)\n`,
  ]);
  t.true(readFileSync(join(dir, "Pulumi.shop-dr-eu.yaml"), "utf8").endsWith("  tessera:failover:\n    active: standby\n    promoteOption: forced\n"));
  const bad = await tty("failover", "--stack", "shop-dr-eu", "--stacks-dir", dir);
  t.deepEqual([bad.code, bad.text], [2, "tessera: tessera failover: which site serves? allowed values: --promote (the standby), --fail-back (the primary)\n"]);
});

test("the spinner only animates on a terminal with a width, outside CI, not on TERM=dumb", (t) => {
  const term = { isTTY: true, columns: 120 };
  t.true(animates({ TERM: "xterm" }, term, term));
  t.false(animates({ TERM: "xterm" }, term, { isTTY: true, columns: 0 }), "0 columns: nanospinner's line count would be Infinity");
  t.false(animates({ TERM: "xterm", CI: "true" }, term, term));
  t.false(animates({ TERM: "dumb" }, term, term));
  t.false(animates({ TERM: "xterm" }, { isTTY: false }, term), "stdout piped: nanospinner would print a line per frame");
});
