/**
 * Subnet layout inside a network's CIDR block: public subnets take the first /(p+4) blocks,
 * private subnets start halfway through the range, so a /16 yields 10.0.0.0/20, 10.0.16.0/20, …
 * (public) and 10.0.128.0/20, 10.0.144.0/20, … (private). Parsing and validation use ipaddr.js.
 */
import ipaddr from "ipaddr.js";

/** The prefix lengths a tessera network accepts (AWS allows /16 to /28; /24 leaves /28 subnets). */
export const MIN_PREFIX = 16;
export const MAX_PREFIX = 24;

/** Splits `cidr` into `count` public and `count` private subnets of prefix + 4. */
export function subnetLayout(cidr: string, count: number): { public: string[]; private: string[] } {
  const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  const base = address.toByteArray().reduce((n, b) => n * 256 + b, 0);
  const size = 2 ** (32 - (prefix + 4));
  const block = (i: number) => `${ipaddr.fromByteArray(toBytes(base + i * size)).toString()}/${prefix + 4}`;
  return {
    public: Array.from({ length: count }, (_, i) => block(i)),
    private: Array.from({ length: count }, (_, i) => block(8 + i)),
  };
}

function toBytes(n: number): number[] {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256);
}

/** True for an IPv4 CIDR whose address is the network address (no host bits set). */
export function isNetworkCidr(cidr: string): boolean {
  if (!ipaddr.IPv4.isValidCIDR(cidr)) return false;
  const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  return ipaddr.IPv4.networkAddressFromCIDR(cidr).toString() === address.toString() && prefix >= 0;
}
