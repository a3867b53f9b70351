/**
 * Physical names obey each cloud's length and charset rules.
 */
import test from "ava";
import { CLOUDS } from "../core/cloud";
import { NAME_RULES, nameHash, NamingError, physicalName } from "../core/naming";

test("S3 bucket names: lowercase, hyphens, hashed for global uniqueness", (t) => {
  t.is(physicalName("aws", "bucket", ["Prod_EU", "Customer.Docs"]), `prod-eu-customer-docs-${nameHash("Prod_EU/Customer.Docs")}`);
});

test("Azure storage accounts: 3-24 lowercase letters and digits, no separators", (t) => {
  const name = physicalName("azure", "storageAccount", ["production-eu-west", "customer-documents"]);
  t.is(name, `productioneuwestcu${nameHash("production-eu-west/customer-documents")}`);
  t.regex(name, /^[a-z0-9]{3,24}$/);
});

test("names that would exceed the limit are cut and suffixed so they stay unique", (t) => {
  const long = "a".repeat(80);
  const one = physicalName("gcp", "instance", ["dev", `${long}-one`]);
  const two = physicalName("gcp", "instance", ["dev", `${long}-two`]);
  t.is(one.length, 63);
  t.is(two.length, 63);
  t.not(one, two);
  t.regex(one, /^[a-z][a-z0-9-]*[a-z0-9]$/);
});

test("names that must start with a letter lose leading digits", (t) => {
  t.is(physicalName("gcp", "network", ["42", "net"]), "net");
});

test("OCI keeps case and underscores", (t) => {
  t.is(physicalName("oci", "bucket", ["Dev", "Raw_Data"]), "Dev-Raw_Data");
});

test("a name with nothing usable left is an error", (t) => {
  t.throws(() => physicalName("azure", "storageAccount", ["---", "___"]), { instanceOf: NamingError, message: 'cannot build a azure storageAccount name from ["---","___"]' });
});

test("every rule's output satisfies the rule for adversarial input", (t) => {
  const inputs = [["dev", "x"], ["UPPER", "MiXeD_case.with.dots"], ["9lives", "-trailing-"], ["s", "y".repeat(300)]];
  for (const cloud of CLOUDS) {
    for (const [kind, rule] of Object.entries(NAME_RULES[cloud])) {
      for (const parts of inputs) {
        const name = physicalName(cloud, kind as keyof (typeof NAME_RULES)[typeof cloud], parts);
        const where = `${cloud} ${kind} ${JSON.stringify(parts)} → ${name}`;
        t.true(name.length >= rule.minLength && name.length <= rule.maxLength, where);
        t.regex(name, new RegExp(`^[${rule.charset}]+$`), where);
        if (rule.startWithLetter) t.regex(name, /^[a-zA-Z]/, where);
        if (rule.endAlphanumeric) t.regex(name, /[a-zA-Z0-9]$/, where);
      }
    }
  }
});
