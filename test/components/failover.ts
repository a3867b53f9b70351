/**
 * Failover on the four clouds with health-checked DNS, and the clear failure on DigitalOcean:
 * exact children, health checks against both endpoints, the failover records or routing policy,
 * providers, outputs and validation (including addresses that are outputs of other components).
 */
import * as pulumi from "@pulumi/pulumi";
import { suite } from "../suite";
import { UnsupportedServiceError } from "../../core/capabilities";
import { Failover } from "../../components/failover";
import { probeRegions } from "../../components/failover/gcp";
import { type Harness, installHarness } from "../../harness";
import { children, errorCatcher, find, inputs, propertyError, providerOf, REGIONS, stampsFor, targets, valueOf } from "../helpers";

const test = suite("failover");

const CLOUDS_WITH_FAILOVER = ["aws", "azure", "gcp", "oci"] as const;
type FailoverCloud = (typeof CLOUDS_WITH_FAILOVER)[number];
const ZONE = { aws: "Z0123456789ABC", azure: "example.com", gcp: "example-com", oci: "ocid1.dns-zone.oc1..example" } as const;
const PRIMARY = "198.51.100.10";
const SECONDARY = "203.0.113.20";
const ALB = "dev-web-1234567890.eu-west-1.elb.amazonaws.com";
let h: Harness;
const built = {} as Record<FailoverCloud, Failover>;
let noZone: Failover;
const { errors, attempt } = errorCatcher();

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS_WITH_FAILOVER) built[cloud] = new Failover(`www-${cloud}`, { target: t[cloud], hostname: "www.example.com", zone: ZONE[cloud], primary: PRIMARY, secondary: SECONDARY });
    noZone = new Failover("tm-azure", { target: t.azure, hostname: "app.example.com", primary: "app-eu.example.net", secondary: "app-us.example.net", recordType: "CNAME", healthCheck: { protocol: "HTTP", path: "/healthz", intervalSeconds: 10 } });
    new Failover("apex-azure", { target: t.azure, hostname: "example.com", zone: "example.com", primary: PRIMARY, secondary: SECONDARY });
    new Failover("cname-aws", { target: t.aws, hostname: "api.example.com", zone: ZONE.aws, primary: "api-eu.example.net", secondary: "api-us.example.net", recordType: "CNAME", ttl: 30 });
    // Addresses from other components are outputs: checked by the cloud, not here.
    new Failover("out-oci", { target: t.oci, hostname: "www.example.com", zone: ZONE.oci, primary: pulumi.output(PRIMARY), secondary: pulumi.output(SECONDARY) });
    // A load balancer on each site: an AWS ALB (a DNS name with its alias zone) and another cloud's IPv4 address.
    new Failover("lb-aws", { target: t.aws, hostname: "www.example.com", zone: ZONE.aws, primary: { address: ALB, kind: "hostname", aliasZoneId: "Z32O12XQLNTSW2" }, secondary: { address: SECONDARY, kind: "ip" }, healthCheck: { path: "/healthz" } });
    new Failover("lb-oci", { target: t.oci, hostname: "www.example.com", zone: ZONE.oci, primary: { address: PRIMARY, kind: "ip" }, secondary: { address: ALB, kind: "hostname" } });
    new Failover("lb-azure", { target: t.azure, hostname: "www.example.com", zone: ZONE.azure, primary: { address: PRIMARY, kind: "ip" }, secondary: { address: ALB, kind: "hostname" } });
    attempt("aws-mixed", () => new Failover("bad-mixed", { target: t.aws, hostname: "www.example.com", zone: ZONE.aws, primary: { address: "a.example.net", kind: "hostname" }, secondary: { address: SECONDARY, kind: "ip" } }));
    attempt("gcp-hostname", () => new Failover("bad-gcp-lb", { target: t.gcp, hostname: "www.example.com", zone: ZONE.gcp, primary: { address: PRIMARY, kind: "ip" }, secondary: { address: ALB, kind: "hostname" } }));
    attempt("apex-hostname", () => new Failover("bad-apex-lb", { target: t.azure, hostname: "example.com", zone: "example.com", primary: { address: PRIMARY, kind: "ip" }, secondary: { address: ALB, kind: "hostname" } }));
    attempt("digitalocean", () => new Failover("bad-do", { target: t.digitalocean, hostname: "www.example.com", primary: PRIMARY, secondary: SECONDARY }));
    attempt("hostname", () => new Failover("bad-host", { target: t.aws, hostname: "WWW.example.com", zone: ZONE.aws, primary: PRIMARY, secondary: SECONDARY }));
    attempt("zone", () => new Failover("bad-zone", { target: t.gcp, hostname: "www.example.com", primary: PRIMARY, secondary: SECONDARY }));
    attempt("azure-zone", () => new Failover("bad-azure-zone", { target: t.azure, hostname: "www.example.org", zone: "example.com", primary: PRIMARY, secondary: SECONDARY }));
    attempt("gcp-cname", () => new Failover("bad-cname", { target: t.gcp, hostname: "www.example.com", zone: ZONE.gcp, primary: "a.example.net", secondary: "b.example.net", recordType: "CNAME" }));
    attempt("gcp-interval", () => new Failover("bad-interval", { target: t.gcp, hostname: "www.example.com", zone: ZONE.gcp, primary: PRIMARY, secondary: SECONDARY, healthCheck: { intervalSeconds: 10 } }));
    attempt("ip", () => new Failover("bad-ip", { target: t.aws, hostname: "www.example.com", zone: ZONE.aws, primary: "10.0.0.300", secondary: SECONDARY }));
    attempt("same", () => new Failover("bad-same", { target: t.aws, hostname: "www.example.com", zone: ZONE.aws, primary: PRIMARY, secondary: PRIMARY }));
    attempt("apex-cname", () => new Failover("bad-apex", { target: t.azure, hostname: "example.com", zone: "example.com", primary: "a.example.net", secondary: "b.example.net", recordType: "CNAME" }));
  });
});

