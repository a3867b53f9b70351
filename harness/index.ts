/**
 * The engine-faithful mock harness: installs Pulumi mocks backed by {@link StrictMonitor}, runs a
 * program inside a real root Stack resource (as `pulumi up`/`preview` do), and hands back every
 * registration and invoke. Used by the tests and by `tessera plan`.
 *
 * Preview semantics (`preview: true`): the fake cloud returns no ids and no computed outputs, so
 * they stay unknown exactly as in `pulumi preview`. Update semantics fill them from
 * {@link FAKE_OUTPUTS}.
 */
import * as pulumi from "@pulumi/pulumi";
import type { MockCallArgs, MockResourceArgs, Mocks } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { type FakeContext, FAKE_IDS, FAKE_INVOKES, FAKE_OUTPUTS } from "./fakes/index";
import { type Registration, StrictMonitor } from "./monitor";
import { prerequisiteProblems } from "./prerequisites";

export { engineUrn, type Registration, ROOT_STACK_TYPE } from "./monitor";

/** How to set up the fake engine. */
export interface HarnessOptions {
  readonly project?: string;
  readonly stack?: string;
  /** Preview semantics (unknown computed outputs). @default false */
  readonly preview?: boolean;
  /** Stack config, keys `<namespace>:<key>`, values as the CLI passes them (strings; objects as JSON). */
  readonly config?: Readonly<Record<string, string>>;
  /** Config keys holding a secret, as the CLI passes them (PULUMI_CONFIG_SECRET_KEYS). @default [] */
  readonly secretKeys?: readonly string[];
}

/** One message the program logged (`pulumi.log.*`), as the engine receives it. */
export interface LogRecord {
  readonly severity: "debug" | "info" | "warning" | "error";
  readonly message: string;
}

