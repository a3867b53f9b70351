/**
 * Reads the stack config once: `tessera:requirements` (validated against the catalog) and
 * `tessera:accounts` (per-cloud account context). This module is the only place the program
 * touches config; everything downstream receives plain values. Any other `tessera:` key is an
 * error (a typo such as `tessera:acounts` would otherwise be silently ignored).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Accounts } from "../core/accounts";
import type { Catalog } from "../placement/catalog";
import { parseRequirements, type Requirements, RequirementsError } from "../placement/requirements";
import { type FailoverSetting, jsonObject, parseAccounts, parseFailover } from "./config-values";
import { type IsSecret, secretPaths } from "./secrets";
import { isSecureValue, readStackFileDetails, unknownTesseraKeys, WHOLE_REQUIREMENTS_SECRET } from "./stackfile";

export { accountsSchema, checkFailoverSites, type FailoverSetting, parseAccounts, parseFailover } from "./config-values";

/** What the program needs from config. */
export interface StackConfig {
  readonly requirements: Requirements;
  readonly accounts: Accounts;
  /** `tessera:failover`: which site serves. */
  readonly failover: FailoverSetting;
  /** Which requirement values are secrets (serverless environment values). */
  readonly isSecret: IsSecret;
}

/**
 * Reads and validates the stack's config.
 *
 * @throws RequirementsError naming every bad field and its allowed values.
 */
export function readStackConfig(catalog: Catalog, stack: string, stacksDir?: string): StackConfig {
  const unknown = unknownTesseraKeys(Object.keys(pulumi.runtime.allConfig()));
  if (unknown.length > 0) throw new RequirementsError(unknown, `config of stack ${stack}`);
  const config = new pulumi.Config("tessera");
  const raw = jsonObject("tessera:requirements", config.get("requirements"));
  if (isSecureValue(raw)) {
    throw new RequirementsError(
      [WHOLE_REQUIREMENTS_SECRET],
      `config of stack ${stack}`,
    );
  }
  if (raw === undefined) {
    throw new RequirementsError(["tessera:requirements: missing; every stack states its requirements (see README, 'Writing a stack')"], `config of stack ${stack}`);
  }
  const requirements = parseRequirements(raw, catalog, `tessera:requirements of stack ${stack}`);
  const isSecret = secretPaths(stackFileSecurePaths(stacksDir, stack), configKeyIsSecret("tessera:requirements"));
  return { requirements, accounts: parseAccounts(config.get("accounts"), stack), failover: parseFailover(config.get("failover"), requirements, stack), isSecret };
}

/** The `secure:` paths of the stack file, when the program can read it (else none). */
function stackFileSecurePaths(stacksDir: string | undefined, stack: string): readonly string[] {
  if (stacksDir === undefined || !existsSync(join(stacksDir, `Pulumi.${stack}.yaml`))) return [];
  try {
    return readStackFileDetails(stacksDir, stack).securePaths;
  } catch {
    // The engine already parsed the config; a file it did not read is no reason to fail here.
    return [];
  }
}

/** Whether the CLI marked a config key secret (PULUMI_CONFIG_SECRET_KEYS); @internal in the SDK's typings. */
function configKeyIsSecret(key: string): boolean {
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (k: string) => boolean };
  return runtimeConfig.isConfigSecret?.(key) ?? false;
}
