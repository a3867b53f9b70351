/**
 * GpuInstances on azure: N-series VMs (NC, NV) on Ubuntu 22.04 with the NvidiaGpuDriverLinux extension (Azure has no driver-ready marketplace image), through the same machine builder as Instances.
 */
import { azureMachines } from "../compute/azure";
import type { Impl } from "../registry";
import { type GpuInstancesArgs, type GpuInstancesOutputs, gpuSpec } from "./contract";

export const azure: Impl<"azure", GpuInstancesArgs, GpuInstancesOutputs> = (name, args, parent) => azureMachines(name, gpuSpec(args), parent);
