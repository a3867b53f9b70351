/**
 * Secret values in the requirements: serverless environment values set with
 * `pulumi config set --path --secret 'tessera:requirements.services.<name>.environment.<VAR>'`
 * (`secure:` in the stack file). They reach the components as Pulumi secrets, so the engine
 * stores them encrypted, and the components put them in the cloud's secret mechanism where it
 * has one (Azure Container Apps secrets, App Platform SECRET variables).
 *
 * The Pulumi CLI decrypts config before the program runs and marks secret keys only as a whole
 * (`PULUMI_CONFIG_SECRET_KEYS` names `tessera:requirements`, not the path inside it), so which
 * values are secret comes from the stack file's `secure:` paths; when the file does not say (the
 * config came from elsewhere, or the whole key is secret), every environment value of a secret
 * `tessera:requirements` is treated as a secret. Offline (`tessera plan`, no passphrase) a value
 * is still `{ secure: <ciphertext> }`: it becomes a secret holding {@link OFFLINE_SECRET}, a
 * stand-in (an unknown value would turn the whole enclosing input — e.g. a container app's
 * `configuration` — unknown, hiding it from the policy checks).
 */
import * as pulumi from "@pulumi/pulumi";
import { isSecureValue, type SecureValue } from "./stackfile";

/** What an encrypted value stands in for offline: never a real value, and always a Pulumi secret. */
export const OFFLINE_SECRET = "[secret: decrypted by pulumi at deploy time]";

/** Decides whether the value at a requirements path (`services.api.environment.TOKEN`) is a secret. */
export type IsSecret = (path: string) => boolean;

/** No secrets. */
export const NO_SECRETS: IsSecret = () => false;

/**
 * Which requirement values are secret, from the stack file's `secure:` paths and whether the CLI
 * marked `tessera:requirements` secret.
 */
export function secretPaths(securePaths: readonly string[], keyIsSecret: boolean): IsSecret {
  const prefix = "tessera:requirements.";
  const inside = new Set(securePaths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)));
  const everything = (keyIsSecret || securePaths.includes("tessera:requirements")) && inside.size === 0;
  return (path) => everything || inside.has(path);
}

/** One service's environment as component inputs, and the names holding secrets. */
export function environmentInputs(
  service: string,
  environment: Readonly<Record<string, string | SecureValue>>,
  isSecret: IsSecret,
): { values: Record<string, pulumi.Input<string>>; secretNames: string[] } {
  const values: Record<string, pulumi.Input<string>> = {};
  const secretNames: string[] = [];
  for (const [name, value] of Object.entries(environment)) {
    if (isSecureValue(value)) {
      // Offline: the ciphertext is not the value; the value is a secret the plan cannot know.
      values[name] = pulumi.secret(OFFLINE_SECRET);
      secretNames.push(name);
    } else if (isSecret(`services.${service}.environment.${name}`)) {
      values[name] = pulumi.secret(value);
      secretNames.push(name);
    } else {
      values[name] = value;
    }
  }
  return { values, secretNames };
}
