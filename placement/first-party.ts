/**
 * Which sources count as a cloud's own word on a compliance fact (issue 12, "Placement you can
 * defend"). data/README.md: `high` and `medium` are for facts read on the provider's own
 * compliance page, trust portal or data-processing terms (or the provider's own documentation
 * repository); anything read only in a third party's material is `low`. The data test checks every
 * `medium`/`high` row of data/compliance.csv against this list.
 */
import type { Cloud } from "../core/cloud";

export interface FirstPartySources {
  /** Host names; a source URL counts when its host is one of these or a subdomain of one. */
  readonly hosts: readonly string[];
  /** GitHub owners whose repositories are the provider's own documentation (`owner/repo:path@commit`). */
  readonly githubOwners: readonly string[];
}

export const FIRST_PARTY_SOURCES = {
  aws: { hosts: ["aws.amazon.com", "docs.aws.amazon.com"], githubOwners: [] },
  // learn.microsoft.com (compliance offerings), www.microsoft.com (Trust Center), servicetrust.
  // MicrosoftDocs holds the sources of the Learn compliance pages, localisations included.
  azure: { hosts: ["microsoft.com"], githubOwners: ["MicrosoftDocs"] },
  // cloud-dot-devsite-v2-prod.appspot.com is Google's own devsite host that serves
  // cloud.google.com pages (the dated copies of cloud.google.com/terms/...); only that exact host,
  // never appspot.com at large.
  gcp: { hosts: ["cloud.google.com", "cloud-dot-devsite-v2-prod.appspot.com"], githubOwners: [] },
  oci: { hosts: ["oracle.com"], githubOwners: [] },
  digitalocean: { hosts: ["digitalocean.com"], githubOwners: [] },
} as const satisfies Record<Cloud, FirstPartySources>;

/**
 * The parts of a `source` cell: `;`-separated, each a URL or `owner/repo:path@commit`, with an
 * optional trailing parenthetical remark (dropped).
 */
export function sourceParts(source: string): string[] {
  return source
    .split(/\s+;\s+/)
    .map((part) => part.replace(/\s*\(.*\)\s*$/, "").trim())
    .filter((part) => part !== "");
}

/** True when one source part is the cloud's own page or documentation repository. */
export function isFirstParty(cloud: Cloud, part: string): boolean {
  const allowed: FirstPartySources = FIRST_PARTY_SOURCES[cloud];
  if (/^https?:\/\//.test(part)) {
    let host: string;
    try {
      // A fully qualified name's trailing dot (`learn.microsoft.com.`) names the same host.
      host = new URL(part).hostname.toLowerCase().replace(/\.$/, "");
    } catch {
      return false;
    }
    return allowed.hosts.some((h) => host === h || host.endsWith(`.${h}`));
  }
  const repo = /^([A-Za-z0-9-]+)\/[A-Za-z0-9._-]+:[^@\s]+@[0-9a-f]{40}$/.exec(part);
  return repo !== null && allowed.githubOwners.includes(repo[1]!);
}

/** The parts of a row's source that are not first-party for its cloud (empty: all first-party). */
export function thirdPartyParts(cloud: Cloud, source: string): string[] {
  return sourceParts(source).filter((part) => !isFirstParty(cloud, part));
}
