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
import { placeWithLock } from "../placement/lock";
import { type Requirements, RequirementsError } from "../placement/requirements";
import { failoverSiteProblems, parseFailover } from "../program/config-values";
import { readStackFileDetails } from "../program/stackfile";
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

/** What {@link writeFailover} did. */
export interface FailoverResult {
  /** The stack file. */
  readonly path: string;
  /** The setting now in the file: the one written, or (nothing written) the one already there. */
  readonly setting: Record<string, unknown>;
  /** False when the asked-for site already serves: the file is left as it was. */
  readonly written: boolean;
  /** Why nothing was written (`written: false`), for the user. */
  readonly kept?: string;
}

/**
 * Writes `tessera:failover` for `stack`, unless the asked-for site already serves (`--fail-back`
 * on a stack never promoted or already failed back, `--promote` on a promoted one): then nothing
 * is written and {@link FailoverResult.kept} says why, as `replan --write` keeps a current lock.
 *
 * @throws RequirementsError when the stack has no failover site, or the setting is one the program
 *   rejects (an option the standby's cloud lacks, an unknown database service, a malformed OCID);
 *   OutputError when the stack file cannot be written (it is then unchanged).
 */
export function writeFailover(catalog: Catalog, stacksDir: string, stack: string, change: FailoverChange): FailoverResult {
  const inputs = readInputs(catalog, { stack }, stacksDir);
  const { requirements } = inputs;
  if (!requirements.failover) throw new RequirementsError([`failover: stack ${stack} has no standby site (add failover to its requirements)`], `tessera failover --stack ${stack}`);
  const setting: Record<string, unknown> = {
    active: change.active,
    ...(change.active === "standby" ? { promoteOption: change.planned ? "planned" : "forced" } : {}),
    ...(change.restore && Object.keys(change.restore).length > 0 ? { restore: { ...change.restore } } : {}),
  };
  // What is written is checked as `plan` and the program check it (one source of truth), on the
  // placement the program will use: a setting the next plan would reject is never written.
  // Every problem at once: the value's own (schema) and what the placed clouds allow.
  const d = placeWithLock(catalog, requirements, inputs.lock, { accounts: inputs.accounts }).placement.decision;
  const problems: string[] = [];
  try {
    parseFailover(JSON.stringify(setting), requirements, stack);
  } catch (e) {
    if (!(e instanceof RequirementsError)) throw e;
    problems.push(...e.problems);
  }
  problems.push(...failoverSiteProblems({ promoteOption: change.planned ? "planned" : "forced", restore: change.restore ?? {} }, requirements, { primary: d.cloud, standby: d.secondary?.cloud }, stack));
  if (problems.length > 0) throw new RequirementsError(problems, `tessera:failover of stack ${stack}`);
  const path = join(stacksDir, `Pulumi.${stack}.yaml`);
  const current = currentFailover(readStackFileDetails(stacksDir, stack).config["tessera:failover"], requirements, stack);
  if (current?.active === change.active) {
    const kept =
      change.active === "primary"
        ? current.setting === undefined
          ? `stack ${stack} was never promoted: the primary already serves`
          : `the primary already serves stack ${stack} (tessera:failover ${JSON.stringify(current.setting)})`
        : `stack ${stack} is already promoted: the standby serves (tessera:failover ${JSON.stringify(current.setting)})`;
    return { path, setting: current.setting ?? { active: "primary" }, written: false, kept };
  }
  const doc = parseDocument(readFileSync(path, "utf8"));
  doc.setIn(["config", "tessera:failover"], doc.createNode(setting));
  // Whole or not at all (temp file, fsync, rename): a stack file is never left half written.
  // The user's layout stays: no padding added inside `[EU]`, no re-wrapped long lines.
  writeOutFile("tessera failover", path, doc.toString({ flowCollectionPadding: false, lineWidth: 0 }));
  return { path, setting, written: true };
}

/**
 * The site the stack file says serves, and the setting as written there (none: never promoted).
 * Undefined when the setting is one the program rejects: writing the new one then repairs it.
 */
function currentFailover(raw: string | undefined, requirements: Requirements, stack: string): { active: "primary" | "standby"; setting?: Record<string, unknown> } | undefined {
  try {
    const { active } = parseFailover(raw, requirements, stack);
    return raw === undefined ? { active } : { active, setting: JSON.parse(raw) as Record<string, unknown> };
  } catch (e) {
    if (e instanceof RequirementsError) return undefined;
    throw e;
  }
}
