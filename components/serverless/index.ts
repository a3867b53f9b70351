/**
 * `tessera:serverless:Function` — an HTTP function from a container image: Lambda + function URL,
 * Azure Container Apps, Cloud Run, DigitalOcean App Platform, OCI Functions.
 *
 * @example
 * const api = new Function("api", { target, image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4", public: true });
 * export const apiUrl = api.url;
 */
import * as pulumi from "@pulumi/pulumi";
import { requireCapability } from "../../core/capabilities";
import { build, type Registry } from "../registry";
import { TOKENS } from "../tokens";
import { type FunctionArgs, type FunctionOutputs, validateFunctionArgs } from "./contract";

export type { FunctionArgs, FunctionOutputs } from "./contract";

/** The per-cloud implementations, each file loaded when a component is first placed on its cloud (see {@link Registry}). */
export const FUNCTION_IMPLS = {
  aws: () => (require("./aws") as typeof import("./aws")).aws,
  azure: () => (require("./azure") as typeof import("./azure")).azure,
  gcp: () => (require("./gcp") as typeof import("./gcp")).gcp,
  digitalocean: () => (require("./digitalocean") as typeof import("./digitalocean")).digitalocean,
  oci: () => (require("./oci") as typeof import("./oci")).oci,
} satisfies Registry<FunctionArgs, FunctionOutputs>;

/** An HTTP function from a container image, with its own identity and an HTTPS URL. */
export class Function extends pulumi.ComponentResource implements FunctionOutputs {
  public readonly url: pulumi.Output<string>;
  public readonly identity: pulumi.Output<string>;
  public readonly resourceId: pulumi.Output<string>;

  constructor(name: string, args: FunctionArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireCapability("serverless", args.target.cloud);
    validateFunctionArgs(args);
    super(TOKENS.function, name, {}, opts);
    const out = build(FUNCTION_IMPLS, name, args, this);
    this.url = out.url;
    this.identity = out.identity;
    this.resourceId = out.resourceId;
    this.registerOutputs({ url: this.url, identity: this.identity, resourceId: this.resourceId });
  }
}
