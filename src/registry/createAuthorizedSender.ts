import { fetchRegistryToken, type RegistryToken } from "./fetchRegistryToken.js";
import { parseBearerChallenge } from "./parseBearerChallenge.js";
import type { RegistryCredential, RegistryFailure } from "./registryClient.js";
import {
  sendRegistryRequest,
  type RegistryRequest,
  type RegistryResponse,
  type RetryPolicy,
} from "./sendRegistryRequest.js";

export interface AuthorizedSenderOptions {
  registryUrl: URL;
  credential: RegistryCredential;
  policy: Omit<RetryPolicy, "signal">;
  now: () => number;
}

export type AuthorizedSend = (
  name: string,
  request: RegistryRequest,
  signal?: AbortSignal,
) => Promise<RegistryResponse | RegistryFailure>;

/**
 * The user name sent with a token from a credential function: GitHub documents it for installation tokens used as
 * passwords over Git's HTTPS; ghcr.io reads only the password of a PAT, whatever the user name.
 */
const TOKEN_USERNAME = "x-access-token";

/**
 * Sends a request with the registry token cached for `repository:<name>:pull`, and on a Bearer challenge gets a
 * new one (https://distribution.github.io/distribution/spec/auth/token/) and sends once more. A 401 to that second
 * request is the caller's to answer: the registry refused a token it had just issued.
 */
export function createAuthorizedSender(options: AuthorizedSenderOptions): AuthorizedSend {
  const tokens = new Map<string, RegistryToken>();
  return async (name, request, signal) => {
    const policy: RetryPolicy = { ...options.policy, ...(signal ? { signal } : {}) };
    const scope = `repository:${name}:pull`;
    const cached = tokens.get(scope);
    const usable = cached !== undefined && cached.expiresAt > options.now() ? cached.token : undefined;
    const first = await sendRegistryRequest(withBearer(request, usable), policy);
    if ("kind" in first || first.status !== 401) return first;
    tokens.delete(scope);
    const challenge = parseBearerChallenge(first.headers.get("www-authenticate"));
    if (challenge === undefined) {
      return {
        kind: "refused",
        status: 401,
        reason: `The registry at ${options.registryUrl.origin} asked for authentication without a Bearer token challenge, which this bot doesn't support.`,
      };
    }
    const basic = await basicCredential(options.credential, name);
    if ("kind" in basic) return basic;
    const exchange = {
      registryUrl: options.registryUrl,
      challenge,
      scope: challenge.scope ?? scope,
      ...basic,
      now: options.now(),
    };
    const fresh = await fetchRegistryToken(exchange, policy);
    if ("kind" in fresh) return fresh;
    tokens.set(scope, fresh);
    return sendRegistryRequest(withBearer(request, fresh.token), policy);
  };
}

function withBearer(request: RegistryRequest, token: string | undefined): RegistryRequest {
  return token === undefined
    ? request
    : { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
}

async function basicCredential(
  credential: RegistryCredential,
  name: string,
): Promise<{ username: string; password: string } | RegistryFailure> {
  if (typeof credential !== "function") return { username: credential.username, password: credential.token };
  try {
    const token = await credential(name);
    if (typeof token === "string" && token !== "") return { username: TOKEN_USERNAME, password: token };
    return { kind: "unavailable", reason: "No GitHub token was available for the registry." };
  } catch (error) {
    return {
      kind: "unavailable",
      reason: `The GitHub token for the registry could not be obtained: ${describe(error)}`,
    };
  }
}

/** The error's name and message, with anything shaped like a GitHub token blanked: the message isn't ours. */
function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
  return text.replace(/\b(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]+/g, "[token]").slice(0, 300);
}
