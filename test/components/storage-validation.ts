/**
 * ObjectStorage rejects bad arguments with an InputPropertyError naming the field, before any
 * resource (not even the component) registers.
 */
import * as pulumi from "@pulumi/pulumi";
import { suite } from "../suite";
import { ObjectStorage } from "../../components/storage";
import { type Harness, installHarness } from "../../harness";
import { targets } from "../helpers";

const test = suite("storage-validation");

let h: Harness;
const errors: Record<string, unknown> = {};

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    const attempt = (key: string, build: () => unknown) => {
      try {
        build();
      } catch (e) {
        errors[key] = e;
      }
    };
    attempt("retention", () => new ObjectStorage("bad-retention", { target: t.aws, retentionDays: 0 }));
    attempt("retention-without-versioning", () => new ObjectStorage("bad-versioning", { target: t.gcp, retentionDays: 30, versioning: false }));
    attempt("do-cmk", () => new ObjectStorage("bad-cmk", { target: t.digitalocean, customerManagedKey: "key" }));
    attempt("azure-cmk", () => new ObjectStorage("bad-azure-cmk", { target: t.azure, customerManagedKey: "https://v.vault.azure.net/keys/k" }));
  });
});

const expectations: Array<[string, string, string]> = [
  ["retention", "retentionDays", "retentionDays: must be an integer from 1 to 36500 (got 0)"],
  ["retention-without-versioning", "retentionDays", "retentionDays: expires previous object versions, so it needs versioning: true (or remove retentionDays)"],
  ["do-cmk", "customerManagedKey", "customerManagedKey: DigitalOcean Spaces encrypts with provider-managed keys only; allowed on aws, azure, gcp, oci"],
  ["azure-cmk", "azure.encryptionIdentityId", "azure.encryptionIdentityId: required with customerManagedKey on Azure (a user-assigned identity that can use the key)"],
];

for (const [key, path, message] of expectations) {
  test(`${key}: InputPropertyError on ${path}`, (t) => {
    const e = errors[key];
    t.true(pulumi.InputPropertyError.isInstance(e));
    t.deepEqual({ path: (e as pulumi.InputPropertyError).propertyPath, message: (e as Error).message }, { path, message });
  });
}

test("nothing registered for the rejected components", (t) => {
  t.deepEqual(
    h.registrations.filter((r) => r.name.startsWith("bad-")).map((r) => r.name),
    [],
  );
});
