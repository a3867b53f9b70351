/**
 * The Pulumi SDK's own cost per resource under mocks, as the floor of the per-resource goal:
 * `node dist/bench/sdk-floor.js <n>` registers n component resources, each with one child
 * (`random.RandomString`, three inputs), through `pulumi.runtime.setMocks`, and waits for every
 * URN. No tessera code runs; what a resource costs here is what any Pulumi program pays per
 * resource before it does anything of its own.
 */
import * as pulumi from "@pulumi/pulumi";
import { RandomString } from "@pulumi/random/randomString";

class Pair extends pulumi.ComponentResource {
  constructor(name: string) {
    super("bench:index:Pair", name, {}, {});
    new RandomString(`${name}-s`, { length: 8, special: false, upper: false }, { parent: this });
    this.registerOutputs({});
  }
}

async function main(n: number): Promise<void> {
  await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}_id`, state: a.inputs }), call: (a) => a.inputs }, "bench", "floor", true);
  const urns = Array.from({ length: n }, (_, i) => new Pair(`p${i}`).urn);
  await Promise.all(urns.map((u) => new Promise((resolve) => u.apply(resolve))));
}

void main(Number(process.argv[2]));
