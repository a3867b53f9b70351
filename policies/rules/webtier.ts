/**
 * Web tier rules, on every cloud's load balancer and autoscaling group:
 *
 * - `load-balancer-https`: listeners speak HTTPS with TLS 1.2 or newer; plain HTTP only redirects
 *   to HTTPS (AWS listener, Azure Application Gateway, GCP target HTTPS proxy, DigitalOcean load
 *   balancer, OCI listener; the AWS listener's and GCP SSL policy's TLS versions are also judged
 *   by `tls-in-transit`, which this rule adds the unset-policy and HTTP-redirect cases to);
 * - `load-balancer-health-check`: the load balancer health-checks its backends and the group
 *   replaces machines that fail;
 * - `group-machines-not-public`: machines an autoscaling group launches get no public IP (the
 *   load balancer is their only way in), unless labelled as allowed like `no-public-ip`.
 */
import {
  AutoScalingGroup as Group, LaunchTemplate, AlbListener as AwsListener, TargetGroup, VirtualMachineScaleSet, ApplicationGateway, DropletAutoscale,
  DoLoadBalancer, BackendService, InstanceTemplate, RegionInstanceGroupManager, TargetHttpsProxy, InstanceConfiguration, BackendSet, OciListener,
} from "../types";
import { PUBLIC_IP_ALLOWED } from "../../core/tags";
import { has, labelMap } from "../facts";
import { CONTROLS } from "../frameworks";
import { known } from "../resources";
import { extractor, type ResourceRule } from "../rule";
import type { PublicIpConfig } from "./network";

/** Weaknesses of one resource; empty when it complies. */
type Findings = readonly string[];

/**
 * ELB security policies that allow only TLS 1.2 and 1.3 (the TLS13, TLS-1-2 and FS-1-2 families;
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html).
 */
const AWS_TLS12 = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/;
/**
 * Application Gateway predefined policies with TLS 1.2 as minimum
 * (https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview).
 */
const AZURE_TLS12_POLICIES = ["AppGwSslPolicy20170401S", "AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"];
const AZURE_TLS12_VERSIONS = ["TLSv1_2", "TLSv1_3"];
const OCI_OLD = ["TLSv1", "TLSv1.1"];

const secure = (protocol: string | undefined) => protocol?.toUpperCase() === "HTTPS";

function azureGateway(p: {
  httpListeners?: Array<{ name?: string; protocol?: string }>;
  requestRoutingRules?: Array<{ httpListener?: { id?: string }; redirectConfiguration?: { id?: string } }>;
  redirectConfigurations?: Array<{ name?: string; targetListener?: { id?: string } }>;
  sslPolicy?: { policyType?: string; policyName?: string; minProtocolVersion?: string };
}): string[] {
  const findings: string[] = [];
  const listeners = p.httpListeners ?? [];
  const protocolOf = new Map(listeners.map((l) => [l.name ?? "", l.protocol]));
  const byId = (id: string | undefined) => protocolOf.get(id?.slice(id.lastIndexOf("/") + 1) ?? "");
  const redirects = new Map((p.redirectConfigurations ?? []).map((r) => [r.name ?? "", r]));
  const rules = p.requestRoutingRules ?? [];
  // Sub-resource ids are built from outputs: during a preview they are unknown.
  const ids = known(() => rules.map((r) => [r.httpListener?.id, r.redirectConfiguration?.id, ...(p.redirectConfigurations ?? []).map((c) => c.targetListener?.id)]));
  const plain = listeners.filter((x) => !secure(x.protocol));
  if (ids === undefined) {
    // Unknown ids: every plain listener needs a redirect-only routing rule of its own.
    const redirecting = rules.filter((r) => has(r, "redirectConfiguration") && !has(r, "backendAddressPool")).length;
    if (redirecting < plain.length) findings.push(`${plain.length - redirecting} plain HTTP listener(s) without a redirect-only routing rule`);
  } else {
    for (const l of plain) {
      const own = rules.filter((r) => r.httpListener?.id?.endsWith(`/httpListeners/${l.name}`));
      const toHttps =
        own.length > 0 &&
        own.every((r) => {
          const id = r.redirectConfiguration?.id;
          const redirect = id === undefined ? undefined : redirects.get(id.slice(id.lastIndexOf("/") + 1));
          return redirect !== undefined && secure(byId(redirect.targetListener?.id));
        });
      if (!toHttps) findings.push(`listener ${l.name} serves plain HTTP (not only a redirect to an HTTPS listener)`);
    }
  }
  if (listeners.some((l) => secure(l.protocol))) {
    const policy = p.sslPolicy;
    const ok =
      policy !== undefined &&
      ((policy.policyType === "Predefined" && AZURE_TLS12_POLICIES.includes(policy.policyName ?? "")) ||
        ((policy.policyType === "Custom" || policy.policyType === "CustomV2") && AZURE_TLS12_VERSIONS.includes(policy.minProtocolVersion ?? "")));
    if (!ok) findings.push(`sslPolicy ${policy?.policyName ?? policy?.minProtocolVersion ?? "is not set (the gateway's default allows TLS 1.0)"}${policy ? " allows TLS older than 1.2" : ""}`);
  }
  return findings;
}

