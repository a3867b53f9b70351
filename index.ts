/**
 * Pulumi program entry (Pulumi.yaml `main`). Pulumi calls the exported function inside the stack
 * and publishes what it returns as stack outputs. Configuration errors are reported as a
 * RunError: one message, no stack trace.
 */
import { tessera } from "./program";
import { toRunError } from "./program/errors";

export = () => {
  try {
    return tessera();
  } catch (e) {
    throw toRunError(e);
  }
};

