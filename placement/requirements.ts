/**
 * The requirements a stack states (stack config `tessera:requirements`), as a zod schema.
 *
 * The schema is built against the catalog, so "unknown jurisdiction", "unknown GPU model" and
 * "unknown program" come back with the allowed values read from the data. {@link parseRequirements}
 * returns typed, defaulted requirements or throws one {@link RequirementsError} that lists every
 * problem with its field path.
 */
import { z } from "zod";
import { notPublicCidr } from "../core/cidr";
import { CLOUDS } from "../core/cloud";
import { LIMITS } from "../core/constraints";
import { loadRegionFacts } from "../core/facts";
import { IMAGES } from "../core/images";
import { defaultVersion, offeredAnywhere } from "../core/versions";
import type { Catalog } from "./catalog";
import { collisionProblems } from "./collisions";
import { COMPLIANCE_ALIASES, DEFAULT_MIN_COMPLIANCE_CONFIDENCE } from "./compliance";
import { CONFIDENCE_LEVELS } from "./confidence";
import { nearestRegion } from "./geo";
import { budgetRecipientProblem } from "./governance";
import { residencyProblems } from "./residency";
import { webAutoscaling, webLoadBalancer, webTierProblems } from "./webtier";


/** Data classifications stamped on every resource (`tessera-data-class`). */
export const DATA_CLASSES = ["public", "internal", "confidential", "restricted"] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/** An IPv4 CIDR block. */
const CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/** A service name: used in resource names, so DNS-label-like. */
const SERVICE_NAME = /^[a-z][a-z0-9-]{0,29}$/;

