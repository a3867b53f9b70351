/**
 * User-facing errors: bad config, an infeasible placement or lock, an unsupported service. They
 * become a `pulumi.RunError` (printed without a stack trace); anything else is a bug and keeps
 * its trace.
 */
import * as pulumi from "@pulumi/pulumi";
import { UnsupportedServiceError } from "../core/capabilities";
import { CatalogError } from "../placement/catalog";
import { LockError } from "../placement/lock";
import { NoFeasiblePlacementError } from "../placement/place";
import { RequirementsError } from "../placement/requirements";

const USER_ERRORS = [RequirementsError, LockError, NoFeasiblePlacementError, CatalogError, UnsupportedServiceError];

/** True for the errors a user fixes in their stack, not in tessera. */
export function isUserError(e: unknown): e is Error {
  return USER_ERRORS.some((cls) => e instanceof cls) || pulumi.InputPropertyError.isInstance(e) || pulumi.InputPropertiesError.isInstance(e);
}

/** Converts user errors to RunError; passes everything else through. */
export function toRunError(e: unknown): unknown {
  return isUserError(e) ? new pulumi.RunError(e.message) : e;
}
