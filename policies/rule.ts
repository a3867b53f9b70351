/**
 * How a tessera rule is written: once, over a cloud-neutral view of the resource.
 *
 * - An {@link Extractor} reads one provider resource type into neutral facts (typed against the
 *   provider's own Args type, so a renamed field is a compile error).
 * - A rule's `check` judges the facts and returns the violation messages.
 * - {@link toPolicy} turns a rule into a `@pulumi/policy` policy: dispatch by resource type,
 *   config defaults, exclusions by name pattern, enforcement and remediation.
 */
import type { Resource, Unwrap } from "@pulumi/pulumi";
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import picomatch from "picomatch";
import type { Cloud } from "../core/cloud";
import { type Controls, FRAMEWORKS, type Severity } from "./frameworks";

/** Provider props as the analyzer hands them over (possibly with unknown-value proxies). */
export type Props = Record<string, unknown>;

/** Facts an extractor may need beyond the props. */
export interface ExtractContext {
  readonly name: string;
  readonly type: string;
  /** Inputs of the resource's provider (region lives there for AWS and OCI). */
  readonly providerProps: Props | undefined;
  /** The resource's Pulumi `protect` option. */
  readonly protect: boolean;
}

/** Reads one provider resource type into neutral facts. */
export interface Extractor<F> {
  readonly type: string;
  readonly cloud: Cloud;
  extract(props: Props, ctx: ExtractContext): F;
}

/** A provider resource class: the type `resourceType` takes (its constructor's `args` type the props). */
export type ResourceClass = abstract new (name: string, args: never, ...rest: never[]) => Resource;

/** The Args of a provider class (`BucketArgs | undefined` for `Bucket`). */
export type ArgsOf<C extends ResourceClass> = C extends abstract new (name: string, args: infer A, ...rest: never[]) => Resource ? A : never;

/**
 * A provider resource type by its type token (`aws:s3/bucket:Bucket`), with its class as a type
 * only: the pack judges props by token and never loads a provider SDK (policies/types.ts).
 */
export interface ResourceType<C extends ResourceClass> {
  readonly token: string;
  /** Never set: carries the class for the type checker. */
  readonly class?: C;
}

/** `resourceType<typeof Bucket>("aws:s3/bucket:Bucket")`: the type of that token, typed as `Bucket`. */
export const resourceType = <C extends ResourceClass>(token: string): ResourceType<C> => ({ token });

/** The type token of a provider resource type (`aws:s3/bucket:Bucket`). */
export const typeOf = (type: ResourceType<ResourceClass>): string => type.token;

/** An extractor for `type`, its function typed against the class's Args. */
export function extractor<C extends ResourceClass, F>(type: ResourceType<C>, cloud: Cloud, fn: (props: Unwrap<NonNullable<ArgsOf<C>>>, ctx: ExtractContext) => F): Extractor<F> {
  return { type: type.token, cloud, extract: (props, ctx) => fn(props as Unwrap<NonNullable<ArgsOf<C>>>, ctx) };
}

/** Metadata every rule carries. */
export interface RuleMeta<C extends object> {
  /** Kebab-case id; also the policy name in `pulumi preview` and in policy config. */
  readonly id: string;
  /** One sentence, user-facing: what `pulumi preview` prints. */
  readonly description: string;
  readonly severity: Severity;
  readonly frameworks: Controls;
  /** How to fix a violation. */
  readonly remediation: string;
  /** @default "mandatory" for high and critical rules, "advisory" otherwise */
  readonly enforcement?: EnforcementLevel;
  /** Rule settings with their defaults (also published as the policy's config schema). */
  readonly defaults: C;
  readonly configSchema?: PolicyConfigSchema["properties"];
}

/** A rule judged per resource. */
export interface ResourceRule<F, C extends object = object> extends RuleMeta<C> {
  readonly kind: "resource";
  readonly extractors: readonly Extractor<F>[];
  /** Violation messages for one resource's facts (empty: compliant). */
  check(facts: F, config: C): string[];
  /** Safe fixes, per type: returns the corrected props. */
  readonly remediate?: Readonly<Record<string, (props: Props) => Props>>;
}

/** A violation a stack rule found. */
export interface StackFinding {
  readonly resource?: PolicyResource;
  readonly message: string;
}

/** A rule judged over the whole stack at the end of a preview or update. */
export interface StackRule<C extends object = object> extends RuleMeta<C> {
  readonly kind: "stack";
  /** The resource types the rule judges (for coverage reports). */
  readonly covers: readonly string[];
  /** Clouds the rule has a judgement for. */
  readonly clouds: readonly Cloud[];
  check(resources: readonly PolicyResource[], config: C): StackFinding[];
}

/** Any rule. */
export type Rule = ResourceRule<never, object> | StackRule<object>;

/** Widens a concretely typed rule into the pack's rule list. */
export const asRule = <F, C extends object>(rule: ResourceRule<F, C> | StackRule<C>): Rule => rule as unknown as Rule;

/** Types a rule covers. */
export function coveredTypes(rule: Rule): string[] {
  return rule.kind === "resource" ? rule.extractors.map((e) => e.type) : [...rule.covers];
}

