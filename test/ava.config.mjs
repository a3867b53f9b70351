// `npm test`'s ava configuration: package.json's, with the groups of test/suites/groups.json each
// in one process (test/suites/<group>.ts) and every other test file in its own, and Node's
// compile cache for the workers and the CLI processes they start (node_modules/.cache). The
// workers collect garbage on their own thread: on two shared cores the parallel collector's
// helper threads cost more CPU than they save (measured: about 15% of a worker's CPU); and with a
// young generation of 16-64 MB (package.json: at most 32) the SDK-loading workers scavenge less
// often (about 12% of the component tests' CPU, measured A/B).
// The pseudo-terminal tests drop CI again for the commands they start (test/cli-tty.test.ts).
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("..", import.meta.url);
const base = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).ava;
const groups = JSON.parse(readFileSync(new URL("test/suites/groups.json", root), "utf8"));
const grouped = Object.values(groups).flat();

// The tests' temporary folders (stack copies, plans, locks) go under one folder per checkout,
// emptied when the next run starts: a run no longer leaves dozens of tessera-* folders in /tmp.
const testTmp = fileURLToPath(new URL("node_modules/.cache/tessera-test-tmp", root));
rmSync(testTmp, { recursive: true, force: true });
mkdirSync(testTmp, { recursive: true });

export default {
  ...base,
  nodeArguments: [...base.nodeArguments.filter((a) => !a.startsWith("--max-semi-space-size=")), "--single-threaded-gc", "--min-semi-space-size=16", "--max-semi-space-size=64"],
  require: ["./test/source-maps.ts", ...base.require],
  files: [...base.files, ...grouped.map((name) => `!test/${name}.test.ts`), ...Object.keys(groups).map((group) => `test/suites/${group}.ts`)],
  // CI=true on every run, as CI has it: picocolors then turns color on for any stream, so a
  // command that colors captured output fails here, not first in CI (replan did, 2026-11-30).
  environmentVariables: { ...base.environmentVariables, CI: "true", NODE_COMPILE_CACHE: fileURLToPath(new URL("node_modules/.cache/node-compile-cache", root)), TMPDIR: testTmp },
};
