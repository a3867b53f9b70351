/**
 * How sure a sourced fact is (`confidence` in `compliance.csv`, `prices.csv`,
 * `postgres-prices.csv`; definitions in data/README.md):
 *
 * - `high`: read on the provider's own page or document (or a verbatim copy of it);
 * - `medium`: a provider document of uncertain or old date, a localised provider document, or a
 *   reliable secondary summary that records what it read on the provider's page and when;
 * - `low`: inferred, or read only in a third party's material.
 */
export const CONFIDENCE_LEVELS = ["low", "medium", "high"] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** True when `level` is at least `min`. */
export const atLeast = (level: Confidence, min: Confidence): boolean => CONFIDENCE_LEVELS.indexOf(level) >= CONFIDENCE_LEVELS.indexOf(min);