/** A strict object whose "unknown field" error lists the allowed fields. */
function strict<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}; allowed fields: ${allowed}` : undefined,
  });
}

/**
 * An email address as HTML's `<input type=email>` accepts it (WHATWG HTML, "valid e-mail address":
 * https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address; zod's `html5Email`), with
 * a dot in the domain: alerts leave over the internet, where dotless domains do not resolve (RFC
 * 7085; ICANN NGPC resolution 2013.08.13.01). The clouds' budget APIs check less (AWS Budgets:
 * any address without line breaks, API_budgets_Subscriber), so `a@b.c` passes, `a@b` or `a b@c.d` not.
 */
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
const email = () => z.email({ pattern: EMAIL, error: "expected an email address such as name@example.com (HTML's rule, a dot in the domain)" });
const positive = (max: number) => z.number().positive().max(max);
const positiveInt = (max: number) => z.number().int().positive().max(max);
const nonNegative = (max: number) => z.number().min(0).max(max);

/** Builds the schema for one catalog (allowed values come from the data). */
export function requirementsSchema(catalog: Catalog) {
  const enumOf = (values: readonly string[]) => z.enum(values as [string, ...string[]]);
  const facts = loadRegionFacts(catalog.dir);
  const machine = {
    vcpus: positiveInt(512),
    memoryGib: positive(4096),
    count: z.number().int().min(LIMITS.machineCount.min).max(LIMITS.machineCount.max).default(1),
    hoursPerMonth: positive(744).default(730),
    spot: z.boolean().default(false),
    image: z.enum(IMAGES).default("ubuntu-24.04"),
    publicIp: z.boolean().default(false),
  };
  const compute = strict({ kind: z.literal("compute"), ...machine, loadBalancer: webLoadBalancer.optional(), autoscaling: webAutoscaling.optional() });
  const gpuCompute = strict({
    kind: z.literal("gpu-compute"),
    gpu: strict({ model: enumOf(catalog.gpuModels), count: positiveInt(16).default(1) }),
    ...machine,
    vcpus: positiveInt(512).optional(),
    memoryGib: positive(4096).optional(),
  });
  const objectStorage = strict({
    kind: z.literal("object-storage"),
    sizeGb: nonNegative(10_000_000),
    egressGbPerMonth: nonNegative(10_000_000).default(0),
    versioning: z.boolean().default(true),
    retentionDays: positiveInt(36500).optional(),
    /** GB written per month, replicated to a failover standby (default: sizeGb, estimated). */
    changeGbPerMonth: nonNegative(10_000_000).optional(),
  });
  const database = strict({
    kind: z.literal("database"),
    engine: z.literal("postgres").default("postgres"),
    /** A version some cloud supports on the catalog date (data/postgres-versions.csv). */
    version: enumOf(offeredAnywhere(facts.versions.postgres, facts.date)).default(defaultVersion(facts.versions.postgres, "postgres", facts.date)),
    vcpus: positiveInt(128),
    memoryGib: positive(1024),
    storageGb: z.number().int().min(LIMITS.databaseStorageGb.min).max(LIMITS.databaseStorageGb.max),
    highAvailability: z.boolean().default(false),
    backupRetentionDays: positiveInt(35).default(7),
    /** GB of changes (WAL) per month, replicated to a failover standby (default: storageGb, estimated). */
    changeGbPerMonth: nonNegative(10_000_000).optional(),
  });
  const kubernetes = strict({
    kind: z.literal("kubernetes"),
    /** A version some cloud supports on the catalog date (data/kubernetes-versions.csv). */
    version: enumOf(offeredAnywhere(facts.versions.kubernetes, facts.date)).default(defaultVersion(facts.versions.kubernetes, "kubernetes", facts.date)),
    nodes: positiveInt(500),
    vcpus: positiveInt(512),
    memoryGib: positive(4096),
    /** Public CIDR blocks allowed to reach the Kubernetes API; empty: a private endpoint only (security). */
    apiAllowedCidrs: z
      .array(z.string().regex(CIDR, "an IPv4 CIDR block such as 203.0.113.0/24").superRefine((cidr, ctx) => {
        const why = notPublicCidr(cidr);
        if (why) ctx.addIssue({ code: "custom", message: why });
      }))
      .max(20)
      .default([]),
  });
  const image = z.string().min(1).max(500);
  const serverless = strict({
    kind: z.literal("serverless"),
    /** One image for every cloud, or per cloud with a `default` (Lambda needs ECR, OCI Functions OCIR). */
    /** A cloud's entry may list one image per region (a replicated repository); each site takes the one in its region. */
    image: z.union([image, strict(Object.fromEntries(["default", "aws", "azure", "gcp", "digitalocean", "oci"].map((k) => [k, z.union([image, z.array(image).min(1).max(50)]).optional()])))], {
      error: (issue) => (issue.input === undefined ? "required: a container image, or one per cloud (default, aws, azure, gcp, digitalocean, oci)" : undefined),
    }),
    port: z.number().int().min(1).max(65535).default(8080),
    memoryMb: z.number().int().min(128).max(3072).default(512),
    timeoutSeconds: z.number().int().min(1).max(300).default(30),
    public: z.boolean().default(false),
    /** Values are strings or secrets: `{ secure: … }` from `pulumi config set --path --secret` (kept secret end to end). */
    environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "environment variable names are letters, digits and _, not starting with a digit"), z.union([z.string().max(4096), z.strictObject({ secure: z.string().min(1) })])).default({}),
  });
  const secrets = strict({ kind: z.literal("secrets") });
  const monitoring = strict({
    kind: z.literal("monitoring"),
    email: email().optional(),
    webhookUrl: z.url({ protocol: /^https$/, error: "an https:// URL" }).optional(),
    cpuPercent: z.number().int().min(1).max(100).default(80),
    storagePercent: z.number().int().min(1).max(100).default(80),
    errorsPerWindow: z.number().int().min(1).max(100_000).default(5),
    logRetentionDays: z.number().int().min(1).max(3650).default(30),
  }).refine((m) => m.email !== undefined || m.webhookUrl !== undefined, { message: "monitoring needs an email or a webhookUrl to notify" });
  const analytics = strict({
    kind: z.literal("analytics"),
    /** An object-storage service of this stack holding the data (AWS); without one, tessera adds `<name>-data`. */
    bucket: z.string().regex(SERVICE_NAME).optional(),
    computeUnits: z.number().int().min(LIMITS.warehouseComputeUnits.min).max(LIMITS.warehouseComputeUnits.max).optional(),
    retentionDays: z.number().int().min(1).max(36500).optional(),
  });
  const service = z.discriminatedUnion("kind", [compute, gpuCompute, objectStorage, database, kubernetes, serverless, secrets, monitoring, analytics]);
  const jurisdiction = enumOf(catalog.jurisdictions);
  const country = enumOf(catalog.countries);
  const program = enumOf([...catalog.programs, ...Object.keys(COMPLIANCE_ALIASES)].sort());
  const cloud = z.enum(CLOUDS);
  return strict({
    services: z
      .record(z.string().regex(SERVICE_NAME, "service names are lowercase letters, digits and '-', starting with a letter, at most 30 characters"), service)
      .refine((s) => Object.keys(s).length > 0, "at least one service is required"),
    residency: strict({
      jurisdictions: z.array(jurisdiction).min(1).optional(),
      countries: z.array(country).min(1).optional(),
      deny: strict({ jurisdictions: z.array(jurisdiction).optional(), countries: z.array(country).optional() }).optional(),
    }).optional(),
    compliance: z.array(program).default([]),
    /** The least confidence a compliance fact needs to count (data/README.md defines the levels). */
    minComplianceConfidence: z.enum(CONFIDENCE_LEVELS).default(DEFAULT_MIN_COMPLIANCE_CONFIDENCE),
    clouds: strict({ allow: z.array(cloud).min(1).optional(), deny: z.array(cloud).optional(), prefer: z.array(cloud).optional() }).optional(),
    users: z
      .array(strict({ name: z.string().min(1).max(60).optional(), latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), maxRttMs: positive(10_000) }))
      .default([]),
    /** `email`: who gets budget alarms when no monitoring service has an email or webhook (security). */
    budget: strict({ monthlyUsd: positive(100_000_000), email: email().optional() }).optional(),
    /** The audit trail of the account scope (security): on unless opted out with a reason. */
    audit: strict({
      trail: z.boolean().default(true),
      reason: z.string().trim().min(1).max(300).optional(),
      retentionDays: z.number().int().min(90).max(730).default(365),
    })
      .refine((a) => a.trail || a.reason !== undefined, { message: "trail: false needs a reason (for example the organisation trail that already records this account)", path: ["reason"] })
      .default({ trail: true, retentionDays: 365 }),
    failover: strict({
      minDistanceKm: nonNegative(20_000).default(0),
      /** `true`: the standby may be on another cloud; `required`: it must be (multi-cloud DR). */
      crossCloud: z.union([z.boolean(), z.literal("required")]).default(false),
      /** A health-checked name that moves to the standby when the primary fails. */
      dns: strict({
        hostname: z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, "a lowercase DNS name such as app.example.com"),
        /** The compute service (with publicIp) both sites serve the name from. */
        service: z.string().regex(SERVICE_NAME),
        /** The zone per cloud: Route 53 hosted zone id, Azure DNS zone name (optional), Cloud DNS managed zone, OCI zone OCID. */
        zones: strict({ aws: z.string().min(1).optional(), azure: z.string().min(1).optional(), gcp: z.string().min(1).optional(), oci: z.string().min(1).optional() }).default({}),
        healthCheck: strict({ protocol: z.enum(["HTTPS", "HTTP"]).default("HTTPS"), port: z.number().int().min(1).max(65535).optional(), path: z.string().regex(/^\/\S*$/).default("/") }).optional(),
      }).optional(),
    }).optional(),
    dataClassification: z.enum(DATA_CLASSES).default("internal"),
    network: strict({
      cidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "an IPv4 CIDR block such as 10.0.0.0/16").default("10.0.0.0/16"),
      ingress: z
        .array(
          strict({
            ports: z.union([z.number().int().min(1).max(65535), z.tuple([z.number().int().min(1).max(65535), z.number().int().min(1).max(65535)])]),
            protocol: z.enum(["tcp", "udp"]).default("tcp"),
            sources: z.array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "an IPv4 CIDR block")).min(1),
            description: z.string().max(200).optional(),
          }),
        )
        .default([]),
      /** Undefined: on where the site's private machines need it at boot (core/constraints.ts natNeeded). */
      natGateway: z.boolean().optional(),
    }).optional(),
  });
}

const schemas = new WeakMap<Catalog, ReturnType<typeof requirementsSchema>>();

/** Requirements after validation and defaults. */
export type Requirements = z.output<ReturnType<typeof requirementsSchema>>;
/** Requirements as a user writes them (defaults optional). */
export type RequirementsInput = z.input<ReturnType<typeof requirementsSchema>>;
/** One service's requirements. */
export type ServiceRequirement = Requirements["services"][string];
/** The service kinds a stack can ask for. */
export type RequestedKind = ServiceRequirement["kind"];

/** Bad requirements: every problem, each with its field path and the allowed values. */
export class RequirementsError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly source: string,
  ) {
    super(`invalid ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "RequirementsError";
  }
}

