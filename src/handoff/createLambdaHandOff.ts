import { ConfigError, HandOffError } from "../errors.js";
import { optionalVar, requiredVar, type Env } from "../config/readEnv.js";
import { signAwsRequest } from "./signAwsRequest.js";
import type { HandOff } from "./workerJob.js";

/** How long the HTTP function waits for Lambda to accept the job; Slack's 3 s must cover it and the cold start. */
export const HAND_OFF_TIMEOUT_MS = 1500;

export interface LambdaHandOffConfig {
  functionName: string;
  region: string;
  /** Lambda API root; default `https://lambda.{region}.amazonaws.com`. Tests point it at a local stand-in. */
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Reads `WORKER_FUNCTION_NAME`, `AWS_REGION`, `LAMBDA_ENDPOINT` and the credentials Lambda puts in the environment. */
export function loadLambdaHandOffConfig(env: Env): LambdaHandOffConfig {
  const region = requiredVar(env, "AWS_REGION", "Lambda sets it; set it by hand only outside Lambda.");
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new ConfigError("AWS_REGION", "it is not an AWS region name such as eu-west-1.");
  const sessionToken = optionalVar(env, "AWS_SESSION_TOKEN");
  return {
    functionName: requiredVar(env, "WORKER_FUNCTION_NAME", "Set it to the worker function's name (serverless.yml does this)."),
    region,
    endpoint: optionalVar(env, "LAMBDA_ENDPOINT") ?? `https://lambda.${region}.amazonaws.com`,
    credentials: {
      accessKeyId: requiredVar(env, "AWS_ACCESS_KEY_ID", "Lambda sets it from the function's role."),
      secretAccessKey: requiredVar(env, "AWS_SECRET_ACCESS_KEY", "Lambda sets it from the function's role."),
      ...(sessionToken === undefined ? {} : { sessionToken }),
    },
  };
}

/** Tries for one hand-off: Lambda's API answers 429 and 5xx now and then. */
const HAND_OFF_ATTEMPTS = 3;

/**
 * Hands jobs over with Lambda's asynchronous invoke (`Event`): once Lambda
 * answers 202 the job is queued, retried on failure and sent to the worker's
 * on-failure destination if it keeps failing. Uses node:http(s) and our own
 * SigV4 signer, not the AWS SDK (110-190 ms to load) nor fetch (about 35 ms to
 * start): both would break the HTTP function's cold-start budget.
 */
export function createLambdaHandOff(config: LambdaHandOffConfig): HandOff {
  const url = new URL(`${config.endpoint}/2015-03-31/functions/${encodeURIComponent(config.functionName)}/invocations`);
  const send = postOver(url);
  return async (job) => {
    const body = JSON.stringify(job);
    const deadline = Date.now() + HAND_OFF_TIMEOUT_MS;
    let problem = "";
    for (let attempt = 1; attempt <= HAND_OFF_ATTEMPTS && Date.now() < deadline; attempt += 1) {
      const headers = signAwsRequest({
        method: "POST",
        url,
        headers: { "content-type": "application/json", "x-amz-invocation-type": "Event" },
        body,
        service: "lambda",
        region: config.region,
        credentials: config.credentials,
        now: new Date(),
      });
      try {
        const answer = await send(headers, body, deadline - Date.now());
        if (answer.status === 202) return;
        problem = `Lambda answered ${answer.status} to the asynchronous invoke: ${answer.body.slice(0, 200)}`;
        if (answer.status !== 429 && answer.status < 500) break;
      } catch (error) {
        problem = `Lambda did not accept the job within ${HAND_OFF_TIMEOUT_MS} ms or could not be reached (${error instanceof Error ? error.message : "unknown error"}).`;
      }
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
    throw new HandOffError(problem || `Lambda did not accept the job within ${HAND_OFF_TIMEOUT_MS} ms.`);
  };
}

type Send = (headers: Record<string, string>, body: string, timeoutMs: number) => Promise<{ status: number; body: string }>;

/** One POST at a time over a kept-alive connection; node:https is loaded only for https endpoints. */
function postOver(url: URL): Send {
  const transport = url.protocol === "https:" ? import("node:https") : import("node:http");
  const agent = transport.then((module) => new module.Agent({ keepAlive: true }));
  return async (headers, body, timeoutMs) => {
    const [{ request }, keepAlive] = await Promise.all([transport, agent]);
    return new Promise((resolve, reject) => {
      const outgoing = request(url, { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent: keepAlive, timeout: timeoutMs }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      });
      outgoing.on("timeout", () => outgoing.destroy(new Error("timed out")));
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  };
}
