import type { RespondFn } from "@slack/bolt";
import { ErrorCode, type WebClient } from "@slack/web-api";
import { escapeMrkdwn } from "../domain/escapeMrkdwn.js";
import type { RestoreChat } from "../domain/restoreChat.js";
import type { RequestRecord } from "../domain/requestRecord.js";
import { SlackCallError } from "../errors.js";
import { renderOutcomeReply } from "./renderOutcomeReply.js";
import { renderRequestMessage } from "./renderRequestMessage.js";

/**
 * Slack errors meaning "the bot can't post here": not a member, a private
 * channel it isn't in, or a DM between two people.
 */
const CANNOT_POST_HERE = new Set(["not_in_channel", "channel_not_found", "is_archived", "restricted_action"]);

export interface SlackChatDeps {
  client: WebClient;
  /** Posts to the command's response_url: the only way to reach someone where the bot can't post. */
  respond: RespondFn;
  packageUrl: string;
}

/** RestoreChat over Slack's Web API, for one request. */
export function createSlackChat({ client, respond, packageUrl }: SlackChatDeps): RestoreChat {
  let lastDescription: Parameters<RestoreChat["replyOutcome"]>[1] | undefined;
  return {
    async postRequest(record) {
      const message = renderRequestMessage(record, packageUrl);
      try {
        const result = await client.chat.postMessage({ channel: record.channelId, ...message, unfurl_links: false });
        if (!result.ts) throw new SlackCallError("chat.postMessage", "no_ts_in_answer");
        return { posted: true, thread: { channelId: result.channel ?? record.channelId, ts: result.ts } };
      } catch (error) {
        if (isPlatformError(error) && CANNOT_POST_HERE.has(error.data.error)) return { posted: false, reason: "bot_not_in_channel" };
        throw error;
      }
    },
    async updateRequest(record) {
      const thread = requireThread(record);
      await client.chat.update({ channel: thread.channelId, ts: thread.ts, ...renderRequestMessage(record, packageUrl, lastDescription) });
    },
    async replyOutcome(record, description) {
      lastDescription = description;
      const thread = requireThread(record);
      await client.chat.postMessage({ channel: thread.channelId, thread_ts: thread.ts, ...renderOutcomeReply(record, description, packageUrl), unfurl_links: false });
    },
    async tellRequester(text) {
      await respond({ response_type: "ephemeral", replace_original: false, text: escapeMrkdwn(text) });
    },
  };
}

function requireThread(record: RequestRecord) {
  if (record.thread === undefined) throw new SlackCallError("chat.update", "request_has_no_message");
  return record.thread;
}

function isPlatformError(error: unknown): error is { code: string; data: { error: string } } {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === ErrorCode.PlatformError;
}
