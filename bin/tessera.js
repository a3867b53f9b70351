#!/usr/bin/env node
// The `tessera` command. Runs the bundled CLI (dist/tessera.js, built by `npm ci` / `npm run
// build`) when it is newer than every source file; otherwise the TypeScript sources through
// tsx, so an edit is never run stale. The bundle starts about a second faster.
"use strict";
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");

// Refuse an unsupported Node up front with one clear line: @pulumi/pulumi needs Node 22+, and the
// project supports the LTS in .node-version (package.json engines); older ones fail deep inside the SDK.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 24 || (major === 24 && minor < 11)) {
  const message =
    `tessera needs Node >=24.11 (package.json engines; the tested version is in .node-version), ` +
    `this is Node ${process.version}. See "Quick start" in README.md for how to install it.`;
  // --json keeps its promise even here: the error document on stdout (docs/plan-schema.json).
  if (process.argv.includes("--json")) {
    process.stdout.write(JSON.stringify({ schemaVersion: 1, error: { exitCode: 2, kind: "usage", message, problems: [] } }, null, 2) + "\n");
  } else {
    process.stderr.write(`error: ${message}\n`);
  }
  process.exit(2);
}
// Node's on-disk code cache (keyed by each file's content, so an edit is never run stale): a
// second run skips compiling the bundle and the Pulumi SDKs, about a fifth of a plan's start-up.
// NODE_COMPILE_CACHE chooses the folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
require("node:module").enableCompileCache?.();
// A reader that stops early (`tessera plan --stack x | head`) closes the pipe: stop quietly, as a
// command killed by SIGPIPE does, instead of an unhandled EPIPE stack trace. Other errors still throw.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
}
const bundle = join(root, "dist", "tessera.js");
const SOURCES = ["cli", "core", "components", "placement", "policies", "program", "harness"];

/** Newest modification time of the TypeScript sources (policies/dist excluded). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "dist" && entry.name !== "node_modules") newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith(".ts")) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= Math.max(...SOURCES.map((d) => newestSource(join(root, d))));
if (fresh) {
  require(bundle).main();
} else {
  require("tsx/cjs");
  require("../cli/tessera.ts").main();
}
