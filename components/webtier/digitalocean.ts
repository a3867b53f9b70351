/**
 * WebTier on DigitalOcean: a regional Load Balancer in the network's VPC with an HTTPS forwarding
 * rule on a Let's Encrypt certificate (the hostname's domain must be managed by DigitalOcean DNS),
 * port 80 redirected to HTTPS, the STRONG TLS cipher policy (TLS 1.2+), a health check, and a
 * Droplet autoscale pool (VPC-only Droplets, metrics agent on, CPU target) whose Droplets carry
 * the tag the load balancer selects backends by. A Cloud Firewall on that tag admits the backend
 * ports from the load balancer only.
 */
import * as pulumi from "@pulumi/pulumi";
import { Certificate } from "@pulumi/digitalocean/certificate";
import { DropletAutoscale } from "@pulumi/digitalocean/dropletAutoscale";
import { Firewall } from "@pulumi/digitalocean/firewall";
import { LoadBalancer } from "@pulumi/digitalocean/loadBalancer";
import { SshKey } from "@pulumi/digitalocean/sshKey";
import { Tag } from "@pulumi/digitalocean/tag";
import { DIGITALOCEAN_IMAGES } from "../../core/images";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { doTags } from "../tags";
import { type WebTierArgs, type WebTierOutputs, webTierSettings } from "./contract";

const EVERYWHERE = ["0.0.0.0/0", "::/0"];

export const digitalocean: Impl<"digitalocean", WebTierArgs, WebTierOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = webTierSettings(args);
  const opts = childOpts(parent, target);
  const physical = (kind: Parameters<typeof physicalName<"digitalocean">>[1]) => physicalName("digitalocean", kind, [target.stack, name]);
  const backendPorts = [...new Set([s.backendPort, s.health.port])];

  const tag = new Tag(name, { name: physical("tag") }, opts);
  const certificate = new Certificate(name, { name: physical("certificate"), type: "lets_encrypt", domains: [args.hostname] }, opts);
  const lb = new LoadBalancer(
    name,
    {
      name: physical("loadBalancer"),
      region: target.region,
      vpcUuid: network.networkId,
      sizeUnit: 1,
      forwardingRules: [
        { entryProtocol: "https", entryPort: s.httpsPort, targetProtocol: "http", targetPort: s.backendPort, certificateName: certificate.name },
        // Port 80 only ever answers with a redirect (redirectHttpToHttps).
        ...(s.redirectPort === false ? [] : [{ entryProtocol: "http", entryPort: s.redirectPort, targetProtocol: "http", targetPort: s.backendPort }]),
      ],
      redirectHttpToHttps: s.redirectPort !== false,
      tlsCipherPolicy: "STRONG",
      healthcheck: {
        protocol: "http",
        port: s.health.port,
        path: s.health.path,
        checkIntervalSeconds: s.health.intervalSeconds,
        responseTimeoutSeconds: Math.min(10, s.health.intervalSeconds),
        healthyThreshold: s.health.healthyThreshold,
        unhealthyThreshold: s.health.unhealthyThreshold,
      },
      dropletTag: tag.name,
    },
    opts,
  );
  new Firewall(
    name,
    {
      name: physical("firewall"),
      tags: [tag.name],
      inboundRules: backendPorts.map((port) => ({ protocol: "tcp", portRange: String(port), sourceLoadBalancerUids: [lb.id] })),
      outboundRules: [
        { protocol: "tcp", portRange: "1-65535", destinationAddresses: EVERYWHERE },
        { protocol: "udp", portRange: "1-65535", destinationAddresses: EVERYWHERE },
        { protocol: "icmp", destinationAddresses: EVERYWHERE },
      ],
    },
    opts,
  );
  const key = args.sshPublicKey === undefined ? undefined : new SshKey(`${name}-key`, { name: physical("sshKey"), publicKey: args.sshPublicKey }, opts);
  const pool = new DropletAutoscale(
    name,
    {
      name: physical("dropletAutoscalePool"),
      // A fixed size is its own mode: target_number_instances excludes the other settings.
      config:
        s.min === s.max
          ? { targetNumberInstances: s.min }
          : { minInstances: s.min, maxInstances: s.max, targetCpuUtilization: s.targetCpuPercent / 100, cooldownMinutes: 5 },
      dropletTemplate: {
        size: args.size,
        region: target.region,
        image: DIGITALOCEAN_IMAGES[s.image],
        vpcUuid: network.networkId,
        publicNetworking: false,
        withDropletAgent: true,
        sshKeys: key ? [key.fingerprint] : [],
        tags: [tag.name, ...doTags(target, name, s.labels)],
        ...(args.userData !== undefined ? { userData: args.userData } : {}),
      },
    },
    opts,
  );
  return {
    address: lb.ip,
    loadBalancerId: lb.id,
    groupId: pool.id,
    certificateId: certificate.uuid,
    certificateValidation: pulumi.output(""),
    aliasZoneId: pulumi.output(""),
    memberSelector: tag.name,
  };
};
