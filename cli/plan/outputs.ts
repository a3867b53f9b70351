/**
 * The check CrossGuard cannot make: stack outputs that hold secrets (passwords, kubeconfigs,
 * private keys) must be Pulumi secrets. `@pulumi/policy` unwraps secrets before a rule sees them;
 * the plan reads the program's outputs as the engine receives them, secret markers included.
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { isSensitiveName } from "../../core/sensitive";

/** Output names that hold secrets even without a secret-looking word (`kubeconfig`). */
const SECRET_OUTPUTS = /^(kubeconfig|kubeConfig|privateKey|privateKeyPem|privateKeyOpenssh|connectionString)$/;

const isSecretValue = (v: unknown) => v !== null && typeof v === "object" && (v as Record<string, unknown>)[specialSigKey] === specialSecretSig;

/** `adminPassword` → `admin_Password`, so camelCase names split like env vars. */
const words = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, "$1_$2");

/** Paths of stack outputs with secret-looking names whose values are not secret. */
export function plainSecretOutputs(outputs: Record<string, unknown> | undefined): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (isSecretValue(value) || value === null || typeof value !== "object") return;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const at = path ? `${path}.${key}` : key;
      const sensitive = isSensitiveName(words(key)) || SECRET_OUTPUTS.test(key);
      if (sensitive && !isSecretValue(v) && typeof v === "string" && v !== "") found.push(at);
      else walk(v, at);
    }
  };
  walk(outputs, "");
  return found.sort();
}
