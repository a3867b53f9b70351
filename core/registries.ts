/**
 * Which container registries each cloud's function service pulls from. Pure data and checks:
 * placement uses them to avoid a cloud the stack has no usable image for, the component to
 * validate its `image` argument.
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

/** Why `image` cannot run as a function on `cloud`, or undefined when it can. */
export function imageProblem(cloud: Cloud, image: string | undefined): string | undefined {
  const rule = FUNCTION_REGISTRIES[cloud];
  if (image === undefined || image === "") return `no image for ${cloud}; it needs ${rule.needs}`;
  return rule.pattern.test(image) ? undefined : `"${image}" cannot run on ${cloud}; it needs ${rule.needs}`;
}

/** An image for every cloud, or images per cloud with a fallback. */
export type ImageChoice = string | Readonly<Partial<Record<Cloud | "default", string>>>;

/** The image a stack gives for `cloud`. */
export function imageFor(choice: ImageChoice, cloud: Cloud): string | undefined {
  return typeof choice === "string" ? choice : (choice[cloud] ?? choice.default);
}
