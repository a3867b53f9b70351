/**
 * Failover on DigitalOcean: not available. DigitalOcean DNS serves static records and has no
 * health checks that steer answers (its uptime checks only alert), so the capability matrix marks
 * the cell unsupported, placement never makes DigitalOcean the primary of a failover stack, and
 * the component fails before creating anything.
 */
import { unsupported } from "../../core/capabilities";
import type { Impl } from "../registry";
import type { FailoverArgs, FailoverOutputs } from "./contract";

export const digitalocean: Impl<"digitalocean", FailoverArgs, FailoverOutputs> = () => unsupported("dns-failover", "digitalocean");