export const loadBalancerHttps: ResourceRule<Findings> = {
  kind: "resource",
  id: "load-balancer-https",
  description: "Load balancer listeners must serve HTTPS with TLS 1.2 or newer; plain HTTP may only redirect to HTTPS.",
  severity: "high",
  frameworks: CONTROLS.transitEncryption,
  remediation: "Terminate TLS on the load balancer with a TLS 1.2+ policy and redirect HTTP to HTTPS (tessera's WebTier does on every cloud).",
  defaults: {},
  extractors: [
    extractor(AwsListener, "aws", (p) => {
      if (!secure(p.protocol) && p.protocol?.toUpperCase() !== "TLS") {
        return (p.defaultActions ?? []).every((a) => a.type === "redirect" && a.redirect?.protocol === "HTTPS") && (p.defaultActions ?? []).length > 0 ? [] : [`listener on port ${p.port ?? "?"} serves plain ${p.protocol ?? "HTTP"} (not only a redirect to HTTPS)`];
      }
      return p.sslPolicy !== undefined && AWS_TLS12.test(p.sslPolicy) ? [] : [`sslPolicy ${p.sslPolicy ?? "is not set (ELBSecurityPolicy-2016-08, which allows TLS 1.0)"}${p.sslPolicy !== undefined ? " is not a TLS 1.2+ policy" : ""}`];
    }),
    extractor(ApplicationGateway, "azure", azureGateway),
    // Without an SSL policy a target HTTPS proxy uses Google's default (COMPATIBLE, TLS 1.0).
    extractor(TargetHttpsProxy, "gcp", (p) => (has(p, "sslPolicy") ? [] : ["no sslPolicy: the default allows TLS 1.0"])),
    extractor(DoLoadBalancer, "digitalocean", (p) =>
      (p.forwardingRules ?? []).flatMap((r) => {
        const entry = r.entryProtocol.toLowerCase();
        if (entry === "http" || entry === "http2" || entry === "http3") {
          return p.redirectHttpToHttps === true && r.entryPort === 80 ? [] : [`forwarding rule on port ${r.entryPort} serves plain ${r.entryProtocol.toUpperCase()} (redirectHttpToHttps is ${p.redirectHttpToHttps ?? false})`];
        }
        if (entry === "https" && !r.tlsPassthrough && !has(r, "certificateName") && !has(r, "certificateId")) return [`forwarding rule on port ${r.entryPort} has no certificate`];
        return [];
      }),
    ),
    extractor(OciListener, "oci", (p) => {
      if (p.sslConfiguration === undefined) return (p.ruleSetNames ?? []).length > 0 ? [] : [`listener ${p.name ?? ""} on port ${p.port} serves plain HTTP without a redirect rule set`.replace("  ", " ")];
      const protocols = p.sslConfiguration.protocols;
      if (protocols === undefined || protocols.length === 0) return ["sslConfiguration.protocols is not set: list TLSv1.2 (and TLSv1.3) explicitly"];
      const old = protocols.filter((v) => OCI_OLD.includes(v));
      return old.length > 0 ? [`sslConfiguration allows ${old.join(", ")}`] : [];
    }),
  ],
  check: (findings) => findings.map((f) => `load balancer: ${f}`),
};

