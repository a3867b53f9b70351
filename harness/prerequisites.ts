/**
 * Prerequisites the engine's mocks never check but a real account enforces, checked over the
 * registrations of a run (`tessera plan` and the tests report them with the engine's refusals):
 *
 * - GCP: every resource depends on the `gcp.projects.Service` enabling the API it calls (a fresh
 *   project refuses it with SERVICE_DISABLED); a service identity depends on the API it names.
 *   The API of each type comes from `core/gcp-apis.ts`, so a resource of a module the table does
 *   not know is reported too.
 * - OCI: every resource of a type in `core/oci-policies.ts` depends on an IAM policy holding the
 *   statement the OCI service needs (a value unknown in preview counts as holding it).
 */
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { OCI_POLICY_TYPE, OCI_PREREQUISITES } from "../core/oci-policies";
import { GCP_SERVICE_IDENTITY_TYPE, GCP_SERVICE_TYPE, gcpApiOfType } from "../core/gcp-apis";
import type { Registration } from "./monitor";

/** An input of a registration; dots for nested inputs (`sourceDetails.kmsKeyId`). */
const inputOf = (r: Registration, key: string): unknown =>
  key.split(".").reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), r.struct.toJavaScript());

/** Every missing prerequisite, one sentence each naming the resource. */
export function prerequisiteProblems(registrations: readonly Registration[]): string[] {
  const enabling = new Map<string, unknown>(registrations.filter((r) => r.type === GCP_SERVICE_TYPE).map((r) => [r.urn, inputOf(r, "service")]));
  const problems: string[] = [];
  for (const r of registrations) {
    if (!r.custom || !r.type.startsWith("gcp:") || r.type === GCP_SERVICE_TYPE) continue;
    const named = inputOf(r, "service");
    const api = r.type === GCP_SERVICE_IDENTITY_TYPE && typeof named === "string" ? named : gcpApiOfType(r.type);
    if (api === undefined) {
      problems.push(`${r.type} ${r.name}: its API is not in core/gcp-apis.ts, so nothing enables it in a fresh project`);
    } else if (!r.dependencies.some((d) => enabling.get(d) === api)) {
      problems.push(`${r.type} ${r.name}: calls ${api} but does not depend on the ${GCP_SERVICE_TYPE} enabling it (a fresh project refuses it: SERVICE_DISABLED)`);
    }
  }
  problems.push(...ociProblems(registrations));
  return problems;
}

function ociProblems(registrations: readonly Registration[]): string[] {
  const statements = new Map<string, unknown[]>();
  for (const r of registrations) {
    if (r.type !== OCI_POLICY_TYPE) continue;
    const value = inputOf(r, "statements");
    statements.set(r.urn, Array.isArray(value) ? value : [value]);
  }
  const problems: string[] = [];
  for (const r of registrations) {
    for (const p of OCI_PREREQUISITES[r.type] ?? []) {
      if (p.when !== undefined && inputOf(r, p.when) === undefined) continue;
      const held = r.dependencies.some((d) => statements.get(d)?.some((s) => s === unknownValue || (typeof s === "string" && p.needs.test(s))));
      if (!held) problems.push(`${r.type} ${r.name}: ${p.why}, but it depends on no ${OCI_POLICY_TYPE} with a statement matching ${p.needs} (OCI denies the service until one allows it)`);
    }
  }
  return problems;
}
