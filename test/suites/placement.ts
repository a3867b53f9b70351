/**
 * `npm test` runs the test files listed under "placement" in groups.json in this one process
 * (test/ava.config.mjs): none loads a Pulumi SDK, and a process per file cost more than their
 * tests (Node and tsx start, the catalog read again). Each file still runs alone with
 * `npx ava test/<name>.test.ts`. Titles must be unique across the group (ava says which is not).
 */
import { join } from "node:path";
import groups from "./groups.json";

for (const name of groups.placement) require(join(__dirname, "..", `${name}.test.ts`));
