/**
 * From a placement decision to component targets: one explicit provider per (cloud, region), plus
 * the per-cloud account context (an Azure resource group per region, the GCP project, the OCI
 * compartment).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../core/cloud";
import { type RegionFacts, siteFacts } from "../core/facts";
import { physicalName } from "../core/naming";
import type { ProjectApis } from "../components/gcp-project";
import { type Accounts, createProvider, requireAccount } from "../components/providers";
import { tags } from "../components/tags";
import type { Target } from "../components/target";
import type { Requirements } from "../placement/requirements";

/** Stack-wide facts every target carries. */
export interface TargetContext {
  readonly stack: string;
  readonly requirements: Requirements;
  readonly accounts: Accounts;
  /** The catalog's zones and versions (loadRegionFacts of the catalog's folder). */
  readonly facts: RegionFacts;
}

/** Residency stamp: allowed jurisdictions and countries, lowercase. */
export function residencyStamp(req: Requirements): string[] {
  return [...(req.residency?.jurisdictions ?? []), ...(req.residency?.countries ?? [])].map((s) => s.toLowerCase());
}

/** One {@link ProjectApis} per GCP project of a program run: both sites of a stack share it. */
const projectApis = new WeakMap<TargetContext, Map<string, ProjectApis>>();

function apisOf(ctx: TargetContext, project: string, provider: pulumi.ProviderResource): ProjectApis {
  let byProject = projectApis.get(ctx);
  if (!byProject) projectApis.set(ctx, (byProject = new Map()));
  let apis = byProject.get(project);
  if (!apis) {
    // Loaded here, not imported: only a stack placed on GCP loads the GCP SDK's modules.
    const { ProjectApis } = require("../components/gcp-project") as typeof import("../components/gcp-project");
    byProject.set(project, (apis = new ProjectApis(project, provider)));
  }
  return apis;
}

/** Builds the target (and its provider) for one placed site. */
export function createTarget(ctx: TargetContext, cloud: Cloud, region: string): Target {
  // Account context first: a missing setting fails before any resource registers.
  const project = cloud === "gcp" ? requireAccount(ctx.accounts.gcp?.project, "gcp", "project") : "";
  const compartmentId = cloud === "oci" ? requireAccount(ctx.accounts.oci?.compartmentId, "oci", "compartmentId") : "";
  const provider = createProvider(cloud, region, ctx.accounts);
  const base = {
    region,
    provider,
    stack: ctx.stack,
    dataClassification: ctx.requirements.dataClassification,
    residency: residencyStamp(ctx.requirements),
    facts: siteFacts(ctx.facts, cloud, region),
  };
  switch (cloud) {
    case "aws":
    case "digitalocean":
      return { ...base, cloud };
    case "azure": {
      const base0 = { ...base, cloud } as const;
      // Loaded here, not imported: only a stack placed on Azure loads the Azure SDK's modules.
      const { ResourceGroup } = require("@pulumi/azure-native/resources/resourceGroup") as typeof import("@pulumi/azure-native/resources/resourceGroup");
      const group = new ResourceGroup(
        `rg-${region}`,
        {
          resourceGroupName: physicalName("azure", "resourceGroup", ["tessera", ctx.stack, region]),
          location: region,
          tags: tags({ ...base0, resourceGroupName: "" }, "stack"),
        },
        // Deleting a resource group deletes everything in it: protect it like the data it holds.
        { provider, protect: true },
      );
      return { ...base0, resourceGroupName: group.name };
    }
    case "gcp":
      return { ...base, cloud, project, apis: apisOf(ctx, project, provider) };
    case "oci":
      return { ...base, cloud, compartmentId };
  }
}