const component = (name: string) => find(h, "tessera:network:Failover", name);

test("children on every cloud with health-checked DNS", (t) => {
  t.deepEqual(children(h, component("www-aws")), [
    ["aws:route53/healthCheck:HealthCheck", "www-aws-primary"],
    ["aws:route53/healthCheck:HealthCheck", "www-aws-secondary"],
    ["aws:route53/record:Record", "www-aws-primary"],
    ["aws:route53/record:Record", "www-aws-secondary"],
  ]);
  t.deepEqual(children(h, component("www-azure")), [
    ["azure-native:dns:RecordSet", "www-azure"],
    ["azure-native:trafficmanager:Profile", "www-azure"],
    ["random:index/randomString:RandomString", "www-azure-name"],
  ]);
  t.deepEqual(children(h, component("tm-azure")), [
    ["azure-native:trafficmanager:Profile", "tm-azure"],
    ["random:index/randomString:RandomString", "tm-azure-name"],
  ]);
  t.deepEqual(children(h, component("www-gcp")), [
    ["gcp:compute/healthCheck:HealthCheck", "www-gcp"],
    ["gcp:dns/recordSet:RecordSet", "www-gcp"],
  ]);
  t.deepEqual(children(h, component("www-oci")), [
    ["oci:Dns/steeringPolicy:SteeringPolicy", "www-oci"],
    ["oci:Dns/steeringPolicyAttachment:SteeringPolicyAttachment", "www-oci"],
    ["oci:HealthChecks/httpMonitor:HttpMonitor", "www-oci"],
  ]);
});

