/**
 * Region- and date-dependent facts as dated data (zones, Kubernetes and PostgreSQL versions), and
 * placement never picking what the program rejects: the examples of issue 11 §4–5 with their right
 * values.
 */
import test from "ava";
import { CLOUDS } from "../core/cloud";
import { natNeeded } from "../core/constraints";
import { loadRegionFacts, siteFacts } from "../core/facts";
import { defaultVersion, offered, versionProblem } from "../core/versions";
import { azurePostgresHaMode, azureStorageSku } from "../core/zones";
import { loadCatalog } from "../placement/catalog";
import { evaluateCandidate } from "../placement/evaluate";
import { place } from "../placement/place";
import { parseRequirements, RequirementsError, type RequirementsInput } from "../placement/requirements";

const catalog = loadCatalog();
const facts = loadRegionFacts(catalog.dir);
const req = (input: RequirementsInput) => parseRequirements(input, catalog);
const region = (cloud: string, id: string) => catalog.regionByKey.get(`${cloud}/${id}`)!;
const reasons = (input: RequirementsInput, cloud: string, id: string, accounts?: object) =>
  evaluateCandidate(catalog, req(input), region(cloud, id), {}, accounts ? { accounts } : {}).reasons.map((r) => [r.constraint, r.message]);
const problems = (input: unknown) => {
  try {
    parseRequirements(input, catalog);
    return [];
  } catch (e) {
    return e instanceof RequirementsError ? [...e.problems] : [String(e)];
  }
};

test("every region of the catalog has a dated, sourced zones row; zone notation per cloud", (t) => {
  t.is(facts.date, "2026-11-24");
  t.deepEqual(catalog.regions.filter((r) => !facts.zones.has(`${r.cloud}/${r.region}`)).map((r) => `${r.cloud}/${r.region}`), []);
  for (const row of facts.zones.values()) t.true(row.source.length > 10 && /^\d{4}-\d{2}-\d{2}$/.test(row.read), `${row.cloud}/${row.region}`);
  t.deepEqual(siteFacts(facts, "aws", "us-east-1").zones, ["use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6"]);
  t.deepEqual(siteFacts(facts, "aws", "us-west-1").zones, ["usw1-az1", "usw1-az3"]);
  t.deepEqual(siteFacts(facts, "gcp", "europe-west1").zones, ["europe-west1-b", "europe-west1-c", "europe-west1-d"]);
  t.deepEqual(siteFacts(facts, "oci", "eu-amsterdam-1").zones, ["AD-1"]);
  t.deepEqual(siteFacts(facts, "digitalocean", "nyc3").zones, []);
  // West US has no availability zones: locally redundant storage and a same-zone standby there.
  t.deepEqual(siteFacts(facts, "azure", "westus").zones, []);
  t.deepEqual([azureStorageSku(siteFacts(facts, "azure", "westus").zones), azurePostgresHaMode(siteFacts(facts, "azure", "westus").zones)], ["Standard_LRS", "SameZone"]);
  t.deepEqual([azureStorageSku(siteFacts(facts, "azure", "westus2").zones), azurePostgresHaMode(siteFacts(facts, "azure", "westus2").zones)], ["Standard_ZRS", "ZoneRedundant"]);
});

test("versions: what each cloud supports on the catalog date, and a default every cloud supports", (t) => {
  const k8s = facts.versions.kubernetes;
  const pg = facts.versions.postgres;
  t.deepEqual(Object.fromEntries(CLOUDS.map((c) => [c, offered(k8s, c, facts.date)])), {
    aws: ["1.34", "1.35", "1.36"],
    azure: ["1.34", "1.35", "1.36"],
    gcp: ["1.35", "1.36"],
    digitalocean: ["1.35"],
    oci: ["1.35"],
  });
  t.deepEqual(Object.fromEntries(CLOUDS.map((c) => [c, offered(pg, c, facts.date)])), {
    aws: ["14", "15", "16", "17", "18"],
    azure: ["15", "16", "17", "18"],
    gcp: ["15", "16", "17"],
    digitalocean: ["15", "16", "17"],
    oci: ["15", "16"],
  });
  t.deepEqual([defaultVersion(k8s, "kubernetes", facts.date), defaultVersion(pg, "postgres", facts.date)], ["1.35", "16"]);
  // The old default 1.31 left EKS standard support on 2025-11-26 (extended support, at six times the fee, ended 2026-11-26).
  t.is(versionProblem(k8s, "kubernetes", "aws", "1.31", facts.date), "Kubernetes 1.31 left standard support on 2025-11-26 on aws (catalog 2026-11-24); supported: 1.34, 1.35, 1.36");
  t.is(versionProblem(pg, "postgres", "azure", "14", facts.date), "PostgreSQL 14 left standard support on 2026-11-12 on azure (catalog 2026-11-24); supported: 15, 16, 17, 18");
  // Judged on a later day the same data has no common version left (1.35 leaves DOKS and OKE on
  // 2027-02-28): a stale catalog fails loudly instead of defaulting to a retired version.
  t.throws(() => defaultVersion(k8s, "kubernetes", "2027-03-01"), { message: "no Kubernetes version is offered on every cloud on 2027-03-01: refresh data/kubernetes-versions.csv" });
});

