/**
 * Shapes of the fake cloud's answers (see fakes/index.ts).
 */
import type { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";

/** Lets fakes read the region of the explicit provider a resource was registered with. */
export interface FakeContext {
  /** Region (or Azure location) of the provider behind a `urn::id` reference; "" if none. */
  regionOf(providerRef: string): string;
}

/** Resource or invoke properties. */
export type Props = Record<string, unknown>;
/** Provider-computed outputs for one resource type (added to the echoed inputs). */
export type OutputFaker = (inputs: Props, args: MockResourceArgs, ctx: FakeContext) => Props;
/** The id a provider would assign. */
export type IdFaker = (inputs: Props, args: MockResourceArgs) => string;
/** A canned invoke result. */
export type InvokeFaker = (inputs: Props, args: MockCallArgs, ctx: FakeContext) => Props;

/** One cloud's fakes. */
export interface CloudFakes {
  readonly outputs: Readonly<Record<string, OutputFaker>>;
  readonly ids?: Readonly<Record<string, IdFaker>>;
  readonly invokes?: Readonly<Record<string, InvokeFaker>>;
}

/** A string input, or a fallback. */
export const str = (v: unknown, fallback: string): string => (typeof v === "string" && v !== "" ? v : fallback);
