/**
 * Component names the program derives from service names, and the clashes between them: the
 * standby copy of `web` is `web-standby`, and an analytics service `events` without a bucket gets
 * an object-storage component `events-data` (`events-standby-data` on the standby). Two components
 * of the same kind with one name are one URN twice, which the engine refuses, so the requirements
 * reject such stacks up front, naming the service to rename.
 */
import type { Requirements } from "./requirements";

/** The suffix of the standby site's component names (program/services.ts builds with it). */
export const STANDBY_SUFFIX = "-standby";

type Role = "service" | "standby" | "data";
interface Derived {
  readonly kind: string;
  readonly name: string;
  readonly from: string;
  readonly role: Role;
}

/** The component kind and name each service becomes, on both sites. */
function componentNames(req: Requirements): Derived[] {
  const out: Derived[] = [];
  for (const [service, s] of Object.entries(req.services)) {
    out.push({ kind: s.kind, name: service, from: service, role: "service" });
    if (req.failover) out.push({ kind: s.kind, name: `${service}${STANDBY_SUFFIX}`, from: service, role: "standby" });
    // Athena's data bucket when the stack names none (program/services.ts), on each site.
    if (s.kind === "analytics" && s.bucket === undefined) {
      out.push({ kind: "object-storage", name: `${service}-data`, from: service, role: "data" });
      if (req.failover) out.push({ kind: "object-storage", name: `${service}${STANDBY_SUFFIX}-data`, from: service, role: "data" });
    }
  }
  return out;
}

const WHAT: Record<Exclude<Role, "service">, string> = { standby: "the failover standby's copy of", data: "the data bucket tessera adds for analytics service" };

/** One problem per service whose name a component derived from another service takes. */
export function collisionProblems(req: Requirements): string[] {
  const byKey = new Map<string, Derived[]>();
  for (const c of componentNames(req)) byKey.set(`${c.kind}/${c.name}`, [...(byKey.get(`${c.kind}/${c.name}`) ?? []), c]);
  const problems: string[] = [];
  for (const [, same] of byKey) {
    const own = same.find((c) => c.role === "service");
    const derived = same.find((c) => c.role !== "service" && c.from !== own?.from);
    if (!own || !derived || derived.role === "service") continue;
    problems.push(`services.${own.name}: "${own.name}" is also the name of ${WHAT[derived.role]} "${derived.from}", so the component would be built twice; rename the service`);
  }
  return problems;
}
