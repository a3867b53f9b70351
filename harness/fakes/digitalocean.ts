/** What the fake DigitalOcean answers (Kubernetes versions from data/kubernetes-versions.csv). */
import { stringify } from "yaml";
import { loadRegionFacts } from "../../core/facts";
import { offered } from "../../core/versions";
import { type CloudFakes, str } from "./types";

/** DOKS answers the newest patch of an offered minor (`1.35.0-do.0`); an unoffered one has none. */
function doksVersion(prefix: string): string {
  const facts = loadRegionFacts();
  const minors = offered(facts.versions.kubernetes, "digitalocean", facts.date);
  const minor = prefix.replace(/\.$/, "");
  if (!minors.includes(minor)) throw new Error(`DigitalOcean offers no Kubernetes ${minor} on ${facts.date} (offers ${minors.join(", ")})`);
  return `${minor}.0-do.0`;
}

export const digitaloceanFakes: CloudFakes = {
  outputs: {
    "digitalocean:index/spacesBucket:SpacesBucket": (i, a) => {
      const name = str(i.name, a.name);
      const region = str(i.region, "nyc3");
      return { name, bucketDomainName: `${name}.${region}.digitaloceanspaces.com`, endpoint: `${region}.digitaloceanspaces.com`, urn: `do:space:${name}` };
    },
    "digitalocean:index/tag:Tag": (i, a) => ({ name: str(i.name, a.name) }),
    "digitalocean:index/loadBalancer:LoadBalancer": () => ({ ip: "203.0.113.50" }),
    "digitalocean:index/certificate:Certificate": (i, a) => ({ name: str(i.name, a.name), uuid: "8d0c5a4e-7b1f-4a39-9d8e-2f6c1b3a5e7d" }),
    "digitalocean:index/sshKey:SshKey": () => ({ fingerprint: "3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa" }),
    "digitalocean:index/droplet:Droplet": (i) => ({ ipv4AddressPrivate: "10.0.0.5", ipv4Address: i.publicNetworking === false ? "" : "203.0.113.40" }),
    "digitalocean:index/databaseCluster:DatabaseCluster": (i, a) => ({ host: `${str(i.name, a.name)}-do-user-1-0.db.ondigitalocean.com`, privateHost: `private-${str(i.name, a.name)}-do-user-1-0.db.ondigitalocean.com`, port: 25060 }),
    "digitalocean:index/databaseUser:DatabaseUser": (i, a) => ({ name: str(i.name, a.name), password: `do-generated-${a.name}` }),
    "digitalocean:index/databaseDb:DatabaseDb": (i, a) => ({ name: str(i.name, a.name) }),
    "digitalocean:index/kubernetesCluster:KubernetesCluster": (i, a) => ({
      name: str(i.name, a.name),
      endpoint: "https://0a1b2c3d.k8s.ondigitalocean.com",
      kubeConfigs: [{ rawConfig: stringify({ apiVersion: "v1", kind: "Config", clusters: [{ name: str(i.name, a.name) }] }) }],
    }),
    "digitalocean:index/app:App": (i, a) => ({ liveUrl: `https://${str((i.spec as { name?: string } | undefined)?.name, a.name)}-a1b2c.ondigitalocean.app`, defaultIngress: `https://${a.name}-a1b2c.ondigitalocean.app` }),
  },
  ids: {
    "digitalocean:index/spacesBucket:SpacesBucket": (i, a) => str(i.name, a.name),
    "digitalocean:index/tag:Tag": (i, a) => str(i.name, a.name),
  },
  invokes: {
    "digitalocean:index/getKubernetesVersions:getKubernetesVersions": (i) => ({ latestVersion: doksVersion(str(i.versionPrefix, "")), validVersions: [], versionPrefix: i.versionPrefix, id: "versions" }),
  },
};
