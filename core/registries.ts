/**
 * Which container registries each cloud's function service pulls from, and whether the image must
 * be in the function's own region. Pure data and checks: placement uses them to avoid a cloud or
 * region the stack has no usable image for, the component (and the program) to validate `image`.
 */
import type { Cloud } from "./cloud";

/** Per cloud: the image references its function service accepts, and how to say so. */
export const FUNCTION_REGISTRIES: Readonly<Record<Cloud, { readonly pattern: RegExp; readonly needs: string }>> = {
  // Lambda container images come from Amazon ECR only.
  aws: { pattern: /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/\S+$/, needs: "an Amazon ECR image (<account>.dkr.ecr.<region>.amazonaws.com/...)" },
  azure: { pattern: /^\S+$/, needs: "a container image reference" },
  gcp: { pattern: /^\S+$/, needs: "a container image reference" },
  // App Platform pulls from Docker Hub, DOCR and GHCR.
  digitalocean: {
    pattern: /^(registry\.digitalocean\.com\/[^/\s]+\/\S+|ghcr\.io\/[^/\s]+\/\S+|(docker\.io\/)?[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)?(:[\w.-]+)?)$/,
    needs: "a Docker Hub, DOCR (registry.digitalocean.com/...) or GHCR (ghcr.io/...) image",
  },
  // OCI Functions pull from OCIR only.
  oci: { pattern: /^[a-z0-9-]+\.ocir\.io\/\S+$/, needs: "an OCIR image (<region-key>.ocir.io/...)" },
};

/** Whether a cloud's function service pulls its image only from a registry in its own region. */
export interface ImageRegionRule {
  /** The function service and the registry it pulls from, in their own words. */
  readonly service: string;
  readonly registry: string;
  /** The image's region, read from its registry host; undefined when the host does not say. */
  readonly regionOf?: (image: string) => string | undefined;
  readonly source: string;
  /** When the source was read (YYYY-MM-DD). */
  readonly checked: string;
}

/**
 * OCIR region keys in registry hosts (`<key>.ocir.io`) and the regions they name. Only keys read
 * from Oracle's docs; a host with another key is not checked (OCIR also accepts
 * `<region-identifier>.ocir.io`, read directly).
 * Source: https://docs.oracle.com/en-us/iaas/tools/typescript/2.89.1/modules/_identity_lib_model_region_.region.html
 * (key PHX = us-phoenix-1) and https://docs.oracle.com/en-us/iaas/Content/General/Concepts/regions.htm
 * (IAD = us-ashburn-1, FRA = eu-frankfurt-1), 2026-11-30.
 */
export const OCIR_REGION_KEYS: Readonly<Record<string, string>> = { iad: "us-ashburn-1", phx: "us-phoenix-1", fra: "eu-frankfurt-1" };

/** Per cloud: the same-region rule, or undefined where the service pulls from any region. */
export const IMAGE_REGION_RULES: Readonly<Record<Cloud, ImageRegionRule | undefined>> = {
  aws: {
    service: "Lambda",
    registry: "Amazon ECR",
    regionOf: (image) => /^\d{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\//.exec(image)?.[1],
    // "The Amazon ECR repository must be in the same AWS Region as the Lambda function."
    source: "https://docs.aws.amazon.com/lambda/latest/dg/images-create.html",
    checked: "2026-11-30",
  },
  // Container Apps pulls from any registry it can reach (ACR in any region, Docker Hub, ...): no region rule.
  azure: undefined,
  // Cloud Run imports the image at deploy time from Artifact Registry (any location) or Docker Hub / GHCR:
  // https://cloud.google.com/run/docs/deploying ("Supported container registries and images"), 2026-11-30.
  gcp: undefined,
  // App Platform pulls from Docker Hub, DOCR and GHCR, none of them regional.
  digitalocean: undefined,
  oci: {
    service: "OCI Functions",
    registry: "OCI Container Registry",
    regionOf: (image) => {
      const host = /^([a-z0-9-]+)\.ocir\.io\//.exec(image)?.[1];
      return host === undefined ? undefined : (OCIR_REGION_KEYS[host] ?? (/^[a-z]+-[a-z]+-\d+$/.test(host) ? host : undefined));
    },
    // "Repository: The repository in OCI Container Registry in the current region that contains the image."
    source: "https://docs.oracle.com/en-us/iaas/Content/Functions/Tasks/functionscreatingfunction-task.htm",
    checked: "2026-11-30",
  },
};

/** The region `image` is stored in, when its cloud's function service cares and the host says. */
export const imageRegion = (cloud: Cloud, image: string): string | undefined => IMAGE_REGION_RULES[cloud]?.regionOf?.(image);

/**
 * Why `image` cannot run as a function on `cloud` (in `region`, when given), or undefined when it
 * can: a registry the service does not pull from, or one in another region where the service
 * pulls only from its own region ({@link IMAGE_REGION_RULES}).
 */
export function imageProblem(cloud: Cloud, image: string | undefined, region?: string): string | undefined {
  const rule = FUNCTION_REGISTRIES[cloud];
  if (image === undefined || image === "") return `no image for ${cloud}; it needs ${rule.needs}`;
  if (!rule.pattern.test(image)) return `"${image}" cannot run on ${cloud}; it needs ${rule.needs}`;
  const regional = IMAGE_REGION_RULES[cloud];
  const at = imageRegion(cloud, image);
  if (region !== undefined && regional && at !== undefined && at !== region) {
    return `"${image}" is in ${regional.registry} ${at}; ${regional.service} in ${region} pulls only from its own region (${regional.source}); push or replicate the image to ${region}`;
  }
  return undefined;
}

/**
 * An image for every cloud, or images per cloud with a fallback. A cloud's entry may list one
 * image per region (a replicated repository, e.g. ECR cross-region replication): each site
 * takes the one in its region.
 */
export type ImageChoice = string | Readonly<Partial<Record<Cloud | "default", string | readonly string[]>>>;

/** The image a stack gives for `cloud` (in `region`: the listed image stored there, else the first). */
export function imageFor(choice: ImageChoice, cloud: Cloud, region?: string): string | undefined {
  const entry = typeof choice === "string" ? choice : (choice[cloud] ?? choice.default);
  if (entry === undefined || typeof entry === "string") return entry;
  return (region !== undefined ? entry.find((image) => imageRegion(cloud, image) === region) : undefined) ?? entry[0];
}
