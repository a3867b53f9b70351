/**
 * Network, inventory, residency and cost rules through @pulumi/policy's own RPC handlers: for
 * every rule and cloud, tessera's components pass and hand-written resources fail with the exact
 * messages; settings (ports, labels, required tags, jurisdictions, budgets) change the verdicts.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Instances } from "../../components/compute";
import { Network } from "../../components/network";
import { analyzeRegistrations, inProcessAnalyzer, type Verdict } from "../../harness/policy";
import { createPolicies } from "../../policies/pack";
import { suite } from "../suite";
import { type Captured, capture, cloudsOf, coverage, judgedClouds, of, sharedRun, verdicts } from "./helpers";

const test = suite("network");
let run: Captured;
let all: Verdict[];

test.serial.before(async () => {
  ({ run, all } = await sharedRun());
});

/** The hand-written resources of the network fixture. */
const NETWORK_BAD = ["bad-droplet", "bad-gce", "bad-nic", "bad-nsg", "bad-oci-vm", "bad-seclist", "bad-sg", "bad-us-account", "bad-us-bucket", "bad-us-gcs", "bad-us-oci", "bad-vm"];

function spans(t: { deepEqual: (a: unknown, b: unknown, m?: string) => void }, id: string, failing: Array<[string, string]>) {
  t.deepEqual(judgedClouds(run, id, "all-"), coverage(id).clouds, `${id}: a tessera component judged on every covered cloud`);
  t.deepEqual(of(all, id, "all-"), [], `${id}: tessera's components pass`);
  t.deepEqual(of(all, id, "good-"), [], `${id}: the compliant twins pass`);
  t.deepEqual(cloudsOf(run, failing), coverage(id).clouds, `${id}: a failing case on every covered cloud`);
}

test("no-open-admin-ports: admin and database ports open to 0.0.0.0/0 fail on every cloud; HTTPS and narrowed sources pass", async (t) => {
  const failing = of(all, "no-open-admin-ports");
  t.deepEqual(failing, [
    [
      "bad-do-fw",
      "ingress allows tcp ports 1-65535 from 0.0.0.0/0, ::/0, exposing 22 (SSH), 23 (Telnet), 1433 (SQL Server), 1521 (Oracle), 2375 (Docker), 2376 (Docker TLS), 3306 (MySQL), 3389 (RDP), 5432 (PostgreSQL), 5985 (WinRM), 5986 (WinRM TLS), 6379 (Redis), 9200 (Elasticsearch), 27017 (MongoDB)",
    ],
    ["bad-fw", "ingress allows tcp port 22 from 0.0.0.0/0, exposing 22 (SSH)"],
    ["bad-fw", "ingress allows tcp port 5432 from 0.0.0.0/0, exposing 5432 (PostgreSQL)"],
    ["bad-nsg", "ingress allows tcp port 3389 from *, exposing 3389 (RDP)"],
    ["bad-seclist", "ingress allows tcp port 3306 from 0.0.0.0/0, exposing 3306 (MySQL)"],
    ["bad-sg", "ingress allows tcp port 22 from 0.0.0.0/0, exposing 22 (SSH)"],
  ]);
  spans(t, "no-open-admin-ports", failing);
  // Ports are a setting: with 443 listed, the stacks' HTTPS ingress fails too.
  const https = await verdicts(run, { config: { "no-open-admin-ports": { ports: [443] } } });
  t.deepEqual(of(https, "no-open-admin-ports", "all-net-aws"), [["all-net-aws-ingress-0-0", "ingress allows tcp port 443 from 0.0.0.0/0, exposing 443"]]);
});

test("no-public-ip: public IPs without the allowed label fail on every cloud; the label (or a different one, by setting) decides", async (t) => {
  const failing = of(all, "no-public-ip");
  t.deepEqual(failing, [
    ["bad-droplet", "public IP: public networking is on (the Droplet default), and the machine is not labelled tessera-public-ip: allowed"],
    ["bad-gce", "public IP: a network interface has an access config (external IP), and the machine is not labelled tessera-public-ip: allowed"],
    ["bad-nic", "public IP: an IP configuration has a public IP address, and the machine is not labelled tessera-public-ip: allowed"],
    ["bad-oci-vm", "public IP: assignPublicIp is true, and the machine is not labelled tessera-public-ip: allowed"],
    ["bad-vm", "public IP: associatePublicIpAddress is true, and the machine is not labelled tessera-public-ip: allowed"],
  ]);
  spans(t, "no-public-ip", failing);
  const otherLabel = await verdicts(run, { config: { "no-public-ip": { label: "exposure", value: "internet" } } });
  t.deepEqual(of(otherLabel, "no-public-ip", "all-vm-").map(([name]) => name), ["all-vm-aws-0", "all-vm-azure-0", "all-vm-digitalocean-0", "all-vm-gcp-0", "all-vm-oci-0"]);
});

