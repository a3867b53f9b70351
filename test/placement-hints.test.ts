/**
 * The "Did you mean" hints of an infeasible stack: the real blocker on the allowed clouds shown
 * first, and a relaxation that is a valid requirement value and places when applied.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import fc from "fast-check";
import { parse } from "yaml";
import { requirementsArb } from "../bench/stacks";
import { infeasibleJson, infeasibleMarkdown } from "../cli/infeasible";
import { loadCatalog } from "../placement/catalog";
import { applyEdits } from "../placement/hints";
import { NoFeasiblePlacementError, place } from "../placement/place";
import { parseRequirements, type RequirementsInput } from "../placement/requirements";

const catalog = loadCatalog();
const fixture = (name: string): unknown => parse(readFileSync(join(__dirname, "fixtures", "hints", `${name}.yaml`), "utf8"));

function infeasible(input: unknown): NoFeasiblePlacementError | undefined {
  try {
    place(catalog, parseRequirements(input, catalog));
    return undefined;
  } catch (e) {
    if (e instanceof NoFeasiblePlacementError) return e;
    throw e;
  }
}

const outcome = (name: string) => {
  const input = fixture(name);
  const e = infeasible(input)!;
  const doc = infeasibleJson(e, undefined);
  return { input, e, doc, lines: e.message.split("\n"), md: infeasibleMarkdown(doc).split("\n").slice(4) };
};

/** Applying the hint's edits: the schema accepts the result and it places (where the hint says). */
const placesWithHint = (input: unknown, e: NoFeasiblePlacementError) => {
  const fixed = parseRequirements(applyEdits(input, e.relaxation!.edits), catalog);
  const d = place(catalog, fixed).decision;
  return { cloud: d.cloud, region: d.region };
};

const UNCONFIRMED = "warehouse: the cluster's hourly price (compute + Data Explorer markup) is not in prices.csv";

test("an unpriced Azure warehouse with a budget: remove the budget (never a budget of 0), saying why", (t) => {
  const { input, e, doc, lines, md } = outcome("azure-analytics-budget");
  const hint = `remove budget (5,000 USD/month cannot be confirmed: ${UNCONFIRMED}) → azure australiacentral`;
  t.is(doc.hint, hint);
  t.deepEqual(doc.rejections, [
    { constraint: "budget", count: 58, example: `azure australiacentral: budget of 5,000 USD/month cannot be confirmed: ${UNCONFIRMED}` },
    { constraint: "clouds", count: 134, example: "aws af-south-1: cloud aws not in allow [azure]" },
    { constraint: "service:warehouse", count: 13, example: "digitalocean ams3: analytics not offered by digitalocean" },
  ]);
  t.deepEqual(lines, [
    "no feasible placement among 192 candidates.",
    `The constraint that excluded the most of the 58 on allowed clouds: budget (58 of 58), e.g. azure australiacentral: budget of 5,000 USD/month cannot be confirmed: ${UNCONFIRMED}.`,
    "  then clouds (134), e.g. aws af-south-1: cloud aws not in allow [azure]",
    "  then service:warehouse (13), e.g. digitalocean ams3: analytics not offered by digitalocean",
    `Did you mean: ${hint}?`,
  ]);
  t.deepEqual(md, [
    "| constraint | candidates excluded | for example |",
    "|---|---:|---|",
    `| \`budget\` | 58 | azure australiacentral: budget of 5,000 USD/month cannot be confirmed: ${UNCONFIRMED} |`,
    "| `clouds` | 134 | aws af-south-1: cloud aws not in allow [azure] |",
    "| `service:warehouse` | 13 | digitalocean ams3: analytics not offered by digitalocean |",
    "",
    `**Did you mean:** ${hint}?`,
  ]);
  t.deepEqual(e.relaxation!.edits, [{ path: "budget" }]);
  t.deepEqual(placesWithHint(input, e), { cloud: "azure", region: "australiacentral" });
});

