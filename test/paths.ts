/**
 * Where the test fixtures are (no imports beyond node:path, so any test can take them cheaply).
 */
import { join } from "node:path";

/** The repository root. */
export const ROOT = join(__dirname, "..");

/** The test copies of the example stacks (with their locks) and the non-compliant fixture. */
export const FIXTURE_STACKS = join(__dirname, "fixtures", "stacks");

/** The example stacks copied into {@link FIXTURE_STACKS}; tests never read the repository's `stacks/`. */
export const EXAMPLES = ["eu-gdpr", "ml-dr-us", "platform-eu", "shop-dr-eu", "us-budget"] as const;
