/**
 * Rule coverage: every resource type tessera's components create is judged by the rules that
 * apply to it (or listed, with its reason, as having nothing to judge); every type that takes
 * labels is judged by the tags rule; every rule maps to at least one framework control.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { NOT_JUDGED } from "../../policies/coverage";
import { FRAMEWORKS } from "../../policies/frameworks";
import { RULES } from "../../policies/pack";
import { coveredTypes } from "../../policies/rule";
import { TAGGABLE } from "../../policies/taggable";
import { suite } from "../suite";
import { sharedRun } from "./helpers";

const test = suite("coverage");
let childTypes: string[];

test.serial.before(async () => {
  const { run } = await sharedRun();
  // The component children: every custom resource inside a tessera component.
  const inComponent = (urn: string) => urn.split("::")[2]!.startsWith("tessera:");
  childTypes = [...new Set(run.registrations.filter((r) => r.custom && inComponent(r.urn)).map((r) => r.type))].sort();
});

const listings = new Map<string, string[]>();
const sources = new Map<string, string>();

/** The compiled provider module of a type token (`aws:ec2/vpc:Vpc` → `@pulumi/aws/ec2/vpc`), read once per type. */
function moduleSource(type: string): string {
  let source = sources.get(type);
  if (source === undefined) sources.set(type, (source = readModuleSource(type)));
  return source;
}

function readModuleSource(type: string): string {
  const [pkg, mod, cls] = type.split(":") as [string, string, string];
  const [first, second] = mod.split("/");
  const path =
    pkg === "azure-native" ? `@pulumi/azure-native/${mod}/${cls[0]!.toLowerCase()}${cls.slice(1)}` : first === "index" ? `@pulumi/${pkg}/${second}` : `@pulumi/${pkg}/${first!.toLowerCase()}/${second}`;
  // Module files are lower camel case; a few tokens capitalise more (gcp projects/iAMAuditConfig → iamauditConfig).
  const dir = dirname(require.resolve(`${path.slice(0, path.lastIndexOf("/"))}/index.js`));
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  // One listing per folder (azure-native's hold thousands of files).
  let files = listings.get(dir);
  if (!files) listings.set(dir, (files = readdirSync(dir)));
  const file = files.find((f) => f.toLowerCase() === `${base}.js`);
  if (!file || !existsSync(join(dir, file))) throw new Error(`no module for ${type}`);
  return readFileSync(join(dir, file), "utf8");
}

/** True when the type's constructor takes a label field. */
const takesLabels = (type: string) => ["tags", "labels", "freeformTags", "userLabels", "resourceLabels"].some((f) => moduleSource(type).includes(`resourceInputs["${f}"] = args?.${f}`));

test("every type tessera's components create is judged by a rule, or listed with the reason there is nothing to judge", (t) => {
  t.true(childTypes.length > 140, `${childTypes.length} types`);
  const judged = new Set(RULES.flatMap(coveredTypes));
  t.deepEqual(childTypes.filter((type) => !judged.has(type) && NOT_JUDGED[type] === undefined), []);
  // The list holds only types the components create and no rule judges.
  t.deepEqual(Object.keys(NOT_JUDGED).filter((type) => !childTypes.includes(type) || judged.has(type)), []);
});

test("every type that takes labels is judged by the tags rule (DigitalOcean monitor alerts' tags are selectors, not labels)", (t) => {
  const tagged = new Set(TAGGABLE.map((e) => e.type));
  t.deepEqual(childTypes.filter((type) => !tagged.has(type) && takesLabels(type)), ["digitalocean:index/firewall:Firewall", "digitalocean:index/monitorAlert:MonitorAlert"]);
  // Nothing listed as "nothing to judge" could carry labels, except the selector case.
  t.deepEqual(Object.keys(NOT_JUDGED).filter((type) => !type.startsWith("random:") && !type.startsWith("tls:") && takesLabels(type)), ["digitalocean:index/monitorAlert:MonitorAlert"]);
});

test("every rule serves at least one framework control, and its metadata is complete", (t) => {
  for (const rule of RULES) {
    t.regex(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, rule.id);
    t.true(rule.description.length > 20 && rule.remediation.length > 20, rule.id);
    t.true(FRAMEWORKS.some((f) => (rule.frameworks[f]?.length ?? 0) > 0), rule.id);
  }
  t.is(new Set(RULES.map((r) => r.id)).size, RULES.length);
});

test("the README states the pack's rule count", (t) => {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  t.deepEqual(readme.match(/The pack \(`policies\/`\) has (\d+) rules/)?.[1], String(RULES.length));
});