test("no-public-ip remediation (enforcement remediate): the public IP is turned off where that is a setting", async (t) => {
  const only = run.registrations.filter((r) => ["bad-vm", "bad-droplet", "bad-oci-vm"].includes(r.name));
  const result = await analyzeRegistrations(inProcessAnalyzer(createPolicies({ enforcement: { "no-public-ip": "remediate" } })), only, { stack: run.stack, project: run.project, config: {} });
  t.deepEqual(
    result.fixes
      .map((f) => [f.urn.split("::").pop(), f.policy, f.properties.associatePublicIpAddress ?? f.properties.publicNetworking ?? (f.properties.createVnicDetails as { assignPublicIp?: string }).assignPublicIp])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    [
      ["bad-droplet", "no-public-ip", false],
      ["bad-oci-vm", "no-public-ip", "false"],
      ["bad-vm", "no-public-ip", false],
    ],
  );
  // Remediated resources are analyzed with the fixed inputs: nothing left to report.
  t.deepEqual(result.verdicts.filter((v) => v.policy === "no-public-ip"), []);
});

test("required-tags: untagged hand-written resources fail on every cloud; the tag list is a setting", async (t) => {
  const missing = "missing required tags: tessera-stack, tessera-service, tessera-placement, tessera-data-class";
  const failing = of(all, "required-tags");
  // Every hand-written taggable resource of every fixture misses them; the network fixture's:
  t.deepEqual([failing.length, [...new Set(failing.map(([, m]) => m))]], [34, [missing]]);
  t.deepEqual(failing.filter(([name]) => NETWORK_BAD.includes(name)), [
    ["bad-droplet", missing],
    ["bad-gce", missing],
    ["bad-nic", missing],
    ["bad-nsg", missing],
    ["bad-oci-vm", missing],
    ["bad-seclist", missing],
    ["bad-sg", missing],
    ["bad-us-account", missing],
    ["bad-us-bucket", missing],
    ["bad-us-gcs", missing],
    ["bad-us-oci", missing],
    ["bad-vm", missing],
  ]);
  spans(t, "required-tags", failing);
  const team = await verdicts(run, { config: { "required-tags": { tags: ["team"] } } });
  const perCloud = (cloud: Cloud) => of(team, "required-tags", `all-bucket-${cloud}`).slice(0, 1);
  t.deepEqual(
    CLOUDS.filter((c) => c !== "digitalocean").map(perCloud),
    [[["all-bucket-aws", "missing required tags: team"]], [["all-bucket-azure", "missing required tags: team"]], [["all-bucket-gcp", "missing required tags: team"]], [["all-bucket-oci", "missing required tags: team"]]],
  );
  t.deepEqual(of(team, "required-tags", "all-db-digitalocean"), [["all-db-digitalocean", "missing required tags: team"]]);
});