/** `services.web.vcpus`, `users[0].maxRttMs`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`), "");
}

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  const at = formatPath(issue.path) || "(root)";
  const value = valueAt(input, issue.path);
  // A `pulumi config set --secret` value where no secret belongs.
  if (value !== null && typeof value === "object" && Object.keys(value).join() === "secure") {
    return `${at}: a secret (secure:) is not allowed here; secrets belong in a serverless service's environment values`;
  }
  const got = JSON.stringify(value);
  switch (issue.code) {
    case "invalid_value":
      return `${at}: ${got} is not allowed; allowed values: ${issue.values.map(String).join(", ")}`;
    case "invalid_union": {
      // zod reports a bad discriminator with the allowed `options` (not in its published type).
      const options: unknown = (issue as { options?: unknown }).options;
      if (Array.isArray(options)) return `${at}: ${got} is not a known kind; allowed values: ${options.map(String).join(", ")}`;
      return `${at}: ${issue.message}`;
    }
    case "unrecognized_keys":
      return `${at}: ${issue.message}`;
    case "invalid_key":
      return `${at}: invalid name; ${issue.issues.map((i) => i.message).join("; ")}`;
    default:
      return `${at}: ${issue.message}${got === undefined ? "" : ` (got ${got})`}`;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Validates and defaults `input` against the catalog. Beyond the schema it rejects latency targets
 * no region in the catalog can meet (the nearest region is already too far).
 *
 * @param source what to call the input in the error, e.g. `tessera:requirements of stack eu-gdpr`.
 */