/** One invoke the program made. */
export interface InvokeRecord {
  readonly token: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** A running fake engine. */
export interface Harness {
  readonly project: string;
  readonly stack: string;
  readonly preview: boolean;
  readonly registrations: readonly Registration[];
  readonly invokes: readonly InvokeRecord[];
  /** Registrations the engine would refuse (duplicate URN, unknown parent), physical names the cloud would refuse (harness/names.ts) and missing cloud prerequisites (harness/prerequisites.ts). */
  readonly errors: readonly string[];
  /**
   * What the program logged. The engine receives these as diagnostics; without the harness's
   * engine the SDK would print them to stdout, into a `--json` document.
   */
  readonly logs: readonly LogRecord[];
  /** Runs `program` as the stack's program; resolves to what it returned once all RPCs settle. */
  run(program: () => unknown): Promise<Record<string, unknown>>;
  /** Waits until every outstanding registration has been answered. */
  settle(): Promise<void>;
}

// Both are @internal in @pulumi/pulumi's typings (pinned version): the RPC queue drain the SDK
// itself uses at shutdown, and the store that holds the monitor.
const internals = {
  waitForRPCs: (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs,
  store: () => (require("@pulumi/pulumi/runtime/state") as { getStore(): { settings: { monitor: unknown } } }).getStore(),
};

const PROVIDER_PREFIX = "pulumi:providers:";

const SEVERITIES = ["debug", "info", "warning", "error"] as const;

/**
 * Routes `pulumi.log.*` to `sink` the way the engine's Log RPC receives them. `@pulumi/pulumi/log`
 * looks the engine up through the settings module's exported `getEngine` on every call; the
 * SDK's own engine calls use the module-local function, so only logging is redirected.
 */
function captureLogs(sink: LogRecord[]): void {
  type LogRequest = { getSeverity(): number; getMessage(): string };
  const engine = {
    log(req: LogRequest, done: () => void) {
      sink.push({ severity: SEVERITIES[req.getSeverity()] ?? "info", message: req.getMessage() });
      done();
    },
  };
  (require("@pulumi/pulumi/runtime/settings") as { getEngine: () => unknown }).getEngine = () => engine;
}

/**
 * The SDK stamps every resource and invoke promise with `new Error().stack` for its leak report,
 * but prints those stacks only under `PULUMI_DEBUG_PROMISE_LEAKS`. Formatting a stack (through
 * source maps under tsx) was a third of the harness's CPU time, so unless that variable is set the
 * stamp is taken with an empty stack. The leak check itself (and its exit code) is unchanged.
 * `debuggablePromise` is @internal; the SDK's modules call it through the module object, so
 * replacing the export reaches every call.
 */
function cheapPromiseStamps(): void {
  type Debuggable = { debugPromiseLeaks: boolean; debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>; tesseraCheap?: true };
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as Debuggable;
  if (debuggable.debugPromiseLeaks || debuggable.tesseraCheap) return;
  const stamp = debuggable.debuggablePromise;
  debuggable.debuggablePromise = <T>(p: Promise<T>, ctx: unknown): Promise<T> => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return stamp(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  debuggable.tesseraCheap = true;
}

/**
 * Installs the harness. One per process: Pulumi's runtime state is global, and ava runs each test
 * file in its own process.
 */
export async function installHarness(options: HarnessOptions = {}): Promise<Harness> {
  const project = options.project ?? "tessera";
  const stack = options.stack ?? "dev";
  const preview = options.preview ?? false;
  const invokes: InvokeRecord[] = [];
  const logs: LogRecord[] = [];
  let monitor: StrictMonitor | undefined;

  const ctx: FakeContext = {
    regionOf(ref) {
      const urn = ref.slice(0, ref.lastIndexOf("::"));
      const provider = monitor?.registrations.find((r) => r.urn === urn);
      const inputs = (provider?.struct.toJavaScript() ?? {}) as Record<string, unknown>;
      const region = inputs.region ?? inputs.location;
      return typeof region === "string" ? region : "";
    },
  };

  const mocks: Mocks = {
    newResource(args: MockResourceArgs) {
      if (!args.custom) return { id: undefined, state: {} };
      const fake = args.type.startsWith(PROVIDER_PREFIX) ? undefined : FAKE_OUTPUTS[args.type];
      if (preview) return { id: undefined, state: args.inputs };
      const id = FAKE_IDS[args.type]?.(args.inputs, args) ?? `${args.name}-id`;
      return { id, state: { ...args.inputs, ...(fake ? fake(args.inputs, args, ctx) : {}) } };
    },
    call(args: MockCallArgs) {
      const fake = FAKE_INVOKES[args.token];
      if (!fake) throw new Error(`unexpected invoke ${args.token}: add a canned result to harness/fakes.ts`);
      invokes.push({ token: args.token, inputs: args.inputs });
      return fake(args.inputs, args, ctx);
    },
  };

  cheapPromiseStamps();
  await pulumi.runtime.setMocks(mocks, project, stack, preview);
  monitor = new StrictMonitor(mocks);
  internals.store().settings.monitor = monitor;
  pulumi.runtime.setAllConfig({ ...(options.config ?? {}) }, [...(options.secretKeys ?? [])]);
  captureLogs(logs);
  const strict = monitor;

  return {
    project,
    stack,
    preview,
    registrations: strict.registrations,
    invokes,
    errors: strict.errors,
    logs,
    settle: () => internals.waitForRPCs(),
    async run(program) {
      // A program error is caught inside the stack and rethrown once the RPCs drain, so it
      // surfaces here once, the way the engine reports a failed program, instead of as a burst
      // of rejections from the SDK's stack machinery.
      let failure: { error: unknown } | undefined;
      let result: unknown;
      await pulumi.runtime.runInPulumiStack(async () => {
        try {
          result = await program();
          return result;
        } catch (error) {
          failure = { error };
          return {};
        }
      });
      await internals.waitForRPCs();
      if (failure) throw failure.error;
      // What a real account would refuse although the engine accepts it (missing prerequisites).
      strict.errors.push(...prerequisiteProblems(strict.registrations));
      // The program's own return value: in preview the stack's massaged outputs collapse to
      // unknown as soon as one value is unknown, while callers want the known parts.
      return (result ?? {}) as Record<string, unknown>;
    },
  };
}
