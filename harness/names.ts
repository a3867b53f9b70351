/**
 * The physical-name check: every registered resource's named inputs ({@link NAME_FIELDS})
 * against their cloud's rule. The providers would refuse a bad name at `pulumi up`; the harness
 * refuses it at registration, so it fails the tests and `tessera plan` with the resource, field,
 * value and rule. Unknown values (computed in preview) are checked when they are known.
 */
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { NAME_FIELDS } from "../core/name-fields";
import { checkName, describeRule, findRule } from "../core/naming";

/** What Pulumi's auto-naming appends: `-` and 7 hex digits. */
const AUTO_NAME_SUFFIX = "-0a1b2c3";

function at(inputs: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), inputs);
}

/** The name problems of one resource, one message each (empty when every name obeys its rule). */
export function nameProblems(type: string, name: string, inputs: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const field of NAME_FIELDS[type] ?? []) {
    const raw = at(inputs, field.path);
    const value = raw === undefined && field.autoName ? `${name}${AUTO_NAME_SUFFIX}` : raw;
    if (typeof value !== "string" || value === unknownValue) continue;
    const rule = findRule(field.cloud, field.kind);
    if (!rule) throw new Error(`core/name-fields.ts: no ${field.cloud} name rule "${field.kind}"`);
    const problem = checkName(rule, value);
    if (problem !== undefined) {
      const what = raw === undefined ? `auto-name of ${field.path} (about "${value}")` : `${field.path} "${value}"`;
      problems.push(`${type} "${name}": ${what} ${problem}; the cloud would refuse it — ${describeRule(rule)}`);
    }
  }
  return problems;
}
