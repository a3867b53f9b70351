/**
 * GpuInstances on aws: EC2 GPU instances (g4dn, g5, g5g) on the AWS Deep Learning Base OSS Nvidia Driver AMI (arm64 for g5g), through the same machine builder as Instances.
 */
import { awsMachines } from "../compute/aws";
import type { Impl } from "../registry";
import { type GpuInstancesArgs, type GpuInstancesOutputs, gpuSpec } from "./contract";

export const aws: Impl<"aws", GpuInstancesArgs, GpuInstancesOutputs> = (name, args, parent) => awsMachines(name, gpuSpec(args), parent);