/** Clouds a rule covers. */
export function coveredClouds(rule: Rule): Cloud[] {
  return rule.kind === "resource" ? [...new Set(rule.extractors.map((e) => e.cloud))] : [...rule.clouds];
}

/** How a data store is encrypted at rest (shared by the storage and data encryption rules). */
export interface AtRest {
  /** False only where encryption was explicitly turned off. */
  readonly encrypted: boolean;
  readonly customerKey: boolean;
  /** Why a customer-managed key cannot be used, where the cloud offers none. */
  readonly noCustomerKeyOption?: string;
}

/** Settings of the encryption rules. */
export interface EncryptionConfig {
  /** Require a customer-managed key (KMS, Key Vault, Cloud KMS, OCI Vault). */
  readonly requireCustomerManagedKey: boolean;
}

/** The encryption verdict: on, and customer-keyed when required. */
export function checkAtRest(facts: AtRest, config: EncryptionConfig): string[] {
  if (!facts.encrypted) return ["encryption at rest is turned off"];
  if (config.requireCustomerManagedKey && !facts.customerKey) {
    return [facts.noCustomerKeyOption ? `a customer-managed key is required, and ${facts.noCustomerKeyOption}` : "a customer-managed key is required; this resource uses provider-managed keys"];
  }
  return [];
}

/** Pack-level choices that shape each policy. */
export interface PolicyOptions {
  /** Enforcement per rule id (wins over the rule's default). */
  readonly enforcement?: Readonly<Record<string, EnforcementLevel>>;
  /** Resource-name glob patterns to skip, per rule id or `*` for every rule. */
  readonly exclude?: Readonly<Record<string, readonly string[]>>;
  /** Settings per rule id, over the rule's defaults (policy config from the engine wins). */
  readonly config?: Readonly<Record<string, object>>;
}

const defaultEnforcement = (rule: RuleMeta<object>): EnforcementLevel => rule.enforcement ?? (rule.severity === "high" || rule.severity === "critical" ? "mandatory" : "advisory");

/** Settings: rule defaults < pack options < engine policy config. */
function settings<C extends object>(rule: RuleMeta<C>, options: PolicyOptions, engine: object): C & { exclude: string[] } {
  const merged = { ...rule.defaults, ...(options.config?.[rule.id] ?? {}), ...engine } as C & { exclude?: unknown; enforcementLevel?: unknown };
  const { enforcementLevel: _level, ...rest } = merged;
  const exclude = Array.isArray(merged.exclude) ? merged.exclude.filter((p): p is string => typeof p === "string") : [];
  return { ...(rest as C), exclude: [...exclude, ...(options.exclude?.["*"] ?? []), ...(options.exclude?.[rule.id] ?? [])] };
}

const excludedBy = (name: string, patterns: readonly string[]) => patterns.find((p) => picomatch.isMatch(name, p));

function common<C extends object>(rule: RuleMeta<C>, options: PolicyOptions) {
  return {
    name: rule.id,
    description: rule.description,
    enforcementLevel: options.enforcement?.[rule.id] ?? defaultEnforcement(rule),
    severity: rule.severity,
    remediationSteps: rule.remediation,
    tags: FRAMEWORKS.filter((f) => rule.frameworks[f]),
    configSchema: {
      properties: {
        ...(rule.configSchema ?? {}),
        exclude: { type: "array" as const, items: { type: "string" as const }, description: "Resource name glob patterns this rule skips." },
      },
    },
  };
}

/** The `@pulumi/policy` policy for a resource rule. */
function resourcePolicy<F, C extends object>(rule: ResourceRule<F, C>, options: PolicyOptions): ResourceValidationPolicy {
  const byType = new Map(rule.extractors.map((e) => [e.type, e]));
  const context = (args: ResourceValidationArgs): ExtractContext => ({ name: args.name, type: args.type, providerProps: args.provider?.props, protect: args.opts.protect });
  const remedies = rule.remediate;
  return {
    ...common(rule, options),
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const extractor = byType.get(args.type);
      if (!extractor) return;
      const config = settings(rule, options, args.getConfig<object>());
      const pattern = excludedBy(args.name, config.exclude);
      if (pattern) args.notApplicable(`excluded by name pattern "${pattern}"`);
      for (const message of rule.check(extractor.extract(args.props, context(args)), config)) report(message);
    },
    ...(remedies
      ? {
          remediateResource: (args: ResourceValidationArgs) => {
            const fix = remedies[args.type];
            if (!fix || excludedBy(args.name, settings(rule, options, args.getConfig<object>()).exclude)) return undefined;
            return fix(args.props);
          },
        }
      : {}),
  };
}

/** The `@pulumi/policy` policy for a stack rule. */
function stackPolicy<C extends object>(rule: StackRule<C>, options: PolicyOptions): StackValidationPolicy {
  return {
    ...common(rule, options),
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const config = settings(rule, options, args.getConfig<object>());
      const judged = args.resources.filter((r) => !excludedBy(r.name, config.exclude));
      for (const finding of rule.check(judged, config)) report(finding.message, finding.resource?.urn);
    },
  };
}

/** Turns a rule into its policy. */
export function toPolicy(rule: Rule, options: PolicyOptions = {}): ResourceValidationPolicy | StackValidationPolicy {
  return rule.kind === "resource" ? resourcePolicy(rule, options) : stackPolicy(rule, options);
}