test("requirements: an unsupported version names the field and the supported values; the defaults come from the data", (t) => {
  t.deepEqual(problems({ services: { k: { kind: "kubernetes", nodes: 1, vcpus: 2, memoryGib: 4, version: "1.99" } } }), ['services.k.version: "1.99" is not allowed; allowed values: 1.34, 1.35, 1.36']);
  t.deepEqual(problems({ services: { k: { kind: "kubernetes", nodes: 1, vcpus: 2, memoryGib: 4, version: "1.31" } } }), ['services.k.version: "1.31" is not allowed; allowed values: 1.34, 1.35, 1.36']);
  t.deepEqual(problems({ services: { d: { kind: "database", vcpus: 2, memoryGib: 4, storageGb: 20, version: "13" } } }), ['services.d.version: "13" is not allowed; allowed values: 14, 15, 16, 17, 18']);
  const r = req({ services: { k: { kind: "kubernetes", nodes: 1, vcpus: 2, memoryGib: 4 }, d: { kind: "database", vcpus: 2, memoryGib: 4, storageGb: 20 } } });
  t.deepEqual([r.services.k!.kind === "kubernetes" && r.services.k!.version, r.services.d!.kind === "database" && r.services.d!.version], ["1.35", "16"]);
});

test("requirements: limits the components enforce, and component names two services would share", (t) => {
  t.deepEqual(problems({ services: { d: { kind: "database", vcpus: 2, memoryGib: 4, storageGb: 5 } } }), ["services.d.storageGb: Too small: expected number to be >=10 (got 5)"]);
  t.deepEqual(problems({ services: { w: { kind: "compute", vcpus: 2, memoryGib: 4, count: 500 } } }), ["services.w.count: Too big: expected number to be <=100 (got 500)"]);
  t.deepEqual(problems({ services: { a: { kind: "analytics", computeUnits: 1 } } }), ["services.a.computeUnits: Too small: expected number to be >=2 (got 1)"]);
  // A service named web-standby beside web in a failover stack: the standby copy of web has its name.
  t.deepEqual(problems({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 }, "web-standby": { kind: "compute", vcpus: 2, memoryGib: 4 } }, failover: { minDistanceKm: 100 } }), [
    'services.web-standby: "web-standby" is also the name of the failover standby\'s copy of "web", so the component would be built twice; rename the service',
  ]);
  // Without failover there is no standby copy, so the name is free.
  t.deepEqual(problems({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 }, "web-standby": { kind: "compute", vcpus: 2, memoryGib: 4 } } }), []);
  t.deepEqual(problems({ services: { events: { kind: "analytics" }, "events-data": { kind: "object-storage", sizeGb: 1 } } }), [
    'services.events-data: "events-data" is also the name of the data bucket tessera adds for analytics service "events", so the component would be built twice; rename the service',
  ]);
});

test("placement: an HA database on Azure never gets a Burstable size the Postgres component refuses", (t) => {
  const ha = { services: { db: { kind: "database" as const, vcpus: 1, memoryGib: 2, storageGb: 32, highAvailability: true } }, clouds: { allow: ["azure" as const] } };
  const sku = place(catalog, req(ha)).decision.services.db!.sku;
  t.false(sku.startsWith("Standard_B"), sku);
  t.is(sku, "Standard_D2ds_v5");
  // Without HA the cheaper Burstable size is fine.
  t.true(place(catalog, req({ ...ha, services: { db: { ...ha.services.db, highAvailability: false } } })).decision.services.db!.sku.startsWith("Standard_B"));
});

test("placement: spot, images, versions and NAT a cloud cannot give keep the stack off that cloud, with the component's reason", (t) => {
  t.deepEqual(reasons({ services: { w: { kind: "compute", vcpus: 2, memoryGib: 4, spot: true } } }, "digitalocean", "nyc3"), [["service:w", "w: DigitalOcean has no spot capacity; allowed on aws, azure, gcp, oci"]]);
  t.deepEqual(reasons({ services: { w: { kind: "compute", vcpus: 2, memoryGib: 4, image: "debian-12" } } }, "oci", "eu-frankfurt-1"), [
    ["service:w", 'w: "debian-12" is not an OCI platform image; allowed values on oci: ubuntu-24.04, ubuntu-22.04'],
  ]);
  t.deepEqual(reasons({ services: { k: { kind: "kubernetes", nodes: 1, vcpus: 2, memoryGib: 4, version: "1.34" } } }, "gcp", "europe-west1"), [
    ["service:k", "k: Kubernetes 1.34 left standard support on 2026-08-30 on gcp (catalog 2026-11-24); supported: 1.35, 1.36"],
  ]);
  t.deepEqual(reasons({ services: { w: { kind: "compute", vcpus: 2, memoryGib: 4 } }, network: { natGateway: true } }, "digitalocean", "nyc3"), [
    ["network", "network.natGateway: DigitalOcean has no managed NAT gateway in this version; allowed on aws, azure, gcp, oci"],
  ]);
  // spot: true stays feasible on the clouds that sell spot.
  t.deepEqual(reasons({ services: { w: { kind: "compute", vcpus: 2, memoryGib: 4, spot: true } } }, "aws", "us-east-1"), []);
});