test("residency: resources outside the residency stamped on the stack fail on every cloud; configured jurisdictions replace the stamps", async (t) => {
  const failing = of(all, "residency");
  t.deepEqual(failing, [
    ["bad-us-account", "azure-native:storage:StorageAccount bad-us-account is in azure eastus (US), outside the allowed residency [EU]"],
    ["bad-us-bucket", "aws:s3/bucket:Bucket bad-us-bucket is in aws us-east-1 (US), outside the allowed residency [EU]"],
    ["bad-us-gcs", "gcp:storage/bucket:Bucket bad-us-gcs is in gcp US (US), outside the allowed residency [EU]"],
    ["bad-us-oci", "oci:ObjectStorage/bucket:Bucket bad-us-oci is in oci us-ashburn-1 (US), outside the allowed residency [EU]"],
    ["bad-us-space", "digitalocean:index/spacesBucket:SpacesBucket bad-us-space is in digitalocean nyc3 (US), outside the allowed residency [EU]"],
  ]);
  t.deepEqual(of(all, "residency", "all-"), []);
  t.deepEqual(cloudsOf(run, failing), [...CLOUDS].sort());
  const us = await verdicts(run, { config: { residency: { jurisdictions: ["US"] } } });
  t.deepEqual(of(us, "residency", "bad-us"), []);
  // Every resource is judged, companions included (they have no tags: their provider's region counts).
  const outside = (type: string, name: string) => [name, `${type} ${name} is in aws eu-west-1 (EU, IE), outside the allowed residency [US]`];
  t.deepEqual(of(us, "residency", "all-bucket-aws"), [
    outside("aws:s3/bucket:Bucket", "all-bucket-aws"),
    outside("aws:s3/bucket:Bucket", "all-bucket-aws-access-logs"),
    outside("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "all-bucket-aws-access-logs-encryption"),
    outside("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "all-bucket-aws-access-logs-lifecycle"),
    outside("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "all-bucket-aws-access-logs-ownership"),
    outside("aws:s3/bucketPolicy:BucketPolicy", "all-bucket-aws-access-logs-policy"),
    outside("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "all-bucket-aws-access-logs-public-access"),
    outside("aws:s3/bucketVersioning:BucketVersioning", "all-bucket-aws-access-logs-versioning"),
    outside("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "all-bucket-aws-encryption"),
    outside("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "all-bucket-aws-lifecycle"),
    outside("aws:s3/bucketLogging:BucketLogging", "all-bucket-aws-logging"),
    outside("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "all-bucket-aws-ownership"),
    outside("aws:s3/bucketPolicy:BucketPolicy", "all-bucket-aws-policy"),
    outside("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "all-bucket-aws-public-access"),
    outside("aws:s3/bucketVersioning:BucketVersioning", "all-bucket-aws-versioning"),
  ]);
});

test("the network rules are mandatory at their severity; tags advisory", (t) => {
  const rules = ["no-open-admin-ports", "no-public-ip", "required-tags", "residency"];
  const bad = all.filter((v) => v.urn.split("::").pop()!.startsWith("bad-") && rules.includes(v.policy));
  t.deepEqual([...new Set(bad.map((v) => `${v.policy} ${v.enforcement} ${v.severity}`))].sort(), [
    "no-open-admin-ports mandatory critical",
    "no-public-ip mandatory high",
    "required-tags advisory medium",
    "residency mandatory critical",
  ]);
});

/** Two machines per cloud priced from data/compute-offerings.csv (730 h × the hourly price; DigitalOcean capped at 672 h, its monthly price). */
const BUDGET_CASES: Record<Cloud, [string, number]> = {
  aws: ["t3.medium", 33.29], // 730 × 0.0456
  azure: ["Standard_B2s", 35.04], // 730 × 0.048
  gcp: ["e2-standard-2", 53.82], // 730 × 0.07372
  digitalocean: ["s-2vcpu-4gb", 24], // 672 × 0.03571: the 24 USD monthly price
  oci: ["VM.Standard.E4.Flex$_2_8", 27.01], // 730 × 0.037
};

test.serial("budget: the placement cost model over the stack's machines, against a configured budget or the stack file's", async (t) => {
  const priced = await capture((targets) => {
    for (const cloud of CLOUDS) new Instances(`vm-${cloud}`, { target: targets[cloud], network: new Network(`net-${cloud}`, { target: targets[cloud] }), size: BUDGET_CASES[cloud][0], count: 2 });
  });
  const perCloud = (cloud: Cloud): Captured => ({ ...priced, registrations: priced.registrations.filter((r) => !r.custom || r.type.startsWith(cloud === "azure" ? "azure-native:" : `${cloud}:`) || r.type.startsWith("pulumi:")) });
  for (const cloud of CLOUDS) {
    const [sku, each] = BUDGET_CASES[cloud];
    const total = Math.round(each * 2 * 100) / 100;
    const over = await verdicts(perCloud(cloud), { config: { budget: { monthlyUsd: 45 } } });
    t.deepEqual(
      over.filter((v) => v.policy === "budget").map((v) => [v.enforcement, v.stage, v.message]),
      [["mandatory", "analyzeStack", `estimated ${total} USD/month exceeds the budget of 45 USD/month (largest: vm-${cloud}-0 ${sku} ${each}; vm-${cloud}-1 ${sku} ${each})`]],
      cloud,
    );
    const within = await verdicts(perCloud(cloud), { config: { budget: { monthlyUsd: 200 } } });
    t.deepEqual(within.filter((v) => v.policy === "budget"), [], cloud);
  }
  // No budget configured: the stack file's requirements.budget.monthlyUsd applies.
  const dir = mkdtempSync(join(tmpdir(), "tessera-budget-"));
  writeFileSync(join(dir, "Pulumi.dev.yaml"), "config:\n  tessera:requirements:\n    services: { vm: { kind: compute, vcpus: 2, memoryGib: 4 } }\n    budget: { monthlyUsd: 60, email: finance@example.com }\n");
  const fromFile = await verdicts(perCloud("aws"), { config: { budget: { stacksDir: dir } } });
  t.deepEqual(fromFile.filter((v) => v.policy === "budget").map((v) => v.message), ["estimated 66.58 USD/month exceeds the budget of 60 USD/month (largest: vm-aws-0 t3.medium 33.29; vm-aws-1 t3.medium 33.29)"]);
  const noFile = await verdicts(perCloud("aws"), { config: { budget: { stacksDir: join(dir, "missing") } } });
  t.deepEqual(noFile.filter((v) => v.policy === "budget"), []);
});
