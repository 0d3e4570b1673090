import type { RetryPolicy } from "./retrying.js";

/**
 * Every retry policy the bot runs by itself, in one place. (GitHub reads are
 * retried by @octokit/plugin-retry, Slack calls by @slack/web-api, DynamoDB by
 * the AWS SDK; each of those is configured where its client is made.)
 */
export const RETRY_POLICIES = {
  /** A line in the audit channel: the record is already stored, so a few quick tries, honouring Slack's Retry-After up to 5 s. */
  auditChannel: { attempts: 3, delayMs: (retry) => 250 * retry },
  /** A container-registry read: 5xx, timeouts and network errors, base × n² apart (see createRegistryClient for the base). */
  registryRead: (retries: number, baseMs: number): RetryPolicy => ({
    attempts: retries + 1,
    delayMs: (retry) => baseMs * retry * retry,
  }),
} satisfies Record<string, RetryPolicy | ((...args: never[]) => RetryPolicy)>;

/** The longest Retry-After the audit channel honours between tries. */
export const AUDIT_CHANNEL_MAX_WAIT_MS = 5000;