test("placement: a cloud whose tessera:accounts fields are missing is rejected with a reason naming the field", (t) => {
  const s = { services: { b: { kind: "object-storage" as const, sizeGb: 1 } } };
  t.deepEqual(reasons(s, "gcp", "us-central1", {}), [["accounts:tessera:accounts.gcp.project", "tessera:accounts.gcp.project is not set; gcp needs it"]]);
  t.deepEqual(reasons(s, "oci", "us-ashburn-1", { gcp: { project: "acme-prod-1" } }), [
    ["accounts:tessera:accounts.oci.compartmentId", "tessera:accounts.oci.compartmentId is not set; oci needs it"],
    // The audit trail (on by default) sets the tenancy's audit retention.
    ["accounts:tessera:accounts.oci.tenancyId", "tessera:accounts.oci.tenancyId is not set; required on oci: audit retention is set on the tenancy (the tenancy OCID)"],
  ]);
  t.deepEqual(reasons(s, "gcp", "us-central1", { gcp: { project: "acme-prod-1" } }), []);
  // Governance's own fields: GCP budgets live in a billing account, OCI budgets in the root compartment.
  const budgeted = { ...s, budget: { monthlyUsd: 100, email: "finance@example.com" } };
  t.deepEqual(reasons(budgeted, "gcp", "us-central1", { gcp: { project: "acme-prod-1" } }), [
    ["accounts:tessera:accounts.gcp.billingAccount", "tessera:accounts.gcp.billingAccount is not set; required on gcp: the budget alarms are a Cloud Billing budget, which lives in a billing account"],
  ]);
  const optedOut = { ...budgeted, audit: { trail: false, reason: "the organisation trail records every compartment" } };
  t.deepEqual(reasons(optedOut, "oci", "us-ashburn-1", { oci: { compartmentId: "ocid1.compartment.oc1..x" } }), [
    ["accounts:tessera:accounts.oci.tenancyId", "tessera:accounts.oci.tenancyId is not set; required on oci: budgets live in the root compartment (the tenancy OCID)"],
  ]);
  // Deploying into the root compartment names the tenancy; without a trail or budget, none is needed.
  t.deepEqual(reasons(s, "oci", "us-ashburn-1", { oci: { compartmentId: "ocid1.tenancy.oc1..root" } }), []);
  t.deepEqual(reasons({ ...s, audit: { trail: false, reason: "org trail" } }, "oci", "us-ashburn-1", { oci: { compartmentId: "ocid1.compartment.oc1..x" } }), []);
  // Placed with the accounts it has, the stack lands on a cloud it can build on, and the hint names the field.
  const only = { ...s, clouds: { allow: ["gcp" as const] } };
  const error = t.throws(() => place(catalog, req(only), { accounts: {} }));
  t.regex(error!.message, /Did you mean: set tessera:accounts\.gcp\.project in the stack config → gcp /);
  t.not(place(catalog, req(s), { accounts: {} }).decision.cloud, "gcp");
});

test("boot-time reachability: a NAT gateway where private machines or nodes need one, priced from data/prices.csv", (t) => {
  t.deepEqual(
    CLOUDS.map((c) => [c, natNeeded(c, [{ kind: "compute" }]), natNeeded(c, [{ kind: "compute", publicIp: true }]), natNeeded(c, [{ kind: "kubernetes" }]), natNeeded(c, [{ kind: "object-storage" }])]),
    [
      ["aws", true, false, true, false],
      // AKS nodes leave through the cluster's own load balancer.
      ["azure", true, false, false, false],
      ["gcp", true, false, true, false],
      ["digitalocean", false, false, false, false],
      ["oci", true, false, true, false],
    ],
  );
  const lines = (cloud: string, id: string, input: RequirementsInput) => Object.values(evaluateCandidate(catalog, req(input), region(cloud, id)).shared).map((l) => [l.label, l.monthlyUsd, l.basis]);
  const web = { services: { web: { kind: "compute" as const, vcpus: 2, memoryGib: 4, count: 2 } } };
  t.deepEqual(lines("aws", "us-east-1", web), [["NAT gateway 0.045 + public IP 0.005 USD/h × 730 h; plus 0.045 USD per GB processed (usage)", 36.5, "list"]]);
  t.deepEqual(lines("gcp", "us-central1", web), [["Cloud NAT (2 VMs × 0.0014 + 1 IP × 0.005 USD/h) × 730 h; plus 0.045 USD per GiB processed (usage)", 5.69, "list"]]);
  t.deepEqual(lines("oci", "us-ashburn-1", web).map((l) => l.slice(0, 2)), [["NAT gateway (no charge) × 730 h", 0]]);
  // Asked off, or public machines: no NAT line.
  t.deepEqual(lines("aws", "us-east-1", { ...web, network: { natGateway: false } }), []);
  t.deepEqual(lines("aws", "us-east-1", { services: { web: { ...web.services.web, publicIp: true } } }), []);
});
