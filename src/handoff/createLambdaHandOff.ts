import { HandOffError } from "../errors.js";
import { optionalVar, requiredVar, type Env } from "../config/readEnv.js";
import { loadAwsAccess } from "../aws/loadAwsAccess.js";
import { createSignedPost } from "../aws/createSignedPost.js";
import { retrying } from "../retry/retrying.js";
import { RETRY_POLICIES } from "../retry/retryPolicies.js";
import type { HandOff } from "./workerJob.js";

/** How long the HTTP function waits for Lambda to accept the job; Slack's 3 s must cover it and the cold start. */
export const HAND_OFF_TIMEOUT_MS = RETRY_POLICIES.handOff.withinMs;

export interface LambdaHandOffConfig {
  functionName: string;
  region: string;
  /** Lambda API root; default `https://lambda.{region}.{the partition's DNS suffix}`. Tests point it at a local stand-in. */
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The invocation's trace header (Lambda's `_X_AMZN_TRACE_ID`), read at each hand-off; the worker's run joins that trace. */
  traceHeader?: () => string | undefined;
}

/** Reads `WORKER_FUNCTION_NAME`, `AWS_REGION`, `LAMBDA_ENDPOINT` and the credentials Lambda puts in the environment. */
export function loadLambdaHandOffConfig(env: Env): LambdaHandOffConfig {
  const functionName = requiredVar(
    env,
    "WORKER_FUNCTION_NAME",
    "Set it to the worker function's name (serverless.yml does this).",
  );
  const { region, dnsSuffix, credentials } = loadAwsAccess(env);
  return {
    functionName,
    region,
    endpoint: optionalVar(env, "LAMBDA_ENDPOINT") ?? `https://lambda.${region}.${dnsSuffix}`,
    credentials,
    // Lambda sets it anew for each invocation (with active tracing), so it is read when a job is handed over.
    traceHeader: () => env._X_AMZN_TRACE_ID,
  };
}

/**
 * Longest wait for one try, so a connection that hangs rather than fails (a kept one gone dead, a lost handshake)
 * leaves time within HAND_OFF_TIMEOUT_MS for a try on a fresh one; an Invoke normally answers in tens of ms. A try
 * given up on may still have reached Lambda: the worker treats the job's second delivery as a redelivery (same ID).
 */
const ATTEMPT_TIMEOUT_MS = 700;

/**
 * Hands jobs over with Lambda's asynchronous invoke (`Event`): once Lambda
 * answers 202 the job is queued, retried on failure and sent to the worker's
 * on-failure destination if it keeps failing. Uses node:https (createPost) and our own
 * SigV4 signer, not the AWS SDK (110-190 ms to load) nor fetch (about 35 ms to
 * start): both would break the HTTP function's cold-start budget. Each try after the
 * first goes out on a connection of its own if the last one failed or was given up on.
 */
export function createLambdaHandOff(config: LambdaHandOffConfig): HandOff {
  const url = new URL(`${config.endpoint}/2015-03-31/functions/${encodeURIComponent(config.functionName)}/invocations`);
  const send = createSignedPost(url, { service: "lambda", region: config.region, credentials: config.credentials });
  return async (job) => {
    const body = JSON.stringify(job);
    // As the AWS SDK would send it: Lambda then records the worker's run in the same trace as this request.
    const trace = config.traceHeader?.();
    const headers = {
      "content-type": "application/json",
      "x-amz-invocation-type": "Event",
      ...(trace ? { "x-amzn-trace-id": trace } : {}),
    };
    // Lambda's API answers 429 and 5xx now and then; any other answer would be the same on every try.
    const sent = await retrying(RETRY_POLICIES.handOff, async (_, remainingMs) => {
      let answer: { status: number; body: string };
      try {
        answer = await send(headers, body, Math.min(ATTEMPT_TIMEOUT_MS, remainingMs));
      } catch (error) {
        return {
          again: `Lambda did not answer or could not be reached (${error instanceof Error ? error.message : "unknown error"}).`,
        };
      }
      if (answer.status === 202) return { done: undefined };
      const problem = `Lambda answered ${answer.status} to the asynchronous invoke: ${answer.body.slice(0, 200)}`;
      if (answer.status !== 429 && answer.status < 500) throw new HandOffError(problem);
      return { again: problem };
    });
    if ("gaveUp" in sent)
      throw new HandOffError(
        sent.tries > 0 ? sent.gaveUp : `Lambda did not accept the job within ${HAND_OFF_TIMEOUT_MS} ms.`,
      );
  };
}
