import { SSMProvider } from "@aws-lambda-powertools/parameters/ssm";
import { SSMClient } from "@aws-sdk/client-ssm";
import { optionalVar, urlVar, type Env } from "../config/readEnv.js";
import type { FetchParameter } from "./fetchParameter.js";

/** How long Powertools keeps a value; the worker reads its secrets once, at start-up, and keeps them for the container's life. */
const CACHE_SECONDS = 15 * 60;

/**
 * The worker's secrets, through Powertools for AWS Lambda's Parameters utility (SSM provider,
 * decrypted, cached). The SSM client is created on the first fetch, so local runs without
 * `*_PARAM` variables never build one. `SSM_ENDPOINT` points it at another SSM API (tests).
 * Errors keep the SDK error's name and HTTP status only.
 */
export function createPowertoolsParameterFetcher(env: Env): FetchParameter {
  let provider: SSMProvider | undefined;
  return async (name) => {
    provider ??= createProvider(env);
    let value: unknown;
    try {
      value = await provider.get(name, { decrypt: true, maxAge: CACHE_SECONDS, throwOnMissing: true });
    } catch (error) {
      throw new Error(describe(error));
    }
    if (typeof value !== "string") throw new Error("SSM answered without a parameter value");
    return value;
  };
}

function createProvider(env: Env): SSMProvider {
  const endpoint = optionalVar(env, "SSM_ENDPOINT");
  if (endpoint === undefined) return new SSMProvider();
  const region = optionalVar(env, "AWS_REGION");
  return new SSMProvider({
    awsSdkV3Client: new SSMClient({
      endpoint: urlVar(env, "SSM_ENDPOINT", endpoint),
      ...(region ? { region } : {}),
      maxAttempts: 3,
    }),
  });
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(cause instanceof Error)) return "unknown error";
  if (cause.name === "ParameterNotFoundError") return "ParameterNotFound";
  const status = (cause as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const name = cause.name.replace(/[^\w.]/g, "");
  return status === undefined ? `SSM could not be reached (${name})` : `SSM answered ${status} ${name}`;
}
