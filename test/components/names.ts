/**
 * The physical names issue 11 found broken, built by the real components under the harness for
 * the stack names that broke them: each now has its right value, and the harness's name check
 * (every registered name against its cloud's rule) reports nothing.
 */
import { suite } from "../suite";
import type { Cloud } from "../../core/cloud";
import { Cluster } from "../../components/kubernetes";
import { Network } from "../../components/network";
import { Secrets } from "../../components/security";
import { Function as Fn } from "../../components/serverless";
import { ObjectStorage } from "../../components/storage";
import type { Target } from "../../components/target";
import { installHarness } from "../../harness";
import { find, inputs, targets } from "../helpers";

const test = suite("names");

/** What one stack's run registered: named inputs by `type::name`, and the harness's errors. */
interface Run {
  readonly values: (type: string, name: string) => Record<string, unknown>;
  readonly errors: readonly string[];
}
const runs = new Map<string, Run>();

/** Runs `build` on the targets of `stack` in a fresh harness. */
async function run(key: string, stack: string, build: (t: Record<Cloud, Target>) => void): Promise<void> {
  const h = await installHarness();
  await h.run(() => build(targets(stack)));
  runs.set(key, { values: (type, name) => inputs(find(h, type, name)), errors: [...h.errors] });
}

const LONG_STACK = "s".repeat(60);
const SHARED = "customer-portal-production-eu-we"; // 32 characters

test.serial.before(async () => {
  await run("prod.eu", "prod.eu", (t) => {
    new Fn("api", { target: t.aws, image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1" });
    new Secrets("vault", { target: t.aws });
  });
  await run("a.b", "a.b", (t) => new Cluster("k8s", { target: t.azure, network: new Network("net", { target: t.azure }), nodeSize: "Standard_D4s_v5" }));
  await run("long", LONG_STACK, (t) => new Cluster("k8s", { target: t.azure, network: new Network("net", { target: t.azure }), nodeSize: "Standard_D4s_v5" }));
  await run("1a", "1a", (t) => new Fn("api", { target: t.azure, image: "ghcr.io/acme/api:1" }));
  await run("_a", "_a", (t) => new ObjectStorage("docs", { target: t.gcp }));
  await run("cloud-run", "analytics-platform-production", (t) => new Fn("inference-gateway-eu", { target: t.gcp, image: "europe-docker.pkg.dev/acme/api/api:1" }));
  await run("do-1", `${SHARED}st-1`, (t) => new Fn("api", { target: t.digitalocean, image: "ghcr.io/acme/api:1" }));
  await run("do-2", `${SHARED}st-2`, (t) => new Fn("api", { target: t.digitalocean, image: "ghcr.io/acme/api:1" }));
});

const get = (key: string) => runs.get(key)!;

test("stack prod.eu: Lambda function and KMS alias names without a period", (t) => {
  t.is(get("prod.eu").values("aws:lambda/function:Function", "api").name, "prod-eu-api-wioli4");
  t.is(get("prod.eu").values("aws:kms/alias:Alias", "vault").name, "alias/prod-eu-vault-ev7z2d");
  t.deepEqual(get("prod.eu").errors, []);
});

test("stack a.b: an AKS cluster name and DNS prefix without a period", (t) => {
  const aks = get("a.b").values("azure-native:containerservice:ManagedCluster", "k8s");
  t.deepEqual([aks.resourceName, aks.dnsPrefix], ["a-b-k8s-ey5i9c", "a-b-k8s"]);
  t.deepEqual(get("a.b").errors, []);
});

test("a 60-character stack: an AKS name of 63 characters that keeps its suffix, a DNS prefix of at most 54", (t) => {
  const aks = get("long").values("azure-native:containerservice:ManagedCluster", "k8s");
  t.deepEqual([aks.resourceName, aks.dnsPrefix], [`${"s".repeat(52)}-k8s-inlopk`, `${"s".repeat(50)}-k8s`]);
  t.deepEqual(get("long").errors, []);
});

test("stack 1a: a Container App name starting with a letter", (t) => {
  t.is(get("1a").values("azure-native:app:ContainerApp", "api").containerAppName, "t1a-api-67ma8m");
  t.deepEqual(get("1a").errors, []);
});

test("stack _a: a GCS bucket name not starting with _ (its suffix random, kept in state)", (t) => {
  t.is(get("_a").values("gcp:storage/bucket:Bucket", "docs").name, "a-docs-7zhnbu");
  t.deepEqual(get("_a").values("random:index/randomString:RandomString", "docs-name"), { keepers: { region: "europe-west1" }, length: 6, lower: true, numeric: true, special: false, upper: false });
  t.deepEqual(get("_a").errors, []);
});

test("stack plus service over 49 characters: a Cloud Run service name of at most 49", (t) => {
  t.is(get("cloud-run").values("gcp:cloudrunv2/service:Service", "inference-gateway-eu").name, "analyti-platfor-product-inferen-gateway-eu-f1nu8v");
  t.is(get("cloud-run").values("gcp:serviceaccount/account:Account", "inference-gateway-eu").accountId, "ana-pla-pro-inf-gat-eu-f1nu8v");
  t.deepEqual(get("cloud-run").errors, []);
});

test("two stacks sharing their first 32 characters: different DigitalOcean App names", (t) => {
  const name = (key: string) => (get(key).values("digitalocean:index/app:App", "api").spec as { name: string }).name;
  t.deepEqual([name("do-1"), name("do-2")], ["cus-por-pro-eu-wes-1-api-l5cj4o", "cus-por-pro-eu-wes-2-api-hbvwp1"]);
  t.deepEqual([get("do-1").errors, get("do-2").errors], [[], []]);
});