test("aws: an HTTPS health check per endpoint (SNI with the name) and PRIMARY/SECONDARY failover records tied to them", (t) => {
  const check = (role: string, ip: string) => ({
    enableSni: true,
    failureThreshold: 3,
    fqdn: "www.example.com",
    ipAddress: ip,
    port: 443,
    requestInterval: 30,
    resourcePath: "/",
    tags: { Name: `dev-www-aws-${role}`, ...stampsFor("aws", "www-aws") },
    type: "HTTPS",
  });
  t.deepEqual(inputs(find(h, "aws:route53/healthCheck:HealthCheck", "www-aws-primary")), check("primary", PRIMARY));
  t.deepEqual(inputs(find(h, "aws:route53/healthCheck:HealthCheck", "www-aws-secondary")), check("secondary", SECONDARY));
  const record = (role: string, type: string, ip: string) => ({
    failoverRoutingPolicies: [{ type }],
    healthCheckId: `www-aws-${role}-id`,
    name: "www.example.com",
    records: [ip],
    setIdentifier: role,
    ttl: 60,
    type: "A",
    zoneId: ZONE.aws,
  });
  t.deepEqual(inputs(find(h, "aws:route53/record:Record", "www-aws-primary")), record("primary", "PRIMARY", PRIMARY));
  t.deepEqual(inputs(find(h, "aws:route53/record:Record", "www-aws-secondary")), record("secondary", "SECONDARY", SECONDARY));
  // Host-name endpoints: CNAME records, checks by FQDN.
  t.like(inputs(find(h, "aws:route53/healthCheck:HealthCheck", "cname-aws-secondary")), { fqdn: "api-us.example.net", enableSni: true });
  t.is(inputs(find(h, "aws:route53/healthCheck:HealthCheck", "cname-aws-secondary")).ipAddress, undefined);
  t.like(inputs(find(h, "aws:route53/record:Record", "cname-aws-primary")), { type: "CNAME", ttl: 30, records: ["api-eu.example.net"] });
});

test("load balancers as endpoints: an alias A record to an AWS ALB (following its target health) beside an A record; mixed kinds on OCI and Azure", (t) => {
  t.deepEqual(inputs(find(h, "aws:route53/record:Record", "lb-aws-primary")), {
    aliases: [{ evaluateTargetHealth: true, name: ALB, zoneId: "Z32O12XQLNTSW2" }],
    failoverRoutingPolicies: [{ type: "PRIMARY" }],
    healthCheckId: "lb-aws-primary-id",
    name: "www.example.com",
    setIdentifier: "primary",
    type: "A",
    zoneId: ZONE.aws,
  });
  t.like(inputs(find(h, "aws:route53/record:Record", "lb-aws-secondary")), { type: "A", records: [SECONDARY], ttl: 60 });
  // The load balancer's health path, by its DNS name (SNI) or address.
  t.like(inputs(find(h, "aws:route53/healthCheck:HealthCheck", "lb-aws-primary")), { fqdn: ALB, enableSni: true, resourcePath: "/healthz", type: "HTTPS" });
  t.is(inputs(find(h, "aws:route53/healthCheck:HealthCheck", "lb-aws-primary")).ipAddress, undefined);
  t.like(inputs(find(h, "aws:route53/healthCheck:HealthCheck", "lb-aws-secondary")), { ipAddress: SECONDARY, fqdn: "www.example.com", resourcePath: "/healthz" });
  t.deepEqual(inputs(find(h, "oci:Dns/steeringPolicy:SteeringPolicy", "lb-oci")).answers, [
    { name: "primary", pool: "primary", rdata: PRIMARY, rtype: "A" },
    { name: "secondary", pool: "secondary", rdata: ALB, rtype: "CNAME" },
  ]);
  t.deepEqual((inputs(find(h, "azure-native:trafficmanager:Profile", "lb-azure")).endpoints as Array<{ target: string }>).map((e) => e.target), [PRIMARY, ALB]);
});

