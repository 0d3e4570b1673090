import { retrying } from "../retry/retrying.js";
import { RETRY_POLICIES } from "../retry/retryPolicies.js";
import type { RegistryFailure } from "./registryClient.js";

export interface RegistryRequest {
  url: URL;
  method: "GET" | "HEAD";
  headers: Record<string, string>;
}

/** A whole answer: the body is read inside the attempt, so a body that stalls times out and is retried too. */
export interface RegistryResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

export interface RetryPolicy {
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  signal?: AbortSignal;
}

/**
 * The spec asks registries to take manifests of at least 4 MB
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-manifests); a bigger body is not
 * read, so a broken or hostile server can't make the worker hold more.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

class BodyTooLarge extends Error {}

/**
 * Sends a read with a timeout per attempt, retrying 5xx, timeouts and network errors with waits of base × n² and
 * never a 4xx: a 4xx answers the same way every time, and 429 says to come back later, not now.
 */
export async function sendRegistryRequest(
  request: RegistryRequest,
  policy: RetryPolicy,
): Promise<RegistryResponse | RegistryFailure> {
  const sent = await retrying<RegistryResponse | RegistryFailure>(
    RETRY_POLICIES.registryRead(policy.retries, policy.retryBaseMs),
    async () => {
      try {
        const response = await attemptOnce(request, policy);
        return response.status < 500 ? { done: response } : { again: `answered HTTP ${response.status}` };
      } catch (error) {
        if (error instanceof BodyTooLarge)
          return {
            done: {
              kind: "invalid",
              reason: `The registry at ${request.url.origin} sent more than ${MAX_BODY_BYTES} bytes for one manifest; nothing was read.`,
            },
          };
        return {
          again: isTimeout(error)
            ? `did not answer within ${policy.timeoutMs} ms`
            : `could not be reached (${describeNetworkError(error)})`,
        };
      }
    },
    policy.signal ? { signal: policy.signal } : {},
  );
  if ("done" in sent) return sent.done;
  if (policy.signal?.aborted)
    return { kind: "unavailable", reason: `The time allowed for the registry at ${request.url.origin} ran out.` };
  return {
    kind: "unavailable",
    reason: `The registry at ${request.url.origin} ${sent.gaveUp} (${sent.tries} ${sent.tries === 1 ? "try" : "tries"}); try again later, or check its status page.`,
  };
}

async function attemptOnce(request: RegistryRequest, policy: RetryPolicy): Promise<RegistryResponse> {
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const signal = policy.signal ? AbortSignal.any([policy.signal, timeout]) : timeout;
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    signal,
    redirect: "follow",
  });
  const body = request.method === "HEAD" ? new Uint8Array() : await readCapped(response);
  return { status: response.status, headers: response.headers, body };
}

async function readCapped(response: Response): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) {
    await response.body?.cancel();
    throw new BodyTooLarge();
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/** The failure's kind (ECONNREFUSED, ENOTFOUND…), never a URL's query or a header: those may carry a credential. */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === "string") return cause.code;
  return error instanceof Error ? error.name : "unknown error";
}
