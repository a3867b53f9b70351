/**
 * The web tier's cost: the machine range of a load-balanced service (min and max machines; the
 * budget uses max) and its load balancer — the fee (`load-balancer`: per hour, DigitalOcean per
 * node-month) and the processed-data charge (`load-balancer-processed`) from `data/prices.csv`,
 * each row with its source and read date. Where no source gave a price the line is `unpriced` with
 * the reason, so a budget cannot be confirmed on that cloud.
 */
import type { Cloud } from "../core/cloud";
import { displaySku } from "../core/skus";
import type { Catalog, Offering } from "./catalog";
import { cents, type CostLine, line, round4, unpricedLine } from "./cost-line";
import { tablePrice, tableLine } from "./prices";
import { groupRange, type WebAutoscaling, type WebLoadBalancer } from "./webtier";

/** Hours a load balancer runs a month (it bills around the clock). */
const HOURS = 730;

/** Why a cloud's load balancer has no row in prices.csv (data/README.md: what was searched). */
const NOT_PRICED: Partial<Record<Cloud, string>> = {
  azure: "no source read gives the Application Gateway Standard_v2 fixed gateway-hour or capacity-unit-hour price",
  oci: "no source read gives the OCI Flexible Load Balancer base hour or bandwidth (Mbps-hour) price",
};

/** The load balancer a web tier creates on each cloud, as lines name it. */
const PRODUCT: Record<Cloud, string> = {
  aws: "Application Load Balancer",
  azure: "Application Gateway v2",
  gcp: "Global external Application Load Balancer",
  digitalocean: "Load Balancer",
  oci: "Flexible Load Balancer",
};

const lb = (l: CostLine): CostLine => ({ ...l, part: "load-balancer" });

/** The load balancer's lines in (cloud, region) for `processedGbPerMonth`. */
export function loadBalancerLines(catalog: Catalog, cloud: Cloud, region: string, processedGbPerMonth: number): CostLine[] {
  const fee = tablePrice(catalog, cloud, region, "load-balancer");
  if (!fee) return [lb(unpricedLine(PRODUCT[cloud], NOT_PRICED[cloud] ?? `no ${cloud} load-balancer row in prices.csv for ${region}`, "prices.csv"))];
  const fixed =
    fee.unit === "usd/month"
      ? tableLine(`${PRODUCT[cloud]}: 1 node × ${round4(fee.value)} USD/month`, fee.value, fee)
      : tableLine(`${PRODUCT[cloud]}: ${HOURS} h × ${round4(fee.value)} USD/h`, HOURS * fee.value, fee);
  const processed = tablePrice(catalog, cloud, region, "load-balancer-processed");
  if (!processed) return [lb(fixed)];
  // AWS bills LCU-hours; processed bytes alone give one LCU-hour per GB (other dimensions ignored).
  const unit = cloud === "aws" ? `GB ≈ LCU-hours × ${round4(processed.value)} USD` : `GB processed × ${round4(processed.value)} USD/GB`;
  // Estimated: it rests on the stack's traffic estimate (and AWS counts processed bytes only).
  return [lb(fixed), lb(line(`${PRODUCT[cloud]}: ${processedGbPerMonth} ${unit}`, processedGbPerMonth * processed.value, "estimated", processed.source, processed.read))];
}

/** What a load-balanced compute service costs: lines, the machine count (max) and the monthly range. */
export interface WebTierCost {
  readonly lines: CostLine[];
  readonly count: number;
  readonly range: { readonly minMonthlyUsd: number; readonly maxMonthlyUsd: number };
}

/**
 * The hook `placement/cost.ts` calls for a compute service: undefined without a load balancer;
 * with one, the machines at max (what the budget must cover) plus the load balancer, and the
 * min-to-max range. `machineLine(n, what)` prices n machines the way plain compute does.
 */
export function webTierCost(
  catalog: Catalog,
  cloud: Cloud,
  region: string,
  s: { readonly count: number; readonly loadBalancer?: WebLoadBalancer | undefined; readonly autoscaling?: WebAutoscaling | undefined },
  best: Offering,
  machineLine: (count: number, what: string) => CostLine,
): WebTierCost | undefined {
  if (!s.loadBalancer) return undefined;
  const { min, max } = groupRange({ kind: "compute", publicIp: false, spot: false, ...s });
  const range = min === max ? `${max}` : `${min}–${max}`;
  const most = machineLine(max, `${range} × ${displaySku(best.instanceType)}`);
  const least = machineLine(min, `${min} × ${displaySku(best.instanceType)}`);
  const lbLines = loadBalancerLines(catalog, cloud, region, s.loadBalancer.processedGbPerMonth);
  const lbTotal = lbLines.reduce((sum, l) => sum + l.monthlyUsd, 0);
  return {
    lines: [{ ...most, label: `${most.label} (priced at ${max})` }, ...lbLines],
    count: max,
    range: { minMonthlyUsd: cents(least.monthlyUsd + lbTotal), maxMonthlyUsd: cents(most.monthlyUsd + lbTotal) },
  };
}
