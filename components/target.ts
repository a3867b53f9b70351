/**
 * A target: where a component builds, as decided by placement. It carries the explicit provider
 * for that (cloud, region) and the per-cloud account context some APIs require (an Azure resource
 * group, a GCP project, an OCI compartment). Components never read config or the environment;
 * everything they need to know about "where" arrives here.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../core/cloud";
import type { SiteFacts } from "../core/facts";
import type { GcpApi } from "../core/gcp-apis";

/** What every target has. */
export interface TargetBase {
  readonly cloud: Cloud;
  /** The provider region id (`eu-west-1`, `westeurope`, `europe-west1`, `fra1`, `eu-frankfurt-1`). */
  readonly region: string;
  /** The explicit provider for this (cloud, region); every child gets it. */
  readonly provider: pulumi.ProviderResource;
  /** Stack name, stamped as `tessera-stack`. */
  readonly stack: string;
  /** Data classification, stamped as `tessera-data-class`. */
  readonly dataClassification: string;
  /**
   * Allowed jurisdictions/countries from the stack's residency requirement, lowercase, stamped
   * as `tessera-residency` for the residency policy. Empty: unrestricted.
   */
  readonly residency: readonly string[];
  /**
   * The catalog's facts about this (cloud, region) on the catalog date: availability zones and
   * the Kubernetes / PostgreSQL versions the cloud supports (`core/facts.ts`). Components read
   * them here and never the catalog.
   */
  readonly facts: SiteFacts;
}

/** AWS: the provider carries the region. */
export interface AwsTarget extends TargetBase {
  readonly cloud: "aws";
}

/** Azure: resources live in a resource group. */
export interface AzureTarget extends TargetBase {
  readonly cloud: "azure";
  readonly resourceGroupName: pulumi.Input<string>;
}

/** The project's APIs, enabled once per project on first use (see `components/gcp-project.ts`). */
export interface GcpProjectApis {
  /** The resource that enables `api` in the project (created on the first call); depend on it. */
  enable(api: GcpApi): pulumi.Resource;
}

/** GCP: resources live in a project. */
export interface GcpTarget extends TargetBase {
  readonly cloud: "gcp";
  readonly project: string;
  /** Enables the APIs the components' resources call; every GCP child depends on its API. */
  readonly apis: GcpProjectApis;
}

/** DigitalOcean: the region is set per resource. */
export interface DigitalOceanTarget extends TargetBase {
  readonly cloud: "digitalocean";
}

/** OCI: resources live in a compartment. */
export interface OciTarget extends TargetBase {
  readonly cloud: "oci";
  readonly compartmentId: pulumi.Input<string>;
}

/** Where a component builds. */
export type Target = AwsTarget | AzureTarget | GcpTarget | DigitalOceanTarget | OciTarget;

/** The target type of one cloud. */
export type TargetOf<C extends Cloud> = Extract<Target, { cloud: C }>;
