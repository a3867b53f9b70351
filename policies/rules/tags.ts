/**
 * Required tags/labels on every taggable resource: by default the stamps tessera's components
 * put on everything (stack, service, placement, data class), which the residency rule, cost
 * reports and inventory controls read.
 */
import { CONTROLS } from "../frameworks";
import type { ResourceRule } from "../rule";
import { type Labels, TAGGABLE } from "../taggable";

/** Settings of {@link requiredTags}. */
export interface TagsConfig {
  /** Keys every taggable resource must carry (GCP label keys are the same, lowercase). */
  readonly tags: readonly string[];
}

/** tessera's stamps, minus the residency stamp (only set where residency is asked). */
export const DEFAULT_REQUIRED_TAGS = ["tessera-stack", "tessera-service", "tessera-placement", "tessera-data-class"] as const;

export const requiredTags: ResourceRule<Labels, TagsConfig> = {
  kind: "resource",
  id: "required-tags",
  description: "Every taggable resource must carry the required tags/labels (default: tessera-stack, tessera-service, tessera-placement, tessera-data-class).",
  severity: "medium",
  frameworks: CONTROLS.inventory,
  remediation: "Build resources through tessera's components (they stamp these), or add the tags yourself (labels on GCP, freeform tags on OCI, key:value tags on DigitalOcean).",
  defaults: { tags: DEFAULT_REQUIRED_TAGS },
  configSchema: { tags: { type: "array", items: { type: "string" }, description: "Tag keys every taggable resource must carry." } },
  extractors: TAGGABLE,
  check: (labels, config) => {
    const missing = config.tags.filter((key) => labels[key] === undefined || labels[key] === "");
    return missing.length > 0 ? [`missing required tags: ${missing.join(", ")}`] : [];
  },
};
