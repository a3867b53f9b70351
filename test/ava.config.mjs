// `npm test`'s ava configuration: package.json's, with the groups of test/suites/groups.json each
// in one process (test/suites/<group>.ts) and every other test file in its own, and Node's
// compile cache for the workers and the CLI processes they start (node_modules/.cache). The
// workers collect garbage on their own thread: on two shared cores the parallel collector's
// helper threads cost more CPU than they save (measured: about 15% of a worker's CPU).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("..", import.meta.url);
const base = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).ava;
const groups = JSON.parse(readFileSync(new URL("test/suites/groups.json", root), "utf8"));
const grouped = Object.values(groups).flat();

export default {
  ...base,
  nodeArguments: [...base.nodeArguments, "--single-threaded-gc"],
  files: [...base.files, ...grouped.map((name) => `!test/${name}.test.ts`), ...Object.keys(groups).map((group) => `test/suites/${group}.ts`)],
  environmentVariables: { ...base.environmentVariables, NODE_COMPILE_CACHE: fileURLToPath(new URL("node_modules/.cache/node-compile-cache", root)) },
};
