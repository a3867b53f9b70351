/**
 * What a stack states in its own file, for rules that judge the stack against its requirements
 * (the budget, an audit-trail opt-out). The pack runs in the stack's working tree, so the file is
 * `stacks/Pulumi.<stack>.yaml` unless a rule's `stacksDir` setting names another folder.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../placement/catalog";
import { readStackFile } from "../program/stackfile";

/** The raw `tessera:requirements` of a stack, or undefined when the stack has no file or states none. */
export function stackRequirements(stacksDir: string, stack: string): Record<string, unknown> | undefined {
  const dir = stacksDir || join(repoRoot(), "stacks");
  if (!existsSync(join(dir, `Pulumi.${stack}.yaml`))) return undefined;
  const raw = readStackFile(dir, stack)["tessera:requirements"];
  if (raw === undefined) return undefined;
  const value: unknown = JSON.parse(raw);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The stack's audit opt-out reason (`audit: { trail: false, reason }`), or undefined when the trail is on. */
export function auditOptOut(stacksDir: string, stack: string): string | undefined {
  const audit = stackRequirements(stacksDir, stack)?.audit as { trail?: unknown; reason?: unknown } | undefined;
  return audit?.trail === false ? (typeof audit.reason === "string" ? audit.reason : "(no reason stated)") : undefined;
}

/** The stack's `budget.monthlyUsd`, or undefined. */
export function stackBudgetUsd(stacksDir: string, stack: string): number | undefined {
  const value = (stackRequirements(stacksDir, stack)?.budget as { monthlyUsd?: unknown } | undefined)?.monthlyUsd;
  return typeof value === "number" ? value : undefined;
}
