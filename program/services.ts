/**
 * From the stack's requested services to components: one builder per requested kind, typed so a
 * kind without a builder is a compile error.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ObjectStorage } from "../components/storage";
import type { Target } from "../components/target";
import type { ServiceCost } from "../placement/cost";
import type { RequestedKind, Requirements, ServiceRequirement } from "../placement/requirements";

/** What a builder gets: the service's requirement, its sizing from placement, and where to build. */
export interface BuildContext<K extends RequestedKind> {
  readonly name: string;
  readonly service: Extract<ServiceRequirement, { kind: K }>;
  readonly sizing: ServiceCost;
  readonly target: Target;
}

/** The outputs a service contributes to the stack outputs. */
export type ServiceOutputs = Record<string, pulumi.Input<unknown>>;

type Builder<K extends RequestedKind> = (ctx: BuildContext<K>) => ServiceOutputs;

const notYet = (kind: RequestedKind) => (): never => {
  throw new Error(`service kind ${kind} has no component in this version of tessera yet`);
};

/** One builder per requested kind. */
export const BUILDERS: { readonly [K in RequestedKind]: Builder<K> } = {
  "object-storage": ({ name, service, target }) => {
    const bucket = new ObjectStorage(name, { target, versioning: service.versioning, retentionDays: service.retentionDays });
    return { bucketName: bucket.bucketName, endpoint: bucket.endpoint, region: bucket.region, cloud: bucket.cloud };
  },
  compute: notYet("compute"),
  "gpu-compute": notYet("gpu-compute"),
  database: notYet("database"),
  kubernetes: notYet("kubernetes"),
  serverless: notYet("serverless"),
  secrets: notYet("secrets"),
  monitoring: notYet("monitoring"),
  analytics: notYet("analytics"),
};

/** Builds every requested service on the primary target. */
export function buildServices(req: Requirements, sizing: Readonly<Record<string, ServiceCost>>, target: Target): Record<string, ServiceOutputs> {
  const out: Record<string, ServiceOutputs> = {};
  for (const [name, service] of Object.entries(req.services)) {
    const builder = BUILDERS[service.kind] as Builder<typeof service.kind>;
    out[name] = builder({ name, service, sizing: sizing[name]!, target } as BuildContext<typeof service.kind>);
  }
  return out;
}
