/**
 * Answers that never change for one catalog, remembered per catalog: placement asks the same
 * price questions once per service and candidate region, thousands of times for a large stack
 * (issue 17). Each answer is shared, so callers treat it as read-only.
 */
import type { Catalog } from "./catalog";

/**
 * A remembered `compute()` per (catalog, a, b, c); `undefined` answers are remembered too. Three
 * key parts in nested maps, not one joined string: a lookup allocates nothing and hashes strings
 * V8 already hashed (a string built per call was most of a lookup's cost).
 */
export function perCatalog<V>(): (catalog: Catalog, a: string, b: string, c: string, compute: () => V) => V {
  const answers = new WeakMap<Catalog, Map<string, Map<string, Map<string, V | typeof NONE>>>>();
  return (catalog, a, b, c, compute) => {
    let byA = answers.get(catalog);
    if (!byA) answers.set(catalog, (byA = new Map()));
    let byB = byA.get(a);
    if (!byB) byA.set(a, (byB = new Map()));
    let byC = byB.get(b);
    if (!byC) byB.set(b, (byC = new Map()));
    const known = byC.get(c);
    if (known !== undefined) return (known === NONE ? undefined : known) as V;
    const answer = compute();
    byC.set(c, answer === undefined ? NONE : answer);
    return answer;
  };
}

/** A remembered `undefined`: one map lookup tells a known answer from a new question. */
const NONE: unique symbol = Symbol("none");
