/**
 * GCP project prerequisites: the APIs a stack's resources call, enabled by the stack itself.
 *
 * A fresh project has almost every API disabled; creating a resource against a disabled API fails
 * with `SERVICE_DISABLED`. {@link ProjectApis} creates one `gcp.projects.Service` per API the
 * first time a component asks for it, and components make every child depend on the APIs it calls
 * (the harness checks it for every registered `gcp:` resource, from `core/gcp-apis.ts`).
 *
 * `disableOnDestroy: false`: destroying one stack must not switch an API off under another stack,
 * or anything else, in the same project (https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_service).
 * Enabling APIs needs the Service Usage API itself (on by default in new projects) and
 * `serviceusage.services.enable` (roles/serviceusage.serviceUsageAdmin); see the README,
 * "Before your first `pulumi up`".
 */
import type * as pulumi from "@pulumi/pulumi";
import { CryptoKeyIAMMember } from "@pulumi/gcp/kms/cryptoKeyIAMMember";
import { Service } from "@pulumi/gcp/projects/service";
import { GCP_APIS, type GcpApi } from "../core/gcp-apis";
import { childOpts } from "./registry";
import type { GcpProjectApis, GcpTarget } from "./target";

/** The project's enabled APIs, one `Service` per API, created on first use. */
export class ProjectApis implements GcpProjectApis {
  private readonly enabled = new Map<GcpApi, Service>();

  constructor(
    private readonly project: string,
    private readonly provider: pulumi.ProviderResource,
  ) {}

  enable(api: GcpApi): Service {
    let service = this.enabled.get(api);
    if (!service) {
      service = new Service(`gcp-api-${api}`, { project: this.project, service: GCP_APIS[api], disableOnDestroy: false }, { provider: this.provider });
      this.enabled.set(api, service);
    }
    return service;
  }
}

/** The resources enabling `apis` in the target's project: pass them as `dependsOn`. */
export function enableApis(target: GcpTarget, ...apis: GcpApi[]): pulumi.Resource[] {
  return apis.map((api) => target.apis.enable(api));
}

/**
 * Lets a Google-managed service agent (`serviceAccount:…` member) use a customer-managed Cloud KMS
 * key. A bucket or dataset encrypted with a key its service agent may not use fails at create
 * ("Permission denied on Cloud KMS key"), so the resource depends on this grant.
 */
export function grantKeyToAgent(name: string, target: GcpTarget, parent: pulumi.Resource, keyId: pulumi.Input<string>, member: pulumi.Input<string>): CryptoKeyIAMMember {
  return new CryptoKeyIAMMember(
    `${name}-cmek`,
    { cryptoKeyId: keyId, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member },
    childOpts(parent, target, { dependsOn: enableApis(target, "cloudkms") }),
  );
}
