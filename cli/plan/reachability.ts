/**
 * Warnings for traffic the stack asks for but its network would drop. The network is default-deny
 * (components/network): only `network.ingress` rules open ports. A compute service with
 * `publicIp: true` and no rule is unreachable; a `failover.dns` health check whose port no rule
 * opens to the internet fails from the start (unless the service sits behind its load balancer),
 * so the name fails over (or flaps) although both
 * sites are up. Health checkers (Route 53, Traffic Manager, Cloud DNS, OCI health checks) probe
 * from the provider's public address ranges, hence a rule from `0.0.0.0/0`.
 */
import type { Requirements } from "../../placement/requirements";

type Rule = NonNullable<Requirements["network"]>["ingress"][number];

const covers = (rule: Rule, port: number) => {
  const [from, to] = typeof rule.ports === "number" ? [rule.ports, rule.ports] : rule.ports;
  return rule.protocol === "tcp" && from <= port && port <= to;
};

/** The port a health check probes: its `port`, else 443 for HTTPS and 80 for HTTP. */
export const healthCheckPort = (hc: { protocol?: "HTTPS" | "HTTP"; port?: number | undefined } | undefined): number => hc?.port ?? ((hc?.protocol ?? "HTTPS") === "HTTPS" ? 443 : 80);

/** One warning per public service or health check that no ingress rule lets in. */
export function reachabilityWarnings(req: Requirements): string[] {
  const rules = req.network?.ingress ?? [];
  const warnings: string[] = [];
  for (const [name, s] of Object.entries(req.services)) {
    if ((s.kind === "compute" || s.kind === "gpu-compute") && s.publicIp && rules.length === 0) {
      warnings.push(`services.${name} has publicIp: true, but network.ingress opens no port: the network is default-deny, so nothing reaches it from the internet (add e.g. { ports: 443, sources: [0.0.0.0/0] })`);
    }
  }
  const dns = req.failover?.dns;
  // Behind a load balancer the health check probes the balancer, whose listener the web tier opens itself.
  const target = dns ? req.services[dns.service] : undefined;
  const balanced = target !== undefined && "loadBalancer" in target && target.loadBalancer !== undefined;
  if (dns && !balanced) {
    const port = healthCheckPort(dns.healthCheck);
    const open = rules.some((r) => covers(r, port) && r.sources.includes("0.0.0.0/0"));
    if (!open) {
      warnings.push(
        `failover.dns: the ${dns.healthCheck?.protocol ?? "HTTPS"} health check on port ${port} cannot reach ${dns.service}: no network.ingress rule opens tcp ${port} to 0.0.0.0/0 (health checkers probe from the internet), so ${dns.hostname} would fail over although the primary is up`,
      );
    }
  }
  return warnings;
}
