/**
 * The OCI IAM statements OCI services need before tessera's resources work, as data: the
 * components write them into `oci.identity.Policy` resources their resources depend on, and the
 * harness checks every registered resource of a type listed here against the same patterns.
 *
 * OCI denies a service everything no policy allows it. Sources (read 2026-11-30):
 * - Object Storage lifecycle rules run as the regional Object Storage service
 *   (`objectstorage-<region>`), which must be allowed to manage the bucket's objects, or the
 *   lifecycle policy is refused ("InsufficientServicePermissions: Permissions granted to the
 *   object storage service principal … to this bucket are insufficient"):
 *   https://docs.oracle.com/en-us/iaas/Content/Object/Tasks/usinglifecyclepolicies.htm
 * - A bucket encrypted with a Vault key: the same service must be allowed to use the key:
 *   https://docs.oracle.com/en-us/iaas/Content/Object/Tasks/encryption.htm
 * - A boot volume encrypted with a Vault key: Block Volume must be allowed to use the key ("Keys
 *   associated with volumes … will not work unless you authorize Block Volume … to use keys on
 *   your behalf"): https://docs.oracle.com/en-us/iaas/Content/KeyManagement/Tasks/assigningkeys.htm
 * - OCI Functions: the Functions service (`faas`) must use the VCN its application sits in and
 *   read the OCIR repositories images come from:
 *   https://docs.oracle.com/en-us/iaas/Content/Functions/Tasks/functionscreatingpolicies.htm
 * - API Gateway calling a function backend: API gateways in the compartment must be allowed to
 *   use functions-family:
 *   https://docs.oracle.com/en-us/iaas/Content/APIGateway/Tasks/apigatewaycreatingpolicies.htm
 *
 * Pure data: no Pulumi import.
 */

/**
 * The policy scope of a compartment: `tenancy` for the root compartment (a tenancy OCID),
 * otherwise `compartment id <ocid>`. A policy attached to a compartment may only govern that
 * compartment and its children, so tessera's policies live in the stack's compartment.
 */
export function ociScope(compartmentId: string): string {
  return compartmentId.startsWith("ocid1.tenancy.") ? "tenancy" : `compartment id ${compartmentId}`;
}

/** The statements, one function per grant. */
export const OCI_GRANTS = {
  /** Lets the region's Object Storage service run the bucket's lifecycle rules. */
  objectLifecycle: (region: string, compartmentId: string, bucket: string) =>
    `Allow service objectstorage-${region} to manage object-family in ${ociScope(compartmentId)} where target.bucket.name = '${bucket}'`,
  /** Lets the region's Object Storage service encrypt the bucket with a Vault key. */
  objectStorageKey: (region: string, compartmentId: string, keyId: string) =>
    `Allow service objectstorage-${region} to use keys in ${ociScope(compartmentId)} where target.key.id = '${keyId}'`,
  /** Lets Block Volume encrypt boot and block volumes with a Vault key. */
  blockVolumeKey: (compartmentId: string, keyId: string) => `Allow service blockstorage to use keys in ${ociScope(compartmentId)} where target.key.id = '${keyId}'`,
  /** Lets OCI Functions attach applications to the VCN. */
  functionsNetwork: (compartmentId: string) => `Allow service faas to use virtual-network-family in ${ociScope(compartmentId)}`,
  /** Lets OCI Functions pull function images from OCIR. */
  functionsRepos: (compartmentId: string) => `Allow service faas to read repos in ${ociScope(compartmentId)}`,
  /** Lets the compartment's API gateways call its functions. */
  apiGatewayFunctions: (compartmentId: string) =>
    `Allow any-user to use functions-family in ${ociScope(compartmentId)} where ALL {request.principal.type = 'ApiGateway', request.resource.compartment.id = '${compartmentId}'}`,
} as const;

/** The Pulumi type of an OCI IAM policy. */
export const OCI_POLICY_TYPE = "oci:Identity/policy:Policy";

/** What a resource type needs a policy statement for, and the pattern that statement matches. */
export interface OciPrerequisite {
  readonly needs: RegExp;
  readonly why: string;
  /** Only when this input is set (a bucket's Vault key); dots for nested inputs. */
  readonly when?: string;
}

/** Per resource type, the statements a policy it depends on must hold. */
export const OCI_PREREQUISITES: Readonly<Record<string, readonly OciPrerequisite[]>> = {
  "oci:ObjectStorage/objectLifecyclePolicy:ObjectLifecyclePolicy": [
    { needs: /^Allow service objectstorage-[a-z0-9-]+ to manage object-family /, why: "the regional Object Storage service runs lifecycle rules" },
  ],
  "oci:ObjectStorage/bucket:Bucket": [{ needs: /^Allow service objectstorage-[a-z0-9-]+ to use keys /, why: "the regional Object Storage service encrypts with the Vault key", when: "kmsKeyId" }],
  "oci:Core/instance:Instance": [{ needs: /^Allow service blockstorage to use keys /, why: "Block Volume encrypts the boot volume with the Vault key", when: "sourceDetails.kmsKeyId" }],
  "oci:Functions/application:Application": [{ needs: /^Allow service faas to use virtual-network-family /, why: "OCI Functions attaches the application to the VCN" }],
  "oci:Functions/function:Function": [{ needs: /^Allow service faas to read repos /, why: "OCI Functions pulls the image from OCIR" }],
  "oci:ApiGateway/deployment:Deployment": [{ needs: /request\.principal\.type = 'ApiGateway'/, why: "the API gateway calls the function backend" }],
};
