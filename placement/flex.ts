/**
 * OCI flexible shapes priced for the exact size asked.
 *
 * OCI bills a flex VM per OCPU-hour plus per GB-hour of memory (1 OCPU = 2 vCPUs on x86), so the
 * catalog's sampled sizes (`VM.Standard.E4.Flex$_2_8`, …) are points on one linear price. The two
 * rates of each shape are solved from two sampled rows and checked against every other row of the
 * shape; a shape whose rows do not fit one linear price exactly gets no rates (and keeps its
 * sampled rows). Limits, from Oracle's price list page (copy read 2026-11-25,
 * http://alwaysbad.blogg.se/2023/may/toad-for-oracle-license-cost.html quoting
 * https://www.oracle.com/cloud/compute/pricing/): at least 1 OCPU; 1 to 64 GB of memory per OCPU;
 * preemptible capacity at 50% of the regular price (the catalog's spot column, solved the same way).
 * Sizes stay within the largest sampled size of the shape.
 */
import { type FlexSku, parseOciFlex } from "../core/skus";
import type { Offering } from "./catalog";

/** Hourly rates of one flex shape, from the catalog rows. */
export interface FlexRates {
  readonly shape: string;
  readonly ocpuHour: number;
  readonly gbHour: number;
  readonly spotOcpuHour: number | undefined;
  readonly spotGbHour: number | undefined;
  readonly maxOcpus: number;
  readonly maxMemoryGb: number;
}

/** GB of memory per OCPU a VM flex shape accepts. */
export const FLEX_GB_PER_OCPU = { min: 1, max: 64 } as const;

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function solve(points: ReadonlyArray<{ ocpus: number; gb: number; price: number }>): { ocpu: number; gb: number } | undefined {
  const [a, b] = points;
  if (!a || !b) return undefined;
  const second = points.find((p) => p.ocpus * a.gb !== p.gb * a.ocpus);
  if (!second) return undefined;
  const det = a.ocpus * second.gb - second.ocpus * a.gb;
  const ocpu = round6((a.price * second.gb - second.price * a.gb) / det);
  const gb = round6((a.ocpus * second.price - second.ocpus * a.price) / det);
  const exact = points.every((p) => Math.abs(p.ocpus * ocpu + p.gb * gb - p.price) < 1e-9);
  return exact && ocpu > 0 && gb > 0 ? { ocpu, gb } : undefined;
}

/** Per-shape rates solved from the OCI flex rows (OCI prices are the same in every region). */
export function deriveFlexRates(offerings: readonly Offering[]): Map<string, FlexRates> {
  const byShape = new Map<string, Offering[]>();
  for (const o of offerings) {
    if (o.cloud !== "oci") continue;
    const flex = parseOciFlex(o.instanceType);
    if (!flex) continue;
    byShape.set(flex.shape, [...(byShape.get(flex.shape) ?? []), o]);
  }
  const rates = new Map<string, FlexRates>();
  for (const [shape, rows] of byShape) {
    const points = rows.map((o) => ({ ocpus: o.vcpus / 2, gb: o.memoryGib, price: o.priceHour }));
    const onDemand = solve(points);
    if (!onDemand) continue;
    const spot = rows.every((o) => o.spotPriceHour !== undefined) ? solve(rows.map((o) => ({ ocpus: o.vcpus / 2, gb: o.memoryGib, price: o.spotPriceHour! }))) : undefined;
    rates.set(shape, {
      shape,
      ocpuHour: onDemand.ocpu,
      gbHour: onDemand.gb,
      spotOcpuHour: spot?.ocpu,
      spotGbHour: spot?.gb,
      maxOcpus: Math.max(...points.map((p) => p.ocpus)),
      maxMemoryGb: Math.max(...points.map((p) => p.gb)),
    });
  }
  return rates;
}

/** The smallest valid size of a flex shape with at least `vcpus` and `memoryGib`. */
export function exactFlexSize(rates: FlexRates, vcpus: number, memoryGib: number): FlexSku | undefined {
  let ocpus = Math.max(1, Math.ceil(vcpus / 2));
  let memoryGb = Math.max(Math.ceil(memoryGib), ocpus * FLEX_GB_PER_OCPU.min);
  ocpus = Math.max(ocpus, Math.ceil(memoryGb / FLEX_GB_PER_OCPU.max));
  memoryGb = Math.max(memoryGb, ocpus * FLEX_GB_PER_OCPU.min);
  if (ocpus > rates.maxOcpus || memoryGb > rates.maxMemoryGb) return undefined;
  return { shape: rates.shape, ocpus, memoryGib: memoryGb };
}

/** A catalog-shaped offering for one flex size in one region (priced from the shape's rates). */
export function flexOffering(rates: FlexRates, region: string, size: FlexSku): Offering {
  const price = round6(size.ocpus * rates.ocpuHour + size.memoryGib * rates.gbHour);
  const spot = rates.spotOcpuHour !== undefined && rates.spotGbHour !== undefined ? round6(size.ocpus * rates.spotOcpuHour + size.memoryGib * rates.spotGbHour) : undefined;
  return {
    cloud: "oci",
    region,
    instanceType: `${rates.shape}$_${size.ocpus * 2}_${size.memoryGib}`,
    vcpus: size.ocpus * 2,
    memoryGib: size.memoryGib,
    gpuCount: 0,
    gpuModel: undefined,
    priceHour: price,
    spotPriceHour: spot,
  };
}

/** Whether a size is one a flex shape accepts (for a locked SKU). */
export function validFlexSize(rates: FlexRates, size: FlexSku): boolean {
  const perOcpu = size.memoryGib / size.ocpus;
  return Number.isInteger(size.ocpus) && size.ocpus >= 1 && size.ocpus <= rates.maxOcpus && size.memoryGib <= rates.maxMemoryGb && perOcpu >= FLEX_GB_PER_OCPU.min && perOcpu <= FLEX_GB_PER_OCPU.max;
}
