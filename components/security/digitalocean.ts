/**
 * Secrets on DigitalOcean: not available. DigitalOcean has no managed secret store or key
 * management service (data/services.csv: `none`), so the capability matrix marks the cell
 * unsupported, placement never puts a stack that needs secrets there, and the component fails
 * before creating anything.
 */
import { unsupported } from "../../core/capabilities";
import type { Impl } from "../registry";
import type { SecretsArgs, SecretsOutputs } from "./contract";

export const digitalocean: Impl<"digitalocean", SecretsArgs, SecretsOutputs> = () => unsupported("secrets", "digitalocean");
