/**
 * One priced line of a service's monthly cost, and how it was priced. Every line names its source
 * (a catalog file and the page it was read from), so a figure can be checked against the bill.
 */

/**
 * How a line's figure was obtained:
 * - `list`: a list price read from a catalog row (possibly with a free tier or bundle applied);
 * - `estimated`: derived from real rows (another region's price scaled by the region's price
 *   index, or an assumption the label states);
 * - `spot`: a spot / preemptible market price — a snapshot of a moving market, dated;
 * - `usage`: billed per use (requests, GB-seconds, TB scanned, per-object fees); 0 at rest, not
 *   provisioned capacity;
 * - `unpriced`: provisioned, always-on capacity the catalog has no price for (`unpriced` says why).
 *   A budget can never be confirmed while such a line exists.
 */
export type PriceBasis = "list" | "estimated" | "spot" | "usage" | "unpriced";

/** One priced line of a service's monthly cost. */
export interface CostLine {
  readonly label: string;
  readonly monthlyUsd: number;
  /** True unless the figure is a list price read from a row (`basis` "list"). */
  readonly estimated: boolean;
  readonly basis: PriceBasis;
  /** Where the figure comes from: catalog file and the page or repository it was read from. */
  readonly source: string;
  /** The date of the price snapshot (spot lines always carry it). */
  readonly priceDate?: string;
  /** Why a provisioned line has no price (basis `unpriced`). */
  readonly unpriced?: string;
  /** The resource that incurs the line when it is not the service's machines (a web tier's load balancer). */
  readonly part?: "load-balancer";
}

/** Rounds to cents; every figure tessera prints is a sum of rounded lines. */
export const cents = (usd: number): number => Math.round(usd * 100) / 100;

/** A priced line. */
export function line(label: string, usd: number, basis: "list" | "estimated" | "spot", source: string, priceDate?: string): CostLine {
  // Two literals, not a spread: this runs for every line of every candidate (issue 17).
  return priceDate !== undefined ? { label, monthlyUsd: cents(usd), estimated: basis !== "list", basis, source, priceDate } : { label, monthlyUsd: cents(usd), estimated: basis !== "list", basis, source };
}

/** A usage-billed line: 0 at rest. */
export const usageLine = (label: string, source = ""): CostLine => ({ label, monthlyUsd: 0, estimated: true, basis: "usage", source });

/** A provisioned, always-on line the catalog cannot price. */
export const unpricedLine = (label: string, why: string, source = ""): CostLine => ({ label: `${label}: not priced (${why})`, monthlyUsd: 0, estimated: true, basis: "unpriced", source, unpriced: why });

/** `1.2345` → `1.2345`, at most four decimals: how unit prices read in labels. */
export const round4 = (n: number): number => Math.round(n * 10000) / 10000;
