/**
 * tessera placement: pure TypeScript (no Pulumi import) that picks cloud, region and sizes for a
 * stack from the catalog in `data/`, explains every rejected candidate, and keeps a lock.
 */
export * from "./catalog";
export * from "./compliance";
export * from "./cost";
export * from "./evaluate";
export * from "./geo";
export * from "./lock";
export * from "./place";
export * from "./requirements";

