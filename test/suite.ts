/**
 * The component tests and the policy tests each share one ava process (every provider SDK loads
 * once instead of once per file): each module takes its `test` from {@link suite}, which prefixes
 * its titles (ava wants them unique per process), and sets up with `test.serial.before`, because
 * the mock harness is process-wide and two set-ups must not run at once.
 */
import ava, { type TestFn } from "ava";

/** Modifiers whose calls take a title (`test.serial(…)`, `test.serial.before(…)`). */
const CHAINS = new Set<PropertyKey>(["serial", "only", "skip", "failing", "before", "after", "beforeEach", "afterEach", "always"]);

type Callable = (...args: unknown[]) => unknown;

/** ava's `test`, with `<prefix> › ` before every title. */
export function suite(prefix: string): TestFn {
  const handler: ProxyHandler<Callable> = {
    apply(target, thisArg, args: unknown[]) {
      const [title, ...rest] = args;
      return Reflect.apply(target, thisArg, typeof title === "string" ? [`${prefix} › ${title}`, ...rest] : args);
    },
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === "function" && CHAINS.has(key) ? new Proxy(value as Callable, handler) : value;
    },
  };
  return new Proxy(ava as unknown as Callable, handler) as unknown as TestFn;
}
