/**
 * What stack rules read from a resource: its labels, where it runs (cloud and region), the stack
 * it belongs to — without tripping over values that are unknown during a preview.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { Cloud } from "../core/cloud";
import { CLOUDS, cloudOfType } from "../core/cloud";
import { TAG_KEYS } from "../core/tags";
import type { Props } from "./rule";
import { type Labels, TAGGABLE } from "./taggable";

/** `@pulumi/policy`'s error for a value that is unknown during preview (not in its typings). */
const { UnknownValueError } = require("@pulumi/policy/proxy") as { UnknownValueError: new (...args: never[]) => Error };

/** Reads a value, or undefined when it is unknown during preview. Other errors propagate. */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof UnknownValueError) return undefined;
    throw e;
  }
}

const taggable = new Map(TAGGABLE.map((e) => [e.type, e]));

/** A resource's labels (empty for types without labels, or while they are unknown). */
export function labelsOf(r: PolicyResource): Labels {
  const e = taggable.get(r.type);
  if (!e) return {};
  return known(() => e.extract(r.props as Props, { name: r.name, type: r.type, providerProps: undefined, protect: r.opts.protect })) ?? {};
}

/** Where a resource runs. */
export interface Site {
  readonly cloud: Cloud;
  /** Provider region id; "" for global resources. */
  readonly region: string;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * Cloud and region of a resource: tessera's `tessera-placement` stamp when present, else the
 * resource's own location (Azure `location`, GCP `region`/`location`/`zone`, DigitalOcean
 * `region`), else its provider's region (AWS, OCI).
 */
export function siteOf(r: PolicyResource): Site | undefined {
  const cloud = cloudOfType(r.type);
  if (!cloud) return undefined;
  const stamp = labelsOf(r)[TAG_KEYS.placement];
  if (stamp) {
    const i = stamp.indexOf("_");
    const stamped = stamp.slice(0, i) as Cloud;
    if (CLOUDS.includes(stamped)) return { cloud: stamped, region: stamp.slice(i + 1) };
  }
  const props = r.props as Props;
  const own = known(() => {
    switch (cloud) {
      case "azure":
        return str(props.location);
      case "gcp":
        return str(props.region) ?? str(props.location) ?? str(props.zone)?.replace(/-[a-z]$/, "");
      case "digitalocean":
        return str(props.region);
      default:
        return undefined;
    }
  });
  const provider = r.provider ? known(() => str((r.provider!.props as Props).region) ?? str((r.provider!.props as Props).location)) : undefined;
  return { cloud, region: own ?? provider ?? "" };
}

/** True when `companion` configures `target` through its input `key` (by dependency, so it also works in preview). */
export function configures(companion: PolicyResource, target: PolicyResource, key: string): boolean {
  return (companion.propertyDependencies[key] ?? []).some((d) => d.urn === target.urn);
}

/** The stack a resource belongs to, from its URN (`urn:pulumi:<stack>::<project>::…`). */
export const stackOf = (r: PolicyResource): string => r.urn.split("::")[0]?.replace(/^urn:pulumi:/, "") ?? "";

/** Custom cloud resources: not components, not providers, not the stack. */
export const isCloudResource = (r: PolicyResource): boolean => cloudOfType(r.type) !== undefined && !r.type.startsWith("pulumi:");
