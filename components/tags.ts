/**
 * The one tags/labels helper. Every child tessera creates carries:
 *
 * | key | value |
 * |---|---|
 * | `tessera-stack` | stack name |
 * | `tessera-service` | the component's logical name (the service in the stack's requirements) |
 * | `tessera-placement` | `<cloud>_<region>` (underscore: the one separator every cloud's label charset allows) |
 * | `tessera-data-class` | public, internal, confidential or restricted |
 * | `tessera-residency` | allowed jurisdictions/countries, lowercase, `_`-joined, or `any` |
 *
 * Policies read these (residency, required tags), so their spelling is part of the contract.
 * Each cloud gets them in its own shape: a map (AWS, Azure, OCI freeform tags), sanitized labels
 * (GCP), or `key:value` strings (DigitalOcean tags have no values).
 */
import { TAG_KEYS } from "../core/tags";
import type { Target } from "./target";

/** User labels, merged under the tessera keys (which win). */
export type Labels = Readonly<Record<string, string>>;

/** The canonical key/value map for one service's children. */
export function stamps(target: Target, service: string, labels: Labels = {}): Record<string, string> {
  return {
    ...labels,
    [TAG_KEYS.stack]: target.stack,
    [TAG_KEYS.service]: service,
    [TAG_KEYS.placement]: `${target.cloud}_${target.region}`,
    [TAG_KEYS.dataClass]: target.dataClassification,
    [TAG_KEYS.residency]: target.residency.length > 0 ? target.residency.join("_") : "any",
  };
}

/** AWS, Azure and OCI freeform tags: the map as is. */
export const tags = stamps;

const gcpValue = (s: string) => s.toLowerCase().replace(/[^a-z0-9_-]/g, "_").slice(0, 63);

/** GCP labels: lowercase `[a-z0-9_-]`, at most 63 characters, keys start with a letter. */
export function gcpLabels(target: Target, service: string, labels: Labels = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(stamps(target, service, labels))) {
    const key = gcpValue(k).replace(/^[^a-z]+/, "");
    if (key) out[key] = gcpValue(v);
  }
  return out;
}

/** DigitalOcean tags: `key:value` strings of letters, digits, `:`, `-` and `_`. */
export function doTags(target: Target, service: string, labels: Labels = {}): string[] {
  return Object.entries(stamps(target, service, labels)).map(([k, v]) => `${k}:${v}`.replace(/[^A-Za-z0-9:_-]/g, "_").slice(0, 255));
}
