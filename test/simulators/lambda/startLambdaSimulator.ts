/**
 * A stand-in for the AWS Lambda Invoke API (asynchronous `Event` invocations only) on
 * 127.0.0.1. It checks the SigV4 signature by recomputing it, answers 202 like Lambda, then
 * runs the function with Lambda's async retry policy (1 try + 2 retries, then dead-letter).
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { AwsV4Signer } from "aws4fetch";

export interface LambdaInvocation {
  functionName: string;
  invocationType: string | undefined;
  signatureValid: boolean;
  status: number;
  payload: unknown;
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
        const signatureValid = await verifySignature(request.method ?? "", `http://${request.headers.host}${request.url}`, request.headers, body, options);
        let payload: unknown;
        try {
          payload = JSON.parse(body);
        } catch {
          payload = undefined;
        }
        const status = decide();
        invocations.push({ functionName, invocationType, signatureValid, status, payload });
        response.writeHead(status, { "content-type": "application/json" }).end(status === 202 ? "" : JSON.stringify({ message: `status ${status}` }));
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

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Recomputes the SigV4 Authorization header over the headers the client said it signed. */
async function verifySignature(
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  options: LambdaSimulatorOptions,
): Promise<boolean> {
  const authorization = header(headers.authorization) ?? "";
  const parsed = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/lambda\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization);
  const datetime = header(headers["x-amz-date"]);
  if (!parsed || !datetime || parsed[1] !== options.credentials.accessKeyId || parsed[3] !== options.region) return false;
  const signed: Record<string, string> = {};
  for (const name of parsed[4]!.split(";")) {
    if (name === "host") continue;
    const value = header(headers[name]);
    if (value === undefined) return false;
    signed[name] = value;
  }
  // allHeaders: sign exactly the headers the client listed (aws4fetch would otherwise drop some, e.g. content-type).
  const signer = new AwsV4Signer({ method, url, headers: signed, body, ...options.credentials, service: "lambda", region: options.region, datetime, allHeaders: true });
  const expected = (await signer.sign()).headers.get("authorization");
  return expected === authorization;
}
