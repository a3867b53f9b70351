/**
 * GpuInstances on gcp: g2/a2/a3 machine types, or n1 with an attached T4, on the Deep Learning VM image with install-nvidia-driver=True, terminating on host maintenance, through the same machine builder as Instances.
 */
import { gcpMachines } from "../compute/gcp";
import type { Impl } from "../registry";
import { type GpuInstancesArgs, type GpuInstancesOutputs, gpuSpec } from "./contract";

export const gcp: Impl<"gcp", GpuInstancesArgs, GpuInstancesOutputs> = (name, args, parent) => gcpMachines(name, gpuSpec(args), parent);
