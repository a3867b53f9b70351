/**
 * What the fake cloud answers: provider-computed outputs per resource type (an `update` returns
 * them; a `preview` leaves them unknown, as the engine does), provider ids where other resources
 * reference them, and canned invoke results. An invoke with no entry here fails the run, so a new
 * lookup cannot slip into the program untested.
 */
import { createHash } from "node:crypto";
import { awsFakes } from "./aws";
import { azureFakes } from "./azure";
import { digitaloceanFakes } from "./digitalocean";
import { gcpFakes } from "./gcp";
import { ociFakes } from "./oci";
import type { CloudFakes, IdFaker, InvokeFaker, OutputFaker } from "./types";

export type { FakeContext } from "./types";

/** Packages that are not clouds: generated passwords and keys. */
/**
 * RandomString: a stable pseudo-random result from the logical name, honouring length and the
 * character classes the program asked for (the real provider draws from exactly these).
 */
function randomString(i: Record<string, unknown>, name: string): string {
  const classes = [i.lower !== false ? "abcdefghijklmnopqrstuvwxyz" : "", i.upper !== false ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ" : "", i.numeric !== false ? "0123456789" : "", i.special === true ? "!@#$%&*()-_=+[]{}<>:?" : ""].join("");
  const digest = createHash("sha256").update(name).digest();
  return Array.from({ length: Number(i.length ?? 16) }, (_, k) => classes[digest[k % digest.length]! % classes.length]).join("");
}

const localFakes: CloudFakes = {
  outputs: {
    "random:index/randomString:RandomString": (i, a) => ({ result: randomString(i, a.name) }),
    "random:index/randomPassword:RandomPassword": (i, a) => ({ result: `generated-${a.name}`.padEnd(Number(i.length ?? 16), "x"), bcryptHash: "$2a$10$fake" }),
    "tls:index/privateKey:PrivateKey": (_i, a) => ({ publicKeyOpenssh: `ssh-rsa AAAAB3NzaC1yc2E-fake-${a.name}`, privateKeyOpenssh: "-----BEGIN OPENSSH PRIVATE KEY-----fake", privateKeyPem: "-----BEGIN RSA PRIVATE KEY-----fake" }),
  },
};

const ALL: readonly CloudFakes[] = [awsFakes, azureFakes, gcpFakes, digitaloceanFakes, ociFakes, localFakes];

const merge = <T>(pick: (f: CloudFakes) => Readonly<Record<string, T>> | undefined): Record<string, T> => Object.assign({}, ...ALL.map((f) => pick(f) ?? {}));

/** Provider-computed outputs, keyed by type token. Inputs are echoed first; these are added. */
export const FAKE_OUTPUTS: Record<string, OutputFaker> = merge((f) => f.outputs);
/** Provider ids, keyed by type token; others get `<name>-id`. */
export const FAKE_IDS: Record<string, IdFaker> = merge((f) => f.ids);
/** Canned invoke results, keyed by function token. */
export const FAKE_INVOKES: Record<string, InvokeFaker> = merge((f) => f.invokes);
