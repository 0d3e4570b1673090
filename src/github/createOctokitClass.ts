import { Octokit as OctokitCore } from "@octokit/core";
import type { OctokitOptions } from "@octokit/core/types";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck/light.js";
import type { CallMetrics } from "../metrics/callMetrics.js";

/** Per attempt; @octokit/request has no timeout of its own. */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
/** plugin-retry waits base × n² between tries (1 s, 4 s, 9 s); a rate-limit wait is base × retry-after. */
export const DEFAULT_RETRY_BASE_MS = 1000;
/**
 * Tries after the first, for 5xx and network errors only: a read's, by plugin-retry; a restore is
 * sent again at most this often, and only after a look-up shows the last one had no effect.
 */
export const DEFAULT_RETRIES = 3;
/** GitHub asks for a second between writes; plugin-throttling spaces POSTs that far apart per client. */
export const DEFAULT_WRITE_SPACING_MS = 1000;
/** Longest rate-limit wait honoured once inside a worker run; longer waits fail with "rate limited". */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_S = 10;

export interface OctokitTuning {
  attemptTimeoutMs?: number;
  retryBaseMs?: number;
  retries?: number;
  maxRateLimitWaitSeconds?: number;
  writeSpacingMs?: number;
  /** Default DEFAULT_RESTORE_BUDGET_MS (restoreBudget.ts). */
  restoreBudgetMs?: number;
}

/**
 * Every 4xx is final: a retry cannot fix a wrong name, a missing scope or a name in use, and
 * GitHub's front end answers a 406, 413 or 415 the same way every time. plugin-retry takes a
 * list, and its default misses most of these, so the list is every status from 400 to 499.
 * 429 is plugin-throttling's to wait out.
 */
const NEVER_RETRY = Array.from({ length: 100 }, (_, index) => 400 + index);

/**
 * Reports every try of every request (`observeGitHubCall`, a constructor option) with its time and status. Applied
 * first, so its hook sits inside plugin-retry's and plugin-throttling's and sees each try, not one per call.
 */
function observeCalls(octokit: OctokitCore, options: OctokitOptions): Record<never, never> {
  const observe = options.observeGitHubCall as CallMetrics["githubCall"] | undefined;
  if (observe === undefined) return {};
  octokit.hook.wrap("request", async (request, requestOptions) => {
    const started = performance.now();
    try {
      const response = await request(requestOptions);
      observe(performance.now() - started, response.status);
      return response;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      observe(performance.now() - started, typeof status === "number" && status > 0 ? status : "network");
      throw error;
    }
  });
  return {};
}

const PluggedOctokit = OctokitCore.plugin(observeCalls, restEndpointMethods, retry, throttling);
export type RestoreOctokit = InstanceType<typeof PluggedOctokit>;
export type RestoreOctokitClass = typeof PluggedOctokit;

/**
 * The Octokit class both credential modes use: generated REST methods, bounded
 * retries of 5xx/network errors (reads only: restores pass `request.retries: 0`),
 * rate limits honoured once when short, and a timeout on every attempt. `@octokit/app` needs the class (its default has no
 * `.rest`), and `baseUrl` here also moves App token creation for GHES.
 */
export function createOctokitClass(
  baseUrl: string,
  tuning: OctokitTuning = {},
  observeGitHubCall?: CallMetrics["githubCall"],
): RestoreOctokitClass {
  const attemptTimeoutMs = tuning.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const maxWait = tuning.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_S;
  const honourOnce = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
    retryCount < 1 && retryAfter <= maxWait;
  return PluggedOctokit.defaults({
    baseUrl,
    userAgent: "package-restore",
    ...(observeGitHubCall ? { observeGitHubCall } : {}),
    request: {
      fetch: (url: string | URL, init: RequestInit = {}) =>
        fetch(url, {
          ...init,
          signal: init.signal
            ? AbortSignal.any([init.signal, AbortSignal.timeout(attemptTimeoutMs)])
            : AbortSignal.timeout(attemptTimeoutMs),
        }),
    },
    retry: {
      doNotRetry: NEVER_RETRY,
      retries: tuning.retries ?? DEFAULT_RETRIES,
      retryAfterBaseValue: tuning.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
    },
    throttle: {
      onRateLimit: honourOnce,
      onSecondaryRateLimit: honourOnce,
      retryAfterBaseValue: tuning.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
      write: new Bottleneck.Group({
        id: "package-restore-write",
        maxConcurrent: 1,
        minTime: tuning.writeSpacingMs ?? DEFAULT_WRITE_SPACING_MS,
      }),
    },
  });
}
