/**
 * Function on GCP: a Cloud Run service with its own service account, internal ingress unless
 * public (then open to allUsers), scaling from zero.
 *
 * Secret environment variables (`secretEnvironment`, and secret-looking names such as
 * `DB_PASSWORD`) never sit in the service's plain configuration: each is a Secret Manager secret
 * (one replica in the function's region, so the value stays where the stack is placed) whose
 * version the container reads by reference (`valueSource.secretKeyRef`,
 * https://cloud.google.com/run/docs/configuring/services/secrets). The service account may read
 * only those secrets (`roles/secretmanager.secretAccessor` on each), and the service waits for that
 * grant: a revision whose account may not read a referenced secret fails with "Permission denied
 * on secret … for Revision service account" (terraform-google-modules/terraform-docs-samples#168).
 *
 * With `customerManagedKey` (confidential and restricted stacks get the stack's key) each replica
 * is encrypted with it (`customerManagedEncryption.kmsKeyName`, the key in the replica's region).
 * Secret Manager's service agent does not exist in a fresh project until asked for, and a grant
 * naming it fails, so the agent is created (`ServiceIdentity`), granted
 * roles/cloudkms.cryptoKeyEncrypterDecrypter on the key, and every secret waits for that grant
 * (https://cloud.google.com/secret-manager/docs/cmek).
 */
import * as pulumi from "@pulumi/pulumi";
import { Service } from "@pulumi/gcp/cloudrunv2/service";
import { ServiceIamMember } from "@pulumi/gcp/cloudrunv2/serviceIamMember";
import { ServiceIdentity } from "@pulumi/gcp/projects/serviceIdentity";
import { Secret } from "@pulumi/gcp/secretmanager/secret";
import { SecretIamMember } from "@pulumi/gcp/secretmanager/secretIamMember";
import { SecretVersion } from "@pulumi/gcp/secretmanager/secretVersion";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import { physicalName } from "../../core/naming";
import { enableApis, grantKeyToAgent } from "../gcp-project";
import { childOpts, type Impl } from "../registry";
import { gcpLabels } from "../tags";
import { type FunctionArgs, type FunctionOutputs, functionSettings, secretVariables } from "./contract";

export const gcp: Impl<"gcp", FunctionArgs, FunctionOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = functionSettings(args);
  const labels = gcpLabels(target, name, args.labels);
  const env = Object.entries(s.environment);
  const secretNames = new Set(secretVariables(s.environment, [...s.secretEnvironment]));
  const hasSecrets = secretNames.size > 0;
  const apis = enableApis(target, "run", "iam", ...(hasSecrets ? (["secretmanager"] as const) : []));
  const opts = childOpts(parent, target, { dependsOn: apis });
  const cmk = hasSecrets ? args.customerManagedKey : undefined;
  // The agent first, then its grant on the key, then the secrets encrypted with it.
  const keyGrant =
    cmk === undefined ? [] : [grantKeyToAgent(`${name}-secretmanager`, target, parent, cmk, new ServiceIdentity(`${name}-secretmanager`, { project: target.project, service: "secretmanager.googleapis.com" }, opts).member)];
  const replica = { location: target.region, ...(cmk !== undefined ? { customerManagedEncryption: { kmsKeyName: cmk } } : {}) };
  const account = new Account(name, { accountId: physicalName("gcp", "serviceAccount", [target.stack, name]), project: target.project, displayName: `tessera ${target.stack} ${name}` }, opts);
  const grants: pulumi.Resource[] = [];
  const envs = env.map(([key, value]) => {
    if (!secretNames.has(key)) return { name: key, value };
    const child = `${name}-${key.toLowerCase().replace(/_/g, "-")}`;
    const secret = new Secret(
      child,
      { secretId: physicalName("gcp", "secretManagerSecret", [target.stack, name, key.toLowerCase()]), project: target.project, replication: { userManaged: { replicas: [replica] } }, labels },
      childOpts(parent, target, { dependsOn: [...apis, ...keyGrant] }),
    );
    const version = new SecretVersion(child, { secret: secret.id, secretData: pulumi.secret(value) }, opts);
    grants.push(new SecretIamMember(child, { project: target.project, secretId: secret.secretId, role: "roles/secretmanager.secretAccessor", member: pulumi.interpolate`serviceAccount:${account.email}` }, opts));
    // The version number, not "latest": a changed value rolls out a new revision.
    return { name: key, valueSource: { secretKeyRef: { secret: secret.secretId, version: version.version } } };
  });
  const service = new Service(
    name,
    {
      name: physicalName("gcp", "cloudRunService", [target.stack, name]),
      project: target.project,
      location: target.region,
      ingress: s.public ? "INGRESS_TRAFFIC_ALL" : "INGRESS_TRAFFIC_INTERNAL_ONLY",
      deletionProtection: false,
      template: {
        serviceAccount: account.email,
        timeout: `${s.timeoutSeconds}s`,
        scaling: { minInstanceCount: 0, maxInstanceCount: 10 },
        containers: [{ image: args.image, ports: { containerPort: s.port }, resources: { limits: { cpu: "1", memory: `${s.memoryMb}Mi` } }, envs }],
      },
      labels,
    },
    childOpts(parent, target, { dependsOn: [...apis, ...grants] }),
  );
  if (s.public) new ServiceIamMember(`${name}-public`, { project: target.project, location: target.region, name: service.name, role: "roles/run.invoker", member: "allUsers" }, opts);
  return { url: service.uri, identity: account.email, resourceId: service.id };
};
