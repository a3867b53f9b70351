/**
 * `tessera failover --stack <name> --promote | --fail-back`: writes the stack setting the program
 * reads (`tessera:failover` in `stacks/Pulumi.<stack>.yaml`, comments and layout kept), so a
 * promotion is a reviewed change like any other: `tessera plan --diff` shows what it changes and
 * `pulumi up` carries it out (see program/replication.ts and the README's "Failing over and back").
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import type { Catalog } from "../placement/catalog";
import { RequirementsError } from "../placement/requirements";
import { readInputs } from "./inputs";
import { writeOutFile } from "./output";

/** What to write. */
export interface FailoverChange {
  /** `standby`: promote the standby; `primary`: serve from the primary again. */
  readonly active: "primary" | "standby";
  /** Azure: wait for the replica to catch up (a switchover while the primary is healthy). @default false */
  readonly planned?: boolean;
  /** OCI: per database service, the copied backup to restore the standby from. */
  readonly restore?: Readonly<Record<string, string>>;
}

/** Parses `--restore db=ocid1…` options. */
export function parseRestore(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const m = /^([a-z][a-z0-9-]*)=(\S+)$/.exec(v);
    if (!m) throw new RequirementsError([`--restore: "${v}" is not <service>=<backup OCID>`], "tessera failover");
    out[m[1]!] = m[2]!;
  }
  return out;
}

/**
 * Writes `tessera:failover` for `stack`. Returns the file and the setting written.
 *
 * @throws RequirementsError when the stack has no failover site or names an unknown database service;
 *   OutputError when the stack file cannot be written (it is then unchanged).
 */
export function writeFailover(catalog: Catalog, stacksDir: string, stack: string, change: FailoverChange): { path: string; setting: Record<string, unknown> } {
  const { requirements } = readInputs(catalog, { stack }, stacksDir);
  if (!requirements.failover) throw new RequirementsError([`failover: stack ${stack} has no standby site (add failover to its requirements)`], `tessera failover --stack ${stack}`);
  const databases = Object.entries(requirements.services).filter(([, s]) => s.kind === "database").map(([n]) => n);
  for (const name of Object.keys(change.restore ?? {})) {
    if (!databases.includes(name)) throw new RequirementsError([`--restore: "${name}" is not a database service of ${stack}; allowed values: ${databases.join(", ") || "(none)"}`], `tessera failover --stack ${stack}`);
  }
  const setting: Record<string, unknown> = {
    active: change.active,
    ...(change.active === "standby" ? { promoteOption: change.planned ? "planned" : "forced" } : {}),
    ...(change.restore && Object.keys(change.restore).length > 0 ? { restore: { ...change.restore } } : {}),
  };
  const path = join(stacksDir, `Pulumi.${stack}.yaml`);
  const doc = parseDocument(readFileSync(path, "utf8"));
  doc.setIn(["config", "tessera:failover"], doc.createNode(setting));
  // Whole or not at all (temp file, fsync, rename): a stack file is never left half written.
  // The user's layout stays: no padding added inside `[EU]`, no re-wrapped long lines.
  writeOutFile("tessera failover", path, doc.toString({ flowCollectionPadding: false, lineWidth: 0 }));
  return { path, setting };
}
