/**
 * Function on GCP: a Cloud Run service with its own service account, internal ingress unless
 * public (then open to allUsers), scaling from zero.
 */
import { Service } from "@pulumi/gcp/cloudrunv2/service";
import { ServiceIamMember } from "@pulumi/gcp/cloudrunv2/serviceIamMember";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import { physicalName } from "../../core/naming";
import { enableApis } from "../gcp-project";
import { childOpts, type Impl } from "../registry";
import { gcpLabels } from "../tags";
import { type FunctionArgs, type FunctionOutputs, functionSettings } from "./contract";

export const gcp: Impl<"gcp", FunctionArgs, FunctionOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = functionSettings(args);
  const opts = childOpts(parent, target, { dependsOn: enableApis(target, "run", "iam") });
  const account = new Account(name, { accountId: physicalName("gcp", "serviceAccount", [target.stack, name]), project: target.project, displayName: `tessera ${target.stack} ${name}` }, opts);
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
        containers: [{ image: args.image, ports: { containerPort: s.port }, resources: { limits: { cpu: "1", memory: `${s.memoryMb}Mi` } }, envs: Object.entries(s.environment).map(([n, value]) => ({ name: n, value })) }],
      },
      labels: gcpLabels(target, name, args.labels),
    },
    opts,
  );
  if (s.public) new ServiceIamMember(`${name}-public`, { project: target.project, location: target.region, name: service.name, role: "roles/run.invoker", member: "allUsers" }, opts);
  return { url: service.uri, identity: account.email, resourceId: service.id };
};
