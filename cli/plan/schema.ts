/**
 * The `tessera plan --json` schema (version 1). Additive changes keep the version; anything else
 * bumps it. docs/plan-schema.json is generated from this (`npm run docs`).
 */
import { z } from "zod";

const money = z.number().min(0);

export const costLineSchema = z.strictObject({
  label: z.string(),
  monthlyUsd: money,
  estimated: z.boolean(),
  basis: z
    .enum(["list", "estimated", "spot", "usage", "unpriced"])
    .describe("list: a list price read from a catalog row; estimated: derived (scaled or assumed, the label says how); spot: a spot-market snapshot dated by priceDate; usage: billed per use, 0 at rest; unpriced: provisioned capacity without a catalog price"),
  source: z.string().describe("the catalog file and the page or repository the figure was read from"),
  priceDate: z.string().optional().describe("the date of the price snapshot (always set on spot lines)"),
  unpriced: z.string().optional().describe("why a provisioned line has no price"),
  part: z.enum(["load-balancer"]).optional().describe("the resource that incurs the line when it is not the service's machines (a web tier's load balancer)"),
});

export const serviceCostSchema = z.strictObject({
  kind: z.string(),
  sku: z.string(),
  size: z.string().optional().describe("the SKU in the cloud's own terms when it differs, e.g. 'VM.Standard.E4.Flex, 1 OCPU, 8 GB'"),
  count: z.number().int().positive().optional(),
  monthlyUsd: money,
  range: z
    .strictObject({ minMonthlyUsd: money, maxMonthlyUsd: money })
    .optional()
    .describe("an autoscaled service's cost at its fewest and most machines; monthlyUsd (and the budget) is the most"),
  estimated: z.boolean(),
  lines: z.array(costLineSchema),
  unpriced: z.array(z.string()).optional().describe("provisioned parts without a price, and why"),
  unconfirmed: z.string().optional().describe("why the SKU's availability in the region is not confirmed by a source"),
});

export const complianceFactSchema = z.strictObject({
  requirement: z.string(),
  program: z.string(),
  cloud: z.string(),
  region: z.string(),
  scope: z.string(),
  confidence: z.enum(["low", "medium", "high"]),
  source: z.string(),
});

export const resourceSchema = z.strictObject({
  urn: z.string(),
  type: z.string(),
  name: z.string(),
  parent: z.string(),
  provider: z.string().describe("logical name of the explicit provider, '' for components"),
  cloud: z.string().describe("'' for components and the stack"),
  region: z.string(),
  service: z.string().describe("the service of the requirements this resource belongs to, '' for stack-level resources"),
  site: z.enum(["primary", "standby", ""]).describe("the placement site: primary, the failover standby, or '' for stack-level resources"),
  protect: z.boolean(),
  monthlyUsd: money.describe("this resource's share of its service's cost; 0 where the cost model has no line for it"),
  estimated: z.boolean(),
  costLabel: z.string().describe("how the figure was derived, '' when not priced"),
});

export const verdictSchema = z.strictObject({
  policy: z.string(),
  enforcement: z.enum(["advisory", "mandatory", "disabled", "remediate"]),
  severity: z.enum(["", "low", "medium", "high", "critical"]),
  urn: z.string(),
  message: z.string(),
  stage: z.enum(["analyze", "analyzeStack"]),
  frameworks: z.array(z.string()),
});

const diffResource = z.strictObject({ urn: z.string(), monthlyUsd: z.number(), protect: z.boolean() });

/** `plan --diff`: what changed since a previous plan. */
export const diffSchema = z.strictObject({
  placement: z.strictObject({ from: z.string(), to: z.string() }).nullable(),
  active: z
    .strictObject({ from: z.enum(["primary", "standby"]), to: z.enum(["primary", "standby"]) })
    .nullable()
    .optional()
    .describe("the serving site of a failover stack, when a promotion (to standby) or a fail-back (to primary) changed it"),
  monthlyUsd: z.strictObject({ from: z.number(), to: z.number(), delta: z.number() }),
  added: z.array(diffResource),
  removed: z.array(diffResource),
  replaced: z
    .array(z.strictObject({ urn: z.string(), type: z.string(), from: z.string(), to: z.string(), because: z.string(), protect: z.boolean() }))
    .describe("resources that must be deleted and created again: a region or cloud move keeps the URN but not the resource; a renamed service changes the URN (from and to differ)"),
  changed: z.array(z.strictObject({ urn: z.string(), from: z.number(), to: z.number() })),
  protectedLosses: z.array(z.string()).describe("URNs of protected (data-holding) resources this change would delete or replace: `pulumi up` stops at each"),
  newViolations: z.array(z.string()),
  resolvedViolations: z.array(z.string()),
});

