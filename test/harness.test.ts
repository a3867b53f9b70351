/**
 * The strict monitor behaves like the engine where plain mocks do not: engine-shaped URNs,
 * duplicate URNs and unknown parents are errors.
 */
import * as pulumi from "@pulumi/pulumi";
import { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import test from "ava";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { engineUrn, type Harness, installHarness } from "../harness";
import { deferredState } from "../harness/defer-sdk-deps";
import { StrictMonitor } from "../harness/monitor";

let h: Harness;

class Outer extends pulumi.ComponentResource {
  constructor(name: string) {
    super("x:index:Outer", name, {});
    new Inner(`${name}-inner`, this);
  }
}
class Leaf extends pulumi.CustomResource {
  constructor(name: string, opts: pulumi.CustomResourceOptions) {
    super("aws:s3/bucket:Bucket", name, { bucket: "tessera-harness-leaf" }, opts);
  }
}
class Inner extends pulumi.ComponentResource {
  constructor(name: string, parent: pulumi.Resource) {
    super("x:index:Inner", name, {}, { parent });
    new Leaf(`${name}-leaf`, { parent: this });
  }
}

test.serial.before(async () => {
  h = await installHarness({ project: "proj", stack: "dev" });
  await h.run(() => new Outer("o"));
});

test("URNs carry the parent's full qualified type and omit the root stack", (t) => {
  t.deepEqual(
    h.registrations.map((r) => r.urn),
    [
      "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev",
      "urn:pulumi:dev::proj::x:index:Outer::o",
      "urn:pulumi:dev::proj::x:index:Outer$x:index:Inner::o-inner",
      "urn:pulumi:dev::proj::x:index:Outer$x:index:Inner$aws:s3/bucket:Bucket::o-inner-leaf",
    ],
  );
  t.deepEqual(h.errors, []);
});

test("engineUrn: root stack parent is dropped, nested parents keep every segment", (t) => {
  t.is(engineUrn("s", "p", "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", "aws:s3/bucket:Bucket", "b"), "urn:pulumi:s::p::aws:s3/bucket:Bucket::b");
  t.is(engineUrn("s", "p", "urn:pulumi:s::p::a:b:C$d:e:F::x", "g:h:I", "y"), "urn:pulumi:s::p::a:b:C$d:e:F$g:h:I::y");
  t.is(engineUrn("s", "p", "", "g:h:I", "y"), "urn:pulumi:s::p::g:h:I::y");
});

function request(name: string, parent = ""): RegisterResourceRequest {
  const req = new RegisterResourceRequest();
  req.setType("aws:s3/bucket:Bucket");
  req.setName(name);
  req.setCustom(true);
  req.setParent(parent);
  req.setObject(new Struct());
  return req;
}

const register = (monitor: StrictMonitor, req: RegisterResourceRequest) =>
  new Promise<string>((resolve) => void monitor.registerResource(req, (e, resp) => resolve(e ? `error: ${e.message}` : resp!.getUrn())));

// A StrictMonitor names URNs from the process-wide stack and project: with `npm test` this file
// shares its process (test/suites/program.ts), so these tests are serial and install their own.
test.serial("a duplicate URN and an unknown parent are refused with the engine's messages", async (t) => {
  await installHarness({ project: "proj", stack: "dev" });
  const monitor = new StrictMonitor({ newResource: (a) => ({ id: `${a.name}-id`, state: {} }), call: () => ({}) });
  t.deepEqual(
    [await register(monitor, request("b")), await register(monitor, request("b")), await register(monitor, request("orphan", "urn:pulumi:dev::proj::x:index:Nowhere::ghost"))],
    [
      "urn:pulumi:dev::proj::aws:s3/bucket:Bucket::b",
      "error: Duplicate resource URN 'urn:pulumi:dev::proj::aws:s3/bucket:Bucket::b'; try giving it a unique name",
      "error: could not find parent resource urn:pulumi:dev::proj::x:index:Nowhere::ghost",
    ],
  );
  t.deepEqual(monitor.errors, [
    "Duplicate resource URN 'urn:pulumi:dev::proj::aws:s3/bucket:Bucket::b'; try giving it a unique name",
    "could not find parent resource urn:pulumi:dev::proj::x:index:Nowhere::ghost",
  ]);
});

function named(type: string, name: string, object: Record<string, unknown>): RegisterResourceRequest {
  const req = new RegisterResourceRequest();
  req.setType(type);
  req.setName(name);
  req.setCustom(true);
  req.setParent("");
  req.setObject(Struct.fromJavaScript(object as Parameters<typeof Struct.fromJavaScript>[0]));
  return req;
}

test.serial("a physical name the cloud would refuse is an error naming the resource, field, value and rule; unknown names wait", async (t) => {
  await installHarness({ project: "proj", stack: "dev" });
  const monitor = new StrictMonitor({ newResource: (a) => ({ id: `${a.name}-id`, state: {} }), call: () => ({}) });
  await register(monitor, named("aws:lambda/function:Function", "api", { name: "prod.eu-api" }));
  await register(monitor, named("aws:iam/role:Role", "r".repeat(60), {}));
  await register(monitor, named("digitalocean:index/app:App", "web", { spec: { name: "customer-portal-production-eu-west-1" } }));
  await register(monitor, named("gcp:storage/bucket:Bucket", "docs", { name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }));
  await register(monitor, named("aws:lambda/function:Function", "ok", { name: "prod-eu-api-wioli4" }));
  t.deepEqual(monitor.errors, [
    'aws:lambda/function:Function "api": name "prod.eu-api" contains "." (allowed characters: a-zA-Z0-9_-); the cloud would refuse it — Lambda function name: 1-64 characters of [a-zA-Z0-9_-], unique per account-region (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html)',
    `aws:iam/role:Role "${"r".repeat(60)}": auto-name of name (about "${"r".repeat(60)}-0a1b2c3") is 68 characters long (allowed: 1-64); the cloud would refuse it — IAM role name: 1-64 characters of [a-zA-Z0-9+=,.@_-], unique per account (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html)`,
    'digitalocean:index/app:App "web": spec.name "customer-portal-production-eu-west-1" is 36 characters long (allowed: 2-32); the cloud would refuse it — App Platform app name: 2-32 characters of [a-z0-9-], first [a-z], last [a-z0-9], unique per account (https://docs.digitalocean.com/products/app-platform/reference/app-spec/ ("name": ^[a-z][a-z0-9-]{0,30}[a-z0-9]$, unique across the account\'s apps))',
  ]);
});

test("the SDK's deferred TypeScript and Arborist load on first use: a function still serializes", async (t) => {
  // The test workers load harness/defer-sdk-deps first (package.json ava.require), as the CLI does.
  t.deepEqual([deferredState("typescript"), deferredState("@npmcli/arborist")], ["deferred", "deferred"]);
  const serialized = await pulumi.runtime.serializeFunction(() => 42);
  t.true(serialized.text.includes("return ()=>42;"), serialized.text);
  t.deepEqual([deferredState("typescript"), deferredState("@npmcli/arborist")], ["loaded", "deferred"]);
  const ts = require.resolve("typescript", { paths: [require.resolve("@pulumi/pulumi/package.json")] });
  t.is((require(ts) as { version: string }).version, (require("typescript/package.json") as { version: string }).version);
});
