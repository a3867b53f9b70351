/**
 * Argument validation shared by every component: run before any child is created, each problem
 * reported as a `pulumi.InputPropertyError` naming the field and the allowed values.
 */
import * as pulumi from "@pulumi/pulumi";

/** Throws an InputPropertyError for `field`. */
export function invalid(field: string, reason: string): never {
  throw new pulumi.InputPropertyError({ propertyPath: field, reason: `${field}: ${reason}` });
}

/** Requires an integer in [min, max] when the value is given. */
export function checkInt(field: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) invalid(field, `must be an integer from ${min} to ${max} (got ${value})`);
}

/** Requires one of `allowed` when the value is given. */
export function checkOneOf<T extends string>(field: string, value: string | undefined, allowed: readonly T[]): void {
  if (value === undefined) return;
  if (!(allowed as readonly string[]).includes(value)) invalid(field, `"${value}" is not allowed; allowed values: ${allowed.join(", ")}`);
}

/** Requires a CIDR block `a.b.c.d/n` with the given prefix bounds. */
export function checkCidr(field: string, value: string | undefined, minPrefix: number, maxPrefix: number): void {
  if (value === undefined) return;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  const ok = m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) >= minPrefix && Number(m[5]) <= maxPrefix;
  if (!ok) invalid(field, `"${value}" is not an IPv4 CIDR block with a prefix from /${minPrefix} to /${maxPrefix}`);
}