export const planSchema = z.strictObject({
  schemaVersion: z.literal(1),
  stack: z.string(),
  feasible: z.literal(true).optional().describe("true for a plan; an infeasible stack prints the `infeasible` document instead (feasible: false)"),
  placement: z.strictObject({
    cloud: z.string(),
    region: z.string(),
    displayName: z.string(),
    monthlyUsd: money,
    totalMonthlyUsd: money,
    estimated: z.boolean(),
    services: z.record(z.string(), serviceCostSchema),
    secondary: z
      .strictObject({
        cloud: z.string(),
        region: z.string(),
        distanceKm: z.number(),
        monthlyUsd: money,
        compliance: z.array(complianceFactSchema).optional(),
        active: z.enum(["primary", "standby"]).optional().describe("the site that serves (tessera:failover.active): standby after a promotion; absent in plans written before failover existed (primary)"),
        replication: z
          .record(
            z.string(),
            z.strictObject({
              kind: z.enum(["database", "object-storage"]),
              method: z.string(),
              rpo: z.strictObject({ bound: z.enum(["sla", "schedule", "lag"]), minutes: z.number().optional(), text: z.string(), source: z.string() }),
              changeGbPerMonth: z.number(),
              monthlyUsd: money,
              estimated: z.boolean(),
              lines: z.array(costLineSchema),
            }),
          )
          .optional()
          .describe("per data-holding service: how the standby keeps its data, the recovery point and the monthly replication cost"),
      })
      .optional(),
    compliance: z.array(complianceFactSchema).optional().describe("the compliance facts the placement rests on, with confidence and source"),
    shared: z.record(z.string(), costLineSchema).optional().describe("site-wide lines (the network's NAT gateway, Azure's private DNS zone) by prices.csv item; on the network's resources"),
    excludedClouds: z
      .array(z.strictObject({ cloud: z.string(), requirement: z.string(), kind: z.enum(["not-offered", "not-confirmed"]), reason: z.string() }))
      .optional()
      .describe("clouds the compliance list excludes in every region, and why"),
    lock: z.strictObject({
      status: z.enum(["unlocked", "kept"]),
      cheaper: z.strictObject({ cloud: z.string(), region: z.string(), monthlyUsd: money, savingUsd: money }).optional(),
      resized: z
        .array(z.strictObject({ service: z.string(), site: z.enum(["primary", "standby"]), from: z.string(), to: z.string() }))
        .optional()
        .describe("locked sizes that no longer fit a changed requirement, resized in place (`tessera replan --write` records them)"),
    }),
    candidates: z.strictObject({ considered: z.number().int(), feasible: z.number().int() }),
    topRejections: z.array(z.strictObject({ constraint: z.string(), count: z.number().int(), example: z.string() })),
  }),
  resources: z.array(resourceSchema),
  cost: z.strictObject({
    monthlyUsd: money,
    estimated: z.boolean(),
    budgetUsd: money.optional(),
    overBudget: z.boolean(),
    unpriced: z.array(z.string()).optional().describe("provisioned parts without a catalog price (monthlyUsd is then a lower bound); with a budget, the plan is not deployable"),
    budgetStatus: z.enum(["within", "exceeded", "unconfirmed"]).optional().describe("unconfirmed: some provisioned part is not priced, so the budget cannot be confirmed"),
  }),
  policies: z.strictObject({
    pack: z.string(),
    verdicts: z.array(verdictSchema),
    mandatory: z.number().int(),
    advisory: z.number().int(),
  }),
  catalog: z.strictObject({ date: z.string(), computePriceDate: z.string(), ageDays: z.number().int() }),
  governance: z
    .array(
      z.strictObject({
        feature: z.string(),
        cloud: z.string(),
        status: z.enum(["built", "opted-out", "unavailable", "incomplete"]),
        detail: z.string(),
      }),
    )
    .describe("every governance control that applies to the stack (audit trail, budget alarms, flow logs, bucket access logs, TLS-only storage, customer keys, private Kubernetes API): built, opted out by the stack (with its reason), unavailable on the cloud (with the reason), or incomplete (not built until the stack sets the field named)"),
  warnings: z.array(z.string()),
  outputs: z.strictObject({
    plainSecrets: z.array(z.string()).describe("stack outputs with secret-looking names (password, kubeconfig, …) that are not Pulumi secrets; any makes the plan not deployable"),
  }),
  deployable: z.boolean().describe("false when a mandatory policy fails, the budget is exceeded or cannot be confirmed, the engine would refuse the program or a secret output is plain (exit code 1)"),
  diff: diffSchema.optional().describe("with --diff: what changed since the previous plan"),
});

/** `plan --json` / `place --json` when nothing meets the requirements, or the lock no longer does (exit 1). */
export const infeasibleSchema = z.strictObject({
  schemaVersion: z.literal(1),
  stack: z.string().nullable(),
  feasible: z.literal(false),
  deployable: z.literal(false),
  reason: z.enum(["no-feasible-placement", "lock-infeasible"]),
  message: z.string(),
  rejections: z.array(z.strictObject({ constraint: z.string(), count: z.number().int(), example: z.string() })),
  hint: z.string().nullable().describe("the closest single relaxation that makes a candidate feasible"),
  candidates: z.array(z.strictObject({ cloud: z.string(), region: z.string(), reasons: z.array(z.string()) })),
  lock: z.strictObject({ cloud: z.string(), region: z.string(), reasons: z.array(z.string()) }).nullable(),
});

/** `--json` when the command could not run as asked (exit 2), for an error without its own document, or for a bug (exit 3, kind internal). */
export const errorSchema = z.strictObject({
  schemaVersion: z.literal(1),
  error: z.strictObject({
    exitCode: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    kind: z.enum(["usage", "requirements", "stack-file", "lock", "catalog", "unsupported", "io", "infeasible", "lock-infeasible", "internal"]),
    message: z.string(),
    problems: z.array(z.string()).describe("each problem with its field path (requirements) or reason (lock)"),
  }),
});

/** Everything `tessera plan --json` can print: a plan, an infeasible stack, or an error. */
export const planDocumentSchema = z.union([planSchema, infeasibleSchema, errorSchema]);

/** A plan report. */
export type PlanReport = z.infer<typeof planSchema>;
export type PlanResource = z.infer<typeof resourceSchema>;
export type PlanVerdict = z.infer<typeof verdictSchema>;
export type PlanDiff = z.infer<typeof diffSchema>;
