/**
 * WebTier on OCI: a public flexible Load Balancer (10-100 Mbps) in the network's public subnet
 * with an HTTPS listener on a certificate from the OCI Certificates service (TLS 1.2 and 1.3,
 * cipher suite oci-default-http2-tls-12-13-ssl-cipher-suite-v1), an HTTP listener whose rule set
 * only redirects to HTTPS, and a backend set with the health check; an instance configuration
 * (no public IP, private subnet, in-transit encryption) and an instance pool across the region's
 * availability domains that registers its instances in the backend set, sized by an autoscaling
 * configuration with CPU threshold rules. Network security groups: the load balancer's admits its
 * ports from anywhere, the machines' admits the backend ports from the load balancer's group only.
 *
 * OCI issues no publicly trusted certificate: import yours into OCI Certificates (or issue one
 * from a private CA there for internal clients) and pass its OCID.
 */
import * as pulumi from "@pulumi/pulumi";
import { AutoScalingConfiguration } from "@pulumi/oci/autoscaling/autoScalingConfiguration";
import { getImagesOutput } from "@pulumi/oci/core/getImages";
import { InstanceConfiguration } from "@pulumi/oci/core/instanceConfiguration";
import { InstancePool } from "@pulumi/oci/core/instancePool";
import { NetworkSecurityGroup } from "@pulumi/oci/core/networkSecurityGroup";
import { NetworkSecurityGroupSecurityRule } from "@pulumi/oci/core/networkSecurityGroupSecurityRule";
import { getAvailabilityDomainsOutput } from "@pulumi/oci/identity/getAvailabilityDomains";
import { BackendSet } from "@pulumi/oci/loadbalancer/backendSet";
import { Listener } from "@pulumi/oci/loadbalancer/listener";
import { LoadBalancer } from "@pulumi/oci/loadbalancer/loadBalancer";
import { RuleSet } from "@pulumi/oci/loadbalancer/ruleSet";
import { OCI_IMAGES } from "../../core/images";
import { physicalName } from "../../core/naming";
import { parseOciFlex } from "../../core/skus";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { scaleInThreshold, type WebTierArgs, type WebTierOutputs, webTierSettings } from "./contract";

/** TLS 1.2 and 1.3 only, HTTP/2-capable (an OCI predefined cipher suite). */
export const OCI_CIPHER_SUITE = "oci-default-http2-tls-12-13-ssl-cipher-suite-v1";
export const OCI_TLS_PROTOCOLS = ["TLSv1.2", "TLSv1.3"];

const base64 = (v: pulumi.Input<string>) => pulumi.output(v).apply((s) => Buffer.from(s).toString("base64"));

