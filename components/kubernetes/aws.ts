/**
 * Cluster on AWS: an EKS cluster (its own IAM role, secrets envelope-encrypted with a KMS key that
 * rotates, control-plane audit logs, a private endpoint plus a public one limited to `apiAllowedCidrs` when given) and a managed node group in the
 * private subnets with the three node policies.
 */
import * as pulumi from "@pulumi/pulumi";
import { Cluster as EksCluster } from "@pulumi/aws/eks/cluster";
import { NodeGroup } from "@pulumi/aws/eks/nodeGroup";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { Key } from "@pulumi/aws/kms/key";
import { archOf } from "../../core/images";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl, statefulOpts } from "../registry";
import { tags } from "../tags";
import { type ClusterArgs, type ClusterOutputs, clusterSettings, execKubeconfig } from "./contract";

const assume = (service: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
const NODE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"];

export const aws: Impl<"aws", ClusterArgs, ClusterOutputs> = (name, args, parent) => {
  const { target, network } = args;
  const s = clusterSettings(args);
  const opts = childOpts(parent, target);
  const t = tags(target, name, args.labels);
  const clusterName = physicalName("aws", "eksCluster", [target.stack, name]);

  const clusterRole = new Role(`${name}-cluster`, { assumeRolePolicy: assume("eks.amazonaws.com"), tags: t }, opts);
  const clusterPolicy = new RolePolicyAttachment(`${name}-cluster`, { role: clusterRole.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" }, opts);
  const key = new Key(`${name}-secrets`, { description: `tessera ${name}: EKS secrets encryption`, enableKeyRotation: true, deletionWindowInDays: 30, tags: t }, opts);
  const cluster = new EksCluster(
    name,
    {
      name: clusterName,
      roleArn: clusterRole.arn,
      version: s.version,
      // Private endpoint only, unless the stack names the public networks that may reach the API.
      vpcConfig: {
        subnetIds: pulumi.all([network.privateSubnetIds, network.publicSubnetIds]).apply(([a, b]) => [...a, ...b]),
        endpointPrivateAccess: true,
        endpointPublicAccess: s.apiAllowedCidrs.length > 0,
        ...(s.apiAllowedCidrs.length > 0 ? { publicAccessCidrs: s.apiAllowedCidrs } : {}),
      },
      encryptionConfig: { provider: { keyArn: key.arn }, resources: ["secrets"] },
      enabledClusterLogTypes: ["api", "audit", "authenticator"],
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
      tags: t,
    },
    statefulOpts(parent, target, args.protect, { dependsOn: [clusterPolicy] }),
  );
  const nodeRole = new Role(`${name}-nodes`, { assumeRolePolicy: assume("ec2.amazonaws.com"), tags: t }, opts);
  const attachments = NODE_POLICIES.map((policy) => new RolePolicyAttachment(`${name}-${policy}`, { role: nodeRole.name, policyArn: `arn:aws:iam::aws:policy/${policy}` }, opts));
  new NodeGroup(
    name,
    {
      clusterName: cluster.name,
      nodeRoleArn: nodeRole.arn,
      subnetIds: network.privateSubnetIds,
      instanceTypes: [args.nodeSize],
      amiType: archOf(args.nodeSize) === "arm64" ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
      diskSize: 50,
      scalingConfig: { desiredSize: s.nodeCount, minSize: s.nodeCount, maxSize: s.nodeCount },
      tags: t,
    },
    { ...opts, dependsOn: attachments },
  );
  return {
    clusterName: cluster.name,
    endpoint: cluster.endpoint,
    kubeconfig: execKubeconfig(cluster.name, cluster.endpoint, cluster.certificateAuthority.apply((ca) => ca.data), {
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", clusterName, "--region", target.region],
    }),
  };
};
