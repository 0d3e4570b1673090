import type { OutcomeDescription } from "./describeOutcome.js";
import type { RequestRecord, ThreadRef } from "./requestRecord.js";

/**
 * Plain text, or text with mentions, dates and links in it; the adapter escapes
 * the text and renders the rest. Links must be URLs the bot made, never user input.
 */
export type ChatText = string | ReadonlyArray<string | { user: string } | { date: string } | { link: string; label: string }>;

export type PostResult = { posted: true; thread: ThreadRef } | { posted: false; reason: "bot_not_in_channel" };

/**
 * The conversation around one job: the Slack adapter implements it per job, so
 * "privately" means the person whose command or click this job is.
 */
export interface RestoreChat {
  /** Posts the request card in `channelId`. */
  postCard(record: RequestRecord, channelId: string): Promise<PostResult>;
  /** Redraws the card for the record's current state (buttons only while pending). */
  updateCard(record: RequestRecord): Promise<void>;
  /** Replies in the card's thread, mentioning the requester. */
  replyInThread(record: RequestRecord, description: OutcomeDescription): Promise<void>;
  /** Tells only the person behind this job. */
  tellPrivately(text: ChatText): Promise<void>;
  /** A link to the card, or undefined when Slack won't give one. */
  permalink(thread: ThreadRef): Promise<string | undefined>;
}
