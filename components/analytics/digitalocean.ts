/**
 * Warehouse on DigitalOcean: not available. DigitalOcean's managed databases are PostgreSQL,
 * MySQL, Valkey, MongoDB, Kafka and OpenSearch; none is an analytics warehouse
 * (data/services.csv: `none`). The capability matrix marks the cell unsupported, placement never
 * puts a stack that needs analytics there, and the component fails before creating anything.
 */
import { unsupported } from "../../core/capabilities";
import type { Impl } from "../registry";
import type { WarehouseArgs, WarehouseOutputs } from "./contract";

export const digitalocean: Impl<"digitalocean", WarehouseArgs, WarehouseOutputs> = () => unsupported("analytics", "digitalocean");
