/**
 * Test helpers: targets on every cloud, registration lookups, and plain views of recorded inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { CLOUDS, type Cloud } from "../core/cloud";
import { loadRegionFacts } from "../core/facts";
import type { Target } from "../components/target";
import type { Harness, Registration } from "../harness";
import type { Verdict } from "../harness/policy";
import { createTarget } from "../program/targets";
import { loadCatalog } from "../placement/catalog";
import { parseRequirements } from "../placement/requirements";

/** One region per cloud used by component tests. */
export const REGIONS = { aws: "eu-west-1", azure: "westeurope", gcp: "europe-west1", digitalocean: "ams3", oci: "eu-frankfurt-1" } as const satisfies Record<Cloud, string>;

/** Account context used by component tests. */
export const ACCOUNTS = { gcp: { project: "acme-test-123" }, oci: { compartmentId: "ocid1.compartment.oc1..test" } };

/** Builds a target in one (cloud, region) (call inside a harness run; one per pair). */
export function targetIn(cloud: Cloud, region: string, stack = "dev"): Target {
  const catalog = loadCatalog();
  const requirements = parseRequirements({ services: { x: { kind: "secrets" } }, residency: { jurisdictions: ["EU"] }, dataClassification: "confidential" }, catalog);
  return createTarget({ stack, requirements, accounts: ACCOUNTS, facts: loadRegionFacts(catalog.dir) }, cloud, region);
}

/** Builds a target per cloud (call inside a harness run). */
export function targets(stack = "dev"): Record<Cloud, Target> {
  const catalog = loadCatalog();
  const requirements = parseRequirements({ services: { x: { kind: "secrets" } }, residency: { jurisdictions: ["EU"] }, dataClassification: "confidential" }, catalog);
  const ctx = { stack, requirements, accounts: ACCOUNTS, facts: loadRegionFacts(catalog.dir) };
  return Object.fromEntries(CLOUDS.map((cloud) => [cloud, createTarget(ctx, cloud, REGIONS[cloud])])) as Record<Cloud, Target>;
}


/** Marks a secret value in {@link plain} output. */
export interface SecretValue {
  readonly secret: unknown;
}

/** Recorded inputs with secrets shown as `{ secret: value }` (unknowns stay the sentinel string). */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[specialSigKey] === specialSecretSig) return { secret: plain(obj.value) };
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** A registration's inputs as plain data. */
export const inputs = (r: Registration): Record<string, unknown> => plain(r.struct.toJavaScript()) as Record<string, unknown>;

/** The registration with this type and name. */
export function find(h: Harness, type: string, name: string): Registration {
  const r = h.registrations.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} named ${name}; registered: ${h.registrations.map((x) => `${x.type}::${x.name}`).join(", ")}`);
  return r;
}

/** `[type, name]` of every direct child of `parent`, sorted. */
export function children(h: Harness, parent: Registration): Array<[string, string]> {
  return h.registrations
    .filter((r) => r.parent === parent.urn)
    .map((r): [string, string] => [r.type, r.name])
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

/** The logical name of the provider a registration got (`aws-eu-west-1`), or "" for none. */
export function providerOf(r: Registration): string {
  if (!r.provider) return "";
  const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
  return urn.split("::").pop() ?? "";
}

/** Resolves an Output in tests. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** True when an Output is marked secret. */
export function isSecret(output: pulumi.Output<unknown>): Promise<boolean> {
  return pulumi.isSecret(output);
}

/** Verdicts in a stable order for exact comparison. */
export function sorted(vs: readonly Verdict[]): Verdict[] {
  return [...vs].sort((a, b) => a.urn.localeCompare(b.urn) || a.policy.localeCompare(b.policy) || a.message.localeCompare(b.message));
}

/** The tessera stamps a child carries for a service placed by {@link targets}. */
export function stampsFor(cloud: Cloud, service: string, stack = "dev"): Record<string, string> {
  return {
    "tessera-stack": stack,
    "tessera-service": service,
    "tessera-placement": `${cloud}_${REGIONS[cloud]}`,
    "tessera-data-class": "confidential",
    "tessera-residency": "eu",
  };
}

/** Collects errors thrown by component constructors, by key. */
export function errorCatcher(): { errors: Record<string, unknown>; attempt(key: string, build: () => unknown): void } {
  const errors: Record<string, unknown> = {};
  return {
    errors,
    attempt(key, build) {
      try {
        build();
      } catch (e) {
        errors[key] = e;
      }
    },
  };
}

/** `[propertyPath, message]` of an InputPropertyError, or the error's description if it is not one. */
export function propertyError(e: unknown): [string, string] {
  return pulumi.InputPropertyError.isInstance(e) ? [e.propertyPath, e.message] : ["(not an InputPropertyError)", String(e)];
}

export { EXAMPLES, FIXTURE_STACKS } from "./paths";
