/**
 * Answers that never change for one catalog, remembered per catalog: placement asks the same
 * price questions once per service and candidate region, thousands of times for a large stack
 * (issue 17). Each answer is shared, so callers treat it as read-only.
 */
import type { Catalog } from "./catalog";

/** A remembered `compute()` per (catalog, key); `undefined` answers are remembered too. */
export function perCatalog<V>(): (catalog: Catalog, key: string, compute: () => V) => V {
  const answers = new WeakMap<Catalog, Map<string, V>>();
  return (catalog, key, compute) => {
    let byKey = answers.get(catalog);
    if (!byKey) answers.set(catalog, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key) as V;
    const answer = compute();
    byKey.set(key, answer);
    return answer;
  };
}
