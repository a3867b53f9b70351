/**
 * The tessera CrossGuard pack: `pulumi preview --policy-pack policies`.
 *
 * Options come from `tessera-policies.json` next to this file (or the file named by
 * `TESSERA_POLICY_OPTIONS`): frameworks, minimum severity, enforcement per rule, exclusions and
 * rule settings (see policies/README.md). Per-rule enforcement and settings can also be given the
 * standard way, with `--policy-pack-config`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PolicyPack } from "@pulumi/policy";
import { createPolicies, packOptionsSchema, type PackOptions } from "./pack";

function loadOptions(): PackOptions {
  const path = process.env.TESSERA_POLICY_OPTIONS ?? join(process.cwd(), "tessera-policies.json");
  if (!existsSync(path)) return {};
  const parsed = packOptionsSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    throw new Error(`invalid ${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

new PolicyPack("tessera", { policies: createPolicies(loadOptions()) });
