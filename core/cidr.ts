/**
 * Which IPv4 blocks count as "the internet": the public (unicast) address space, as opposed to
 * private, shared, loopback and reserved ranges (IANA IPv4 Special-Purpose Address Registry, via
 * ipaddr.js `range()`). Used where a cloud accepts only public sources (EKS publicAccessCidrs,
 * DOKS control-plane firewall) and to refuse 0.0.0.0/0 where "anyone" is not allowed.
 */
import ipaddr from "ipaddr.js";

/** Why `cidr` is not a public IPv4 block a Kubernetes API may be opened to, or undefined when it is one. */
export function notPublicCidr(cidr: string): string | undefined {
  if (!ipaddr.IPv4.isValidCIDR(cidr)) return `"${cidr}" is not an IPv4 CIDR block`;
  const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  if (prefix < 8) return `"${cidr}" opens the API to a large part of the internet; list the networks that administer the cluster (prefix /8 or longer)`;
  const range = address.range();
  // Documentation blocks (RFC 5737) pass, so examples and tests can use them.
  const documentation = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].some((block) => address.match(ipaddr.IPv4.parseCIDR(block)));
  if (range !== "unicast" && !documentation) return `"${cidr}" is ${range} address space: the network itself always reaches the private endpoint; list public networks only`;
  return undefined;
}
