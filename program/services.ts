/**
 * From the stack's requested services to components: one builder per requested kind, typed so a
 * kind without a builder is a compile error. Services that need a network (compute, database,
 * Kubernetes) share one `Network` per target, built on first use.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Instances } from "../components/compute";
import { Postgres } from "../components/database";
import { Cluster } from "../components/kubernetes";
import { Network } from "../components/network";
import { Secrets } from "../components/security";
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
  /** The stack's network on this target (created on first call). */
  readonly network: () => Network;
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
    const bucket = new ObjectStorage(name, { target, versioning: service.versioning, ...(service.retentionDays !== undefined ? { retentionDays: service.retentionDays } : {}) });
    return { bucketName: bucket.bucketName, endpoint: bucket.endpoint, region: bucket.region, cloud: bucket.cloud };
  },
  compute: ({ name, service, sizing, target, network }) => {
    const vms = new Instances(name, { target, network: network(), size: sizing.sku, count: service.count, image: service.image, publicIp: service.publicIp, spot: service.spot });
    return { instanceIds: vms.instanceIds, privateIps: vms.privateIps, publicIps: vms.publicIps };
  },
  "gpu-compute": notYet("gpu-compute"),
  database: ({ name, service, sizing, target, network }) => {
    const db = new Postgres(name, {
      target,
      network: network(),
      size: sizing.sku,
      version: service.version,
      storageGb: service.storageGb,
      highAvailability: service.highAvailability,
      backupRetentionDays: target.cloud === "digitalocean" ? 7 : service.backupRetentionDays,
    });
    return { host: db.host, port: db.port, databaseName: db.databaseName, username: db.username, password: db.password };
  },
  kubernetes: ({ name, service, sizing, target, network }) => {
    const cluster = new Cluster(name, { target, network: network(), nodeSize: sizing.sku, nodeCount: service.nodes, version: service.version });
    return { clusterName: cluster.clusterName, endpoint: cluster.endpoint, kubeconfig: cluster.kubeconfig };
  },
  serverless: notYet("serverless"),
  secrets: ({ name, target }) => {
    const store = new Secrets(name, { target });
    return { keyId: store.keyId, storeId: store.storeId };
  },
  monitoring: notYet("monitoring"),
  analytics: notYet("analytics"),
};

/** Builds every requested service on the primary target. */
export function buildServices(req: Requirements, sizing: Readonly<Record<string, ServiceCost>>, target: Target): Record<string, ServiceOutputs> {
  let network: Network | undefined;
  const shared = () =>
    (network ??= new Network("network", {
      target,
      cidr: req.network?.cidr ?? "10.0.0.0/16",
      ingress: req.network?.ingress ?? [],
      natGateway: req.network?.natGateway ?? false,
    }));
  const out: Record<string, ServiceOutputs> = {};
  for (const [name, service] of Object.entries(req.services)) {
    const builder = BUILDERS[service.kind] as Builder<typeof service.kind>;
    out[name] = builder({ name, service, sizing: sizing[name]!, target, network: shared } as BuildContext<typeof service.kind>);
  }
  return out;
}
