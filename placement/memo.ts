/**
 * Answers that never change for one catalog, remembered per catalog: placement asks the same
 * price questions once per service and candidate region, thousands of times for a large stack
 * (issue 17). Each answer is shared, so callers treat it as read-only.
 */
import type { Catalog } from "./catalog";

/**
 * `compute` remembered per (catalog, a, b, c); `undefined` answers are remembered too. Three key
 * parts in nested maps, not one joined string, and `compute` a plain function, not a closure per
 * call: a lookup allocates nothing (placement runs millions of them; a key string built per call
 * was most of a lookup's cost, and garbage).
 */
export function perCatalog<V, A extends string = string, B extends string = string, C extends string = string>(
  compute: (catalog: Catalog, a: A, b: B, c: C) => V,
): (catalog: Catalog, a: A, b: B, c: C) => V {
  const answers = new WeakMap<Catalog, Map<A, Map<B, Map<C, V | typeof NONE>>>>();
  // The catalog asked last: one process places against one catalog.
  let last: Catalog | undefined;
  let lastByA: Map<A, Map<B, Map<C, V | typeof NONE>>> | undefined;
  return (catalog, a, b, c) => {
    let byA = catalog === last ? lastByA : answers.get(catalog);
    if (!byA) answers.set(catalog, (byA = new Map()));
    last = catalog;
    lastByA = byA;
    let byB = byA.get(a);
    if (!byB) byA.set(a, (byB = new Map()));
    let byC = byB.get(b);
    if (!byC) byB.set(b, (byC = new Map()));
    const known = byC.get(c);
    if (known !== undefined) return (known === NONE ? undefined : known) as V;
    const answer = compute(catalog, a, b, c);
    byC.set(c, answer === undefined ? NONE : answer);
    return answer;
  };
}

/** A remembered `undefined`: one map lookup tells a known answer from a new question. */
const NONE: unique symbol = Symbol("none");
