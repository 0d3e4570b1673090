/** How often, how fast and for how long to try again; the named ones are in retryPolicies.ts. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** The wait before the n-th try again (n from 1). */
  readonly delayMs: (retry: number) => number;
  /** No try starts later than this after the first one; each try's own timeout is the caller's. */
  readonly withinMs?: number;
}

/** What one try came to: a result to return, or why it failed in a way another try may cure. */
export type Attempt<T> =
  | { done: T }
  | { again: string /** e.g. a Retry-After the other side asked for. */; waitAtLeastMs?: number };

export type Retried<T> = { done: T } | { gaveUp: string; tries: number };

export interface RetryOptions {
  /** Stops waiting and trying once aborted. */
  signal?: AbortSignal;
  /** Waits between tries; tests pass a fast one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

/**
 * Runs `attempt` until it is done or the policy is spent. A failure no other
 * try can cure is the attempt's to return as `done` (or to throw): only
 * `again` is tried again. `attempt` gets the try's number and the time left
 * under `withinMs`, so it can bound its own timeout.
 */
export async function retrying<T>(
  policy: RetryPolicy,
  attempt: (tryNumber: number, remainingMs: number) => Promise<Attempt<T>>,
  options: RetryOptions = {},
): Promise<Retried<T>> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? pause;
  const deadline = policy.withinMs === undefined ? Number.POSITIVE_INFINITY : now() + policy.withinMs;
  let reason = "nothing was tried";
  let tries = 0;
  let waitAtLeastMs = 0;
  while (tries < policy.attempts && now() < deadline && !options.signal?.aborted) {
    if (tries > 0) {
      const waitMs = Math.max(policy.delayMs(tries), waitAtLeastMs);
      // A wait that reaches the deadline would end in no try at all: give up now instead.
      if (now() + waitMs >= deadline) break;
      await sleep(waitMs, options.signal);
      if (options.signal?.aborted) break;
    }
    tries += 1;
    const result = await attempt(tries, deadline - now());
    if ("done" in result) return result;
    reason = result.again;
    waitAtLeastMs = result.waitAtLeastMs ?? 0;
  }
  return { gaveUp: reason, tries };
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
