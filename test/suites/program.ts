/**
 * `npm test` runs the test files listed under "program" in groups.json in this one process
 * (test/ava.config.mjs): each loads the Pulumi SDK, the provider SDKs and the program, once here
 * instead of once per file. The mock harness is process-wide, so in these files it is installed
 * only in `test.serial.before` hooks, `test.serial` tests (ava runs every serial test before the
 * concurrent ones) or through test/cli.ts, which runs one CLI at a time. Each file still runs
 * alone with `npx ava test/<name>.test.ts`. Titles must be unique across the group.
 */
import { join } from "node:path";
import groups from "./groups.json";

for (const name of groups.program) require(join(__dirname, "..", `${name}.test.ts`));
