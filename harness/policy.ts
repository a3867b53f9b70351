/**
 * Runs a policy pack over captured registrations with the engine's call sequence: for every
 * resource `Remediate` then `Analyze` (with the remediated inputs), then one `AnalyzeStack`.
 *
 * Two transports, same requests:
 * - {@link inProcessAnalyzer}: `@pulumi/policy`'s own RPC handlers (the functions its gRPC server
 *   registers), fed protobuf requests — full fidelity, no process;
 * - {@link startPack}: the pack launched exactly as the engine launches it
 *   (`run-policy-pack`, cwd = pack folder, port on stdout) and driven over gRPC.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import * as grpc from "@grpc/grpc-js";
import type { Policy } from "@pulumi/policy";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import {
  type AnalyzeRequest,
  type AnalyzeResponse,
  type AnalyzerInfo,
  type AnalyzeStackRequest,
  ConfigureAnalyzerRequest,
  EnforcementLevel,
  PolicyConfig,
  PolicySeverity,
  type RemediateResponse,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { analyzeRequest, analyzeStackRequest, releaseRequests, type RequestContext } from "./analyzer";
import type { Registration } from "./monitor";

/** One diagnostic, flattened. */
export interface Verdict {
  readonly policy: string;
  readonly enforcement: "advisory" | "mandatory" | "disabled" | "remediate";
  readonly severity: "" | "low" | "medium" | "high" | "critical";
  readonly urn: string;
  /** What the rule reported, without the policy description the server prefixes. */
  readonly message: string;
  readonly stage: "analyze" | "analyzeStack";
}

/** A remediation the pack applied. */
export interface Fix {
  readonly policy: string;
  readonly urn: string;
  readonly properties: Record<string, unknown>;
}

/** Everything a run produced. */
export interface PolicyRun {
  readonly verdicts: Verdict[];
  readonly fixes: Fix[];
}

/** The three analyzer calls the engine makes per run. */
export interface Analyzer {
  remediate(req: AnalyzeRequest): Promise<RemediateResponse>;
  analyze(req: AnalyzeRequest): Promise<AnalyzeResponse>;
  analyzeStack(req: AnalyzeStackRequest): Promise<AnalyzeResponse>;
}

