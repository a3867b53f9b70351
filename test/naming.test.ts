/**
 * Physical names: the found examples with their right values, the rule check, and properties
 * over the whole accepted name space (every stack name Pulumi accepts × every service name the
 * requirements accept × every kind × every cloud): each name obeys its rule, and distinct inputs
 * never share a name.
 */
import test from "ava";
import fc from "fast-check";
import { CLOUDS, type Cloud } from "../core/cloud";
import { NAME_FIELDS } from "../core/name-fields";
import { checkName, describeRule, findRule, NAME_RULES, type NameKind, nameHash, type NameRule, NamingError, physicalName, SUFFIX_ALPHABET, suffixLength } from "../core/naming";

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 60), seed: Number(process.env.PROPERTY_SEED ?? 20261130) };

/** Pulumi stack names: letters, digits, `-`, `_`, `.`, at most 100 (pulumi/pulumi#6685, #10675). */
const stackArb = fc.stringMatching(/^[A-Za-z0-9_.-]{1,100}$/);
/** Service names the requirements accept (placement/requirements.ts SERVICE_NAME). */
const serviceArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,29}$/);
/** Logical names the program derives from a service: itself, the standby, the analytics bucket, the failover. */
const logicalArb = fc.tuple(serviceArb, fc.constantFrom("", "-standby", "-data", "-data-standby", "-failover", "-0", "-1")).map(([s, suffix]) => `${s}${suffix}`);
/** The shapes of parts the components pass. */
const partsArb = fc.oneof(
  fc.tuple(stackArb, logicalArb).map((p) => [...p]),
  fc.tuple(stackArb, logicalArb, fc.constantFrom("final", "gateway", "token", "web-cpu-0", "ingress-3")).map((p) => [...p]),
  fc.tuple(fc.constant("tessera"), stackArb, fc.constantFrom("westeurope", "eastus2", "swedencentral")).map((p) => [...p]),
);

const ALL_KINDS: Array<[Cloud, string, NameRule]> = CLOUDS.flatMap((cloud) => Object.entries(NAME_RULES[cloud]).map(([kind, rule]): [Cloud, string, NameRule] => [cloud, kind, rule]));
const name = (cloud: Cloud, kind: string, parts: readonly string[], suffix?: string) => physicalName(cloud, kind as NameKind, parts, suffix === undefined ? {} : { suffix });
const rule = (cloud: Cloud, kind: string) => findRule(cloud, kind)!;

test("found: stack prod.eu → Lambda function and KMS alias names without a period", (t) => {
  t.is(physicalName("aws", "lambdaFunction", ["prod.eu", "api"]), "prod-eu-api-wioli4");
  t.is(physicalName("aws", "kmsAlias", ["prod.eu", "vault"]), "alias/prod-eu-vault-ev7z2d");
  // What tessera made before, and why the cloud refuses it.
  t.is(checkName(rule("aws", "lambdaFunction"), "prod.eu-api"), 'contains "." (allowed characters: a-zA-Z0-9_-)');
  t.is(checkName(rule("aws", "kmsAlias"), "alias/prod.eu-vault"), 'contains "." (allowed characters: a-zA-Z0-9/_-)');
});

test("found: stack a.b → a valid AKS cluster name; a 60-character stack → an AKS name of at most 63", (t) => {
  t.is(physicalName("azure", "aksCluster", ["a.b", "k8s"]), "a-b-k8s-ey5i9c");
  const long = "s".repeat(60);
  const aks = physicalName("azure", "aksCluster", [long, "k8s"]);
  t.is(aks, `${"s".repeat(52)}-k8s-${nameHash([long, "k8s"])}`);
  t.is(aks.length, 63);
  t.is(checkName(rule("azure", "aksCluster"), `${long}-k8s`.padEnd(64, "x")), "is 64 characters long (allowed: 1-63)");
  t.is(checkName(rule("azure", "aksCluster"), "a.b-k8s"), 'contains "." (allowed characters: a-zA-Z0-9_-)');
});

test("found: stack 1a → a Container App name starting with a letter; stack _a → a GCS bucket not starting with _", (t) => {
  t.is(physicalName("azure", "containerApp", ["1a", "api"]), "t1a-api-67ma8m");
  t.is(checkName(rule("azure", "containerApp"), "1a-api"), 'starts with "1" (allowed first characters: a-z)');
  t.is(physicalName("gcp", "gcsBucket", ["_a", "docs"], { suffix: "k3j9x2" }), "a-docs-k3j9x2");
  t.is(checkName(rule("gcp", "gcsBucket"), "_a-docs-1d2c3b"), 'starts with "_" (allowed first characters: a-z0-9)');
});

test("found: stack plus service over 49 characters → a valid Cloud Run service name", (t) => {
  const stack = "analytics-platform-production";
  const service = "inference-gateway-eu";
  t.true(`${stack}-${service}`.length > 49);
  const run = physicalName("gcp", "cloudRunService", [stack, service]);
  t.is(run, "analyti-platfor-product-inferen-gateway-eu-f1nu8v");
  t.true(run.length <= 49);
  t.is(checkName(rule("gcp", "cloudRunService"), `${stack}-${service}`), "is 50 characters long (allowed: 1-49)");
});

test("found: two stacks sharing their first 32 characters → different DigitalOcean App names", (t) => {
  const shared = "customer-portal-production-eu-we";
  t.is(shared.length, 32);
  const one = physicalName("digitalocean", "app", [`${shared}st-1`, "api"]);
  const two = physicalName("digitalocean", "app", [`${shared}st-2`, "api"]);
  // Before: both were "customer-portal-production-eu-we" (the joined name cut to 32).
  t.deepEqual([one, two], ["cus-por-pro-eu-wes-1-api-l5cj4o", "cus-por-pro-eu-wes-2-api-hbvwp1"]);
  t.not(one, two);
});

test("a primary and its standby, two services sharing a long prefix, and stacks differing only in punctuation or case get different names", (t) => {
  const pairs: Array<[string[], string[]]> = [
    [["prod", "web"], ["prod", "web-standby"]],
    [["prod", "analytics-ingest-pipeline-east"], ["prod", "analytics-ingest-pipeline-west"]],
    [["prod.eu", "api"], ["prod-eu", "api"]],
    [["Prod", "api"], ["prod", "api"]],
    [["a-b", "c"], ["a", "b-c"]],
  ];
  for (const [cloud, kind] of ALL_KINDS) {
    if (rule(cloud, kind).scope === "none") continue;
    for (const [a, b] of pairs) t.not(name(cloud, kind, a), name(cloud, kind, b), `${cloud} ${kind} ${JSON.stringify(a)} ${JSON.stringify(b)}`);
  }
});

test("reserved words and prefixes are removed, never emitted", (t) => {
  t.is(physicalName("aws", "s3Bucket", ["sthree-x", "docs"], { suffix: "abc123" }), "x-docs-abc123");
  t.is(physicalName("aws", "s3Bucket", ["xn--y", "docs"], { suffix: "abc123" }), "xn-y-docs-abc123");
  t.is(physicalName("gcp", "gcsBucket", ["google-prod", "docs"], { suffix: "abc123" }), "prod-docs-abc123");
  t.is(physicalName("gcp", "gcsBucket", ["goog", "docs"], { suffix: "abc123" }), "docs-abc123");
  t.is(physicalName("azure", "storageAccount", ["windows-prod", "docs"], { suffix: "abc123" }), "proddocsabc123");
  t.is(physicalName("azure", "keyVault", ["login", "vault"], { suffix: "abc123" }), "vault-abc123");
  t.is(checkName(rule("aws", "s3Bucket"), "sthree-docs-abc123"), 'starts with "sthree-", reserved by S3');
  t.is(checkName(rule("gcp", "gcsBucket"), "my-g00gle-docs"), 'contains "google" or a close misspelling, reserved by Cloud Storage');
  t.is(checkName(rule("azure", "keyVault"), "microsoftvault"), 'contains "MICROSOFT", reserved by Azure');
  t.is(checkName(rule("aws", "secretsManagerSecret"), "dev-vault-token-abcdef"), "ends with a hyphen and six characters (Secrets Manager's own ARN suffix)");
  t.is(checkName(rule("azure", "keyVault"), "dev--vault"), 'contains "--"');
});

test("labels (scope none) carry no suffix; every other name ends in one of the rule's length", (t) => {
  t.is(physicalName("azure", "linuxComputerName", ["prod.eu", "web-0"]), "prod-eu-web-0");
  t.is(physicalName("oci", "displayName", ["dev", "net", "igw"]), "dev-net-igw");
  t.is(physicalName("azure", "containerApp", ["1a", "k8s"], { suffix: "abc123" }), "t1a-k8s-abc123");
  t.is(physicalName("azure", "aksDnsPrefix", ["1a", "k8s"]), "1a-k8s");
  t.is(physicalName("aws", "secretsManagerSecret", ["dev", "vault", "token"]).split("-").pop()!.length, 8);
  t.is(suffixLength(rule("aws", "secretsManagerSecret")), 8);
});

test("a suffix that is not lowercase letters and digits is a NamingError", (t) => {
  t.throws(() => physicalName("aws", "s3Bucket", ["dev", "docs"], { suffix: "ABC" }), { instanceOf: NamingError, message: 'suffix "ABC" must be lowercase letters and digits' });
});

test("every rule names its source, and every named field maps to a rule", (t) => {
  for (const [cloud, kind, r] of ALL_KINDS) {
    t.regex(r.source, /^(https:\/\/|[\w-]+\/[\w.-]+)/, `${cloud} ${kind}`);
    t.true(r.minLength >= 1 && r.maxLength >= r.minLength, `${cloud} ${kind}`);
    t.regex(describeRule(r), /unique per /);
  }
  for (const [type, fields] of Object.entries(NAME_FIELDS)) {
    for (const f of fields) t.truthy(findRule(f.cloud, f.kind), `${type} ${f.path}`);
  }
});

test("property: every name for every accepted stack, service, kind and cloud obeys its rule, with the hash or any random suffix", (t) => {
  fc.assert(
    fc.property(partsArb, fc.nat(), (parts, seed) => {
      for (const [cloud, kind, r] of ALL_KINDS) {
        const hashed = name(cloud, kind, parts);
        const problem = checkName(r, hashed);
        if (problem !== undefined) throw new Error(`${cloud} ${kind} ${JSON.stringify(parts)} → "${hashed}" ${problem}`);
        if (r.kept === undefined) continue;
        const suffix = Array.from({ length: suffixLength(r) }, (_, i) => SUFFIX_ALPHABET[(seed * 7 + i * 13) % SUFFIX_ALPHABET.length]).join("");
        const random = name(cloud, kind, parts, suffix);
        const problem2 = checkName(r, random);
        if (problem2 !== undefined || !random.endsWith(suffix)) throw new Error(`${cloud} ${kind} ${JSON.stringify(parts)} + ${suffix} → "${random}" ${problem2 ?? "lost its suffix"}`);
      }
    }),
    RUNS,
  );
  t.pass();
});

test("property: distinct inputs never share a name in a scope — including stacks that share a long prefix and truncated names", (t) => {
  const sharedPrefix = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{19,90}$/), fc.stringMatching(/^[A-Za-z0-9_.-]{1,9}$/), fc.stringMatching(/^[A-Za-z0-9_.-]{1,9}$/), logicalArb).map(([prefix, a, b, logical]) => [
    [`${prefix}${a}`.slice(0, 100), logical],
    [`${prefix}${b}`.slice(0, 100), logical],
  ]);
  const anyTwo = fc.tuple(partsArb, partsArb);
  fc.assert(
    fc.property(fc.oneof(sharedPrefix, anyTwo), ([a, b]) => {
      fc.pre(JSON.stringify(a) !== JSON.stringify(b));
      for (const [cloud, kind, r] of ALL_KINDS) {
        if (r.scope === "none") continue;
        const [x, y] = [name(cloud, kind, a!), name(cloud, kind, b!)];
        if (x === y) throw new Error(`${cloud} ${kind}: ${JSON.stringify(a)} and ${JSON.stringify(b)} both → "${x}"`);
      }
    }),
    RUNS,
  );
  t.pass();
});
