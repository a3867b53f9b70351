/**
 * What the fake OCI answers. Availability domains and Kubernetes versions come from the catalog
 * (data/zones.csv, data/kubernetes-versions.csv on the catalog date), so a stale default or a
 * region the data does not know fails the run as the real lookups would. Patch levels are not
 * catalog facts: each offered minor answers as `v<minor>.0`.
 */
import { stringify } from "yaml";
import { loadRegionFacts, zonesOf } from "../../core/facts";
import { OCI_IMAGES } from "../../core/images";
import { offered } from "../../core/versions";
import { type CloudFakes, str } from "./types";

const okeVersions = (): string[] => {
  const facts = loadRegionFacts();
  return offered(facts.versions.kubernetes, "oci", facts.date).map((v) => `v${v}.0`);
};

export const ociFakes: CloudFakes = {
  outputs: {
    "oci:ObjectStorage/bucket:Bucket": (i, a) => ({ name: str(i.name, a.name), bucketId: `ocid1.bucket.oc1..${a.name}` }),
    "oci:Core/instance:Instance": () => ({ privateIp: "10.0.128.6", publicIp: "" }),
    "oci:LoadBalancer/loadBalancer:LoadBalancer": () => ({ ipAddressDetails: [{ ipAddress: "203.0.113.60", isPublic: true, reservedIps: [] }] }),
    "oci:Psql/dbSystem:DbSystem": (i) => ({ networkDetails: { ...(i.networkDetails as object), primaryDbEndpointPrivateIp: "10.0.128.20" } }),
    "oci:ContainerEngine/cluster:Cluster": (i, a) => {
      const isPublic = (i.endpointConfig as { isPublicIpEnabled?: boolean } | undefined)?.isPublicIpEnabled === true;
      return { name: str(i.name, a.name), endpoints: [{ privateEndpoint: isPublic ? "10.0.0.30:6443" : "10.0.128.30:6443", kubernetes: "", publicEndpoint: isPublic ? "198.51.100.30:6443" : "", ipv6endpoint: "", vcnHostnameEndpoint: "" }] };
    },
    "oci:Kms/vault:Vault": (_i, a) => ({ managementEndpoint: `https://${a.name}-management.kms.eu-frankfurt-1.oraclecloud.com`, cryptoEndpoint: `https://${a.name}-crypto.kms.eu-frankfurt-1.oraclecloud.com` }),
    "oci:Functions/function:Function": (_i, _a, ctx) => ({ invokeEndpoint: `https://a1b2c3d4e5f.${ctx.regionOf(_a.provider ?? "")}.functions.oci.oraclecloud.com` }),
    "oci:ApiGateway/gateway:Gateway": (_i, a, ctx) => ({ hostname: `${a.name}abcdefgh.apigateway.${ctx.regionOf(a.provider ?? "")}.oci.customer-oci.com` }),
    "oci:Database/autonomousDatabase:AutonomousDatabase": (i, a, ctx) => ({ privateEndpoint: `${str(i.privateEndpointLabel, a.name)}.adb.${ctx.regionOf(a.provider ?? "")}.oraclecloudapps.com` }),
  },
  ids: {
    "oci:Core/vcn:Vcn": (_i, a) => `ocid1.vcn.oc1..${a.name}`,
    "oci:Core/subnet:Subnet": (_i, a) => `ocid1.subnet.oc1..${a.name}`,
    "oci:Kms/key:Key": (_i, a) => `ocid1.key.oc1..${a.name}`,
    "oci:Kms/vault:Vault": (_i, a) => `ocid1.vault.oc1..${a.name}`,
    "oci:Functions/function:Function": (_i, a) => `ocid1.fnfunc.oc1..${a.name}`,
    "oci:Ons/notificationTopic:NotificationTopic": (_i, a) => `ocid1.onstopic.oc1..${a.name}`,
    "oci:Database/autonomousDatabase:AutonomousDatabase": (_i, a) => `ocid1.autonomousdatabase.oc1..${a.name}`,
  },
  invokes: {
    "oci:ObjectStorage/getNamespace:getNamespace": (i) => ({ namespace: "tesseratenancy", compartmentId: i.compartmentId, id: "tesseratenancy" }),
    // Names carry a tenancy prefix (`Uocm:`); how many there are is the catalog's fact.
    "oci:Identity/getAvailabilityDomains:getAvailabilityDomains": (i, args, ctx) => {
      const region = ctx.regionOf(args.provider ?? "");
      return {
        compartmentId: i.compartmentId,
        id: "ads",
        availabilityDomains: zonesOf(loadRegionFacts(), "oci", region).map((ad, n) => ({ name: `Uocm:${region.toUpperCase()}-${ad}`, id: `ocid1.availabilitydomain.oc1..ad${n + 1}`, compartmentId: i.compartmentId })),
      };
    },
    "oci:Core/getImages:getImages": (i) => {
      if (!Object.values(OCI_IMAGES).some((img) => img !== undefined && img.operatingSystem === i.operatingSystem && img.version === i.operatingSystemVersion)) {
        throw new Error(`no OCI platform image ${String(i.operatingSystem)} ${String(i.operatingSystemVersion)}: the lookup is not one of core/images.ts`);
      }
      return {
      compartmentId: i.compartmentId,
      id: "images",
      images: [{ id: `ocid1.image.oc1..${str(i.operatingSystem, "os").replace(/\s+/g, "-").toLowerCase()}-${str(i.operatingSystemVersion, "v")}`, displayName: `${str(i.operatingSystem, "os")}-${str(i.operatingSystemVersion, "v")}` }],
      };
    },
    "oci:Core/getServices:getServices": (i, args, ctx) => {
      const code = ctx.regionOf(args.provider ?? "").split("-")[1] ?? "fra";
      return { filters: i.filters, id: "services", services: [{ id: `ocid1.service.oc1.${code}..all`, cidrBlock: `all-${code.slice(0, 3)}-services-in-oracle-services-network`, name: `All ${code.slice(0, 3).toUpperCase()} Services In Oracle Services Network`, description: "All services" }] };
    },
    "oci:ContainerEngine/getClusterOption:getClusterOption": () => ({ clusterOptionId: "all", id: "all", kubernetesVersions: okeVersions(), clusterPodNetworkOptions: [] }),
    // OKE node images are named after the Kubernetes version they carry, one x86 and one Arm each.
    "oci:ContainerEngine/getNodePoolOption:getNodePoolOption": () => ({
      nodePoolOptionId: "all",
      id: "all",
      kubernetesVersions: okeVersions(),
      images: [],
      shapes: [],
      sources: okeVersions().flatMap((v) => [
        { imageId: `ocid1.image.oc1..oke-arm-${v.slice(1)}`, sourceName: `Oracle-Linux-8.10-aarch64-OKE-${v.slice(1)}`, sourceType: "IMAGE" },
        { imageId: `ocid1.image.oc1..oke-x86-${v.slice(1)}`, sourceName: `Oracle-Linux-8.10-OKE-${v.slice(1)}`, sourceType: "IMAGE" },
      ]),
    }),
    "oci:ContainerEngine/getClusterKubeConfig:getClusterKubeConfig": (i) => ({ clusterId: i.clusterId, id: "kubeconfig", content: stringify({ apiVersion: "v1", kind: "Config", clusters: [{ name: str(i.clusterId, "oke") }] }) }),
  },
};
