/**
 * From the stack's requested services to components: one builder per requested kind, typed so a
 * kind without a builder is a compile error. Services that need a network share one `Network`
 * per site, built on first use. Services that watch or read others (monitoring, analytics) are
 * built after them, and find them in {@link Built}.
 */
import type * as pulumi from "@pulumi/pulumi";
import { GpuInstances } from "../components/ai";
import { Warehouse } from "../components/analytics";
import { Instances } from "../components/compute";
import { Postgres } from "../components/database";
import { Cluster } from "../components/kubernetes";
import { Alerts } from "../components/monitoring";
import { Network } from "../components/network";
import { Secrets } from "../components/security";
import { Function as ServerlessFunction } from "../components/serverless";
import { secretVariables } from "../components/serverless/contract";
import { imageFor, imageProblem } from "../core/registries";
import { invalid } from "../components/validation";
import { ObjectStorage } from "../components/storage";
import { natNeeded } from "../core/constraints";
import { WebTier } from "../components/webtier";
import { subnetLayout } from "../components/network/cidr";
import { PUBLIC_IP_ALLOWED } from "../core/tags";
import type { PostgresReplica } from "../components/replica";
import type { Target } from "../components/target";
import { type DrContext, postgresExtras, standbyDatabase, storageExtras } from "./replication";
import type { ServiceCost } from "../placement/cost";
import type { RequestedKind, Requirements, ServiceRequirement } from "../placement/requirements";
import { flowLogRetention } from "./governance";
import { bucketKey, databaseKey, diskKey, functionKey, keyUses } from "./keys";
import { environmentInputs, type IsSecret, NO_SECRETS } from "./secrets";

/** Components already built on this site, by service name, for services that refer to others. */
export interface Built {
  readonly machines: Record<string, Instances | GpuInstances>;
  readonly databases: Record<string, Postgres | PostgresReplica>;
  readonly functions: Record<string, ServerlessFunction>;
  readonly buckets: Record<string, ObjectStorage>;
  readonly webTiers: Record<string, WebTier>;
}

/** What a builder gets: the service's requirement, its sizing from placement, and where to build. */
export interface BuildContext<K extends RequestedKind> {
  /** The service name from the requirements. */
  readonly name: string;
  /** The component's logical name: the service name, suffixed on the standby site. */
  readonly resourceName: string;
  readonly service: Extract<ServiceRequirement, { kind: K }>;
  readonly sizing: ServiceCost;
  readonly target: Target;
  /** The site's network (created on first call). */
  readonly network: () => Network;
  readonly built: Built;
  /** The stack's requirements (stack-wide settings such as the audit retention). */
  readonly requirements: Requirements;
  /** The site's customer-managed key for confidential and restricted data (created on first call), or undefined. */
  readonly key: () => Secrets | undefined;
  /** The failover context of a stack with a standby site. */
  readonly dr?: DrContext;
  /** Which requirement values are secrets (`services.<name>.environment.<VAR>`). */
  readonly isSecret: IsSecret;
}

/** The outputs a service contributes to the stack outputs. */
export type ServiceOutputs = Record<string, pulumi.Input<unknown>>;

type Builder<K extends RequestedKind> = (ctx: BuildContext<K>) => ServiceOutputs;

