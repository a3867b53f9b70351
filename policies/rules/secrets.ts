/**
 * No secrets in plain configuration: secret-looking environment variables and parameters
 * (`DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN`, …) must come from the cloud's secret mechanism, not
 * sit in a function's or container's plain settings where anyone who can read the resource
 * reads them.
 *
 * Why not "outputs must be secret": `@pulumi/policy` unwraps Pulumi secrets before a rule sees
 * them, so no CrossGuard rule can tell a secret output from a plain one. tessera's components
 * make passwords and kubeconfigs secret themselves (their tests check it), and `tessera plan`
 * checks the program's outputs, where secretness is visible.
 */
import { Lambda, TaskDefinition, Parameter, ContainerApp, App, CloudFunction, CloudRunService, OciFunction } from "../types";
import { isSensitiveName } from "../../core/sensitive";
import { CONTROLS } from "../frameworks";
import { extractor, type ResourceRule } from "../rule";

/** Where a plain secret sits: `environment variable DB_PASSWORD`. */
type Exposed = readonly string[];

const plainKeys = (what: string, keys: readonly string[]) => keys.filter(isSensitiveName).map((k) => `${what} ${k}`);

/** Names of an ECS task definition's plain environment entries (a JSON document). */
function ecsEnvironmentNames(json: string): string[] {
  try {
    const containers = JSON.parse(json) as Array<{ environment?: Array<{ name?: string }> }>;
    return containers.flatMap((c) => (c.environment ?? []).map((e) => e.name ?? ""));
  } catch {
    // Not JSON (an unknown value during preview arrives as a placeholder): nothing to judge.
    return [];
  }
}

export const noPlaintextSecrets: ResourceRule<Exposed> = {
  kind: "resource",
  id: "no-plaintext-secrets",
  description: "Secrets (passwords, tokens, API keys) must not sit in plain configuration such as environment variables or plain parameters.",
  severity: "high",
  frameworks: CONTROLS.secretHandling,
  remediation:
    "Keep the value in the cloud's secret store (tessera's Secrets component) and reference it: Secrets Manager or SSM SecureString, Container Apps secretRef, Cloud Run secretKeyRef, App Platform SECRET variables, OCI Vault; tessera's Function does this on Azure, GCP and DigitalOcean, and is not placed on AWS or OCI with secret environment values.",
  defaults: {},
  extractors: [
    extractor(Lambda, "aws", (p) => plainKeys("environment variable", Object.keys(p.environment?.variables ?? {}))),
    extractor(Parameter, "aws", (p) => (p.type !== "SecureString" && isSensitiveName(p.name ?? "") ? [`parameter ${p.name} (type ${p.type})`] : [])),
    extractor(TaskDefinition, "aws", (p) => plainKeys("environment variable", ecsEnvironmentNames(p.containerDefinitions))),
    extractor(ContainerApp, "azure", (p) =>
      plainKeys("environment variable", (p.template?.containers ?? []).flatMap((c) => (c.env ?? []).filter((e) => e.value !== undefined && e.secretRef === undefined).map((e) => e.name ?? ""))),
    ),
    extractor(CloudRunService, "gcp", (p) =>
      plainKeys("environment variable", (p.template.containers ?? []).flatMap((c) => (c.envs ?? []).filter((e) => e.valueSource === undefined).map((e) => e.name))),
    ),
    extractor(CloudFunction, "gcp", (p) => plainKeys("environment variable", Object.keys(p.serviceConfig?.environmentVariables ?? {}))),
    extractor(App, "digitalocean", (p) =>
      plainKeys(
        "environment variable",
        [...(p.spec?.envs ?? []), ...(p.spec?.services ?? []).flatMap((s) => s.envs ?? []), ...(p.spec?.workers ?? []).flatMap((w) => w.envs ?? []), ...(p.spec?.jobs ?? []).flatMap((j) => j.envs ?? [])]
          .filter((e) => e.type !== "SECRET")
          .map((e) => e.key ?? ""),
      ),
    ),
    extractor(OciFunction, "oci", (p) => plainKeys("configuration key", Object.keys(p.config ?? {}))),
  ],
  check: (exposed) => exposed.map((e) => `secret in plain configuration: ${e}`),
};
