/**
 * Network on GCP: a custom-mode VPC network with a public and a private regional subnetwork,
 * firewall rules that admit the network itself plus the given ingress to instances carrying the
 * network's tag and deny all other ingress, private services access (the peering range Cloud SQL
 * and other managed services use), an optional Cloud NAT for the private subnetwork, and subnet
 * flow logs routed to a log bucket kept for the stack's flow-log retention.
 */
import * as pulumi from "@pulumi/pulumi";
import { Firewall } from "@pulumi/gcp/compute/firewall";
import { GlobalAddress } from "@pulumi/gcp/compute/globalAddress";
import { Network } from "@pulumi/gcp/compute/network";
import { Router } from "@pulumi/gcp/compute/router";
import { RouterNat } from "@pulumi/gcp/compute/routerNat";
import { Subnetwork } from "@pulumi/gcp/compute/subnetwork";
import { ProjectBucketConfig } from "@pulumi/gcp/logging/projectBucketConfig";
import { ProjectExclusion } from "@pulumi/gcp/logging/projectExclusion";
import { ProjectSink } from "@pulumi/gcp/logging/projectSink";
import { Connection } from "@pulumi/gcp/servicenetworking/connection";
import { type NameKind, physicalName } from "../../core/naming";
import { enableApis } from "../gcp-project";
import { keptName } from "../naming";
import { childOpts, type Impl } from "../registry";
import { gcpLabels } from "../tags";
import { addressPlan, flowLogDays, type NetworkArgs, type NetworkOutputs, portRange } from "./contract";

/** Every flow, with all metadata, aggregated every 5 seconds (CIS Google Cloud Benchmark 3.8). */
export const SUBNET_FLOW_LOGS = { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" } as const;

export const gcp: Impl<"gcp", NetworkArgs, NetworkOutputs> = (name, args, parent) => {
  const { target } = args;
  const opts = childOpts(parent, target, { dependsOn: enableApis(target, "compute", "servicenetworking") });
  const { cidr, layout } = addressPlan(args);
  const project = target.project;
  const physical = (kind: NameKind<"gcp">, ...parts: string[]) => physicalName("gcp", kind, [target.stack, name, ...parts]);
  const tag = physical("networkTag");
  const days = flowLogDays(args);

  const network = new Network(name, { name: physical("vpcNetwork"), project, autoCreateSubnetworks: false, routingMode: "REGIONAL" }, opts);
  const subnet = (tier: "public" | "private") =>
    new Subnetwork(
      `${name}-${tier}`,
      {
        name: physical("subnetwork", tier),
        project,
        region: target.region,
        network: network.id,
        ipCidrRange: layout[tier][0]!,
        privateIpGoogleAccess: true,
        ...(days !== undefined ? { logConfig: SUBNET_FLOW_LOGS } : {}),
      },
      opts,
    );
  const publicSubnet = subnet("public");
  const privateSubnet = subnet("private");

  new Firewall(`${name}-from-network`, { name: physical("firewall", "from-network"), project, network: network.id, direction: "INGRESS", priority: 1000, sourceRanges: [cidr], allows: [{ protocol: "all" }] }, opts);
  (args.ingress ?? []).forEach((rule, i) => {
    const [from, to] = portRange(rule);
    new Firewall(
      `${name}-ingress-${i}`,
      {
        name: physical("firewall", `ingress-${i}`),
        project,
        network: network.id,
        direction: "INGRESS",
        priority: 1000,
        sourceRanges: [...rule.sources],
        targetTags: [tag],
        allows: [{ protocol: rule.protocol ?? "tcp", ports: [from === to ? String(from) : `${from}-${to}`] }],
        description: rule.description ?? "",
      },
      opts,
    );
  });
  // GCP's implied rule already denies ingress at 65535; an explicit rule makes the intent auditable.
  new Firewall(`${name}-deny-all`, { name: physical("firewall", "deny-all"), project, network: network.id, direction: "INGRESS", priority: 65534, sourceRanges: ["0.0.0.0/0"], denies: [{ protocol: "all" }] }, opts);

  const peering = new GlobalAddress(
    `${name}-services`,
    { name: physical("globalAddress", "services"), project, network: network.id, purpose: "VPC_PEERING", addressType: "INTERNAL", prefixLength: 20, labels: gcpLabels(target, name, args.labels) },
    opts,
  );
  const services = new Connection(`${name}-services`, { network: network.id, service: "servicenetworking.googleapis.com", reservedPeeringRanges: [peering.name] }, opts);

  if (args.natGateway) {
    const router = new Router(name, { name: physical("router"), project, region: target.region, network: network.id }, opts);
    new RouterNat(
      name,
      {
        name: physical("routerNat"),
        project,
        region: target.region,
        router: router.name,
        natIpAllocateOption: "AUTO_ONLY",
        sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
        subnetworks: [{ name: privateSubnet.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
      },
      opts,
    );
  }
  let flowLogs = pulumi.output("");
  if (days !== undefined) {
    // Flow logs land in _Default (30 days); route this network's to a bucket kept for the
    // retention and keep them out of _Default, so they are stored and billed once.
    const filter = pulumi.interpolate`resource.type="gce_subnetwork" AND log_id("compute.googleapis.com/vpc_flows") AND resource.labels.subnetwork_name=("${publicSubnet.name}" OR "${privateSubnet.name}")`;
    const logging = (...after: pulumi.Resource[]) => childOpts(parent, target, { dependsOn: [...enableApis(target, "logging"), ...after] });
    // A deleted log bucket keeps its ID for 7 days: a random suffix kept in state.
    const bucketId = keptName(`${name}-flow-logs`, target, "loggingBucket", [target.stack, name, "flow-logs"], parent);
    const bucket = new ProjectBucketConfig(`${name}-flow-logs`, { project, location: target.region, bucketId, retentionDays: days, description: `tessera ${target.stack} ${name}: VPC flow logs` }, logging());
    const sink = new ProjectSink(
      `${name}-flow-logs`,
      { name: physical("logSink", "flow-logs"), project, destination: pulumi.interpolate`logging.googleapis.com/projects/${project}/locations/${target.region}/buckets/${bucketId}`, filter, uniqueWriterIdentity: true },
      logging(bucket),
    );
    new ProjectExclusion(`${name}-flow-logs-default`, { name: physical("logExclusion", "flow-logs"), project, description: pulumi.interpolate`tessera ${target.stack} ${name}: kept in ${bucketId}`, filter }, logging(sink));
    flowLogs = bucket.id;
  }
  return {
    networkId: network.id,
    publicSubnetIds: pulumi.all([publicSubnet.id]),
    privateSubnetIds: pulumi.all([privateSubnet.id]),
    firewall: pulumi.output(tag),
    privateServices: services.id,
    flowLogs,
  };
};
