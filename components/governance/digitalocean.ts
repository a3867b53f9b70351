/**
 * Governance on DigitalOcean: not available. The pinned @pulumi/digitalocean has no audit-log and
 * no budget resource (a team's security history and billing alerts live in the control panel), so
 * the governance matrix marks both cells unsupported, the program builds no Governance there, and
 * the plan says what the cloud lacks.
 */
import * as pulumi from "@pulumi/pulumi";
import { governance } from "../../core/capabilities";
import type { Impl } from "../registry";
import type { GovernanceArgs, GovernanceOutputs } from "./contract";

export const digitalocean: Impl<"digitalocean", GovernanceArgs, GovernanceOutputs> = () => {
  // validateGovernanceArgs refuses both parts first; this only guards the registry.
  const cell = governance("audit-trail", "digitalocean");
  throw new pulumi.RunError(`governance on digitalocean: ${cell.supported ? "marked supported but not implemented" : cell.reason}`);
};