const ENFORCEMENT = { [EnforcementLevel.ADVISORY]: "advisory", [EnforcementLevel.MANDATORY]: "mandatory", [EnforcementLevel.DISABLED]: "disabled", [EnforcementLevel.REMEDIATE]: "remediate" } as const;
const SEVERITY = { [PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "", [PolicySeverity.POLICY_SEVERITY_LOW]: "low", [PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium", [PolicySeverity.POLICY_SEVERITY_HIGH]: "high", [PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical" } as const;

function verdicts(resp: AnalyzeResponse, urn: string, stage: Verdict["stage"]): Verdict[] {
  return resp.getDiagnosticsList().map((d) => {
    const description = d.getDescription();
    const message = d.getMessage();
    return {
      policy: d.getPolicyname(),
      enforcement: ENFORCEMENT[d.getEnforcementlevel()],
      severity: SEVERITY[d.getSeverity()],
      urn: d.getUrn() || urn,
      message: message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message,
      stage,
    };
  });
}

/** Drives `analyzer` over the registrations in the engine's order. */
export async function analyzeRegistrations(analyzer: Analyzer, registrations: readonly Registration[], ctx: RequestContext): Promise<PolicyRun> {
  const run: PolicyRun = { verdicts: [], fixes: [] };
  for (const r of registrations) {
    // Analyze sees the remediated inputs when a remediation changed them (undefined: as registered).
    let properties: Record<string, unknown> | undefined;
    const remediated = await analyzer.remediate(analyzeRequest(registrations, r, ctx));
    for (const fix of remediated.getRemediationsList()) {
      const fixed = fix.getProperties()?.toJavaScript() as Record<string, unknown> | undefined;
      if (fixed) {
        properties = fixed;
        run.fixes.push({ policy: fix.getPolicyname(), urn: r.urn, properties: fixed });
      }
    }
    run.verdicts.push(...verdicts(await analyzer.analyze(analyzeRequest(registrations, r, ctx, properties)), r.urn, "analyze"));
  }
  run.verdicts.push(...verdicts(await analyzer.analyzeStack(analyzeStackRequest(registrations, ctx)), "", "analyzeStack"));
  releaseRequests(registrations);
  return run;
}

type Handler<Req, Resp> = (call: { request: Req }, callback: (err: Error | null | undefined, resp?: Resp) => void) => Promise<void> | void;

/** `@pulumi/policy/server` internals (pinned version): the handlers its gRPC server registers. */
interface PolicyServer {
  makeAnalyzeRpcFun(name: string, version: string, level: string, policies: Policy[]): Handler<AnalyzeRequest, AnalyzeResponse>;
  makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: Policy[]): Handler<AnalyzeStackRequest, AnalyzeResponse>;
  makeRemediateRpcFun(name: string, version: string, level: string, policies: Policy[]): Handler<AnalyzeRequest, RemediateResponse>;
}

const call = <Req, Resp>(fn: Handler<Req, Resp>, request: Req) =>
  new Promise<Resp>((resolve, reject) => {
    void fn({ request }, (err, resp) => (err ? reject(err) : resolve(resp!)));
  });

/** The pack's policies behind `@pulumi/policy`'s own RPC handlers, without a process. */
export function inProcessAnalyzer(policies: readonly Policy[], packName = "tessera", version = "0.1.0"): Analyzer {
  const server = require("@pulumi/policy/server") as PolicyServer;
  const list = [...policies];
  const analyze = server.makeAnalyzeRpcFun(packName, version, "advisory", list);
  const analyzeStack = server.makeAnalyzeStackRpcFun(packName, version, "advisory", list);
  const remediate = server.makeRemediateRpcFun(packName, version, "advisory", list);
  return {
    remediate: (req) => call(remediate, req),
    analyze: (req) => call(analyze, req),
    analyzeStack: (req) => call(analyzeStack, req),
  };
}

/** A pack process started the way the engine starts it. */
export interface PackProcess extends Analyzer {
  readonly port: number;
  readonly startupMs: number;
  info(): Promise<AnalyzerInfo>;
  /** Per-policy enforcement and settings, as `--policy-pack-config` delivers them. */
  configure(config: Readonly<Record<string, { enforcementLevel: Verdict["enforcement"]; [key: string]: unknown }>>): Promise<void>;
  stop(): void;
}

const LEVELS = { advisory: EnforcementLevel.ADVISORY, mandatory: EnforcementLevel.MANDATORY, disabled: EnforcementLevel.DISABLED, remediate: EnforcementLevel.REMEDIATE } as const;

/**
 * Launches a pack as the engine's `pulumi-analyzer-policy` shim does:
 * `node <@pulumi/pulumi/cmd/run-policy-pack> <engine> .` with the pack folder as cwd, then reads
 * the gRPC port from the first stdout line.
 */
export async function startPack(packDir: string, env: NodeJS.ProcessEnv = process.env): Promise<PackProcess> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [runner, "127.0.0.1:0", "."], { cwd: packDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve(Number(line.trim())));
    child.once("exit", (code) => reject(new Error(`policy pack exited with code ${code} before serving:\n${stderr}`)));
  });
  const startupMs = performance.now() - started;
  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const unary = <Req, Resp>(method: (req: Req, cb: (err: grpc.ServiceError | null, resp: Resp) => void) => unknown, req: Req) =>
    new Promise<Resp>((resolve, reject) => method.call(client, req, (err, resp) => (err ? reject(err) : resolve(resp))));
  return {
    port,
    startupMs,
    info: () => unary(client.getAnalyzerInfo, new Empty()),
    configure: async (config) => {
      const req = new ConfigureAnalyzerRequest();
      for (const [policy, { enforcementLevel, ...settings }] of Object.entries(config)) {
        const pc = new PolicyConfig();
        pc.setEnforcementlevel(LEVELS[enforcementLevel]);
        pc.setProperties(Struct.fromJavaScript(settings as Parameters<typeof Struct.fromJavaScript>[0]));
        req.getPolicyconfigMap().set(policy, pc);
      }
      await unary(client.configure, req);
    },
    remediate: (req) => unary(client.remediate, req),
    analyze: (req) => unary(client.analyze, req),
    analyzeStack: (req) => unary(client.analyzeStack, req),
    stop: () => {
      client.close();
      child.kill();
    },
  };
}
