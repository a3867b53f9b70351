/**
 * The per-cloud account context a stack gives in `tessera:accounts`: which fields each cloud
 * needs before anything can be created there. One rule, read by placement (a cloud whose fields
 * are missing is rejected with a reason naming them) and by the program (the provider and target
 * cannot be built without them).
 */
import type { Cloud } from "./cloud";

/** Stack config `tessera:accounts`; only the placed clouds' fields are needed. */
export interface Accounts {
  readonly azure?: { readonly subscriptionId?: string };
  /** `billingAccount`: the Cloud Billing account the stack's budget lives in (governance). */
  readonly gcp?: { readonly project: string; readonly billingAccount?: string };
  /** `tenancyId`: the root compartment, where audit retention and budgets live (governance). */
  readonly oci?: { readonly compartmentId: string; readonly tenancyId?: string };
}

/**
 * The fields each cloud needs: GCP resources live in a project and OCI resources in a
 * compartment, and neither has a default tessera could assume. AWS, Azure (the subscription of
 * the login) and DigitalOcean need none.
 */
export const REQUIRED_ACCOUNT_FIELDS = {
  aws: [],
  azure: [],
  gcp: ["project"],
  digitalocean: [],
  oci: ["compartmentId"],
} as const satisfies Record<Cloud, readonly string[]>;

/** The config paths (`tessera:accounts.gcp.project`) `cloud` needs and `accounts` lacks. */
export function missingAccountFields(cloud: Cloud, accounts: Accounts): string[] {
  const given = (accounts as Record<string, Record<string, unknown> | undefined>)[cloud] ?? {};
  return (REQUIRED_ACCOUNT_FIELDS[cloud] as readonly string[]).filter((f) => typeof given[f] !== "string" || given[f] === "").map((f) => `tessera:accounts.${cloud}.${f}`);
}
