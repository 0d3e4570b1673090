import { AwsClient } from "aws4fetch";
import { ConfigError, HandOffError } from "../errors.js";
import { optionalVar, requiredVar, type Env } from "../config/readEnv.js";
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

/**
 * Hands jobs over with Lambda's asynchronous invoke (`Event`): once Lambda
 * answers 202 the job is queued, retried on failure and sent to the worker's
 * on-failure destination if it keeps failing. Signed with aws4fetch (about
 * 8 KB) instead of @aws-sdk/client-lambda, whose 110-190 ms load would break
 * the HTTP function's cold-start budget.
 */
export function createLambdaHandOff(config: LambdaHandOffConfig): HandOff {
  const aws = new AwsClient({ ...config.credentials, service: "lambda", region: config.region, retries: 2, initRetryMs: 50 });
  const url = `${config.endpoint}/2015-03-31/functions/${encodeURIComponent(config.functionName)}/invocations`;
  return async (job) => {
    let response: Response;
    try {
      response = await aws.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-amz-invocation-type": "Event" },
        body: JSON.stringify(job),
        signal: AbortSignal.timeout(HAND_OFF_TIMEOUT_MS),
      });
    } catch (error) {
      throw new HandOffError(`Lambda did not accept the job within ${HAND_OFF_TIMEOUT_MS} ms or could not be reached.`, { cause: error });
    }
    if (response.status !== 202) {
      const detail = (await response.text().catch(() => "")).slice(0, 200);
      throw new HandOffError(`Lambda answered ${response.status} to the asynchronous invoke: ${detail}`);
    }
  };
}
