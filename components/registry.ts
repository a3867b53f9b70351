/**
 * The per-cloud implementation registry every component dispatches through, and the options
 * every child gets.
 *
 * A component declares `const IMPLS = { aws: () => (require("./aws") as typeof import("./aws")).aws,
 * … } satisfies Registry<Args, Outputs>`: a missing cloud is a compile error, and each
 * implementation sees the target type of its own cloud. Each cloud's file loads on first use (a
 * `require` inside its loader, which esbuild's bundle keeps lazy too), so a plan loads only the
 * placed clouds' implementations and provider modules: importing all five eagerly cost a
 * single-cloud plan about 180 provider modules (README, "Measurements").
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../core/cloud";
import type { Target, TargetOf } from "./target";

/** One cloud's implementation: creates the children under `parent` and returns the outputs. */
export type Impl<C extends Cloud, A extends { readonly target: Target }, O> = (
  name: string,
  args: A & { readonly target: TargetOf<C> },
  parent: pulumi.ComponentResource,
) => O;

/** One implementation per cloud, each behind its loader. */
export type Registry<A extends { readonly target: Target }, O> = { readonly [C in Cloud]: () => Impl<C, A, O> };

/** Runs the implementation for `args.target.cloud`. */
export function build<A extends { readonly target: Target }, O>(registry: Registry<A, O>, name: string, args: A, parent: pulumi.ComponentResource): O {
  // Sound: the registry holds, for the target's cloud, the implementation typed for that cloud.
  const impl = registry[args.target.cloud]() as unknown as Impl<Cloud, A, O>;
  return impl(name, args, parent);
}

/** Options for a child: parented to the component, on the placement's explicit provider. */
export function childOpts(parent: pulumi.Resource, target: Target, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
  return { ...extra, parent, provider: target.provider };
}

/**
 * Options for a stateful child (bucket, database, volume, cluster): `protect`ed unless the caller
 * opted out, so no upgrade or placement change deletes data silently.
 */
export function statefulOpts(parent: pulumi.Resource, target: Target, protect: boolean | undefined, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
  return childOpts(parent, target, { ...extra, protect: protect ?? true });
}
