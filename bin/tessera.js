#!/usr/bin/env node
// The `tessera` command: registers tsx's CommonJS loader and runs the TypeScript CLI.
require("tsx/cjs");
require("../cli/tessera.ts");
