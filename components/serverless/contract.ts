/**
 * Function: an HTTP function from a container image, scaling to zero where the cloud does, with
 * its own identity and an HTTPS URL — private (authenticated or network-internal) unless asked.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { NetworkRef } from "../network/contract";
import type { Labels } from "../tags";
import type { Target } from "../target";
import { checkInt, invalid } from "../validation";
import { checkNetwork } from "../compute/contract";
import { secretEnvironmentProblem } from "../../core/constraints";
import { imageProblem } from "../../core/registries";
import { kmsKeyLocation } from "../../core/gcp-key-agents";
import { isSensitiveName } from "../../core/sensitive";

/** Arguments of {@link Function}. */
export interface FunctionArgs {
  /** Where to build, from the placement decision. */
  readonly target: Target;
  /**
   * Container image serving HTTP. AWS Lambda runs images from Amazon ECR (built for the Lambda
   * runtime interface); OCI Functions from OCIR (Fn-compatible); Azure Container Apps, Cloud Run
   * and DigitalOcean App Platform from public registries too (DigitalOcean: Docker Hub, DOCR or
   * GHCR).
   */
  readonly image: string;
  /** Port the container listens on (not used by Lambda and OCI Functions). @default 8080 */
  readonly port?: number;
  /** @default 512 */
  readonly memoryMb?: number;
  /** @default 30 */
  readonly timeoutSeconds?: number;
  /**
   * Reachable by anyone. Otherwise: AWS IAM-authenticated URL, Azure environment-internal ingress,
   * Cloud Run internal ingress, DigitalOcean internal port only, OCI signed invoke endpoint; a
   * public OCI function gets an API Gateway in front.
   * @default false
   */
  readonly public?: boolean;
  /** Environment variables. @default {} */
  readonly environment?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Names of `environment` variables whose values are secrets (pass them as Pulumi secrets too).
   * They go to the cloud's secret mechanism — Azure Container Apps secrets (`secretRef`), App
   * Platform `SECRET` variables — as secret-looking names (`*_PASSWORD`, `*_TOKEN`, …) always do.
   * Lambda, OCI Functions and (in this version) Cloud Run would keep them in plain configuration:
   * there, any secret or secret-looking variable is an `InputPropertyError` on `environment`
   * (`FUNCTION_SECRET_ENVIRONMENT` in core/constraints.ts), and placement skips those clouds.
   * @default []
   */
  readonly secretEnvironment?: readonly string[];
  /**
   * Customer-managed key for the secret environment values (GCP only): a Cloud KMS crypto key
   * name (`projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>`, e.g. `Secrets.keyId`) in the
   * function's region, which encrypts each value's Secret Manager replica. The Function creates
   * the project's Secret Manager service agent and grants it roles/cloudkms.cryptoKeyEncrypterDecrypter
   * on the key before the secrets exist (https://cloud.google.com/secret-manager/docs/cmek).
   * Unset: Google-managed encryption. Other clouds keep secret values with provider-managed keys
   * (Container Apps secrets, App Platform SECRET variables): an `InputPropertyError` there.
   */
  readonly customerManagedKey?: pulumi.Input<string>;
  /** The network to run in: required on OCI (functions need a subnet), unused elsewhere. */
  readonly network?: NetworkRef;
  /** Labels added to tessera's own. @default {} */
  readonly labels?: Labels;
}

/** What every cloud's implementation returns. */
export interface FunctionOutputs {
  /** HTTPS URL ("" where the function has no URL of its own: DigitalOcean internal-only). */
  readonly url: pulumi.Output<string>;
  /**
   * The function's workload identity: IAM role ARN (AWS), managed identity principal id (Azure),
   * service account email (GCP), function OCID for resource-principal policies (OCI);
   * DigitalOcean App Platform has no workload identity ("").
   */
  readonly identity: pulumi.Output<string>;
  /** The provider's id of the function resource (for alerts). */
  readonly resourceId: pulumi.Output<string>;
}

/** The environment variables whose values are secrets: named in `secretEnvironment`, or secret-looking (`DB_PASSWORD`), sorted. */
export function secretVariables(environment: Readonly<Record<string, unknown>>, secretEnvironment: readonly string[] = []): string[] {
  return Object.keys(environment)
    .filter((key) => isSensitiveName(key) || secretEnvironment.includes(key))
    .sort();
}

/** Defaults filled in. */
export const functionSettings = (args: FunctionArgs) => ({
  port: args.port ?? 8080,
  memoryMb: args.memoryMb ?? 512,
  timeoutSeconds: args.timeoutSeconds ?? 30,
  public: args.public ?? false,
  environment: args.environment ?? {},
  secretEnvironment: new Set(args.secretEnvironment ?? []),
});

/**
 * Validates the arguments before any child exists.
 * @internal
 */
export function validateFunctionArgs(args: FunctionArgs): void {
  checkInt("port", args.port, 1, 65535);
  checkInt("memoryMb", args.memoryMb, 128, 3072);
  checkInt("timeoutSeconds", args.timeoutSeconds, 1, 300);
  for (const key of Object.keys(args.environment ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) invalid(`environment.${key}`, "environment variable names are letters, digits and _, not starting with a digit");
  }
  for (const key of args.secretEnvironment ?? []) {
    if (!(key in (args.environment ?? {}))) invalid("secretEnvironment", `"${key}" is not an environment variable; allowed values: ${Object.keys(args.environment ?? {}).join(", ") || "(none)"}`);
  }
  // Where the cloud has no secret reference the value would sit in plain configuration (placement skips that cloud too).
  const secrets = secretVariables(args.environment ?? {}, args.secretEnvironment);
  const secretProblem = secretEnvironmentProblem(args.target.cloud, secrets);
  if (secretProblem) invalid("environment", secretProblem);
  checkSecretKey(args);
  if (args.network) checkNetwork(args.target, args.network);
  const problem = imageProblem(args.target.cloud, args.image, args.target.region);
  if (problem) invalid("image", problem);
  if (args.target.cloud === "oci" && !args.network) invalid("network", "is required on oci: OCI Functions run in a subnet");
}

/** A known key name must be a Cloud KMS key in the function's region (Secret Manager refuses a replica's key elsewhere). */
function checkSecretKey(args: FunctionArgs): void {
  const key = args.customerManagedKey;
  if (key === undefined) return;
  if (args.target.cloud !== "gcp") invalid("customerManagedKey", `encrypts secret environment values in Secret Manager (Cloud Run); ${args.target.cloud} keeps them with provider-managed keys; allowed on gcp`);
  if (typeof key !== "string") return;
  const location = kmsKeyLocation(key);
  if (location === undefined) invalid("customerManagedKey", `"${key}" is not a Cloud KMS key name (projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>)`);
  if (location !== args.target.region) invalid("customerManagedKey", `the key is in ${location}, and Secret Manager needs each replica's key in the replica's location: ${args.target.region}`);
}