export function parseRequirements(input: unknown, catalog: Catalog, source = "tessera:requirements"): Requirements {
  let schema = schemas.get(catalog);
  if (!schema) {
    schema = requirementsSchema(catalog);
    schemas.set(catalog, schema);
  }
  const result = schema.safeParse(input);
  if (!result.success) throw new RequirementsError(result.error.issues.map((issue) => describe(issue, input)), source);
  const problems: string[] = [];
  result.data.users.forEach((user, i) => {
    const nearest = nearestRegion(catalog, user);
    if (nearest.rttMs > user.maxRttMs) {
      problems.push(
        `users[${i}].maxRttMs: ${user.maxRttMs} ms is impossible: the nearest region (${nearest.region.cloud} ${nearest.region.region}) is ${nearest.rttMs.toFixed(1)} ms away; allowed values: ≥ ${Math.ceil(nearest.rttMs * 10) / 10}`,
      );
    }
  });
  problems.push(...crossFieldProblems(result.data), ...residencyProblems(result.data.residency, catalog), ...webTierProblems(result.data, input));
  if (problems.length > 0) throw new RequirementsError(problems, source);
  return result.data;
}

/** Checks between fields the schema cannot express: references from one service to another. */
function crossFieldProblems(req: Requirements): string[] {
  const problems: string[] = [];
  const ofKind = (kind: RequestedKind) => Object.keys(req.services).filter((n) => req.services[n]!.kind === kind);
  for (const [name, service] of Object.entries(req.services)) {
    if (service.kind === "analytics" && service.bucket !== undefined && req.services[service.bucket]?.kind !== "object-storage") {
      problems.push(`services.${name}.bucket: "${service.bucket}" is not an object-storage service of this stack; allowed values: ${ofKind("object-storage").join(", ") || "(none)"}`);
    }
  }
  problems.push(...collisionProblems(req));
  const recipient = budgetRecipientProblem(req);
  if (recipient) problems.push(recipient);
  const dns = req.failover?.dns;
  if (dns) {
    const target = req.services[dns.service];
    const reachable = (c: Extract<ServiceRequirement, { kind: "compute" }>) => c.publicIp || c.loadBalancer !== undefined;
    const publicCompute = ofKind("compute").filter((n) => reachable(req.services[n] as Extract<ServiceRequirement, { kind: "compute" }>));
    if (target?.kind !== "compute" || !reachable(target)) {
      problems.push(`failover.dns.service: "${dns.service}" is not a compute service with publicIp: true or a loadBalancer; allowed values: ${publicCompute.join(", ") || "(none)"}`);
    }
  }
  return problems;
}
