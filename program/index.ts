/**
 * The tessera program: reads the stack config once, places the stack (keeping its lock), builds
 * one explicit provider per placed (cloud, region) and the components for every requested
 * service. `index.ts` at the repository root exports it for `pulumi up`; `tessera plan` runs the
 * same function under the mock harness, so the two cannot disagree.
 */
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { loadRegionFacts } from "../core/facts";
import { loadCatalog, repoRoot } from "../placement/catalog";
import { lockFor, lockPath, placeWithLock, readLock, writeLock } from "../placement/lock";
import { checkFailoverSites, readStackConfig } from "./config";
import { type Endpoint, Failover } from "../components/failover";
import { buildGovernance, checkGovernanceAccounts, type GovernanceLine, governanceReport, type GovernedSite } from "./governance";
import { type DrContext, replicateBuckets } from "./replication";
import { type BuiltSite, buildServices, STANDBY_SUFFIX } from "./services";
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
  /** The standby site's services (stacks with `failover`). */
  readonly standby?: Record<string, Record<string, pulumi.Input<unknown>>>;
  /** The failover name (stacks with `failover.dns`). */
  readonly failover?: { readonly fqdn: pulumi.Output<string>; readonly healthCheckIds: pulumi.Output<string[]> };
  /** Every governance control that applies: built, opted out (and why) or unavailable on the cloud (and why). */
  readonly governance: readonly GovernanceLine[];
  /** The audit trail and budget per account scope. */
  readonly governanceIds?: Record<string, { readonly auditTrail: pulumi.Output<string>; readonly budgetId: pulumi.Output<string> }>;
}

/** A site's public entry point for DNS failover: its load balancer, else its first machine's public IP. */
function entryPoint(site: BuiltSite, service: string): Endpoint {
  const web = site.built.webTiers[service];
  if (web) return { address: web.address, kind: web.addressKind, ...(web.addressKind === "hostname" ? { aliasZoneId: web.aliasZoneId } : {}) };
  return { address: site.built.machines[service]!.publicIps.apply((ips) => ips[0] ?? ""), kind: "ip" };
}

