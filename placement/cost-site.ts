/**
 * Site-wide costs: resources a whole site shares rather than one service — the network's NAT
 * gateway with its public address and Azure's private DNS zone (cost-network.ts), which run and
 * bill every hour. Priced from prices.csv when a row exists, otherwise "not priced", so a budget is
 * never confirmed over them. Other shared lines are added here the same way, keyed by their
 * prices.csv item (see placement/prices.ts).
 */
import type { Cloud } from "../core/cloud";
import type { Catalog } from "./catalog";
import { type CostLine, unpricedLine } from "./cost-line";
import { HOURS_PER_MONTH } from "./cost";
import { tableLine, tablePrice } from "./prices";
import { natLine, privateDnsZoneLine } from "./cost-network";
import type { Requirements } from "./requirements";

/** Shared lines of a site, by prices.csv item (`nat-gateway`). */
export type SharedCosts = Readonly<Record<string, CostLine>>;

/** A monthly line for an always-on shared resource priced per hour or per month. */
export function alwaysOn(catalog: Catalog, cloud: Cloud, region: string, item: string, what: string): CostLine {
  const price = tablePrice(catalog, cloud, region, item);
  if (price?.unit === "usd/hour") return tableLine(`${what} × ${HOURS_PER_MONTH} h × ${price.value} USD/h`, HOURS_PER_MONTH * price.value, price);
  if (price?.unit === "usd/month") return tableLine(`${what} × ${price.value} USD/month`, price.value, price);
  return unpricedLine(`${what}, always on`, `its price is not in prices.csv (${item})`);
}

/** The shared lines a site of these requirements has. */
export function sharedCosts(catalog: Catalog, cloud: Cloud, region: string, req: Requirements): SharedCosts {
  const out: Record<string, CostLine> = {};
  // On where private machines need it at boot, or as the stack says (cost-network.ts).
  const nat = natLine(catalog, req, cloud, region);
  if (nat) out["nat-gateway"] = nat;
  const zone = privateDnsZoneLine(catalog, req, cloud, region);
  if (zone) out["private-dns-zone"] = zone;
  return out;
}
