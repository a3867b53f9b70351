/**
 * Bad requirements are rejected with the field path and the allowed values; defaults are filled.
 */
import test from "ava";
import { loadCatalog } from "../placement/catalog";
import { parseRequirements, RequirementsError } from "../placement/requirements";

const catalog = loadCatalog();
const problems = (input: unknown) => {
  try {
    parseRequirements(input, catalog);
    return [];
  } catch (e) {
    if (e instanceof RequirementsError) return [...e.problems];
    throw e;
  }
};

test("defaults are filled in", (t) => {
  t.deepEqual(parseRequirements({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 } } }, catalog), {
    services: { web: { kind: "compute", vcpus: 2, memoryGib: 4, count: 1, hoursPerMonth: 730, spot: false, image: "ubuntu-24.04", publicIp: false } },
    compliance: [],
    minComplianceConfidence: "medium",
    users: [],
    dataClassification: "internal",
    audit: { trail: true, retentionDays: 365 },
  });
});

test("governance fields: an audit opt-out needs a reason; Kubernetes API CIDRs are public networks, never the whole internet", (t) => {
  t.deepEqual(problems({ services: { a: { kind: "object-storage", sizeGb: 1 } }, audit: { trail: false } }), [
    "audit.reason: trail: false needs a reason (for example the organisation trail that already records this account)",
  ]);
  t.deepEqual(problems({ services: { k: { kind: "kubernetes", nodes: 1, vcpus: 2, memoryGib: 4, apiAllowedCidrs: ["0.0.0.0/0", "10.0.0.0/8", "203.0.113.0/24"] } } }), [
    'services.k.apiAllowedCidrs[0]: "0.0.0.0/0" opens the API to a large part of the internet; list the networks that administer the cluster (prefix /8 or longer) (got "0.0.0.0/0")',
    'services.k.apiAllowedCidrs[1]: "10.0.0.0/8" is private address space: the network itself always reaches the private endpoint; list public networks only (got "10.0.0.0/8")',
  ]);
  t.deepEqual(parseRequirements({ services: { a: { kind: "object-storage", sizeGb: 1 } }, audit: { trail: false, reason: "org trail" }, budget: { monthlyUsd: 10, email: "f@example.com" } }, catalog).audit, {
    trail: false,
    reason: "org trail",
    retentionDays: 365,
  });
});

test("negative sizes, an unknown kind and an unknown field", (t) => {
  t.deepEqual(problems({ services: { web: { kind: "compute", vcpus: -2, memoryGib: 4, cpus: 2 }, q: { kind: "quantum" } } }), [
    "services.web.vcpus: Too small: expected number to be >0 (got -2)",
    "services.web: unknown field \"cpus\"; allowed fields: kind, vcpus, memoryGib, count, hoursPerMonth, spot, image, publicIp, loadBalancer, autoscaling",
    "services.q.kind: \"quantum\" is not a known kind; allowed values: compute, gpu-compute, object-storage, database, kubernetes, serverless, secrets, monitoring, analytics",
  ]);
});

test("unknown GPU model, jurisdiction, country and program", (t) => {
  t.deepEqual(
    problems({
      services: { ml: { kind: "gpu-compute", gpu: { model: "B200" } } },
      residency: { jurisdictions: ["EX"], countries: ["XX"] },
      compliance: ["iso9001"],
    }),
    [
      `services.ml.gpu.model: "B200" is not allowed; allowed values: ${catalog.gpuModels.join(", ")}`,
      `residency.jurisdictions[0]: "EX" is not allowed; allowed values: ${catalog.jurisdictions.join(", ")}`,
      `residency.countries[0]: "XX" is not allowed; allowed values: ${catalog.countries.join(", ")}`,
      `compliance[0]: "iso9001" is not allowed; allowed values: c5, ccpa, ens, fedramp-high, fedramp-moderate, gdpr, gdpr-dpa, hds, hipaa, irap, iso27001, iso27017, iso27018, mtcs, pci-dss, soc1, soc2, soc3, sox`,
    ],
  );
});

test("impossible latency: tighter than the nearest region allows", (t) => {
  t.deepEqual(problems({ services: { a: { kind: "secrets" } }, users: [{ name: "Pacific", latitude: 0, longitude: -150, maxRttMs: 5 }] }), [
    "users[0].maxRttMs: 5 ms is impossible: the nearest region (gcp us-west2) is 75.4 ms away; allowed values: ≥ 75.5",
  ]);
  t.deepEqual(problems({ services: { a: { kind: "secrets" } }, users: [{ latitude: 95, longitude: 0, maxRttMs: -1 }] }), [
    "users[0].latitude: Too big: expected number to be <=90 (got 95)",
    "users[0].maxRttMs: Too small: expected number to be >0 (got -1)",
  ]);
});

test("no services, a bad service name and the wrong shape", (t) => {
  t.deepEqual(problems({ services: {} }), ["services: at least one service is required (got {})"]);
  t.deepEqual(problems({ services: { "Web Server": { kind: "secrets" } } }), [
    "services.Web Server: invalid name; service names are lowercase letters, digits and '-', starting with a letter, at most 30 characters",
  ]);
  t.deepEqual(problems([]), ["(root): Invalid input: expected object, received array (got [])"]);
});

