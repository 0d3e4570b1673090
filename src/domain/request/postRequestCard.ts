import { SlackUnavailableError } from "../../errors.js";
import type { FlowDeps } from "./flowDeps.js";
import { moveRecord, recordAfter } from "./moveRecord.js";
import { notPostedMessage } from "./messages/notPostedMessage.js";
import { targetKey, type RequestRecord } from "./requestRecord.js";
import type { PostFailure } from "../ports/restoreChat.js";

/**
 * Posts the request card unless an earlier run of this job already did, and
 * records where it is. When Slack won't take it, the request ends `not_posted`
 * (see `cardNotPosted`): the returned record says so.
 */
export async function postRequestCard(
  record: RequestRecord,
  channelId: string,
  where: string,
  deps: FlowDeps,
): Promise<RequestRecord> {
  if (record.thread !== undefined) return record;
  const result = await deps.chat.postCard(
    { ...record, state: record.mode === "approval" ? "pending" : "restoring" },
    channelId,
  );
  if (!result.posted) return cardNotPosted(record, result, where, deps);
  const cardLink = await deps.chat.permalink(result.thread);
  const changes = {
    thread: result.thread,
    ...(cardLink ? { cardLink } : {}),
    ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
  };
  return recordAfter(await moveRecord(deps, record, changes), record.id);
}

/**
 * Slack didn't take the card. What a retry can't cure ends the request at once;
 * a transient failure fails the job so the hand-off delivers it again, until its
 * last delivery, which ends it. Either way the requester hears what Slack said,
 * the slot is freed and the request is recorded `not_posted` with Slack's code.
 */
async function cardNotPosted(
  record: RequestRecord,
  failure: PostFailure,
  where: string,
  deps: FlowDeps,
): Promise<RequestRecord> {
  // Counted in deliveries of the job, whatever failed the earlier ones: only the last delivery may end the request.
  const delivery = record.deliveries ?? 1;
  if (failure.transient && delivery < deps.deliveryAttempts) {
    throw new SlackUnavailableError("chat.postMessage", failure.slackError, delivery, deps.deliveryAttempts);
  }
  await deps.store.releaseTarget(targetKey(record.request), record.id);
  await deps.chat.tellPrivately(notPostedMessage(failure, where, record.id));
  const move = await moveRecord(
    deps,
    record,
    { state: "not_posted", refusal: failure.slackError, reported: true },
    "received",
  );
  return recordAfter(move, record.id);
}
