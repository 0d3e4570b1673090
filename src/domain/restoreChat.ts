import type { OutcomeDescription } from "./describeOutcome.js";
import type { RequestRecord, ThreadRef } from "./requestRecord.js";

export type PostResult = { posted: true; thread: ThreadRef } | { posted: false; reason: "bot_not_in_channel" };

/** The conversation around one request: the Slack adapter implements it per request. */
export interface RestoreChat {
  /** Posts the request message in the channel where the command was typed. */
  postRequest(record: RequestRecord): Promise<PostResult>;
  /** Redraws the request message for the record's current state. */
  updateRequest(record: RequestRecord): Promise<void>;
  /** Replies in the request's thread with the outcome. */
  replyOutcome(record: RequestRecord, description: OutcomeDescription): Promise<void>;
  /** Tells only the requester, privately. Plain text: the adapter escapes it. */
  tellRequester(text: string): Promise<void>;
}
