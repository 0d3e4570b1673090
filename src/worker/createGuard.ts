import type { RespondFn } from "@slack/bolt";
import type { RequestRecord } from "../domain/request/requestRecord.js";
import { SlackUnavailableError, StoreUnavailableError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import { cardPaused, storePaused } from "./workerMessages.js";

export type Guard = (
  requestId: string,
  respond: RespondFn,
  flow: () => Promise<RequestRecord | undefined>,
) => Promise<void>;

/**
 * Runs a flow and logs how it ended. Failures are thrown so the hand-off
 * retries the job (every step is conditional, so a retry never acts twice); a
 * store or Slack outage is also told to the person.
 */
export function createGuard(log: Logger, deliveryAttempts: number): Guard {
  return async (requestId, respond, flow) => {
    try {
      const record = await flow();
      log.info("Job finished", {
        requestId,
        state: record?.state,
        outcome: record?.outcome?.kind,
        githubStatus: record?.outcome?.status,
        githubRequestId: record?.outcome?.githubRequestId,
      });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
      log.error("Job failed; the hand-off will retry it", { requestId, reason });
      const text = pausedMessage(error, deliveryAttempts);
      if (text !== undefined)
        await respond({ response_type: "ephemeral", replace_original: false, text }).catch(() => undefined);
      throw error;
    }
  };
}

/** Outages the retry may outlast: the person hears that the request waits, since the retry comes a minute or more later. */
function pausedMessage(error: unknown, deliveryAttempts: number): string | undefined {
  if (error instanceof StoreUnavailableError) return storePaused(deliveryAttempts);
  if (error instanceof SlackUnavailableError) return cardPaused(error);
  return undefined;
}
