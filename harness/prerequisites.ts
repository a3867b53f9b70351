/**
 * Prerequisites the engine's mocks never check but a real account enforces, checked over the
 * registrations of a run (`tessera plan` and the tests report them with the engine's refusals):
 *
 * - GCP: every resource depends on the `gcp.projects.Service` enabling the API it calls (a fresh
 *   project refuses it with SERVICE_DISABLED); a service identity depends on the API it names.
 *   The API of each type comes from `core/gcp-apis.ts`, so a resource of a module the table does
 *   not know is reported too.
 * - GCP customer-managed keys: a resource encrypting with a Cloud KMS key depends on a key grant
 *   (roles/cloudkms.cryptoKeyEncrypterDecrypter on that key) to the agent of its service; a grant
 *   naming an agent that exists only once asked for (Secret Manager, Cloud SQL) depends on the
 *   `ServiceIdentity` creating it; a Secret Manager key sits in its replica's location (`global`
 *   with automatic replication). From `core/gcp-key-agents.ts`.
 * - OCI: every resource of a type in `core/oci-policies.ts` depends on an IAM policy holding the
 *   statement the OCI service needs (a value unknown in preview counts as holding it).
 */
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { OCI_POLICY_TYPE, OCI_PREREQUISITES } from "../core/oci-policies";
import { GCP_SERVICE_IDENTITY_TYPE, GCP_SERVICE_TYPE, gcpApiOfType } from "../core/gcp-apis";
import { GCP_KEY_CONSUMERS, GCP_KEY_GRANT_TYPE, GCP_KEY_ROLE, type GcpKeyConsumer, isAgentMember, kmsKeyLocation } from "../core/gcp-key-agents";
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
  problems.push(...gcpKeyProblems(registrations));
  problems.push(...ociProblems(registrations));
  return problems;
}

/** Every value at a path; `[]` steps into each element of a list. */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return value === undefined || value === null ? [] : [value];
  const [step, ...rest] = path as [string, ...string[]];
  const many = step.endsWith("[]");
  const next = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[many ? step.slice(0, -2) : step] : undefined;
  if (!many) return valuesAt(next, rest);
  return Array.isArray(next) ? next.flatMap((v) => valuesAt(v, rest)) : [];
}

/** A value the engine will know only after create (preview) matches anything. */
const matches = (value: unknown, expected: (v: string) => boolean) => value === unknownValue || (typeof value === "string" && expected(value));

function gcpKeyProblems(registrations: readonly Registration[]): string[] {
  const byUrn = new Map(registrations.map((r) => [r.urn, r]));
  const problems: string[] = [];
  for (const r of registrations) {
    const consumer = GCP_KEY_CONSUMERS[r.type];
    if (!consumer || !r.custom) continue;
    const inputs = r.struct.toJavaScript();
    const keys = [...new Set(consumer.keyPaths.flatMap((p) => valuesAt(inputs, p.split("."))))];
    for (const key of keys) {
      const grants = r.dependencies
        .map((d) => byUrn.get(d))
        .filter((g): g is Registration => g?.type === GCP_KEY_GRANT_TYPE)
        .filter((g) => inputOf(g, "role") === GCP_KEY_ROLE && matches(inputOf(g, "cryptoKeyId"), (k) => k === key) && matches(inputOf(g, "member"), (m) => isAgentMember(consumer, m)));
      const shown = typeof key === "string" && key !== unknownValue ? key : "(unknown until apply)";
      if (grants.length === 0) {
        problems.push(
          `${r.type} ${r.name}: encrypts with Cloud KMS key ${shown}, but depends on no ${GCP_KEY_GRANT_TYPE} granting ${GCP_KEY_ROLE} on it to the ${consumer.service} service agent (${consumer.agent}); the create fails with "Permission denied on Cloud KMS key"`,
        );
      }
      for (const g of grants) problems.push(...identityProblems(g, consumer, byUrn));
    }
    if (r.type === "gcp:secretmanager/secret:Secret") problems.push(...secretKeyLocations(r, inputs));
  }
  return problems;
}

/** A grant naming an agent that exists only once asked for must wait for the ServiceIdentity creating it. */
function identityProblems(grant: Registration, consumer: GcpKeyConsumer, byUrn: ReadonlyMap<string, Registration>): string[] {
  if (consumer.identity === undefined) return [];
  const deps = [...grant.dependencies, ...(grant.propertyDependencies.member ?? [])];
  const created = deps.some((d) => {
    const dep = byUrn.get(d);
    return dep?.type === GCP_SERVICE_IDENTITY_TYPE && inputOf(dep, "service") === consumer.identity;
  });
  return created
    ? []
    : [
        `${GCP_KEY_GRANT_TYPE} ${grant.name}: names the ${consumer.service} service agent, which a fresh project does not have until a ${GCP_SERVICE_IDENTITY_TYPE} for ${consumer.identity} creates it, and depends on none (the grant fails: "Service account … does not exist")`,
      ];
}

/** Secret Manager keeps a user-managed replica's key in the replica's location, an automatic secret's in `global`. */
function secretKeyLocations(r: Registration, inputs: unknown): string[] {
  const replication = (inputs as { replication?: { auto?: { customerManagedEncryption?: { kmsKeyName?: unknown } }; userManaged?: { replicas?: unknown } } }).replication;
  const wanted: Array<[unknown, string]> = [];
  const replicas = replication?.userManaged?.replicas;
  for (const replica of Array.isArray(replicas) ? (replicas as Array<{ location?: unknown; customerManagedEncryption?: { kmsKeyName?: unknown } }>) : []) {
    if (typeof replica.location === "string") wanted.push([replica.customerManagedEncryption?.kmsKeyName, replica.location]);
  }
  wanted.push([replication?.auto?.customerManagedEncryption?.kmsKeyName, "global"]);
  return wanted.flatMap(([key, location]) => {
    if (typeof key !== "string" || key === unknownValue) return [];
    const at = kmsKeyLocation(key);
    return at === location ? [] : [`${r.type} ${r.name}: the ${location} replica's key ${key} is ${at === undefined ? "not a Cloud KMS key name (projects/*/locations/*/keyRings/*/cryptoKeys/*)" : `in ${at}`}; Secret Manager needs the key in the replica's location (global with automatic replication)`];
  });
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
