/**
 * The shape of a physical-name rule, and small builders the per-cloud tables share.
 */

/**
 * Where a name must be unique:
 * - `global`: every account of the cloud (the name is part of a public DNS name or a global namespace);
 * - `region-global`: every account, per region;
 * - `account` / `account-region`: an AWS account (IAM is account-wide) or a DigitalOcean team;
 * - `subscription`, `resource-group`: Azure;
 * - `project`, `project-location`: GCP (a location is a region or zone);
 * - `tenancy`, `tenancy-region`, `compartment`: OCI;
 * - `parent`: the resource the name lives in (a vault, a cluster, a storage account);
 * - `none`: a label, not an identity (OCI display names; the OCID is the identity).
 */
export type NameScope =
  | "global"
  | "region-global"
  | "account"
  | "account-region"
  | "subscription"
  | "resource-group"
  | "project"
  | "project-location"
  | "tenancy"
  | "tenancy-region"
  | "compartment"
  | "parent"
  | "none";

/** A reserved word, prefix or pattern (a case-insensitive regular expression over the name). */
export interface Reserved {
  readonly pattern: string;
  /** What the name may not do, as the message says it. */
  readonly reason: string;
}

/** The rule for one kind of physical name on one cloud. */
export interface NameRule {
  /** The resource and field, in the cloud's words. */
  readonly resource: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** Characters allowed after {@link prefix} (a regular-expression character class body). */
  readonly charset: string;
  /** Characters allowed first (after the prefix). */
  readonly first: string;
  /** Characters allowed last. */
  readonly last: string;
  /** What tessera joins parts with: `-`, `_`, or nothing where neither is allowed. */
  readonly separator: "-" | "_" | "";
  /** Characters that may not appear twice in a row (`-` for Key Vault, `.` for S3). */
  readonly noRepeat?: string;
  /** A literal the name starts with (KMS aliases: `alias/`; tessera's log groups: `/tessera/`). */
  readonly prefix?: string;
  /** Reserved words, prefixes and suffixes. */
  readonly reserved?: readonly Reserved[];
  readonly scope: NameScope;
  /** Suffix length when 6 would break a rule. @default 6 */
  readonly suffixLength?: number;
  /**
   * Why the cloud keeps the name after a delete, or why it must be unique across every account:
   * such names get a random suffix kept in state (new for a new stack, stable across updates).
   */
  readonly kept?: string;
  /** Where the rule comes from: provider documentation or the upstream provider's validator. */
  readonly source: string;
}

/** The default suffix length: 36^6 ≈ 2.2 billion values (Pulumi's own auto-names use 7 hex digits, 268 million). */
export const DEFAULT_SUFFIX_LENGTH = 6;

/** Characters of a suffix: every rule accepts them anywhere. */
export const SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Common character classes. */
export const LOWER_ALNUM = "a-z0-9";
export const ALNUM = "a-zA-Z0-9";

/** RFC 1035 labels as GCP Compute Engine and others use them: `[a-z]([-a-z0-9]*[a-z0-9])?`. */
export function rfc1035(resource: string, maxLength: number, scope: NameScope, source: string, extra: Partial<NameRule> = {}): NameRule {
  return { resource, minLength: 1, maxLength, charset: "a-z0-9-", first: "a-z", last: LOWER_ALNUM, separator: "-", scope, source, ...extra };
}

/** Azure's reserved words for resources with a public endpoint (whole names, substrings, prefixes). */
export const AZURE_RESERVED: readonly Reserved[] = [
  { pattern: "microsoft", reason: 'contains "MICROSOFT", reserved by Azure' },
  { pattern: "windows", reason: 'contains "WINDOWS", reserved by Azure' },
  { pattern: "^login", reason: 'starts with "LOGIN", reserved by Azure' },
  {
    pattern:
      "^(access|app_code|app_themes|app_data|app_globalresources|app_localresources|app_webreferences|app_browsers|azure|bing|bizspark|biztalk|cortana|directx|dotnet|dynamics|excel|exchange|forefront|groove|hololens|hyperv|kinect|lync|msdn|o365|office|office365|onedrive|onenote|outlook|powerpoint|sharepoint|skype|visio|visualstudio|web\\.config|xbox)$",
    reason: "is a word Azure reserves",
  },
];

/** Source of {@link AZURE_RESERVED}. */
/** Azure's naming rules and restrictions page, the source of most Azure name rules. */
export const AZURE_NAME_RULES_SOURCE = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";
/** The azurerm Terraform provider, whose validators back Azure rules the page leaves out. */
export const AZURERM_SOURCE = "hashicorp/terraform-provider-azurerm";
export const AZURE_RESERVED_SOURCE = "https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-reserved-resource-name";
