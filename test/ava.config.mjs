// `npm test`'s ava configuration: package.json's, with the groups of test/suites/groups.json each
// in one process (test/suites/<group>.ts) and every other test file in its own, and Node's
// compile cache for the workers and the CLI processes they start (node_modules/.cache). The
// workers collect garbage on their own thread: on two shared cores the parallel collector's
// helper threads cost more CPU than they save (measured: about 15% of a worker's CPU); and with a
// young generation of 16-64 MB (package.json: at most 32) the SDK-loading workers scavenge less
// often (about 12% of the component tests' CPU, measured A/B); 64-128 MB cut the policy tests' CPU
// by another 10-15% (measured A/B 2026-11-30, 25.2 s → 20.9-22.5 s: the harness keeps every
// in-flight registration alive while a program runs, so each scavenge copies much that survives).
// The pseudo-terminal tests drop CI again for the commands they start (test/cli-tty.test.ts).
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = new URL("..", import.meta.url);
const base = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).ava;
const groups = JSON.parse(readFileSync(new URL("test/suites/groups.json", root), "utf8"));
const grouped = Object.values(groups).flat();

// The tests' temporary folders (stack copies, plans, locks) go under one folder per checkout,
// emptied when the next run starts: a run no longer leaves dozens of tessera-* folders in /tmp.
// Except tsx's cache of compiled TypeScript (tsx-<uid>, under the temporary folder, keyed by
// content): emptying it made every run compile every test and source file again with esbuild
// (about 1.7 s CPU in the program group alone).
const testTmp = fileURLToPath(new URL("node_modules/.cache/tessera-test-tmp", root));
mkdirSync(testTmp, { recursive: true });
for (const entry of readdirSync(testTmp)) if (!entry.startsWith("tsx-")) rmSync(join(testTmp, entry), { recursive: true, force: true });

export default {
  ...base,
  nodeArguments: [...base.nodeArguments.filter((a) => !a.startsWith("--max-semi-space-size=")), "--single-threaded-gc", "--min-semi-space-size=64", "--max-semi-space-size=128"],
  require: ["./test/source-maps.ts", ...base.require],
  files: [...base.files, ...grouped.map((name) => `!test/${name}.test.ts`), ...Object.keys(groups).map((group) => `test/suites/${group}.ts`)],
  // CI=true on every run, as CI has it: picocolors then turns color on for any stream, so a
  // command that colors captured output fails here, not first in CI (replan did, 2026-11-30).
  environmentVariables: { ...base.environmentVariables, CI: "true", NODE_COMPILE_CACHE: fileURLToPath(new URL("node_modules/.cache/node-compile-cache", root)), TMPDIR: testTmp },
};
