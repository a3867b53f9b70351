/**
 * Random stack requirements for benchmarks and property tests, built from the catalog's own
 * values (jurisdictions, GPU models, programs) so every generated stack is valid input.
 */
import fc from "fast-check";
import { CLOUDS } from "../core/cloud";
import type { Catalog } from "../placement/catalog";
import type { RequirementsInput } from "../placement/requirements";

/** An arbitrary for one service's requirement. */
export function serviceArb(catalog: Catalog) {
  const size = { vcpus: fc.constantFrom(1, 2, 4, 8, 16, 32, 64), memoryGib: fc.constantFrom(1, 2, 4, 8, 16, 32, 64, 128, 256) };
  return fc.oneof(
    fc.record({ kind: fc.constant("compute" as const), ...size, count: fc.integer({ min: 1, max: 5 }), spot: fc.boolean() }),
    fc.record({ kind: fc.constant("object-storage" as const), sizeGb: fc.integer({ min: 0, max: 50_000 }), egressGbPerMonth: fc.integer({ min: 0, max: 10_000 }) }),
    fc.record({ kind: fc.constant("database" as const), vcpus: fc.constantFrom(1, 2, 4, 8), memoryGib: fc.constantFrom(1, 4, 8, 16, 32), storageGb: fc.integer({ min: 10, max: 2000 }), highAvailability: fc.boolean() }),
    fc.record({ kind: fc.constant("kubernetes" as const), nodes: fc.integer({ min: 1, max: 6 }), vcpus: fc.constantFrom(2, 4, 8), memoryGib: fc.constantFrom(4, 8, 16, 32) }),
    fc.record({ kind: fc.constant("gpu-compute" as const), gpu: fc.record({ model: fc.constantFrom(...catalog.gpuModels), count: fc.constantFrom(1, 2) }) }),
    fc.record({
      kind: fc.constant("serverless" as const),
      // A public image (AWS and OCI then reject the stack: they pull from ECR / OCIR only), or one per cloud.
      image: fc.constantFrom("ghcr.io/acme/api:1.4", { default: "ghcr.io/acme/api:1.4", aws: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4", oci: "iad.ocir.io/acme/api:1.4" }),
    }),
    fc.record({ kind: fc.constant("monitoring" as const), email: fc.constant("oncall@example.com") }),
    fc.record({ kind: fc.constantFrom("secrets" as const, "analytics" as const) }),
  );
}

/** An arbitrary for a whole stack's requirements (without failover unless asked). */
export function requirementsArb(catalog: Catalog, opts: { failover?: boolean } = {}): fc.Arbitrary<RequirementsInput> {
  const subset = <T>(values: readonly T[], max: number) => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: max });
  return fc.record(
    {
      services: fc.dictionary(fc.constantFrom("web", "api", "db", "data", "ml", "jobs", "cache"), serviceArb(catalog), { minKeys: 1, maxKeys: 3 }),
      // Countries (when given) narrow the listed jurisdictions they belong to.
      residency: subset(catalog.jurisdictions, 3).chain((jurisdictions) => {
        const inside = [...new Set(catalog.regions.filter((r) => jurisdictions.includes(r.jurisdiction)).map((r) => r.country))];
        return fc.record({ jurisdictions: fc.constant(jurisdictions), countries: fc.uniqueArray(fc.constantFrom(...inside), { minLength: 1, maxLength: 2 }) }, { requiredKeys: ["jurisdictions"] });
      }),
      compliance: fc.uniqueArray(fc.constantFrom("soc2", "iso27001", "hipaa", "pci-dss", "gdpr", "sox", "c5", "ccpa", "irap", "hds", "fedramp-moderate"), { maxLength: 2 }),
      minComplianceConfidence: fc.constantFrom("low" as const, "medium" as const, "high" as const),
      clouds: fc.record({ allow: subset(CLOUDS, 4), deny: fc.uniqueArray(fc.constantFrom(...CLOUDS), { maxLength: 1 }), prefer: subset(CLOUDS, 2) }, { requiredKeys: [] }),
      users: fc.array(
        fc.record({ name: fc.constantFrom("A", "B"), latitude: fc.double({ min: -50, max: 60, noNaN: true }), longitude: fc.double({ min: -150, max: 150, noNaN: true }), maxRttMs: fc.integer({ min: 120, max: 300 }) }),
        { maxLength: 2 },
      ),
      budget: fc.record({ monthlyUsd: fc.integer({ min: 50, max: 20_000 }), email: fc.constant("finance@example.com") }),
      ...(opts.failover ? { failover: fc.record({ minDistanceKm: fc.integer({ min: 0, max: 3000 }), crossCloud: fc.constantFrom(false, true, "required" as const) }) } : {}),
    },
    { requiredKeys: opts.failover ? ["services", "failover"] : ["services"] },
  ) as fc.Arbitrary<RequirementsInput>;
}
