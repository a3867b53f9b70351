/**
 * Builds the engine's analyzer requests from captured registrations, the way the engine does
 * (pkg/resource/deploy/step_generator.go): `Analyze` gets each resource's inputs, `AnalyzeStack`
 * gets every resource's outputs with parent and dependencies. Keys starting with `__` are
 * dropped (SkipInternalKeys); unknown and secret sentinels are kept (KeepUnknowns, KeepSecrets).
 */
import {
  AnalyzeRequest,
  AnalyzerPropertyDependencies,
  AnalyzerProviderResource,
  AnalyzerResource,
  AnalyzerResourceOptions,
  AnalyzeStackRequest,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Registration } from "./monitor";

type JsonObject = Record<string, unknown>;

/** Drops engine-internal keys (`__defaults`, …) as the engine's marshalling does. */
function publicKeys(value: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith("__")));
}

const structOf = (value: JsonObject): Struct => Struct.fromJavaScript(publicKeys(value) as Parameters<typeof Struct.fromJavaScript>[0]);

/** Provider config from the stack config, for synthesized default providers (`<pkg>:*` keys). */
export type ProviderConfig = Readonly<Record<string, string>>;

/**
 * What every request of one run shares, built once: registrations by URN, each registration's
 * public inputs as a Struct, and each provider's `AnalyzerProviderResource` (a stack of n
 * resources asked these 3n times; the requests are the same messages either way).
 */
interface Shared {
  readonly byUrn: Map<string, Registration>;
  readonly inputs: Map<Registration, Struct>;
  readonly providers: Map<string, AnalyzerProviderResource>;
}

const sharedBy = new WeakMap<readonly Registration[], Shared>();

function shared(registrations: readonly Registration[]): Shared {
  let s = sharedBy.get(registrations);
  if (!s) sharedBy.set(registrations, (s = { byUrn: new Map(registrations.map((r) => [r.urn, r])), inputs: new Map(), providers: new Map() }));
  return s;
}

/** Lets go of what the run's requests shared (call when the run is over). */
export const releaseRequests = (registrations: readonly Registration[]): boolean => sharedBy.delete(registrations);

/** A registration's inputs without engine-internal keys, as a Struct (once per run). */
function inputsOf(registrations: readonly Registration[], r: Registration): Struct {
  const { inputs } = shared(registrations);
  let struct = inputs.get(r);
  if (!struct) inputs.set(r, (struct = structOf(r.struct.toJavaScript() as JsonObject)));
  return struct;
}

function providerResource(registrations: readonly Registration[], r: Registration, stack: string, project: string, config: ProviderConfig): AnalyzerProviderResource | undefined {
  if (!r.custom || r.type.startsWith("pulumi:providers:")) return undefined;
  const { providers } = shared(registrations);
  // A default provider depends on the run's context (its config), an explicit one on itself.
  const key = r.provider || JSON.stringify([r.type.split(":")[0], stack, project, config]);
  let provider = providers.get(key);
  if (!provider) providers.set(key, (provider = newProviderResource(registrations, r, stack, project, config)));
  return provider;
}

function newProviderResource(registrations: readonly Registration[], r: Registration, stack: string, project: string, config: ProviderConfig): AnalyzerProviderResource {
  const provider = new AnalyzerProviderResource();
  if (r.provider) {
    const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
    const reg = shared(registrations).byUrn.get(urn);
    provider.setUrn(urn);
    provider.setType(reg?.type ?? urn.split("::")[2] ?? "");
    provider.setName(reg?.name ?? urn.split("::")[3] ?? "");
    provider.setProperties(structOf((reg?.struct.toJavaScript() ?? {}) as JsonObject));
    return provider;
  }
  // No explicit provider: the engine uses the package's default provider, configured from `<pkg>:*`.
  const pkg = r.type.split(":")[0] ?? "";
  const props = Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith(`${pkg}:`)).map(([k, v]) => [k.slice(pkg.length + 1), v]));
  provider.setType(`pulumi:providers:${pkg}`);
  provider.setName("default");
  provider.setUrn(`urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::default`);
  provider.setProperties(structOf(props));
  return provider;
}

function options(r: Registration): AnalyzerResourceOptions {
  const o = new AnalyzerResourceOptions();
  o.setProtect(r.protect);
  o.setIgnorechangesList([...r.ignoreChanges]);
  o.setDeletebeforereplace(r.deleteBeforeReplace);
  o.setDeletebeforereplacedefined(r.deleteBeforeReplace);
  o.setAdditionalsecretoutputsList([...r.additionalSecretOutputs]);
  o.setAliasesList([]);
  o.setParent(r.parent);
  return o;
}

/** Context shared by every request of one run. */
export interface RequestContext {
  readonly stack: string;
  readonly project: string;
  readonly config: ProviderConfig;
}

/** The `Analyze` request for one registration (its inputs). */
export function analyzeRequest(registrations: readonly Registration[], r: Registration, ctx: RequestContext, properties?: JsonObject): AnalyzeRequest {
  const req = new AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name);
  req.setUrn(r.urn);
  req.setProperties(properties ? structOf(properties) : inputsOf(registrations, r));
  req.setOptions(options(r));
  const provider = providerResource(registrations, r, ctx.stack, ctx.project, ctx.config);
  if (provider) req.setProvider(provider);
  return req;
}

/** The `AnalyzeStack` request: every resource with its outputs, parent and dependencies. */
export function analyzeStackRequest(registrations: readonly Registration[], ctx: RequestContext): AnalyzeStackRequest {
  const req = new AnalyzeStackRequest();
  req.setResourcesList(
    registrations.map((r) => {
      const res = new AnalyzerResource();
      res.setType(r.type);
      res.setName(r.name);
      res.setUrn(r.urn);
      res.setProperties(structOf(r.outputs ?? {}));
      res.setOptions(options(r));
      res.setParent(r.parent);
      res.setDependenciesList([...r.dependencies]);
      for (const [key, urns] of Object.entries(r.propertyDependencies)) {
        const deps = new AnalyzerPropertyDependencies();
        deps.setUrnsList([...urns]);
        res.getPropertydependenciesMap().set(key, deps);
      }
      const provider = providerResource(registrations, r, ctx.stack, ctx.project, ctx.config);
      if (provider) res.setProvider(provider);
      return res;
    }),
  );
  return req;
}
