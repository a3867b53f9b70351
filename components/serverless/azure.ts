/**
 * Function on Azure: a Container Apps environment and a container app with a system-assigned
 * identity, HTTPS-only ingress (external only when public), scaling from zero to ten replicas.
 * Environment variables with secret-looking names (`DB_PASSWORD`) become Container Apps secrets
 * the container reads by reference, so they never sit in the app's plain configuration.
 */
import { ContainerApp } from "@pulumi/azure-native/app/containerApp";
import { ManagedEnvironment } from "@pulumi/azure-native/app/managedEnvironment";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { isSensitiveName } from "../../core/sensitive";
import { tags } from "../tags";
import { type FunctionArgs, type FunctionOutputs, functionSettings } from "./contract";

/** Container Apps' CPU/memory pairs, smallest first. */
const SIZES = [
  { mb: 512, cpu: 0.25, memory: "0.5Gi" },
  { mb: 1024, cpu: 0.5, memory: "1Gi" },
  { mb: 2048, cpu: 1, memory: "2Gi" },
  { mb: 3072, cpu: 1.5, memory: "3Gi" },
];

export const azure: Impl<"azure", FunctionArgs, FunctionOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = functionSettings(args);
  const opts = childOpts(parent, target);
  const t = tags(target, name, args.labels);
  const size = SIZES.find((x) => x.mb >= s.memoryMb) ?? SIZES[SIZES.length - 1]!;
  const env = Object.entries(s.environment);
  // Container Apps secret names: lowercase letters, digits and '-'.
  const secretName = (key: string) => key.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  const secret = (key: string) => isSensitiveName(key) || s.secretEnvironment.has(key);
  const secrets = env.filter(([key]) => secret(key)).map(([key, value]) => ({ name: secretName(key), value }));
  const environment = new ManagedEnvironment(name, { resourceGroupName: target.resourceGroupName, location: target.region, environmentName: physicalName("azure", "containerAppsEnvironment", [target.stack, name]), tags: t }, opts);
  const app = new ContainerApp(
    name,
    {
      resourceGroupName: target.resourceGroupName,
      location: target.region,
      containerAppName: physicalName("azure", "containerApp", [target.stack, name]),
      managedEnvironmentId: environment.id,
      identity: { type: "SystemAssigned" },
      configuration: { ingress: { external: s.public, targetPort: s.port, transport: "auto", allowInsecure: false }, ...(secrets.length > 0 ? { secrets } : {}) },
      template: {
        containers: [{ name: "main", image: args.image, resources: { cpu: size.cpu, memory: size.memory }, env: env.map(([key, value]) => (secret(key) ? { name: key, secretRef: secretName(key) } : { name: key, value })) }],
        scale: { minReplicas: 0, maxReplicas: 10 },
      },
      tags: t,
    },
    opts,
  );
  return {
    url: app.configuration.apply((c) => (c?.ingress?.fqdn ? `https://${c.ingress.fqdn}` : "")),
    identity: app.identity.apply((i) => i?.principalId ?? ""),
    resourceId: app.id,
  };
};
