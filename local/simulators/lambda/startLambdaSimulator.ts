/**
 * A stand-in for the AWS Lambda Invoke API (asynchronous `Event` invocations only) on
 * 127.0.0.1. It checks the SigV4 signature by recomputing it, answers 202 like Lambda, then
 * runs the function with Lambda's async retry policy (1 try + 2 retries, then dead-letter).
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { header, verifySigV4 } from "../aws/verifySigV4.js";

export interface LambdaInvocation {
  functionName: string;
  invocationType: string | undefined;
  signatureValid: boolean;
  status: number;
  payload: unknown;
  /** The `X-Amzn-Trace-Id` the caller sent, which Lambda continues the trace from. */
  traceHeader: string | undefined;
}

export interface LambdaSimulatorOptions {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region: string;
  functions: Record<string, (event: unknown) => Promise<unknown>>;
}

export interface LambdaSimulator {
  url: string;
  invocations: LambdaInvocation[];
  deadLetters: Array<{ functionName: string; payload: unknown; error: unknown }>;
  /** The next `times` invoke calls answer this HTTP status instead of running anything. */
  failNext(status: number, times?: number): void;
  /** Resolves when every accepted invocation has finished its tries. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const ASYNC_ATTEMPTS = 3;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export async function startLambdaSimulator(options: LambdaSimulatorOptions): Promise<LambdaSimulator> {
  const invocations: LambdaInvocation[] = [];
  const deadLetters: LambdaSimulator["deadLetters"] = [];
  const running = new Set<Promise<void>>();
  const faults: number[] = [];

  async function runAsync(functionName: string, payload: unknown): Promise<void> {
    const fn = options.functions[functionName]!;
    for (let attempt = 1; attempt <= ASYNC_ATTEMPTS; attempt += 1) {
      try {
        await fn(structuredClone(payload));
        return;
      } catch (error) {
        if (attempt === ASYNC_ATTEMPTS) deadLetters.push({ functionName, payload, error });
      }
    }
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const match = INVOKE_PATH.exec(request.url ?? "");
        const functionName = match ? decodeURIComponent(match[1]!) : "";
        const invocationType = header(request.headers["x-amz-invocation-type"]);
        const signatureValid = verifySigV4(
          request.method ?? "",
          `http://${request.headers.host}${request.url}`,
          request.headers,
          body,
          { service: "lambda", region: options.region, credentials: options.credentials },
        );
        let payload: unknown;
        try {
          payload = JSON.parse(body);
        } catch {
          payload = undefined;
        }
        const status = decide();
        const traceHeader = header(request.headers["x-amzn-trace-id"]);
        invocations.push({ functionName, invocationType, signatureValid, status, payload, traceHeader });
        response
          .writeHead(status, { "content-type": "application/json" })
          .end(status === 202 ? "" : JSON.stringify({ message: `status ${status}` }));
        if (status === 202) {
          const run = runAsync(functionName, payload);
          running.add(run);
          void run.finally(() => running.delete(run));
        }

        function decide(): number {
          if (!match || request.method !== "POST") return 404;
          if (!signatureValid) return 403;
          if (!(functionName in options.functions)) return 404;
          if (invocationType !== "Event") return 400;
          if (payload === undefined) return 400;
          return faults.shift() ?? 202;
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    invocations,
    deadLetters,
    failNext(status, times = 1) {
      for (let i = 0; i < times; i += 1) faults.push(status);
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
