/**
 * OCI service policies: the IAM statements (from `core/oci-policies.ts`) that let OCI services act
 * on a component's resources, as one `oci.identity.Policy` in the stack's compartment. Creating
 * policies needs `manage policies` in that compartment (README, "Before your first `pulumi up`").
 */
import * as pulumi from "@pulumi/pulumi";
import { Policy } from "@pulumi/oci/identity/policy";
import { physicalName } from "../core/naming";
import { childOpts } from "./registry";
import { tags } from "./tags";
import type { Labels } from "./tags";
import type { OciTarget } from "./target";

/**
 * A policy named after the stack and component holding `statements` (each built from the
 * compartment id once it is known); resources that need it depend on it.
 */
export function servicePolicy(
  name: string,
  target: OciTarget,
  parent: pulumi.Resource,
  description: string,
  statements: (compartmentId: string) => ReadonlyArray<pulumi.Input<string>>,
  labels?: Labels,
): Policy {
  return new Policy(
    `${name}-service`,
    {
      compartmentId: target.compartmentId,
      // Policy names are unique in the tenancy: the stack keeps two stacks' policies apart.
      name: physicalName("oci", "iamPolicy", [target.stack, name, "service"]),
      description: `tessera ${target.stack} ${name}: ${description}`,
      statements: pulumi.output(target.compartmentId).apply((c) => pulumi.all([...statements(c)])),
      freeformTags: tags(target, name, labels),
    },
    childOpts(parent, target),
  );
}
