import type { RetryPolicy } from "./retrying.js";

/** `retries` more tries after the first, base × n² apart, as @octokit/plugin-retry waits between GitHub reads. */
function squaredBackoff(retries: number, baseMs: number): RetryPolicy {
  return { attempts: retries + 1, delayMs: (retry) => baseMs * retry * retry };
}

/**
 * Every retry policy the bot runs by itself, in one place. The libraries' retries are set where their clients are made:
 * createOctokitClass.ts (GitHub), createWorker.ts and createSlackChat.ts (Slack), dynamoCalls.ts (DynamoDB),
 * and serverless.yml (Lambda's redeliveries of jobs). Both functions' SSM reads retry with `ssmRead` below.
 */
export const RETRY_POLICIES = {
  /** A line in the audit channel: the record is already stored, so a few quick tries, honouring Slack's Retry-After up to 5 s. */
  auditChannel: { attempts: 3, delayMs: (retry) => 250 * retry },
  /** A container-registry read: 5xx, timeouts and network errors, base × n² apart (see createRegistryClient for the base). */
  registryRead: squaredBackoff,
  /**
   * The HTTP function handing a job to the worker: Lambda's 429, 5xx and network failures, tried quickly, since
   * Slack's 3 s must cover the whole hand-off and the cold start (each try's timeout is in createLambdaHandOff).
   */
  handOff: { attempts: 3, delayMs: (retry) => 25 * retry, withinMs: 1500 },
  /** SSM GetParameter at either function's start-up: 5xx, 429 and throttling, 100 ms then 200 ms apart. */
  ssmRead: { attempts: 3, delayMs: (retry) => 100 * 2 ** (retry - 1) },
  /**
   * A restore sent again after a look-up showed the last one had no effect: base × n² apart, like plugin-retry's
   * reads (see createOctokitClass for the defaults).
   */
  githubResend: squaredBackoff,
} satisfies Record<string, RetryPolicy | ((...args: never[]) => RetryPolicy)>;

/** The longest Retry-After the audit channel honours between tries. */
export const AUDIT_CHANNEL_MAX_WAIT_MS = 5000;
