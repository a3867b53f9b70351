/**
 * `npm test` workers (test/ava.config.mjs `require`): ava turns source maps on, so Node read and
 * parsed the .js.map of every SDK module it loaded (@pulumi/* ship one per file) although no test
 * shows an SDK location. Source maps stay on for tessera's own TypeScript (tsx's inline maps).
 */
import { setSourceMapsSupport } from "node:module";

setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });
