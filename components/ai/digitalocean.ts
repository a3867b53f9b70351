/**
 * GpuInstances on digitalocean: GPU Droplets on DigitalOcean's gpu-h100x1-base AI/ML image (drivers and container toolkit), through the same machine builder as Instances. The catalog has no DigitalOcean GPU prices, so placement never chooses this cell; users give the slug.
 */
import { digitaloceanMachines } from "../compute/digitalocean";
import type { Impl } from "../registry";
import { type GpuInstancesArgs, type GpuInstancesOutputs, gpuSpec } from "./contract";

export const digitalocean: Impl<"digitalocean", GpuInstancesArgs, GpuInstancesOutputs> = (name, args, parent) => digitaloceanMachines(name, gpuSpec(args), parent);
