/**
 * The program entry under the harness, for each example stack: the expected cloud and region are
 * chosen and every resource lands there. Bad stack config fails with one message naming the field
 * and the allowed values, before any resource registers.
 */
import { join } from "node:path";
import test from "ava";
import { installHarness } from "../harness";
import { tessera } from "../program";
import { readStackFile } from "../program/stackfile";
import { providerOf } from "./helpers";

const STACKS = join(__dirname, "..", "stacks");

async function runStack(stack: string, config: Record<string, string> = readStackFile(STACKS, stack)) {
  const h = await installHarness({ stack, config, preview: true });
  const outputs = await h.run(() => tessera({ stacksDir: STACKS, writeLock: false }));
  return { h, outputs };
}

const expected: Array<[string, string, string]> = [
  ["eu-gdpr", "azure", "swedencentral"],
  ["us-budget", "digitalocean", "nyc3"],
  ["platform-eu", "oci", "eu-amsterdam-1"],
];

for (const [stack, cloud, region] of expected) {
  test.serial(`${stack}: placed on ${cloud} ${region}, every resource there`, async (t) => {
    const { h, outputs } = await runStack(stack);
    const placement = outputs.placement as { cloud: string; region: string };
    t.deepEqual([placement.cloud, placement.region], [cloud, region]);
    // Cloud resources; random/tls resources are computed locally and live nowhere.
    const custom = h.registrations.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:") && !/^(random|tls):/.test(r.type));
    t.true(custom.length > 0);
    for (const r of custom) t.is(providerOf(r), `${cloud}-${region}`, `${r.type} ${r.name}`);
    const providers = h.registrations.filter((r) => r.type.startsWith("pulumi:providers:"));
    t.deepEqual(providers.map((p) => p.name), [`${cloud}-${region}`]);
    // DigitalOcean resources carry their region themselves.
    for (const r of custom.filter((x) => x.type.startsWith("digitalocean:"))) t.is(r.struct.toJavaScript().region, region);
    t.deepEqual(h.errors, []);
  });
}

const requirements = (value: unknown) => ({ "tessera:requirements": JSON.stringify(value) });
const bad: Array<[string, Record<string, string>, string]> = [
  [
    "unknown jurisdiction",
    requirements({ services: { a: { kind: "object-storage", sizeGb: 1 } }, residency: { jurisdictions: ["EX"] } }),
    "invalid tessera:requirements of stack bad:\n  - residency.jurisdictions[0]: \"EX\" is not allowed; allowed values: AE, AU, BH, BR, CA, CH, CL, CO, EU, HK, ID, IL, IN, JP, KR, MA, MX, MY, NO, NZ, QA, SA, SG, TH, TW, UK, US, ZA",
  ],
  [
    "unknown cloud",
    requirements({ services: { a: { kind: "object-storage", sizeGb: 1 } }, clouds: { allow: ["ibm"] } }),
    "invalid tessera:requirements of stack bad:\n  - clouds.allow[0]: \"ibm\" is not allowed; allowed values: aws, azure, gcp, digitalocean, oci",
  ],
  [
    "wrong type",
    requirements({ services: { a: { kind: "object-storage", sizeGb: "lots" } } }),
    "invalid tessera:requirements of stack bad:\n  - services.a.sizeGb: Invalid input: expected number, received string (got \"lots\")",
  ],
  ["not a map", { "tessera:requirements": "EU please" }, "invalid tessera:requirements:\n  - tessera:requirements: expected an object (YAML map), got the string \"EU please\""],
];

for (const [label, config, message] of bad) {
  test.serial(`bad config (${label}): one clear error, no resource registered`, async (t) => {
    const h = await installHarness({ stack: "bad", config, preview: true });
    const error = await t.throwsAsync(h.run(() => tessera({ stacksDir: STACKS, writeLock: false })));
    t.is(error?.message, message);
    t.deepEqual(
      h.registrations.map((r) => r.type),
      ["pulumi:pulumi:Stack"],
    );
  });
}