export const oci: Impl<"oci", WebTierArgs, WebTierOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = webTierSettings(args);
  const opts = childOpts(parent, target);
  const invoke = { parent, provider: target.provider };
  const compartmentId = target.compartmentId;
  const freeformTags = tags(target, name, s.labels);
  const common = { compartmentId, freeformTags };
  const display = (...parts: string[]) => physicalName("oci", "displayName", [target.stack, name, ...parts]);
  const listenerPorts = [s.httpsPort, ...(s.redirectPort === false ? [] : [s.redirectPort])];
  const backendPorts = [...new Set([s.backendPort, s.health.port])];

  const lbGroup = new NetworkSecurityGroup(`${name}-lb`, { ...common, vcnId: network.networkId, displayName: display("lb") }, opts);
  const machineGroup = new NetworkSecurityGroup(`${name}-machines`, { ...common, vcnId: network.networkId, displayName: display("machines") }, opts);
  const tcp = (port: number) => ({ tcpOptions: { destinationPortRange: { min: port, max: port } } });
  listenerPorts.forEach((port) =>
    new NetworkSecurityGroupSecurityRule(
      `${name}-lb-${port}`,
      { networkSecurityGroupId: lbGroup.id, direction: "INGRESS", protocol: "6", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", stateless: false, description: port === s.httpsPort ? "HTTPS" : "HTTP (redirected to HTTPS)", ...tcp(port) },
      opts,
    ),
  );
  backendPorts.forEach((port) => {
    new NetworkSecurityGroupSecurityRule(
      `${name}-lb-to-${port}`,
      { networkSecurityGroupId: lbGroup.id, direction: "EGRESS", protocol: "6", destination: machineGroup.id, destinationType: "NETWORK_SECURITY_GROUP", stateless: false, description: "to the machines", ...tcp(port) },
      opts,
    );
    new NetworkSecurityGroupSecurityRule(
      `${name}-from-lb-${port}`,
      { networkSecurityGroupId: machineGroup.id, direction: "INGRESS", protocol: "6", source: lbGroup.id, sourceType: "NETWORK_SECURITY_GROUP", stateless: false, description: "from the load balancer", ...tcp(port) },
      opts,
    );
  });
  new NetworkSecurityGroupSecurityRule(
    `${name}-machines-egress`,
    { networkSecurityGroupId: machineGroup.id, direction: "EGRESS", protocol: "all", destination: "0.0.0.0/0", destinationType: "CIDR_BLOCK", stateless: false, description: "all outbound" },
    opts,
  );

  const lb = new LoadBalancer(
    name,
    {
      ...common,
      displayName: display(),
      shape: "flexible",
      shapeDetails: { minimumBandwidthInMbps: 10, maximumBandwidthInMbps: 100 },
      subnetIds: network.publicSubnetIds,
      isPrivate: false,
      networkSecurityGroupIds: [lbGroup.id],
    },
    opts,
  );
  const backendSet = new BackendSet(
    name,
    {
      loadBalancerId: lb.id,
      name: "machines",
      policy: "ROUND_ROBIN",
      healthChecker: {
        protocol: "HTTP",
        port: s.health.port,
        urlPath: s.health.path,
        returnCode: 200,
        intervalMs: s.health.intervalSeconds * 1000,
        timeoutInMillis: Math.min(10, s.health.intervalSeconds) * 1000,
        retries: s.health.unhealthyThreshold,
      },
    },
    opts,
  );
  new Listener(
    `${name}-https`,
    {
      loadBalancerId: lb.id,
      name: "https",
      port: s.httpsPort,
      protocol: "HTTP",
      defaultBackendSetName: backendSet.name,
      sslConfiguration: {
        certificateIds: [args.certificate!.ociCertificateId!], // validation requires it on oci
        protocols: OCI_TLS_PROTOCOLS,
        cipherSuiteName: OCI_CIPHER_SUITE,
        serverOrderPreference: "ENABLED",
        verifyPeerCertificate: false,
      },
    },
    opts,
  );
  if (s.redirectPort !== false) {
    const redirect = new RuleSet(
      name,
      {
        loadBalancerId: lb.id,
        name: "http_to_https",
        items: [
          {
            action: "REDIRECT",
            conditions: [{ attributeName: "PATH", attributeValue: "/", operator: "FORCE_LONGEST_PREFIX_MATCH" }],
            redirectUri: { protocol: "HTTPS", port: s.httpsPort, host: "{host}", path: "{path}", query: "{query}" },
            responseCode: 301,
          },
        ],
      },
      opts,
    );
    new Listener(
      `${name}-http`,
      { loadBalancerId: lb.id, name: "http", port: s.redirectPort, protocol: "HTTP", defaultBackendSetName: backendSet.name, ruleSetNames: [redirect.name] },
      opts,
    );
  }

  const flex = parseOciFlex(args.size);
  const shape = flex?.shape ?? args.size;
  const os = OCI_IMAGES[s.image]!;
  const image = getImagesOutput(
    { compartmentId, operatingSystem: os.operatingSystem, operatingSystemVersion: os.version, shape, state: "AVAILABLE", sortBy: "TIMECREATED", sortOrder: "DESC" },
    invoke,
  ).images.apply((images) => images[0]!.id);
  const metadata: Record<string, pulumi.Input<string>> = {};
  if (args.sshPublicKey !== undefined) metadata.ssh_authorized_keys = args.sshPublicKey;
  if (args.userData !== undefined) metadata.user_data = base64(args.userData);
  const configuration = new InstanceConfiguration(
    name,
    {
      ...common,
      displayName: display(),
      instanceDetails: {
        instanceType: "compute",
        launchDetails: {
          compartmentId,
          shape,
          ...(flex ? { shapeConfig: { ocpus: flex.ocpus, memoryInGbs: flex.memoryGib } } : {}),
          sourceDetails: { sourceType: "image", imageId: image, bootVolumeSizeInGbs: String(s.diskGb) },
          createVnicDetails: { assignPublicIp: false, subnetId: network.privateSubnetIds.apply((ids) => ids[0]!), nsgIds: [machineGroup.id] },
          isPvEncryptionInTransitEnabled: true,
          metadata,
          freeformTags,
        },
      },
    },
    opts,
  );
  const domains = getAvailabilityDomainsOutput({ compartmentId }, invoke).availabilityDomains.apply((ads) => ads.map((ad) => ad.name));
  const pool = new InstancePool(
    name,
    {
      ...common,
      displayName: display(),
      instanceConfigurationId: configuration.id,
      size: s.min,
      placementConfigurations: pulumi
        .all([domains, network.privateSubnetIds])
        .apply(([ads, subnets]) => ads.map((availabilityDomain) => ({ availabilityDomain, primarySubnetId: subnets[0]! }))),
      loadBalancers: [{ loadBalancerId: lb.id, backendSetName: backendSet.name, port: s.backendPort, vnicSelection: "PrimaryVnic" }],
    },
    // The autoscaling configuration owns the size after creation.
    { ...opts, ignoreChanges: ["size"] },
  );
  const cpuRule = (displayName: string, operator: "GT" | "LT", value: number, change: number) => ({
    displayName,
    action: { type: "CHANGE_COUNT_BY", value: change },
    metric: { metricType: "CPU_UTILIZATION", threshold: { operator, value } },
  });
  new AutoScalingConfiguration(
    name,
    {
      ...common,
      displayName: display(),
      isEnabled: true,
      coolDownInSeconds: 300,
      autoScalingResources: { id: pool.id, type: "instancePool" },
      policies: [
        {
          displayName: "cpu",
          policyType: "threshold",
          capacity: { initial: s.min, min: s.min, max: s.max },
          rules: [cpuRule("scale-out", "GT", s.targetCpuPercent, 1), cpuRule("scale-in", "LT", scaleInThreshold(s.targetCpuPercent), -1)],
        },
      ],
    },
    opts,
  );
  return {
    address: lb.ipAddressDetails.apply((d) => d.find((a) => a.isPublic)?.ipAddress ?? d[0]?.ipAddress ?? ""),
    loadBalancerId: lb.id,
    groupId: pool.id,
    certificateId: pulumi.output(args.certificate!.ociCertificateId!),
    certificateValidation: pulumi.output(""),
    aliasZoneId: pulumi.output(""),
    memberSelector: pool.id,
  };
};
