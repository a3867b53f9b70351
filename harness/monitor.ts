/**
 * An engine-faithful mock resource monitor.
 *
 * Pulumi's `MockMonitor` differs from the engine in ways that hide real bugs (see
 * docs/testing.md): it keeps only the parent's last type segment in URNs, does not drop the root
 * Stack from them, silently overwrites a duplicate URN and accepts an unknown parent. This monitor
 * fixes all four and records every registration exactly as the engine would receive it (the raw
 * input Struct with unknown and secret sentinels, parent, provider reference, dependencies and
 * options), so the same records can drive a policy pack the way the engine does.
 */
import { MockMonitor, type Mocks } from "@pulumi/pulumi/runtime/mocks";
import { getProject, getStack } from "@pulumi/pulumi/runtime/settings";
import type { RegisterResourceOutputsRequest, RegisterResourceRequest, RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { nameProblems } from "./names";

/** The engine's root stack type; its URN segment is omitted from children's URNs. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** One resource registration as the engine received it. */
export interface Registration {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Parent URN ("" for the root stack). */
  readonly parent: string;
  readonly custom: boolean;
  /** Provider reference `urn::id` ("" for components and default providers). */
  readonly provider: string;
  /** The serialized inputs, sentinels included (what the engine marshals to policy packs). */
  readonly struct: Struct;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly protect: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly ignoreChanges: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  /** Filled when the mock answers: the id (undefined in preview) and output state. */
  id?: string;
  outputs?: Record<string, unknown>;
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, as the engine builds it. */
export function engineUrn(stack: string, project: string, parent: string, type: string, name: string): string {
  let qualified = type;
  if (parent) {
    const parentQualified = parent.split("::")[2] ?? "";
    // The engine prefixes the parent's full qualified type, except the root stack's.
    if (parentQualified !== ROOT_STACK_TYPE) qualified = `${parentQualified}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

type Callback<T> = (err: Error | null, response?: T) => void;

/** MockMonitor with engine URNs, duplicate/parent errors and registration capture. */
export class StrictMonitor extends MockMonitor {
  /** Every registration, in the order the engine would see them. */
  readonly registrations: Registration[] = [];
  /** Registrations the engine would have refused (duplicate URN, unknown parent) and names the cloud would refuse. */
  readonly errors: string[] = [];
  private readonly claimed = new Set<string>();
  /** Registrations by URN (outputs arrive by URN; a scan per component made a plan quadratic). */
  private readonly byUrn = new Map<string, Registration>();

  constructor(mocks: Mocks) {
    super(mocks);
    // MockMonitor.newUrn is private in its typings; replace it with the engine algorithm.
    Object.defineProperty(this, "newUrn", {
      value: (parent: string, type: string, name: string) => engineUrn(getStack(), getProject(), parent, type, name),
    });
  }

  override async registerResource(req: RegisterResourceRequest, callback: Callback<RegisterResourceResponse>): Promise<void> {
    const parent = req.getParent();
    const urn = engineUrn(getStack(), getProject(), parent, req.getType(), req.getName());
    const refusal = parent && !this.claimed.has(parent)
      ? `could not find parent resource ${parent}`
      : // Claimed synchronously: two concurrent registrations of one URN must not both pass.
        this.claimed.has(urn)
        ? `Duplicate resource URN '${urn}'; try giving it a unique name`
        : undefined;
    if (refusal) {
      this.errors.push(refusal);
      callback(new Error(refusal));
      return;
    }
    this.claimed.add(urn);
    const registration: Registration = {
      urn,
      type: req.getType(),
      name: req.getName(),
      parent,
      custom: req.getCustom(),
      provider: req.getProvider(),
      struct: req.getObject() ?? emptyStruct(),
      dependencies: req.getDependenciesList(),
      propertyDependencies: propertyDependencies(req),
      protect: req.getProtect() ?? false,
      deleteBeforeReplace: req.getDeletebeforereplace(),
      ignoreChanges: req.getIgnorechangesList(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    };
    this.registrations.push(registration);
    this.byUrn.set(urn, registration);
    // A name the cloud would refuse: recorded like the engine's own refusals (the provider would fail the update).
    if (registration.custom) this.errors.push(...nameProblems(registration.type, registration.name, registration.struct.toJavaScript() as Record<string, unknown>));
    await super.registerResource(req, (err: Error | null, response?: RegisterResourceResponse) => {
      if (response) {
        registration.id = response.getId() || undefined;
        registration.outputs = response.getObject()?.toJavaScript() as Record<string, unknown> | undefined;
      }
      callback(err, response);
    });
  }

  override registerResourceOutputs(req: RegisterResourceOutputsRequest, callback: Callback<unknown>): void {
    const registration = this.byUrn.get(req.getUrn());
    if (registration) registration.outputs = req.getOutputs()?.toJavaScript() as Record<string, unknown> | undefined;
    super.registerResourceOutputs(req, callback);
  }
}

function propertyDependencies(req: RegisterResourceRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    out[key] = deps.getUrnsList();
  });
  return out;
}

function emptyStruct(): Struct {
  // Lazily required so this module's import stays type-only for google-protobuf.
  const { Struct: StructClass } = require("google-protobuf/google/protobuf/struct_pb") as typeof import("google-protobuf/google/protobuf/struct_pb");
  return new StructClass();
}