/** Runs the program; call it inside a Pulumi stack (the CLI, or the mock harness). */
export function tessera(options: ProgramOptions = {}): ProgramOutputs {
  const stack = pulumi.getStack();
  const stacksDir = options.stacksDir ?? join(repoRoot(), "stacks");
  const catalog = loadCatalog(options.catalogDir);
  const { requirements, accounts, failover: setting, isSecret } = readStackConfig(catalog, stack, stacksDir);
  const path = lockPath(stacksDir, stack);
  const lock = readLock(path, stack);
  // Placement knows the accounts, so it never picks a cloud whose account fields are missing.
  const { placement, lock: lockStatus } = placeWithLock(catalog, requirements, lock, { accounts });
  const d = placement.decision;
  checkFailoverSites(setting, requirements, { primary: d.cloud, standby: d.secondary?.cloud }, stack);
  if (!lock && options.writeLock !== false && !pulumi.runtime.isDryRun()) {
    writeLock(path, lockFor(stack, placement, requirements));
    pulumi.log.info(`placed on ${d.cloud} ${d.region}; wrote ${path} — commit it so the placement stays put`);
  }
  if (lockStatus.status === "kept" && lockStatus.cheaper) {
    const c = lockStatus.cheaper;
    pulumi.log.info(`kept the locked placement ${d.cloud} ${d.region}; ${c.cloud} ${c.region} would save ${c.savingUsd} USD/month (run \`tessera replan --stack ${stack}\`)`);
  }
  for (const r of lockStatus.status === "kept" ? (lockStatus.resized ?? []) : []) {
    pulumi.log.warn(`${r.service}${r.site === "standby" ? " (standby)" : ""}: the locked size ${r.from} no longer fits the requirements; resized to ${r.to} (run \`tessera replan --stack ${stack} --write\` to record it)`);
  }
  const ctx = { stack, requirements, accounts, facts: loadRegionFacts(catalog.dir) };
  const sites: GovernedSite[] = [{ cloud: d.cloud, region: d.region, monthlyUsd: d.monthlyUsd }, ...(d.secondary ? [{ cloud: d.secondary.cloud, region: d.secondary.region, monthlyUsd: d.secondary.monthlyUsd }] : [])];
  // Account settings governance needs fail before anything registers, like the project or compartment.
  checkGovernanceAccounts(requirements, accounts, sites);
  const target = createTarget(ctx, d.cloud, d.region);
  const standbyTarget = d.secondary ? createTarget(ctx, d.secondary.cloud, d.secondary.region) : undefined;
  const dr = (role: DrContext["role"], extra: Partial<DrContext> = {}): DrContext | undefined => (standbyTarget ? { role, primary: target, standby: standbyTarget, setting, ...extra } : undefined);
  const primary = buildServices(requirements, d.services, target, "", isSecret, dr("primary"));
  // The standby copies the stack; its data comes from the primary (program/replication.ts).
  const standby = standbyTarget ? buildServices(requirements, d.secondary!.services, standbyTarget, STANDBY_SUFFIX, isSecret, dr("standby", { primaryBuilt: primary.built })) : undefined;
  if (standby) replicateBuckets(requirements, primary, standby, dr("primary")!);
  const active = setting.active === "standby" && standby ? { serving: standby, backup: primary } : standby ? { serving: primary, backup: standby } : undefined;
  // Once per account scope: a standby on the primary's cloud shares its trail and budget.
  const governance = buildGovernance(requirements, accounts, sites, (cloud) => (cloud === d.cloud ? target : standbyTarget!));
  const dns = requirements.failover?.dns;
  // Placement never makes DigitalOcean (no health-checked DNS) the primary of a failover stack.
  const zone = dns && d.cloud !== "digitalocean" ? dns.zones[d.cloud] : undefined;
  const failover =
    dns && standby
      ? new Failover(`${dns.service}-failover`, {
          target,
          hostname: dns.hostname,
          ...(zone !== undefined ? { zone } : {}),
          // The requirements check guarantees a compute service with a load balancer or public IPs on both sites.
          // After a promotion the name prefers the standby; the old primary becomes the backup.
          primary: entryPoint(active!.serving, dns.service),
          secondary: entryPoint(active!.backup, dns.service),
          // Behind a load balancer the probe goes through it, to the path its own health check uses.
          healthCheck: {
            protocol: dns.healthCheck?.protocol ?? "HTTPS",
            path: dns.healthCheck?.path ?? primary.built.webTiers[dns.service]?.healthCheckPath ?? "/",
            ...(dns.healthCheck?.port !== undefined ? { port: dns.healthCheck.port } : {}),
          },
        })
      : undefined;
  return {
    placement: {
      cloud: d.cloud,
      region: d.region,
      monthlyUsd: d.monthlyUsd,
      totalMonthlyUsd: d.totalMonthlyUsd,
      catalogDate: placement.catalog.date,
      services: Object.fromEntries(Object.entries(d.services).map(([name, s]) => [name, { sku: s.sku, monthlyUsd: s.monthlyUsd, estimated: s.estimated }])),
      ...(d.secondary
        ? {
            secondary: { cloud: d.secondary.cloud, region: d.secondary.region, monthlyUsd: d.secondary.monthlyUsd },
            active: setting.active,
            replication: Object.fromEntries(Object.entries(d.secondary.replication.services).map(([name, r]) => [name, { method: r.method, rpo: r.rpo.text, monthlyUsd: r.monthlyUsd }])),
          }
        : {}),
    },
    services: primary.outputs,
    ...(standby ? { standby: standby.outputs } : {}),
    ...(failover ? { failover: { fqdn: failover.fqdn, healthCheckIds: failover.healthCheckIds } } : {}),
    governance: governanceReport(requirements, sites),
    ...(Object.keys(governance).length > 0
      ? { governanceIds: Object.fromEntries(Object.entries(governance).map(([cloud, g]) => [cloud, { auditTrail: g.auditTrail, budgetId: g.budgetId }])) }
      : {}),
  };
}
