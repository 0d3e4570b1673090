import { loadAwsAccess, type AwsAccess } from "../aws/loadAwsAccess.js";
import { createSignedPost } from "../aws/createSignedPost.js";
import { optionalVar, urlVar, type Env } from "../config/readEnv.js";
import { retrying } from "../retry/retrying.js";
import { RETRY_POLICIES } from "../retry/retryPolicies.js";
import type { FetchParameter } from "./fetchParameter.js";

export interface SsmFetcherConfig extends AwsAccess {
  /** SSM API root; default `https://ssm.{region}.{the partition's DNS suffix}`. Tests point it at a local stand-in. */
  endpoint: string;
}

/** Reads `AWS_REGION`, the role's credentials and the optional `SSM_ENDPOINT`. */
export function loadSsmFetcherConfig(env: Env): SsmFetcherConfig {
  const access = loadAwsAccess(env);
  const endpoint = optionalVar(env, "SSM_ENDPOINT");
  return {
    ...access,
    endpoint:
      endpoint === undefined
        ? `https://ssm.${access.region}.${access.dnsSuffix}`
        : urlVar(env, "SSM_ENDPOINT", endpoint),
  };
}

const ATTEMPT_TIMEOUT_MS = 2000;

/**
 * SSM `GetParameter` (decrypted) over node:https (createPost), signed with our own SigV4 signer, for both
 * functions. Deliberately not Powertools Parameters: that needs the AWS SDK's SSM client, 110-190 ms to
 * load, and the HTTP function's cold start is inside Slack's 3 s, the worker's on the way to the card
 * (see `npm run bench`, docs/speed.md). It runs once per container, at start-up; the caller keeps
 * the value for the container's life. AWS JSON 1.1 protocol:
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
 * Errors carry SSM's error code and HTTP status only, never a response body.
 */
export function createSsmParameterFetcher(config: SsmFetcherConfig): FetchParameter {
  const url = new URL(`${config.endpoint}/`);
  const send = createSignedPost(url, {
    service: "ssm",
    region: config.region,
    credentials: config.credentials,
    keepAlive: false,
  });
  return async (name) => {
    const body = JSON.stringify({ Name: name, WithDecryption: true });
    const read = await retrying<string>(RETRY_POLICIES.ssmRead, async () => {
      let answer: { status: number; body: string };
      try {
        answer = await send(
          { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameter" },
          body,
          ATTEMPT_TIMEOUT_MS,
        );
      } catch (error) {
        return { again: `SSM could not be reached: ${error instanceof Error ? error.message : "unknown error"}` };
      }
      const parsed = parseJson(answer.body);
      if (answer.status === 200) {
        const value = (parsed as { Parameter?: { Value?: unknown } } | undefined)?.Parameter?.Value;
        if (typeof value === "string") return { done: value };
        throw new Error("SSM answered without a parameter value");
      }
      const code = errorCode(parsed);
      const problem = `SSM answered ${answer.status}${code ? ` ${code}` : ""}`;
      // SSM says "throttled" with a 400 too; any other 4xx (a missing or forbidden parameter) is the same next time.
      const transient =
        answer.status >= 500 || answer.status === 429 || /Throttling|TooManyUpdates|InternalServerError/.test(code);
      if (!transient) throw new Error(problem);
      return { again: problem };
    });
    if ("gaveUp" in read) throw new Error(read.gaveUp);
    return read.done;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `__type` is `ParameterNotFound` or `namespace#AccessDeniedException`; keep the code only. */
function errorCode(body: unknown): string {
  const type = (body as { __type?: unknown } | undefined)?.__type;
  return typeof type === "string" ? (type.split("#").pop() ?? "").replace(/[^A-Za-z0-9.]/g, "") : "";
}

/** A fetcher that reads its configuration from `env` on first use, so environments without `*_PARAM` variables need no AWS settings. */
export function ssmParameterFetcherFrom(env: Env): FetchParameter {
  let fetch: FetchParameter | undefined;
  return (name) => {
    fetch ??= createSsmParameterFetcher(loadSsmFetcherConfig(env));
    return fetch(name);
  };
}