test("second-set services: defaults for serverless, monitoring and analytics", (t) => {
  const req = parseRequirements(
    {
      services: {
        api: { kind: "serverless", image: "ghcr.io/acme/api:1" },
        ops: { kind: "monitoring", email: "oncall@example.com" },
        bi: { kind: "analytics" },
      },
    },
    catalog,
  );
  t.deepEqual(req.services, {
    api: { kind: "serverless", image: "ghcr.io/acme/api:1", port: 8080, memoryMb: 512, timeoutSeconds: 30, public: false, environment: {} },
    ops: { kind: "monitoring", email: "oncall@example.com", cpuPercent: 80, storagePercent: 80, errorsPerWindow: 5, logRetentionDays: 30 },
    bi: { kind: "analytics" },
  });
});

test("second-set services: missing image, nobody to notify, bad webhook, unknown image cloud", (t) => {
  t.deepEqual(
    problems({
      services: {
        api: { kind: "serverless" },
        fn: { kind: "serverless", image: { ibm: "icr.io/acme/api:1" } },
        ops: { kind: "monitoring" },
        hook: { kind: "monitoring", webhookUrl: "http://hooks.example.com/x" },
      },
    }),
    [
      "services.api.image: required: a container image, or one per cloud (default, aws, azure, gcp, digitalocean, oci)",
      'services.fn.image: unknown field "ibm"; allowed fields: default, aws, azure, gcp, digitalocean, oci',
      "services.ops: monitoring needs an email or a webhookUrl to notify (got {\"kind\":\"monitoring\"})",
      'services.hook.webhookUrl: an https:// URL (got "http://hooks.example.com/x")',
    ],
  );
});

test("budget: its alarms need a recipient wherever the stack may land with a budget API; not on DigitalOcean alone", (t) => {
  const web = { web: { kind: "compute", vcpus: 1, memoryGib: 1 } };
  const budget = { monthlyUsd: 500 };
  t.deepEqual(problems({ services: web, budget }), [
    "budget.email: required with budget.monthlyUsd: the budget alarms built on aws, azure, gcp, oci need a recipient; set budget.email, or an email or webhookUrl on a monitoring service",
  ]);
  t.deepEqual(problems({ services: web, budget, clouds: { allow: ["aws", "digitalocean"] } }), [
    "budget.email: required with budget.monthlyUsd: the budget alarms built on aws need a recipient; set budget.email, or an email or webhookUrl on a monitoring service",
  ]);
  t.deepEqual(problems({ services: web, budget, clouds: { allow: ["digitalocean"] } }), []);
  t.deepEqual(problems({ services: web, budget: { ...budget, email: "finance@example.com" } }), []);
  t.deepEqual(problems({ services: { ...web, ops: { kind: "monitoring", email: "oncall@example.com" } }, budget }), []);
  t.deepEqual(problems({ services: { ...web, ops: { kind: "monitoring", webhookUrl: "https://hooks.example.com/x" } }, budget }), []);
});

test("email addresses (budget.email, monitoring email): HTML's rule with a dot in the domain; a@b.c passes, garbage does not", (t) => {
  const web = { web: { kind: "compute", vcpus: 1, memoryGib: 1 } };
  const valid = ["a@b.c", "finance@example.com", "user+tag@sub.example.org", "o'brien@x.ie", "first.last@xn--bcher-kva.ch", "a_b-c@1.2.3.4"];
  for (const email of valid) {
    t.deepEqual(problems({ services: web, budget: { monthlyUsd: 10, email } }), [], email);
    t.deepEqual(problems({ services: { ...web, ops: { kind: "monitoring", email } } }), [], email);
  }
  const message = "expected an email address such as name@example.com (HTML's rule, a dot in the domain)";
  const invalid = ["not an email", "a@b", "@b.com", "a@", "a@@b.com", "a@b..com", "a@-b.com", "a@b-.com", "a b@c.de", "a@b.c\n", "<a@b.c>", ""];
  for (const email of invalid) {
    t.deepEqual(problems({ services: web, budget: { monthlyUsd: 10, email } }), [`budget.email: ${message} (got ${JSON.stringify(email)})`], email);
    t.deepEqual(problems({ services: { ...web, ops: { kind: "monitoring", email } } }), [`services.ops.email: ${message} (got ${JSON.stringify(email)})`], email);
  }
});

test("references between services: analytics.bucket and failover.dns.service must name the right kind", (t) => {
  t.deepEqual(
    problems({
      services: { web: { kind: "compute", vcpus: 2, memoryGib: 4 }, bi: { kind: "analytics", bucket: "web" } },
      failover: { dns: { hostname: "www.example.com", service: "web" } },
    }),
    [
      'services.bi.bucket: "web" is not an object-storage service of this stack; allowed values: (none)',
      'failover.dns.service: "web" is not a compute service with publicIp: true or a loadBalancer; allowed values: (none)',
    ],
  );
  t.deepEqual(problems({ services: { web: { kind: "compute", vcpus: 2, memoryGib: 4, publicIp: true } }, failover: { dns: { hostname: "WWW", service: "web" } } }), [
    'failover.dns.hostname: a lowercase DNS name such as app.example.com (got "WWW")',
  ]);
});
