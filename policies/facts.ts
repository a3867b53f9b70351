/**
 * Small cloud-neutral readers rules share: labels in one shape, "open to the internet" sources,
 * port ranges, admin port names.
 */

/** Labels as a map, whatever shape the cloud keeps them in (DigitalOcean: `key:value` strings). */
export function labelMap(tags: Readonly<Record<string, string>> | readonly string[] | undefined): Record<string, string> {
  if (tags === undefined) return {};
  if (!Array.isArray(tags)) return { ...(tags as Readonly<Record<string, string>>) };
  return Object.fromEntries((tags as readonly string[]).map((t) => {
    const i = t.indexOf(":");
    return i < 0 ? [t, ""] : [t.slice(0, i), t.slice(i + 1)];
  }));
}

/** Sources that mean "anyone on the internet", in every cloud's spelling. */
const ANYWHERE = new Set(["0.0.0.0/0", "::/0", "*", "internet", "any", "0.0.0.0"]);

/** True when a firewall source admits the whole internet. */
export const isAnywhere = (source: string | undefined): boolean => source !== undefined && ANYWHERE.has(source.trim().toLowerCase());

/** A port range, inclusive; `[0, 65535]` for "all ports". */
export type PortRange = readonly [number, number];

/** Every port. */
export const ALL_PORTS: PortRange = [0, 65535];

/** `"22"`, `"1000-2000"`, `"*"`, `"all"` → a range (undefined when unreadable). */
export function parsePorts(spec: string | number | undefined): PortRange | undefined {
  if (spec === undefined) return undefined;
  const text = String(spec).trim().toLowerCase();
  if (text === "*" || text === "all" || text === "") return ALL_PORTS;
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : undefined;
}

/** Ports people administer machines and data stores through. */
export const ADMIN_PORT_NAMES: Readonly<Record<number, string>> = {
  22: "SSH",
  23: "Telnet",
  1433: "SQL Server",
  1521: "Oracle",
  2375: "Docker",
  2376: "Docker TLS",
  3306: "MySQL",
  3389: "RDP",
  5432: "PostgreSQL",
  5985: "WinRM",
  5986: "WinRM TLS",
  6379: "Redis",
  9200: "Elasticsearch",
  27017: "MongoDB",
};

/** The default admin ports, ascending. */
export const ADMIN_PORTS: readonly number[] = Object.keys(ADMIN_PORT_NAMES).map(Number);

/** `22 (SSH)`, or the number alone for a configured port without a name. */
export const portName = (port: number): string => (ADMIN_PORT_NAMES[port] ? `${port} (${ADMIN_PORT_NAMES[port]})` : String(port));

/** `22`, `1000-2000` or `all ports`. */
export const rangeText = ([from, to]: PortRange): string => (from <= 0 && to >= 65535 ? "all ports" : from === to ? `port ${from}` : `ports ${from}-${to}`);

/**
 * True when `obj` has `key` set, without reading its value: during a preview a value can be
 * unknown, and reading it makes `@pulumi/policy` skip the whole rule for that resource. Presence
 * is all a "uses a customer key" or "has a private endpoint" check needs.
 */
export function has(obj: object | undefined | null, key: string): boolean {
  return obj !== undefined && obj !== null && Object.prototype.hasOwnProperty.call(obj, key);
}