test("azure: Traffic Manager priority profile over two external endpoints, an alias record in the zone (A at the apex)", (t) => {
  t.deepEqual(inputs(find(h, "azure-native:trafficmanager:Profile", "www-azure")), {
    dnsConfig: { relativeName: "dev-www-azure-1w4ef0", ttl: 60 },
    endpoints: [
      { endpointStatus: "Enabled", name: "primary", priority: 1, target: PRIMARY, type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints" },
      { endpointStatus: "Enabled", name: "secondary", priority: 2, target: SECONDARY, type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints" },
    ],
    location: "global",
    monitorConfig: { intervalInSeconds: 30, path: "/", port: 443, protocol: "HTTPS", timeoutInSeconds: 10, toleratedNumberOfFailures: 3 },
    profileName: "dev-www-azure-aj22kn",
    profileStatus: "Enabled",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    tags: stampsFor("azure", "www-azure"),
    trafficRoutingMethod: "Priority",
    trafficViewEnrollmentStatus: "Disabled",
  });
  t.deepEqual(inputs(find(h, "azure-native:dns:RecordSet", "www-azure")), {
    recordType: "CNAME",
    relativeRecordSetName: "www",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    targetResource: { id: "www-azure-id" },
    ttl: 60,
    zoneName: "example.com",
  });
  t.like(inputs(find(h, "azure-native:dns:RecordSet", "apex-azure")), { recordType: "A", relativeRecordSetName: "@" });
  t.like(inputs(find(h, "azure-native:trafficmanager:Profile", "tm-azure")), { monitorConfig: { intervalInSeconds: 10, path: "/healthz", port: 80, protocol: "HTTP", timeoutInSeconds: 9 } });
});

test("gcp: a global health check from three source regions on the primary's continent; a primary-backup A record set", (t) => {
  t.deepEqual(inputs(find(h, "gcp:compute/healthCheck:HealthCheck", "www-gcp")), {
    checkIntervalSec: 30,
    description: "tessera dev www-gcp: failover probe",
    healthyThreshold: 2,
    httpsHealthCheck: { host: "www.example.com", port: 443, portSpecification: "USE_FIXED_PORT", requestPath: "/" },
    name: "dev-www-gcp-ew0rc4",
    project: "acme-test-123",
    sourceRegions: ["europe-west1", "europe-west3", "europe-north1"],
    timeoutSec: 10,
    unhealthyThreshold: 3,
  });
  t.deepEqual(inputs(find(h, "gcp:dns/recordSet:RecordSet", "www-gcp")), {
    managedZone: ZONE.gcp,
    name: "www.example.com.",
    project: "acme-test-123",
    routingPolicy: {
      healthCheck: "projects/acme-test-123/global/healthChecks/dev-www-gcp-ew0rc4",
      primaryBackup: { backupGeos: [{ healthCheckedTargets: { externalEndpoints: [SECONDARY] }, location: "europe-west1" }], primary: { externalEndpoints: [PRIMARY] }, trickleRatio: 0 },
    },
    ttl: 60,
    type: "A",
  });
  t.deepEqual([probeRegions("us-east1"), probeRegions("asia-south1"), probeRegions("me-west1")], [
    ["us-central1", "us-east4", "us-west1"],
    ["asia-southeast1", "asia-northeast1", "australia-southeast1"],
    ["us-central1", "europe-west1", "asia-southeast1"],
  ]);
});

test("oci: an HTTP monitor on both endpoints, a FAILOVER steering policy (primary pool first), attached to the name", (t) => {
  const tagsOci = stampsFor("oci", "www-oci");
  t.deepEqual(inputs(find(h, "oci:HealthChecks/httpMonitor:HttpMonitor", "www-oci")), {
    compartmentId: "ocid1.compartment.oc1..test",
    displayName: "dev-www-oci",
    freeformTags: tagsOci,
    intervalInSeconds: 30,
    isEnabled: true,
    method: "GET",
    path: "/",
    port: 443,
    protocol: "HTTPS",
    targets: [PRIMARY, SECONDARY],
    timeoutInSeconds: 10,
  });
  t.deepEqual(inputs(find(h, "oci:Dns/steeringPolicy:SteeringPolicy", "www-oci")), {
    answers: [
      { name: "primary", pool: "primary", rdata: PRIMARY, rtype: "A" },
      { name: "secondary", pool: "secondary", rdata: SECONDARY, rtype: "A" },
    ],
    compartmentId: "ocid1.compartment.oc1..test",
    displayName: "dev-www-oci",
    freeformTags: tagsOci,
    healthCheckMonitorId: "www-oci-id",
    rules: [
      { defaultAnswerDatas: [{ answerCondition: "answer.isDisabled != true", shouldKeep: true }], ruleType: "FILTER" },
      { ruleType: "HEALTH" },
      { defaultAnswerDatas: [{ answerCondition: "answer.pool == 'primary'", value: 1 }, { answerCondition: "answer.pool == 'secondary'", value: 2 }], ruleType: "PRIORITY" },
      { defaultCount: 1, ruleType: "LIMIT" },
    ],
    template: "FAILOVER",
    ttl: 60,
  });
  t.deepEqual(inputs(find(h, "oci:Dns/steeringPolicyAttachment:SteeringPolicyAttachment", "www-oci")), { displayName: "dev-www-oci", domainName: "www.example.com", steeringPolicyId: "www-oci-id", zoneId: ZONE.oci });
  t.deepEqual(inputs(find(h, "oci:HealthChecks/httpMonitor:HttpMonitor", "out-oci")).targets, [PRIMARY, SECONDARY]);
});

test("every child on the primary's provider, none protected; fqdn and health check ids resolve", async (t) => {
  for (const cloud of CLOUDS_WITH_FAILOVER) {
    for (const r of h.registrations.filter((x) => x.parent === component(`www-${cloud}`).urn && !x.type.startsWith("random:"))) {
      t.is(providerOf(r), `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
      t.false(r.protect);
    }
  }
  const got = await Promise.all(CLOUDS_WITH_FAILOVER.map(async (cloud) => [await valueOf(built[cloud].fqdn), await valueOf(built[cloud].healthCheckIds)]));
  t.deepEqual(got, [
    ["www.example.com", ["www-aws-primary-id", "www-aws-secondary-id"]],
    ["www.example.com", ["www-azure-id"]],
    ["www.example.com", ["projects/acme-test-123/global/healthChecks/dev-www-gcp-ew0rc4"]],
    ["www.example.com", ["www-oci-id"]],
  ]);
  // Without a zone, clients use the Traffic Manager name.
  t.is(await valueOf(noZone.fqdn), "dev-tm-azure-gnm8ds.trafficmanager.net");
});

test("digitalocean fails with the capability matrix's reason; bad arguments name the field; nothing registered", (t) => {
  const { digitalocean, ...rest } = errors;
  t.true(digitalocean instanceof UnsupportedServiceError);
  t.is((digitalocean as Error).message, "dns-failover is not available on digitalocean: digitalocean has no health-checked DNS failover (its DNS serves static records only). Clouds that offer it: aws, azure, gcp, oci.");
  t.deepEqual(Object.fromEntries(Object.entries(rest).map(([k, e]) => [k, propertyError(e)])), {
    hostname: ["hostname", 'hostname: "WWW.example.com" is not a lowercase DNS name such as app.example.com'],
    zone: ["zone", "zone: is required on gcp: the Cloud DNS managed zone name"],
    "azure-zone": ["zone", 'zone: "www.example.org" is not in the zone "example.com"'],
    "gcp-cname": ["recordType", "recordType: Cloud DNS health-checked routing answers A records for external endpoints only; allowed values on gcp: A"],
    "gcp-interval": ["healthCheck.intervalSeconds", "healthCheck.intervalSeconds: GCP health checks for external endpoints run every 30 s at the fastest; allowed values on gcp: 30"],
    ip: ["primary", 'primary: "10.0.0.300" is not an IPv4 address (recordType A)'],
    same: ["secondary", "secondary: must differ from primary"],
    "apex-cname": ["recordType", "recordType: a zone apex cannot be a CNAME; use A (IPv4 endpoints) or a name below the apex"],
    "aws-mixed": ["secondary", "secondary: is a A record and primary a CNAME record; a Route 53 failover pair is one type (give a host name's aliasZoneId, or use the same kind)"],
    "gcp-hostname": ["secondary", "secondary: Cloud DNS health-checked routing answers IPv4 endpoints only; allowed kinds on gcp: ip"],
    "apex-hostname": ["zone", "zone: a zone apex answers A records only: both endpoints must be IPv4 addresses, or use a name below the apex"],
  });
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")).map((r) => r.name), []);
});
