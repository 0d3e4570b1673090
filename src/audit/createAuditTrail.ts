import type { AuditEvent } from "../domain/audit/auditEvent.js";
import type { AuditTrail } from "../domain/audit/auditTrail.js";
import type { Logger } from "../log/logger.js";
import { retrying } from "../retry/retrying.js";
import { AUDIT_CHANNEL_MAX_WAIT_MS, RETRY_POLICIES } from "../retry/retryPolicies.js";
import type { AuditStore } from "../domain/audit/auditStore.js";

export interface AuditTrailDeps {
  store: AuditStore;
  log: Logger;
  /** Posts one line to the audit channel; absent when AUDIT_CHANNEL_ID is unset. */
  postToChannel?: (event: AuditEvent) => Promise<void>;
  /** Waits between channel tries; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The three sinks, in order of trust: the DynamoDB record (the source of truth,
 * written first; an error here stops the job), one structured log line, and the
 * audit channel (retried, then logged as failed: never dropped silently).
 */
export function createAuditTrail(deps: AuditTrailDeps): AuditTrail {
  return {
    async record(events) {
      for (const event of events) {
        if (!(await deps.store.append(event))) continue;
        deps.log.info(`audit: ${event.event}`, { audit: event });
        if (deps.postToChannel) await postWithRetries(event, deps.postToChannel, deps.log, deps.sleep);
      }
    },
  };
}

async function postWithRetries(
  event: AuditEvent,
  post: (event: AuditEvent) => Promise<void>,
  log: Logger,
  sleep?: (ms: number) => Promise<void>,
): Promise<void> {
  const posted = await retrying(
    RETRY_POLICIES.auditChannel,
    async () => {
      try {
        return { done: await post(event) };
      } catch (error) {
        const retryAfterMs = ((error as { retryAfter?: number }).retryAfter ?? 0) * 1000;
        return { again: describeSlackError(error), waitAtLeastMs: Math.min(retryAfterMs, AUDIT_CHANNEL_MAX_WAIT_MS) };
      }
    },
    sleep ? { sleep } : {},
  );
  if ("gaveUp" in posted)
    log.error("Audit channel post failed; the audit record is stored", {
      eventId: event.eventId,
      requestId: event.requestId,
      attempts: posted.tries,
      reason: posted.gaveUp,
    });
}

function describeSlackError(error: unknown): string {
  const { data, code } = error as { data?: { error?: string }; code?: string };
  if (data?.error) return data.error;
  // @slack/web-api's code for HTTP 429, which Slack's own body calls "ratelimited".
  if (code === "slack_webapi_rate_limited_error") return "ratelimited";
  return error instanceof Error ? error.name : "unknown error";
}
