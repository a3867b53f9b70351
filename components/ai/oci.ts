/**
 * GpuInstances on oci: VM.GPU shapes on the newest Oracle Linux 8 GPU platform image for the shape, through the same machine builder as Instances.
 */
import { ociMachines } from "../compute/oci";
import type { Impl } from "../registry";
import { type GpuInstancesArgs, type GpuInstancesOutputs, gpuSpec } from "./contract";

export const oci: Impl<"oci", GpuInstancesArgs, GpuInstancesOutputs> = (name, args, parent) => ociMachines(name, gpuSpec(args), parent);
