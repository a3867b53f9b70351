/**
 * Names that must be new for every stack instance: the cloud keeps them after a delete (soft
 * delete, recovery windows, parents that can never be deleted) or they are unique across every
 * account. Each gets a random suffix from a `random.RandomString` kept in the stack's state:
 * stable across updates, new when the stack is destroyed and created again, and new when the
 * region changes (the named resource is then replaced, and its old name may still be held).
 * The rule's `kept` field says why (see docs/naming.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { RandomString } from "@pulumi/random/randomString";
import type { Cloud } from "../core/cloud";
import { type NameKind, nameRule, physicalName, suffixLength } from "../core/naming";
import type { Target } from "./target";

/**
 * The physical name of `kind` for `parts` with a random suffix kept in state. `logical` is the
 * child's logical name; the suffix resource is `<logical>-name`, a child of `parent`.
 */
export function keptName<C extends Cloud>(
  logical: string,
  target: Target & { readonly cloud: C },
  kind: NameKind<C>,
  parts: readonly string[],
  parent: pulumi.Resource,
): pulumi.Output<string> {
  const rule = nameRule(target.cloud, kind);
  if (rule.kept === undefined) throw new Error(`${target.cloud} ${kind} names are not kept after a delete; use physicalName`);
  const suffix = new RandomString(
    `${logical}-name`,
    { length: suffixLength(rule), lower: true, upper: false, numeric: true, special: false, keepers: { region: target.region } },
    { parent },
  );
  return suffix.result.apply((s) => physicalName(target.cloud, kind, parts, { suffix: s }));
}