/** One builder per requested kind. */
export const BUILDERS: { readonly [K in RequestedKind]: Builder<K> } = {
  "object-storage": ({ name, resourceName, service, target, built, requirements: req, key, dr }) => {
    const extras = storageExtras(dr);
    const versioning = extras.versioning ?? service.versioning;
    const bucket = new ObjectStorage(resourceName, {
      target,
      ...extras,
      ...bucketKey(key(), target.cloud),
      versioning,
      ...(service.retentionDays !== undefined && versioning ? { retentionDays: service.retentionDays } : {}),
      // Bucket access is audit evidence: kept as long as the audit trail.
      accessLogs: { retentionDays: req.audit.retentionDays },
    });
    built.buckets[name] = bucket;
    return { bucketName: bucket.bucketName, endpoint: bucket.endpoint, region: bucket.region, cloud: bucket.cloud };
  },
  compute: ({ name, resourceName, service, sizing, target, network, built, key }) => {
    if (service.loadBalancer) {
      const lb = service.loadBalancer;
      const web = new WebTier(resourceName, {
        target,
        network: network(),
        size: sizing.sku,
        image: service.image,
        autoscaling: service.autoscaling ?? { min: service.count, max: service.count },
        hostname: lb.hostname,
        httpsPort: lb.httpsPort,
        httpRedirectPort: lb.httpRedirectPort,
        backendPort: lb.backendPort,
        healthCheck: { path: lb.healthCheck.path, intervalSeconds: lb.healthCheck.intervalSeconds, ...(lb.healthCheck.port !== undefined ? { port: lb.healthCheck.port } : {}) },
        certificate: lb.certificate,
        // Each load-balanced service of a network gets its own Application Gateway subnet on Azure.
        ...(target.cloud === "azure" ? { gatewaySubnetCidr: gatewayCidr(network().cidr, Object.keys(built.webTiers).length) } : {}),
      });
      built.webTiers[name] = web;
      return { address: web.address, loadBalancerId: web.loadBalancerId, groupId: web.groupId, certificateValidation: web.certificateValidation };
    }
    const vms = new Instances(resourceName, {
      target,
      ...diskKey(key(), target.cloud),
      network: network(),
      size: sizing.sku,
      count: service.count,
      image: service.image,
      publicIp: service.publicIp,
      spot: service.spot,
      // The stack asked for public IPs: say so where the no-public-ip policy looks.
      ...(service.publicIp ? { labels: PUBLIC_IP_ALLOWED } : {}),
    });
    built.machines[name] = vms;
    return { instanceIds: vms.instanceIds, privateIps: vms.privateIps, publicIps: vms.publicIps };
  },
  "gpu-compute": ({ name, resourceName, service, sizing, target, network, built, key }) => {
    const vms = new GpuInstances(resourceName, {
      target,
      ...diskKey(key(), target.cloud),
      network: network(),
      size: sizing.sku,
      gpu: service.gpu,
      count: service.count,
      publicIp: service.publicIp,
      spot: service.spot,
      ...(service.publicIp ? { labels: PUBLIC_IP_ALLOWED } : {}),
    });
    built.machines[name] = vms;
    return { instanceIds: vms.instanceIds, privateIps: vms.privateIps, publicIps: vms.publicIps };
  },
  database: ({ name, resourceName, service, sizing, target, network, built, key, dr }) => {
    const backupRetentionDays = target.cloud === "digitalocean" ? 7 : service.backupRetentionDays;
    // The standby's database is a replica of the primary's (or, on OCI, restored from its copies).
    if (dr?.role === "standby" && dr.setting.restore[name] === undefined) {
      const standby = standbyDatabase(dr, name, resourceName, { size: sizing.sku, version: service.version, storageGb: service.storageGb, backupRetentionDays, ...databaseKey(key(), target.cloud) }, network());
      if (standby?.component) built.databases[name] = standby.component;
      return standby?.outputs ?? { restoreFrom: `daily backup copies in ${target.region} (tessera:failover restore.${name})` };
    }
    const db = new Postgres(resourceName, {
      target,
      ...databaseKey(key(), target.cloud),
      network: network(),
      size: sizing.sku,
      version: service.version,
      storageGb: service.storageGb,
      highAvailability: service.highAvailability,
      backupRetentionDays,
      ...postgresExtras(dr, name),
    });
    built.databases[name] = db;
    return { host: db.host, port: db.port, databaseName: db.databaseName, username: db.username, password: db.password };
  },
  kubernetes: ({ resourceName, service, sizing, target, network }) => {
    const cluster = new Cluster(resourceName, { target, network: network(), nodeSize: sizing.sku, nodeCount: service.nodes, version: service.version, apiAllowedCidrs: service.apiAllowedCidrs });
    return { clusterName: cluster.clusterName, endpoint: cluster.endpoint, kubeconfig: cluster.kubeconfig };
  },
  serverless: ({ name, resourceName, service, target, network, built, isSecret, key }) => {
    const environment = environmentInputs(name, service.environment, isSecret);
    // The stack's key only when there is a secret to encrypt (key() creates it on first call).
    const secrets = secretVariables(environment.values, environment.secretNames).length > 0;
    // Placement only picks a cloud and region the stack has an image for; a stale lock can still reach here.
    const image = imageFor(service.image, target.cloud, target.region);
    const problem = imageProblem(target.cloud, image, target.region);
    if (problem) invalid(`services.${name}.image`, problem);
    const fn = new ServerlessFunction(resourceName, {
      target,
      image: image ?? "",
      port: service.port,
      memoryMb: service.memoryMb,
      timeoutSeconds: service.timeoutSeconds,
      public: service.public,
      environment: environment.values,
      ...(environment.secretNames.length > 0 ? { secretEnvironment: environment.secretNames } : {}),
      ...(secrets ? functionKey(key(), target.cloud) : {}),
      // Only OCI Functions run inside the network.
      ...(target.cloud === "oci" ? { network: network() } : {}),
    });
    built.functions[name] = fn;
    return { url: fn.url, identity: fn.identity };
  },
  secrets: ({ resourceName, target, key }) => {
    // With confidential data the store's key is the stack's key, granted to what encrypts with it.
    const store = key() ?? new Secrets(resourceName, { target });
    return { keyId: store.keyId, storeId: store.storeId };
  },
  monitoring: ({ resourceName, service, target, built }) => {
    const alerts = new Alerts(resourceName, {
      target,
      notify: { ...(service.email ? { email: service.email } : {}), ...(service.webhookUrl ? { webhookUrl: service.webhookUrl } : {}) },
      instances: built.machines,
      groups: Object.fromEntries(Object.entries(built.webTiers).map(([name, web]) => [name, { selector: web.memberSelector }])),
      // Clouds without a metric for a kind watch what they can (see the Alerts contract).
      ...(target.cloud !== "oci" ? { databases: built.databases } : {}),
      ...(target.cloud !== "oci" && target.cloud !== "digitalocean" ? { functions: built.functions } : {}),
      cpuPercent: service.cpuPercent,
      storagePercent: service.storagePercent,
      errorsPerWindow: service.errorsPerWindow,
      logRetentionDays: service.logRetentionDays,
    });
    return { logDestination: alerts.logDestination, notificationTarget: alerts.notificationTarget, alertIds: alerts.alertIds };
  },
  analytics: ({ resourceName, service, target, network, built, key }) => {
    // Athena queries data in S3: the stack's named bucket, or one of its own.
    const storage = target.cloud !== "aws" ? undefined : service.bucket !== undefined ? built.buckets[service.bucket] : new ObjectStorage(`${resourceName}-data`, { target, ...bucketKey(key(), target.cloud) });
    const warehouse = new Warehouse(resourceName, {
      target,
      ...(storage ? { storage } : {}),
      ...(target.cloud === "oci" ? { network: network() } : {}),
      ...(service.computeUnits !== undefined ? { computeUnits: service.computeUnits } : {}),
      ...(service.retentionDays !== undefined ? { retentionDays: service.retentionDays } : {}),
    });
    return { warehouseId: warehouse.warehouseId, datasetName: warehouse.datasetName, endpoint: warehouse.endpoint, adminPassword: warehouse.adminPassword };
  },
};

