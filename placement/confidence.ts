/**
 * How sure a sourced fact is (`confidence` in `compliance.csv`, `prices.csv`,
 * `postgres-prices.csv`; definitions in data/README.md):
 *
 * - `high`: read on the provider's own page or document;
 * - `medium`: a provider document of uncertain or old date, or a localised provider document;
 * - `low`: inferred, or read only in a third party's material (a summary of the provider's page, a
 *   mirror or copy of a report). For compliance.csv the data test holds every `medium`/`high`
 *   row to the first-party allow-list in `placement/first-party.ts`.
 */
export const CONFIDENCE_LEVELS = ["low", "medium", "high"] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** True when `level` is at least `min`. */
export const atLeast = (level: Confidence, min: Confidence): boolean => CONFIDENCE_LEVELS.indexOf(level) >= CONFIDENCE_LEVELS.indexOf(min);
