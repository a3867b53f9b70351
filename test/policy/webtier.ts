/**
 * The web tier rules through @pulumi/policy's own RPC handlers: tessera's WebTier passes on every
 * cloud, hand-written load balancers, listeners and groups fail with the exact messages on every
 * cloud each rule covers, and the public-IP label is a setting.
 */
import type { Verdict } from "../../harness/policy";
import { suite } from "../suite";
import { type Captured, cloudsOf, coverage, configuredVerdicts, judgedClouds, of, sharedRun } from "./helpers";

const test = suite("webtier");
let run: Captured;
let all: Verdict[];

test.serial.before(async () => {
  ({ run, all } = await sharedRun());
});

function spans(t: { deepEqual: (a: unknown, b: unknown, m?: string) => void }, id: string, failing: Array<[string, string]>) {
  t.deepEqual(judgedClouds(run, id, "all-web-"), coverage(id).clouds, `${id}: tessera's web tier judged on every covered cloud`);
  t.deepEqual(of(all, id, "all-"), [], `${id}: tessera's components pass`);
  t.deepEqual(of(all, id, "good-"), [], `${id}: the compliant twins pass`);
  t.deepEqual(cloudsOf(run, failing), coverage(id).clouds, `${id}: a failing case on every covered cloud`);
}

test("load-balancer-https: plain HTTP that does not redirect, missing or pre-1.2 TLS policies fail on every cloud", (t) => {
  const failing = of(all, "load-balancer-https");
  t.deepEqual(failing, [
    ["bad-do-lb", "load balancer: forwarding rule on port 443 has no certificate"],
    ["bad-do-lb", "load balancer: forwarding rule on port 80 serves plain HTTP (redirectHttpToHttps is false)"],
    ["bad-gateway", "load balancer: listener http serves plain HTTP (not only a redirect to an HTTPS listener)"],
    ["bad-gateway", "load balancer: sslPolicy is not set (the gateway's default allows TLS 1.0)"],
    ["bad-https-listener", "load balancer: sslPolicy is not set (ELBSecurityPolicy-2016-08, which allows TLS 1.0)"],
    ["bad-https-proxy", "load balancer: no sslPolicy: the default allows TLS 1.0"],
    ["bad-listener", "load balancer: listener on port 80 serves plain HTTP (not only a redirect to HTTPS)"],
    ["bad-oci-listener", "load balancer: listener http on port 80 serves plain HTTP without a redirect rule set"],
    ["bad-oci-tls-listener", "load balancer: sslConfiguration allows TLSv1.1"],
    ["bad-old-tls-gateway", "load balancer: sslPolicy AppGwSslPolicy20150501 allows TLS older than 1.2"],
    ["bad-old-tls-listener", "load balancer: sslPolicy ELBSecurityPolicy-2016-08 is not a TLS 1.2+ policy"],
  ]);
  spans(t, "load-balancer-https", failing);
});

test("load-balancer-health-check: disabled or missing health checks, and groups that ignore them, fail on every cloud", (t) => {
  const failing = of(all, "load-balancer-health-check");
  t.deepEqual(failing, [
    ["bad-backend", "health check: backend service has no health check"],
    ["bad-backend-set", "health check: health checker has no urlPath"],
    ["bad-do-lb", "health check: no healthcheck: DigitalOcean probes TCP port 80 by default"],
    ["bad-gateway", "health check: backend settings machines have no custom health probe"],
    ["bad-group", "health check: healthCheckType is EC2 (default): machines failing the load balancer's check are not replaced"],
    ["bad-group-manager", "health check: no autoHealingPolicies: failed machines are not replaced"],
    ["bad-target-group", "health check: target group health checks are disabled"],
  ]);
  spans(t, "load-balancer-health-check", failing);
});

test("group-machines-not-public: group templates that give machines public IPs fail on every cloud; the label allows it", async (t) => {
  const failing = of(all, "group-machines-not-public");
  const label = "and they are not labelled tessera-public-ip: allowed";
  t.deepEqual(failing, [
    ["bad-autoscale-pool", `public IP for the group's machines: the Droplet template's public networking is on (the default), ${label}`],
    ["bad-instance-configuration", `public IP for the group's machines: assignPublicIp is true, ${label}`],
    ["bad-instance-template", `public IP for the group's machines: a network interface has an access config (external IP), ${label}`],
    ["bad-launch-template", `public IP for the group's machines: a network interface has associatePublicIpAddress true, ${label}`],
    ["bad-scale-set", `public IP for the group's machines: an IP configuration has a publicIPAddressConfiguration, ${label}`],
  ]);
  spans(t, "group-machines-not-public", failing);
  // The label is a setting: with another one, tessera's labelled machines are unaffected (they have no public IP).
  const other = await configuredVerdicts(run, { config: { "group-machines-not-public": { label: "exposure", value: "internet" } } });
  t.deepEqual(of(other, "group-machines-not-public", "all-"), []);
  t.is(of(other, "group-machines-not-public").length, 5);
});

test("the web tier rules: only their own verdicts on the web tier fixtures (tagged like tessera's resources)", (t) => {
  const webBad = new Set([...of(all, "load-balancer-https"), ...of(all, "load-balancer-health-check"), ...of(all, "group-machines-not-public")].map(([n]) => n));
  webBad.delete("bad-listener"); // the network fixture's listener also fails tls-in-transit
  const others = all.filter((v) => webBad.has(v.urn.split("::").pop() ?? "") && !["load-balancer-https", "load-balancer-health-check", "group-machines-not-public", "tls-in-transit", "required-tags"].includes(v.policy));
  t.deepEqual(others.map((v) => `${v.policy} ${v.urn.split("::").pop()}`), []);
});
