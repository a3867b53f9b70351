/**
 * The tessera program: reads the stack config once, places the stack (keeping its lock), builds
 * one explicit provider per placed (cloud, region) and the components for every requested
 * service. `index.ts` at the repository root exports it for `pulumi up`; `tessera plan` runs the
 * same function under the mock harness, so the two cannot disagree.
 */
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { loadCatalog } from "../placement/catalog";
import { lockFor, lockPath, placeWithLock, readLock, writeLock } from "../placement/lock";
import { readStackConfig } from "./config";
import { buildServices } from "./services";
import { createTarget } from "./targets";

/** Where the program reads and writes; the defaults are the repository's own folders. */
export interface ProgramOptions {
  /** Folder of `Pulumi.<stack>.yaml` and the placement locks. @default <repo>/stacks */
  readonly stacksDir?: string;
  /** Catalog folder. @default <repo>/data */
  readonly catalogDir?: string;
  /**
   * Write the placement lock after the first non-preview run of a stack without one. Tests and
   * `tessera plan` turn this off; `pulumi up` leaves it on.
   * @default true
   */
  readonly writeLock?: boolean;
}

/** The stack outputs. */
export interface ProgramOutputs {
  readonly placement: pulumi.Input<Record<string, unknown>>;
  readonly services: Record<string, Record<string, pulumi.Input<unknown>>>;
}

/** Runs the program; call it inside a Pulumi stack (the CLI, or the mock harness). */
export function tessera(options: ProgramOptions = {}): ProgramOutputs {
  const stack = pulumi.getStack();
  const stacksDir = options.stacksDir ?? join(__dirname, "..", "stacks");
  const catalog = loadCatalog(options.catalogDir);
  const { requirements, accounts } = readStackConfig(catalog, stack);
  const path = lockPath(stacksDir, stack);
  const lock = readLock(path);
  const { placement, lock: lockStatus } = placeWithLock(catalog, requirements, lock);
  const d = placement.decision;
  if (!lock && options.writeLock !== false && !pulumi.runtime.isDryRun()) {
    writeLock(path, lockFor(stack, placement, requirements));
    pulumi.log.info(`placed on ${d.cloud} ${d.region}; wrote ${path} — commit it so the placement stays put`);
  }
  if (lockStatus.status === "kept" && lockStatus.cheaper) {
    const c = lockStatus.cheaper;
    pulumi.log.info(`kept the locked placement ${d.cloud} ${d.region}; ${c.cloud} ${c.region} would save ${c.savingUsd} USD/month (run \`tessera replan --stack ${stack}\`)`);
  }
  const target = createTarget({ stack, requirements, accounts }, d.cloud, d.region);
  return {
    placement: {
      cloud: d.cloud,
      region: d.region,
      monthlyUsd: d.monthlyUsd,
      totalMonthlyUsd: d.totalMonthlyUsd,
      catalogDate: placement.catalog.date,
      services: Object.fromEntries(Object.entries(d.services).map(([name, s]) => [name, { sku: s.sku, monthlyUsd: s.monthlyUsd, estimated: s.estimated }])),
      ...(d.secondary ? { secondary: { cloud: d.secondary.cloud, region: d.secondary.region, monthlyUsd: d.secondary.monthlyUsd } } : {}),
    },
    services: buildServices(requirements, d.services, target),
  };
}