test("DigitalOcean-only with spot: the spot reason is shown and the hint is spot: false, not other clouds", (t) => {
  const { input, e, doc, lines, md } = outcome("digitalocean-spot");
  const hint = "services.batch.spot: false (digitalocean sells no spot capacity) → digitalocean ams3";
  t.is(doc.hint, hint);
  t.deepEqual(doc.rejections, [
    { constraint: "service:batch", count: 23, example: "digitalocean ams3: batch: DigitalOcean has no spot capacity; allowed on aws, azure, gcp, oci" },
    { constraint: "clouds", count: 179, example: "aws af-south-1: cloud aws not in allow [digitalocean]" },
  ]);
  t.deepEqual(lines, [
    "no feasible placement among 192 candidates.",
    "The constraint that excluded the most of the 13 on allowed clouds: service:batch (13 of 13), e.g. digitalocean ams3: batch: DigitalOcean has no spot capacity; allowed on aws, azure, gcp, oci.",
    "  then clouds (179), e.g. aws af-south-1: cloud aws not in allow [digitalocean]",
    `Did you mean: ${hint}?`,
  ]);
  t.deepEqual(md, [
    "| constraint | candidates excluded | for example |",
    "|---|---:|---|",
    "| `service:batch` | 23 | digitalocean ams3: batch: DigitalOcean has no spot capacity; allowed on aws, azure, gcp, oci |",
    "| `clouds` | 179 | aws af-south-1: cloud aws not in allow [digitalocean] |",
    "",
    `**Did you mean:** ${hint}?`,
  ]);
  t.deepEqual(e.relaxation!.edits, [{ path: "services.batch.spot", value: false }]);
  t.deepEqual(placesWithHint(input, e), { cloud: "digitalocean", region: "ams3" });
});

test("an Azure-only web tier without a Key Vault certificate: the Application Gateway reason is shown and the hint names the field", (t) => {
  const { input, e, doc, lines, md } = outcome("azure-webtier-no-keyvault");
  const hint = "set services.web.loadBalancer.certificate.azureKeyVault (the Key Vault certificate Application Gateway serves) → azure eastus";
  const why = "azure australiacentral: web: Application Gateway issues no certificate and loadBalancer.certificate has no azureKeyVault";
  t.is(doc.hint, hint);
  t.deepEqual(doc.rejections, [
    { constraint: "service:web", count: 125, example: why },
    { constraint: "clouds", count: 134, example: "aws af-south-1: cloud aws not in allow [azure]" },
  ]);
  t.deepEqual(lines, [
    "no feasible placement among 192 candidates.",
    `The constraint that excluded the most of the 58 on allowed clouds: service:web (58 of 58), e.g. ${why}.`,
    "  then clouds (134), e.g. aws af-south-1: cloud aws not in allow [azure]",
    `Did you mean: ${hint}?`,
  ]);
  t.deepEqual(md, [
    "| constraint | candidates excluded | for example |",
    "|---|---:|---|",
    `| \`service:web\` | 125 | ${why} |`,
    "| `clouds` | 134 | aws af-south-1: cloud aws not in allow [azure] |",
    "",
    `**Did you mean:** ${hint}?`,
  ]);
  // The value is the field's shape with placeholders the user replaces; the schema accepts it.
  t.deepEqual(e.relaxation!.edits, [
    { path: "services.web.loadBalancer.certificate.azureKeyVault", value: { keyVaultId: "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>", secretName: "<certificate>" } },
  ]);
  t.deepEqual(placesWithHint(input, e), { cloud: "azure", region: "eastus" });
});

/** Random stacks, some with a web tier on one or two clouds. */
const webTier = fc.record({
  input: requirementsArb(catalog),
  lb: fc.boolean(),
  allow: fc.uniqueArray(fc.constantFrom("aws", "azure", "gcp", "digitalocean", "oci"), { minLength: 1, maxLength: 2 }),
}).map(({ input, lb, allow }): RequirementsInput =>
  lb ? { ...input, services: { ...input.services, web: { kind: "compute", vcpus: 2, memoryGib: 4, count: 2, loadBalancer: { hostname: "www.example.com" } } }, clouds: { allow } } : input,
);

test("every suggested relaxation is a valid requirement value and, applied, places", (t) => {
  let hinted = 0;
  fc.assert(
    fc.property(webTier, (input) => {
      const e = infeasible(input);
      if (!e?.relaxation || e.relaxation.edits.length === 0) return true;
      hinted++;
      const fixed = parseRequirements(applyEdits(input, e.relaxation.edits), catalog);
      const d = place(catalog, fixed).decision;
      return d.totalMonthlyUsd >= 0;
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 60), seed: Number(process.env.PROPERTY_SEED ?? 20261130) },
  );
  t.true(hinted > 0, "some random stacks were infeasible with a hint");
});

test("with failover, every suggested relaxation is a valid requirement value and, applied, places", (t) => {
  fc.assert(
    fc.property(requirementsArb(catalog, { failover: true }), (input) => {
      const e = infeasible(input);
      if (!e?.relaxation || e.relaxation.edits.length === 0) return true;
      return place(catalog, parseRequirements(applyEdits(input, e.relaxation.edits), catalog)).decision.totalMonthlyUsd >= 0;
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 30), seed: Number(process.env.PROPERTY_SEED ?? 1130) },
  );
  t.pass();
});
