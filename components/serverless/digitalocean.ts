/**
 * Function on DigitalOcean: an App Platform app with one service from the container image
 * (App Platform functions components deploy only from Git, so tessera runs the image as a
 * service). Public apps expose the HTTP port; private ones only an internal port. App Platform
 * has no workload identity.
 */
import * as pulumi from "@pulumi/pulumi";
import { App } from "@pulumi/digitalocean/app";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { isSensitiveName } from "../../core/sensitive";
import { appPlatformSize } from "../../core/skus";
import { type FunctionArgs, type FunctionOutputs, functionSettings } from "./contract";


/** An image reference in App Platform terms (Docker Hub, DOCR or GHCR). */
export function appImage(ref: string): { registryType: string; registry?: string; repository: string; tag: string } {
  const [path, tag = "latest"] = ref.split(/:(?=[^/]*$)/);
  const parts = path!.split("/");
  if (parts[0] === "registry.digitalocean.com") return { registryType: "DOCR", repository: parts.slice(2).join("/"), tag };
  if (parts[0] === "ghcr.io") return { registryType: "GHCR", registry: parts[1]!, repository: parts.slice(2).join("/"), tag };
  const hub = parts[0] === "docker.io" ? parts.slice(1) : parts;
  if (hub.length === 1) return { registryType: "DOCKER_HUB", registry: "library", repository: hub[0]!, tag };
  if (hub.length === 2 && !hub[0]!.includes(".")) return { registryType: "DOCKER_HUB", registry: hub[0]!, repository: hub[1]!, tag };
  throw new pulumi.InputPropertyError({ propertyPath: "image", reason: `image: DigitalOcean App Platform pulls from Docker Hub, DOCR or GHCR; got "${ref}"` });
}

export const digitalocean: Impl<"digitalocean", FunctionArgs, FunctionOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = functionSettings(args);
  const image = appImage(args.image);
  const app = new App(
    name,
    {
      spec: {
        name: physicalName("digitalocean", "app", [target.stack, name]),
        // App Platform regions are the datacenter slugs without the number (ams3 → ams).
        region: target.region.replace(/\d+$/, ""),
        services: [
          {
            name: "main",
            image,
            instanceCount: 1,
            instanceSizeSlug: appPlatformSize(s.memoryMb),
            ...(s.public ? { httpPort: s.port } : { internalPorts: [s.port] }),
            // Secret-looking names are stored encrypted (type SECRET) and never shown in the app spec.
            envs: Object.entries(s.environment).map(([key, value]) => ({ key, value, scope: "RUN_TIME", type: isSensitiveName(key) || s.secretEnvironment.has(key) ? "SECRET" : "GENERAL" })),
          },
        ],
      },
    },
    childOpts(parent, target),
  );
  return { url: s.public ? app.liveUrl : pulumi.output(""), identity: pulumi.output(""), resourceId: app.id };
};
