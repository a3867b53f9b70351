/**
 * One explicit provider per (cloud, region), built from the placement decision. Nothing relies on
 * ambient provider config such as `aws:region`: the region comes from placement; credentials still
 * come from each provider's usual environment (AWS profile, `az login`, GOOGLE_CREDENTIALS,
 * DIGITALOCEAN_TOKEN, ~/.oci/config).
 */
import * as pulumi from "@pulumi/pulumi";
import type { Accounts } from "../core/accounts";
import type { Cloud } from "../core/cloud";

export type { Accounts } from "../core/accounts";

type Factory = (name: string, region: string, accounts: Accounts, opts: pulumi.CustomResourceOptions) => pulumi.ProviderResource;

/**
 * The provider constructors, one per cloud (a missing cloud is a compile error). Each loads its
 * provider SDK's module when first called, so a stack loads only its placed clouds' SDKs (as the
 * component registries do, components/registry.ts).
 */
export const PROVIDER_FACTORIES = {
  aws: (name, region, _accounts, opts) => {
    const { Provider } = require("@pulumi/aws/provider") as typeof import("@pulumi/aws/provider");
    return new Provider(name, { region }, opts);
  },
  azure: (name, region, accounts, opts) => {
    const { Provider } = require("@pulumi/azure-native/provider") as typeof import("@pulumi/azure-native/provider");
    return new Provider(name, { location: region, ...(accounts.azure?.subscriptionId ? { subscriptionId: accounts.azure.subscriptionId } : {}) }, opts);
  },
  gcp: (name, region, accounts, opts) => {
    const { Provider } = require("@pulumi/gcp/provider") as typeof import("@pulumi/gcp/provider");
    const project = requireAccount(accounts.gcp?.project, "gcp", "project");
    // The Billing Budget API refuses user credentials without a quota project: bill the calls to
    // the stack's project (hashicorp/terraform-provider-google budget 403 "requires a quota project").
    const quota = accounts.gcp?.billingAccount ? { userProjectOverride: true, billingProject: project } : {};
    return new Provider(name, { project, region, ...quota }, opts);
  },
  // DigitalOcean sets the region on each resource; the provider is region-free.
  digitalocean: (name, _region, _accounts, opts) => {
    const { Provider } = require("@pulumi/digitalocean/provider") as typeof import("@pulumi/digitalocean/provider");
    return new Provider(name, {}, opts);
  },
  oci: (name, region, _accounts, opts) => {
    const { Provider } = require("@pulumi/oci/provider") as typeof import("@pulumi/oci/provider");
    return new Provider(name, { region }, opts);
  },
} as const satisfies Record<Cloud, Factory>;

/** The account setting a placed cloud needs, or an error naming the config key. */
export function requireAccount(value: string | undefined, cloud: Cloud, field: string): string {
  if (!value) {
    throw new pulumi.InputPropertyError({
      propertyPath: `tessera:accounts.${cloud}.${field}`,
      reason: `tessera:accounts.${cloud}.${field}: the stack is placed on ${cloud}, which needs it in the stack config`,
    });
  }
  return value;
}

/** The logical name of the provider for (cloud, region): `aws-eu-west-1`. */
export const providerName = (cloud: Cloud, region: string): string => `${cloud}-${region}`;

/** Builds the explicit provider for (cloud, region). */
export function createProvider(cloud: Cloud, region: string, accounts: Accounts, opts: pulumi.CustomResourceOptions = {}): pulumi.ProviderResource {
  return PROVIDER_FACTORIES[cloud](providerName(cloud, region), region, accounts, opts);
}
