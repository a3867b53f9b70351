/**
 * Distances and the fixed round-trip-time model.
 *
 * RTT model (documented in the README): `rttMs = 2 × 1.5 × greatCircleKm / 200` — light in fibre
 * covers about 200 km per millisecond and real routes are about 1.5× the great-circle distance.
 */
import type { Catalog, Region } from "./catalog";

const EARTH_RADIUS_KM = 6371;
const FIBRE_KM_PER_MS = 200;
const ROUTE_FACTOR = 1.5;

/** A point on the globe in decimal degrees. */
export interface LatLon {
  readonly latitude: number;
  readonly longitude: number;
}

/** Great-circle distance (haversine) in kilometres. */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Modelled round-trip time in milliseconds between two points. */
export function rttMs(a: LatLon, b: LatLon): number {
  return (2 * ROUTE_FACTOR * greatCircleKm(a, b)) / FIBRE_KM_PER_MS;
}

/** The catalog region nearest to a point, and its RTT. */
export function nearestRegion(catalog: Catalog, point: LatLon): { region: Region; rttMs: number } {
  let best: { region: Region; rttMs: number } | undefined;
  for (const region of catalog.regions) {
    const rtt = rttMs(point, region);
    if (!best || rtt < best.rttMs) best = { region, rttMs: rtt };
  }
  if (!best) throw new Error("the catalog has no regions");
  return best;
}
