/**
 * Function on AWS: a Lambda function from an ECR image with its own execution role (basic
 * logging and X-Ray trace writes) and active X-Ray tracing, and a function URL — IAM-authenticated
 * unless public (then with the two resource-policy statements Lambda requires for unauthenticated
 * URLs).
 *
 * Prerequisites a real account enforces:
 * - Active tracing: CreateFunction fails with "The provided execution role does not have
 *   permissions to call PutTraceSegments on XRAY" unless the role may write traces
 *   (AWSXRayDaemonWriteAccess), so the function waits for that attachment.
 * - Public URLs: since October 2025 a function URL with auth type NONE answers 403 unless the
 *   resource policy allows both `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction`
 *   (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html#urls-auth-none).
 */
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { Function as Lambda } from "@pulumi/aws/lambda/function";
import { FunctionUrl } from "@pulumi/aws/lambda/functionUrl";
import { Permission } from "@pulumi/aws/lambda/permission";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { type FunctionArgs, type FunctionOutputs, functionSettings } from "./contract";

export const aws: Impl<"aws", FunctionArgs, FunctionOutputs> = (name, args, parent) => {
  const { target } = args;
  const s = functionSettings(args);
  const opts = childOpts(parent, target);
  const t = tags(target, name, args.labels);
  const role = new Role(
    name,
    { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }), tags: t },
    opts,
  );
  const logging = new RolePolicyAttachment(name, { role: role.name, policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }, opts);
  const tracing = new RolePolicyAttachment(`${name}-xray`, { role: role.name, policyArn: "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess" }, opts);
  const fn = new Lambda(
    name,
    {
      name: physicalName("aws", "lambdaFunction", [target.stack, name]),
      packageType: "Image",
      imageUri: args.image,
      role: role.arn,
      memorySize: s.memoryMb,
      timeout: s.timeoutSeconds,
      tracingConfig: { mode: "Active" },
      ...(Object.keys(s.environment).length > 0 ? { environment: { variables: s.environment } } : {}),
      tags: t,
    },
    { ...opts, dependsOn: [logging, tracing] },
  );
  const url = new FunctionUrl(name, { functionName: fn.name, authorizationType: s.public ? "NONE" : "AWS_IAM" }, opts);
  if (s.public) {
    new Permission(`${name}-public-url`, { action: "lambda:InvokeFunctionUrl", function: fn.name, principal: "*", functionUrlAuthType: "NONE" }, opts);
    new Permission(`${name}-public-invoke`, { action: "lambda:InvokeFunction", function: fn.name, principal: "*", invokedViaFunctionUrl: true }, opts);
  }
  return { url: url.functionUrl, identity: role.arn, resourceId: fn.name };
};