export const loadBalancerHealthCheck: ResourceRule<Findings> = {
  kind: "resource",
  id: "load-balancer-health-check",
  description: "Load balancers must health-check their backends, and autoscaling groups must replace machines that fail it.",
  severity: "medium",
  frameworks: { soc2: ["A1.2", "CC7.2"], iso27001: ["A.8.14", "A.8.16"], sox: ["ITGC: computer operations"] },
  remediation: "Give every backend pool a health check (path, interval, thresholds) and let the group use it to replace machines (tessera's WebTier does).",
  defaults: {},
  extractors: [
    extractor(TargetGroup, "aws", (p) => (p.healthCheck?.enabled === false ? ["target group health checks are disabled"] : [])),
    extractor(Group, "aws", (p) => (has(p, "targetGroupArns") && (p.targetGroupArns ?? []).length > 0 && p.healthCheckType !== "ELB" ? [`healthCheckType is ${p.healthCheckType ?? "EC2 (default)"}: machines failing the load balancer's check are not replaced`] : [])),
    extractor(ApplicationGateway, "azure", (p) => {
      const missing = (p.backendHttpSettingsCollection ?? []).filter((s) => !has(s, "probe")).map((s) => s.name ?? "?");
      return missing.length > 0 ? [`backend settings ${missing.join(", ")} have no custom health probe`] : [];
    }),
    extractor(BackendService, "gcp", (p) => (has(p, "healthChecks") ? [] : ["backend service has no health check"])),
    extractor(RegionInstanceGroupManager, "gcp", (p) => (has(p, "autoHealingPolicies") ? [] : ["no autoHealingPolicies: failed machines are not replaced"])),
    extractor(DoLoadBalancer, "digitalocean", (p) => (has(p, "healthcheck") ? [] : ["no healthcheck: DigitalOcean probes TCP port 80 by default"])),
    extractor(BackendSet, "oci", (p) => (has(p.healthChecker, "urlPath") || p.healthChecker.protocol?.toUpperCase() === "TCP" ? [] : ["health checker has no urlPath"])),
  ],
  check: (findings) => findings.map((f) => `health check: ${f}`),
};

/** Why a group's machines would get public IPs, and the labels that may allow it. */
interface GroupExposure {
  readonly reason?: string;
  readonly labels: Record<string, string>;
}

export const groupMachinesNotPublic: ResourceRule<GroupExposure, PublicIpConfig> = {
  kind: "resource",
  id: "group-machines-not-public",
  description: "Machines an autoscaling group launches must not get public IPs unless labelled as allowed (tessera-public-ip: allowed).",
  severity: "high",
  frameworks: CONTROLS.networkExposure,
  remediation: "Launch the group's machines in private subnets without public IPs and reach them through the load balancer (tessera's WebTier does).",
  defaults: { label: Object.keys(PUBLIC_IP_ALLOWED)[0]!, value: Object.values(PUBLIC_IP_ALLOWED)[0]! },
  configSchema: {
    label: { type: "string", default: "tessera-public-ip", description: "Label key that allows a public IP." },
    value: { type: "string", default: "allowed", description: "Label value that allows a public IP." },
  },
  extractors: [
    extractor(LaunchTemplate, "aws", (p) => ({
      ...((p.networkInterfaces ?? []).some((n) => n.associatePublicIpAddress === "true") ? { reason: "a network interface has associatePublicIpAddress true" } : {}),
      labels: labelMap(p.tags),
    })),
    extractor(VirtualMachineScaleSet, "azure", (p) => ({
      ...((p.virtualMachineProfile?.networkProfile?.networkInterfaceConfigurations ?? []).some((n) => n.ipConfigurations.some((c) => has(c, "publicIPAddressConfiguration"))) ? { reason: "an IP configuration has a publicIPAddressConfiguration" } : {}),
      labels: labelMap(p.tags),
    })),
    extractor(InstanceTemplate, "gcp", (p) => ({ ...((p.networkInterfaces ?? []).some((n) => (n.accessConfigs ?? []).length > 0) ? { reason: "a network interface has an access config (external IP)" } : {}), labels: labelMap(p.labels) })),
    extractor(DropletAutoscale, "digitalocean", (p) => ({
      ...(p.dropletTemplate.publicNetworking !== false ? { reason: "the Droplet template's public networking is on (the default)" } : {}),
      labels: labelMap(p.dropletTemplate.tags),
    })),
    extractor(InstanceConfiguration, "oci", (p) => {
      const vnic = p.instanceDetails?.launchDetails?.createVnicDetails;
      return { ...(vnic?.assignPublicIp !== false ? { reason: vnic?.assignPublicIp === true ? "assignPublicIp is true" : "assignPublicIp is not set (OCI assigns one in public subnets)" } : {}), labels: labelMap(p.freeformTags) };
    }),
  ],
  check: (facts, config) => (facts.reason && facts.labels[config.label] !== config.value ? [`public IP for the group's machines: ${facts.reason}, and they are not labelled ${config.label}: ${config.value}`] : []),
};
