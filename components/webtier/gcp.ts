/**
 * WebTier on GCP: a global external Application Load Balancer (EXTERNAL_MANAGED): a reserved
 * global IPv4 address, an HTTPS forwarding rule → target HTTPS proxy (Google-managed certificate,
 * SSL policy MODERN with TLS 1.2 minimum) → URL map → backend service with an HTTP health check,
 * and a second forwarding rule → target HTTP proxy → URL map that only redirects to HTTPS. The
 * backend is a regional managed instance group (spread over the region's zones, auto-healed by the
 * same health check) from an instance template (Shielded VM, no external IP), sized by a
 * regional autoscaler on CPU. A firewall rule admits the backend ports on the group's network tag
 * from Google's load balancer and health-check ranges only.
 *
 * The Google-managed certificate stays PROVISIONING until the hostname resolves to the load
 * balancer's address (failover DNS or your own record).
 */
import * as pulumi from "@pulumi/pulumi";
import { BackendService } from "@pulumi/gcp/compute/backendService";
import { Firewall } from "@pulumi/gcp/compute/firewall";
import { GlobalAddress } from "@pulumi/gcp/compute/globalAddress";
import { GlobalForwardingRule } from "@pulumi/gcp/compute/globalForwardingRule";
import { HealthCheck } from "@pulumi/gcp/compute/healthCheck";
import { InstanceTemplate } from "@pulumi/gcp/compute/instanceTemplate";
import { ManagedSslCertificate } from "@pulumi/gcp/compute/managedSslCertificate";
import { RegionAutoscaler } from "@pulumi/gcp/compute/regionAutoscaler";
import { RegionInstanceGroupManager } from "@pulumi/gcp/compute/regionInstanceGroupManager";
import { SSLPolicy } from "@pulumi/gcp/compute/sslpolicy";
import { TargetHttpProxy } from "@pulumi/gcp/compute/targetHttpProxy";
import { TargetHttpsProxy } from "@pulumi/gcp/compute/targetHttpsProxy";
import { URLMap } from "@pulumi/gcp/compute/urlmap";
import { archOf, GCP_IMAGES } from "../../core/images";
import { physicalName } from "../../core/naming";
import { enableApis } from "../gcp-project";
import { childOpts, type Impl } from "../registry";
import { gcpLabels } from "../tags";
import { type WebTierArgs, type WebTierOutputs, webTierSettings } from "./contract";

/**
 * Where Google's external Application Load Balancers and health checks connect from
 * (https://cloud.google.com/load-balancing/docs/health-checks#firewall_rules).
 */
export const GCP_LB_RANGES = ["130.211.0.0/22", "35.191.0.0/16"] as const;

