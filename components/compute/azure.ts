/**
 * Instances on Azure: per machine a network interface (plus a static public IP only when asked)
 * and a Trusted Launch VM (secure boot, vTPM) with SSH-key-only login and a Premium SSD OS disk.
 * Managed disks are encrypted at rest with platform keys by default. GPU machines also get the
 * NVIDIA driver extension (and Secure Boot off, or its unsigned modules would not load).
 */
import * as pulumi from "@pulumi/pulumi";
import { VirtualMachine } from "@pulumi/azure-native/compute/virtualMachine";
import { VirtualMachineExtension } from "@pulumi/azure-native/compute/virtualMachineExtension";
import { NetworkInterface } from "@pulumi/azure-native/network/networkInterface";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import { PrivateKey } from "@pulumi/tls/privateKey";
import { physicalName } from "../../core/naming";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import type { AzureTarget } from "../target";
import { type InstancesArgs, type InstancesOutputs, instancesSpec, type MachineSpec } from "./contract";
import { archOf, AZURE_IMAGES } from "../../core/images";

const ADMIN = "tessera";
const base64 = (v: pulumi.Input<string>) => pulumi.output(v).apply((s) => Buffer.from(s).toString("base64"));

/** Builds the machines (Instances and GpuInstances). */
export function azureMachines(name: string, spec: MachineSpec<AzureTarget>, parent: pulumi.ComponentResource): InstancesOutputs {
  const { target } = spec;
  const opts = childOpts(parent, target);
  const common = { resourceGroupName: target.resourceGroupName, location: target.region };
  const t = tags(target, name, spec.labels);
  // Azure Linux VMs need a key when password login is off; generate one if none was given.
  const sshKey = spec.sshPublicKey ?? new PrivateKey(`${name}-ssh`, { algorithm: "RSA", rsaBits: 4096 }, { parent }).publicKeyOpenssh;
  const subnets = spec.publicIp ? spec.network.publicSubnetIds : spec.network.privateSubnetIds;
  const machines = Array.from({ length: spec.count }, (_, i) => {
    const parts = [target.stack, `${name}-${i}`];
    const ip = spec.publicIp
      ? new PublicIPAddress(`${name}-${i}`, { ...common, sku: { name: "Standard" }, publicIPAllocationMethod: "Static", tags: t }, opts)
      : undefined;
    const nic = new NetworkInterface(
      `${name}-${i}`,
      {
        ...common,
        ipConfigurations: [
          { name: "primary", primary: true, privateIPAllocationMethod: "Dynamic", subnet: { id: subnets.apply((ids) => ids[i % ids.length]!) }, ...(ip ? { publicIPAddress: { id: ip.id } } : {}) },
        ],
        tags: t,
      },
      opts,
    );
    const vm = new VirtualMachine(
      `${name}-${i}`,
      {
        ...common,
        vmName: physicalName("azure", "virtualMachine", parts),
        hardwareProfile: { vmSize: spec.size },
        storageProfile: {
          imageReference: AZURE_IMAGES[spec.image](archOf(spec.size)),
          osDisk: { createOption: "FromImage", diskSizeGB: spec.diskGb, deleteOption: "Delete", managedDisk: { storageAccountType: "Premium_LRS", ...(spec.diskEncryptionKey !== undefined ? { diskEncryptionSet: { id: spec.diskEncryptionKey } } : {}) } },
        },
        osProfile: {
          computerName: physicalName("azure", "linuxComputerName", parts),
          adminUsername: ADMIN,
          linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: `/home/${ADMIN}/.ssh/authorized_keys`, keyData: sshKey }] } },
          ...(spec.userData !== undefined ? { customData: base64(spec.userData) } : {}),
        },
        networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
        // The driver extension builds unsigned kernel modules, which Secure Boot refuses to load.
        securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: !spec.gpu, vTpmEnabled: true } },
        ...(spec.spot ? { priority: "Spot", evictionPolicy: "Deallocate", billingProfile: { maxPrice: -1 } } : {}),
        tags: t,
      },
      opts,
    );
    if (spec.gpu) {
      new VirtualMachineExtension(
        `${name}-${i}-nvidia`,
        { ...common, vmName: vm.name, vmExtensionName: "NvidiaGpuDriverLinux", publisher: "Microsoft.HpcCompute", type: "NvidiaGpuDriverLinux", typeHandlerVersion: "1.9", autoUpgradeMinorVersion: true, tags: t },
        opts,
      );
    }
    return { vm, nic, ip };
  });
  return {
    instanceIds: pulumi.all(machines.map((m) => m.vm.id)),
    privateIps: pulumi.all(machines.map((m) => m.nic.ipConfigurations.apply((c) => c?.[0]?.privateIPAddress ?? ""))),
    publicIps: pulumi.all(machines.map((m) => (m.ip ? m.ip.ipAddress.apply((a) => a ?? "") : pulumi.output("")))),
  };
}

export const azure: Impl<"azure", InstancesArgs, InstancesOutputs> = (name, args, parent) => azureMachines(name, instancesSpec(args), parent);
