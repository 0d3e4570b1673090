import type { RestoreRequest } from "./restoreRequest.js";
import type { RestoreOutcome } from "./restoreOutcome.js";

/**
 * Where a request is. Direct path: received → restoring → restored | failed;
 * received → not_posted when the bot can't post in the channel;
 * received → refused when the policy doesn't allow the requester or org.
 */
export type RequestState = "received" | "restoring" | "restored" | "failed" | "not_posted" | "refused";

/** A Slack user, as IDs only. */
export interface Person {
  teamId: string;
  userId: string;
}

/** The message a request is discussed under; replies go in its thread. */
export interface ThreadRef {
  channelId: string;
  ts: string;
}

export interface RequestRecord {
  id: string;
  requester: Person;
  /** Where the command was typed. */
  channelId: string;
  request: RestoreRequest;
  state: RequestState;
  createdAt: string;
  updatedAt: string;
  thread?: ThreadRef;
  outcome?: RestoreOutcome;
  /** True once the outcome reached the thread (or the requester), so a redelivery doesn't tell twice. */
  reported?: boolean;
}