export const gcp: Impl<"gcp", WebTierArgs, WebTierOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = webTierSettings(args);
  // Every part is a Compute Engine resource: the API must be on first.
  const opts = childOpts(parent, target, { dependsOn: enableApis(target, "compute") });
  const project = target.project;
  const physical = (kind: Parameters<typeof physicalName<"gcp">>[1], ...parts: string[]) => physicalName("gcp", kind, [target.stack, name, ...parts]);
  const labels = gcpLabels(target, name, s.labels);
  const tag = physical("networkTag", "machines");
  const backendPorts = [...new Set([s.backendPort, s.health.port])];

  new Firewall(
    `${name}-from-lb`,
    {
      name: physical("firewall", "from-lb"),
      project,
      network: network.networkId,
      direction: "INGRESS",
      priority: 900,
      sourceRanges: [...GCP_LB_RANGES],
      targetTags: [tag],
      allows: [{ protocol: "tcp", ports: backendPorts.map(String) }],
      description: `tessera ${name}: the load balancer and its health checks to the machines`,
    },
    opts,
  );
  const health = new HealthCheck(
    name,
    {
      name: physical("healthCheck"),
      project,
      checkIntervalSec: s.health.intervalSeconds,
      timeoutSec: Math.min(10, s.health.intervalSeconds),
      healthyThreshold: s.health.healthyThreshold,
      unhealthyThreshold: s.health.unhealthyThreshold,
      httpHealthCheck: { port: s.health.port, requestPath: s.health.path },
    },
    opts,
  );
  const metadata: Record<string, pulumi.Input<string>> = { "block-project-ssh-keys": "true" };
  if (args.sshPublicKey !== undefined) metadata["ssh-keys"] = pulumi.interpolate`tessera:${args.sshPublicKey}`;
  const template = new InstanceTemplate(
    name,
    {
      // Templates are immutable: a change makes a new one (unique name) before the old one goes.
      namePrefix: `${physical("instanceTemplatePrefix")}-`,
      project,
      machineType: args.size,
      disks: [{ boot: true, autoDelete: true, sourceImage: GCP_IMAGES[s.image](archOf(args.size)), diskSizeGb: s.diskGb, diskType: "pd-balanced" }],
      networkInterfaces: [{ subnetwork: network.privateSubnetIds.apply((ids) => ids[0]!) }],
      metadata,
      ...(args.userData !== undefined ? { metadataStartupScript: args.userData } : {}),
      shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
      tags: [tag],
      labels,
    },
    opts,
  );
  const baseInstanceName = physical("baseInstanceName");
  const group = new RegionInstanceGroupManager(
    name,
    {
      name: physical("regionInstanceGroupManager"),
      project,
      region: target.region,
      baseInstanceName,
      versions: [{ name: "primary", instanceTemplate: template.selfLinkUnique }],
      namedPorts: [{ name: "http", port: s.backendPort }],
      autoHealingPolicies: { healthCheck: health.id, initialDelaySec: 300 },
      // Regional groups surge by at least one machine per zone (3), or 0.
      updatePolicy: { type: "PROACTIVE", minimalAction: "REPLACE", maxSurgeFixed: 3, maxUnavailableFixed: 0 },
      // No targetSize: the autoscaler owns the size.
    },
    opts,
  );
  new RegionAutoscaler(
    name,
    {
      name: physical("regionAutoscaler"),
      project,
      region: target.region,
      target: group.id,
      autoscalingPolicy: { minReplicas: s.min, maxReplicas: s.max, cooldownPeriod: 90, cpuUtilization: { target: s.targetCpuPercent / 100 } },
    },
    opts,
  );
  const backend = new BackendService(
    name,
    {
      name: physical("backendService"),
      project,
      loadBalancingScheme: "EXTERNAL_MANAGED",
      protocol: "HTTP",
      portName: "http",
      timeoutSec: 30,
      healthChecks: health.id,
      backends: [{ group: group.instanceGroup, balancingMode: "UTILIZATION", capacityScaler: 1 }],
    },
    opts,
  );
  const address = new GlobalAddress(name, { name: physical("globalAddress"), project, addressType: "EXTERNAL", ipVersion: "IPV4", labels }, opts);
  const certificate = new ManagedSslCertificate(name, { name: physical("sslCertificate"), project, managed: { domains: [args.hostname] } }, opts);
  const sslPolicy = new SSLPolicy(name, { name: physical("sslPolicy"), project, profile: "MODERN", minTlsVersion: "TLS_1_2" }, opts);
  const urlMap = new URLMap(name, { name: physical("urlMap"), project, defaultService: backend.id }, opts);
  const httpsProxy = new TargetHttpsProxy(name, { name: physical("targetHttpsProxy"), project, urlMap: urlMap.id, sslCertificates: [certificate.id], sslPolicy: sslPolicy.id }, opts);
  new GlobalForwardingRule(
    `${name}-https`,
    { name: physical("globalForwardingRule", "https"), project, target: httpsProxy.id, ipAddress: address.id, ipProtocol: "TCP", portRange: String(s.httpsPort), loadBalancingScheme: "EXTERNAL_MANAGED", labels },
    opts,
  );
  if (s.redirectPort !== false) {
    const redirect = new URLMap(
      `${name}-redirect`,
      { name: physical("urlMap", "redirect"), project, defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false } },
      opts,
    );
    const httpProxy = new TargetHttpProxy(name, { name: physical("targetHttpProxy"), project, urlMap: redirect.id }, opts);
    new GlobalForwardingRule(
      `${name}-http`,
      { name: physical("globalForwardingRule", "http"), project, target: httpProxy.id, ipAddress: address.id, ipProtocol: "TCP", portRange: String(s.redirectPort), loadBalancingScheme: "EXTERNAL_MANAGED", labels },
      opts,
    );
  }
  return {
    address: address.address,
    loadBalancerId: urlMap.id,
    groupId: group.id,
    certificateId: certificate.id,
    certificateValidation: pulumi.output(""),
    aliasZoneId: pulumi.output(""),
    memberSelector: pulumi.output(baseInstanceName),
  };
};
