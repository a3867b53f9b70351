/**
 * Defers two of the Pulumi SDK's heaviest dependencies until they are used. Importing
 * `@pulumi/pulumi` loads TypeScript (through `runtime/closure/parseFunction`, for serializing
 * functions) and npm's Arborist (through `runtime/closure/codePaths`, for packaging a function's
 * dependencies) — about 40% of the SDK's import time — although an offline plan or a test never
 * serializes a function. Each is replaced, before the SDK loads, by a module whose first property
 * access loads the real one and answers from it from then on, so a process that does serialize a
 * function gets the real module (the harness test checks `pulumi.runtime.serializeFunction`).
 *
 * Loaded first by the CLI (cli/tessera.ts) and by the test workers (package.json `ava.require`);
 * never by the program under a real `pulumi up`, which loads the SDK as it is.
 */
import Module from "node:module";

/** The packages deferred, resolved from the SDK's own location (as its `require` resolves them). */
const DEFERRED = ["typescript", "@npmcli/arborist"] as const;

const states = new Map<string, () => "deferred" | "loaded">();

/** Whether a deferred package is still deferred or was loaded by a use; undefined when not deferred. */
export const deferredState = (id: (typeof DEFERRED)[number]): "deferred" | "loaded" | undefined => states.get(id)?.();

function defer(id: string): void {
  const from = Module.createRequire(require.resolve("@pulumi/pulumi/package.json"));
  let path: string;
  try {
    path = from.resolve(id);
  } catch {
    return; // not installed: the SDK falls back to its vendored copy, as without this module
  }
  if (require.cache[path]) return;
  let real: Record<PropertyKey, unknown> | undefined;
  const load = (): Record<PropertyKey, unknown> => {
    if (real === undefined) {
      delete require.cache[path];
      real = from(path) as Record<PropertyKey, unknown>;
    }
    return real;
  };
  // Questions a loader asks of every module answered without loading: `__esModule` (so the
  // SDK's `__importStar` keeps this object as is) and tsx's `module.exports` (neither package has one).
  const early = (key: PropertyKey) => real === undefined && (key === "__esModule" || key === "module.exports");
  const exports = new Proxy({} as Record<PropertyKey, unknown>, {
    get: (_, key) => (early(key) ? (key === "__esModule" ? true : undefined) : load()[key]),
    has: (_, key) => (early(key) ? key === "__esModule" : key in load()),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      if (early(key)) return key === "__esModule" ? { value: true, writable: false, enumerable: false, configurable: true } : undefined;
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d ? { ...d, configurable: true } : undefined;
    },
    set: (_, key, value) => Reflect.set(load(), key, value),
  });
  states.set(id, () => (real === undefined ? "deferred" : "loaded"));
  const stub = new Module(path);
  stub.filename = path;
  stub.loaded = true;
  stub.exports = exports;
  require.cache[path] = stub;
}

if (process.env.TESSERA_EAGER_SDK === undefined) for (const id of DEFERRED) defer(id);