/** The i-th Application Gateway subnet: blocks 7, 6, … of the network (its own subnets use 0 and 8). */
function gatewayCidr(cidr: string, i: number): string {
  return subnetLayout(cidr, 8).public[7 - i]!;
}

/** Suffix of the standby site's component names (`web-standby`); requirements reject clashes. */
export { STANDBY_SUFFIX } from "../placement/collisions";

/** Kinds that read other services are built last, in this order. */
const LATE: readonly RequestedKind[] = ["analytics", "monitoring"];

/** What {@link buildServices} returns: stack outputs per service, and the components by kind. */
export interface BuiltSite {
  readonly outputs: Record<string, ServiceOutputs>;
  readonly built: Built;
}

/**
 * Builds every requested service on one site: the primary, or with `suffix` the failover standby
 * (component names `<service><suffix>`).
 */
export function buildServices(req: Requirements, sizing: Readonly<Record<string, ServiceCost>>, target: Target, suffix = "", isSecret: IsSecret = NO_SECRETS, dr?: DrContext): BuiltSite {
  let network: Network | undefined;
  const shared = () =>
    (network ??= new Network(`network${suffix}`, {
      target,
      cidr: req.network?.cidr ?? "10.0.0.0/16",
      ingress: req.network?.ingress ?? [],
      // Private machines and nodes must reach package mirrors and registries at boot.
      natGateway: req.network?.natGateway ?? natNeeded(target.cloud, Object.values(req.services)),
      flowLogs: { retentionDays: flowLogRetention(req) },
    }));
  const built: Built = { machines: {}, databases: {}, functions: {}, buckets: {}, webTiers: {} };
  const entries = Object.entries(req.services);
  const uses = keyUses(req, target.cloud);
  const store = entries.find(([, s]) => s.kind === "secrets")?.[0];
  let dataKey: Secrets | undefined;
  // The stack's secrets service's key when it has one, else a key of its own.
  const key = () => (uses.length === 0 ? undefined : (dataKey ??= new Secrets(`${store ?? "data-key"}${suffix}`, { target, encrypts: uses })));
  const ordered = [...entries.filter(([, s]) => !LATE.includes(s.kind)), ...LATE.flatMap((kind) => entries.filter(([, s]) => s.kind === kind))];
  const outputs: Record<string, ServiceOutputs> = {};
  for (const [name, service] of ordered) {
    const builder = BUILDERS[service.kind] as Builder<typeof service.kind>;
    outputs[name] = builder({ name, resourceName: `${name}${suffix}`, service, sizing: sizing[name]!, target, network: shared, built, requirements: req, key, isSecret, ...(dr ? { dr } : {}) } as BuildContext<typeof service.kind>);
  }
  // Stack outputs keep the order the stack file lists its services in.
  return { outputs: Object.fromEntries(entries.map(([name]) => [name, outputs[name]!])), built };
}
