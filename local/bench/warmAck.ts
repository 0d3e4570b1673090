// Warm acknowledgement latency in process: signed commands and button clicks through the
// HTTP function's handler, each timed with performance.now().
import { performance } from "node:perf_hooks";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { loadIngressConfig } from "../../src/config/loadIngressConfig.js";
import { handleSlackRequest, type IngressDeps } from "../../src/ingress/handleSlackRequest.js";
import type { HttpRequest } from "../../src/ingress/httpMessages.js";
import { createJsonLogger } from "../../src/log/logger.js";
import { clickPayload, commandBody, signedHeaders } from "../simulators/slack/slackRequests.js";
import { SIGNING_SECRET } from "./coldStart.js";

export interface AckSamples {
  command: number[];
  click: number[];
}

type Call = (request: HttpRequest) => Promise<number>;

const TEXTS = [
  "acme container team/app cleanup removed it",
  "acme npm left-pad",
  "acme maven com.acme.lib token=lib-2025 oops",
  "acme NPM @acme/web-ui",
];

function signedRequest(form: Record<string, string>): HttpRequest {
  const body = new URLSearchParams(form).toString();
  return { method: "POST", headers: signedHeaders(SIGNING_SECRET, body), body };
}

/** `count` signed commands and `count` signed Approve/Deny clicks, built before any timing. */
function buildRequests(count: number): { commands: HttpRequest[]; clicks: HttpRequest[] } {
  const commands: HttpRequest[] = [];
  const clicks: HttpRequest[] = [];
  for (let i = 0; i < count; i += 1) {
    commands.push(signedRequest(commandBody({ text: `${TEXTS[i % TEXTS.length]!} #${i}`, userId: `U0USER${i % 50}` })));
    const card = { channel: "C0RESTORE", ts: `1700000000.${String(i).padStart(6, "0")}` };
    clicks.push(
      signedRequest(
        clickPayload({
          action: i % 2 === 0 ? "approve" : "deny",
          card,
          userId: "U0APPROVER1",
          value: crypto.randomUUID(),
        }),
      ),
    );
  }
  return { commands, clicks };
}

/** Commands and clicks alternate, so both see the same heap and JIT state. */
async function timeRound(call: Call, count: number): Promise<AckSamples> {
  const { commands, clicks } = buildRequests(count);
  const samples: AckSamples = { command: [], click: [] };
  for (let i = 0; i < count; i += 1) {
    for (const [kind, request] of [
      ["command", commands[i]!],
      ["click", clicks[i]!],
    ] as const) {
      const start = performance.now();
      const status = await call(request);
      samples[kind].push(performance.now() - start);
      if (status !== 200) throw new Error(`warm ${kind} answered ${status}, not 200`);
    }
  }
  return samples;
}

/** Rounds of `count` commands and clicks each, after one unrecorded warm-up round of 200. */
async function measure(call: Call, rounds: number, count: number): Promise<AckSamples[]> {
  await timeRound(call, 200);
  const result: AckSamples[] = [];
  for (let round = 0; round < rounds; round += 1) result.push(await timeRound(call, count));
  return result;
}

/**
 * src/ingress/handleSlackRequest.ts with an in-memory hand-off. Log lines are formatted as in
 * production but not written, so terminal speed is not measured.
 */
export async function measureHandlerAck(rounds: number, count: number): Promise<AckSamples[]> {
  const config = loadIngressConfig({ SLACK_SIGNING_SECRET: SIGNING_SECRET });
  const deps: IngressDeps = {
    signingSecret: config.signingSecret,
    policy: config.policy,
    requireApproval: config.requireApproval,
    command: config.command,
    handOff: async () => {},
    now: Date.now,
    newId: () => crypto.randomUUID(),
    log: createJsonLogger("bench", () => {}),
  };
  return measure(async (request) => (await handleSlackRequest(request, deps)).statusCode, rounds, count);
}

/**
 * The built dist/http bundle's handler, loaded in this process, handing off with a SigV4-signed
 * asynchronous Invoke to the Lambda stand-in on 127.0.0.1 (which runs in this process too).
 */
export async function measureBundleAck(
  bundleUrl: string,
  env: Record<string, string>,
  rounds: number,
  count: number,
): Promise<AckSamples[]> {
  Object.assign(process.env, env);
  const { handler } = (await import(bundleUrl)) as {
    handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
  };
  const toEvent = (request: HttpRequest) =>
    ({
      version: "2.0",
      routeKey: "POST /slack/events",
      rawPath: "/slack/events",
      rawQueryString: "",
      headers: request.headers,
      body: Buffer.from(request.body).toString("base64"),
      isBase64Encoded: true,
      requestContext: { http: { method: "POST", path: "/slack/events" } },
    }) as unknown as APIGatewayProxyEventV2;
  // The bundle logs one JSON line per request to stdout; keep the table readable.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await measure(async (request) => (await handler(toEvent(request))).statusCode ?? 0, rounds, count);
  } finally {
    process.stdout.write = write;
  }
}
