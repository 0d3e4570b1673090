import type { RespondFn } from "@slack/bolt";
import { ErrorCode, type WebClient } from "@slack/web-api";
import { describeFinalState } from "../domain/request/describeOutcome.js";
import type { PackageRestorer } from "../domain/ports/packageRestorer.js";
import type { RestoreChat } from "../domain/ports/restoreChat.js";
import { FINAL_STATES, type RequestRecord } from "../domain/request/requestRecord.js";
import { SlackCallError } from "../errors.js";
import { classifyPostFailure } from "./classifyPostFailure.js";
import { renderCard } from "./renderCard.js";
import { renderChatText } from "./renderChatText.js";
import { renderOutcomeReply } from "./renderOutcomeReply.js";
import { renderVersionsOffer } from "./renderVersionsOffer.js";

export interface SlackChatDeps {
  client: WebClient;
  /** The workspace's web address (from auth.test, cached per container), for links to messages. */
  workspaceUrl: () => Promise<string | undefined>;
  /** Posts to this job's response_url: the only way to reach someone where the bot can't post. */
  respond: RespondFn;
  github: Pick<PackageRestorer, "packageUrl" | "authMode">;
  /** The slash command as configured, for what cards and listings tell people to type. */
  command: string;
  /** The container registry's host, for the images a repair's card and thread name. */
  registryHost: string;
}

/** The longest Retry-After honoured inside a job; longer waits fail the job, and the hand-off retries it later. */
export const MAX_SLACK_RATE_LIMIT_WAIT_S = 5;

/** RestoreChat over Slack's Web API, for one job. */
export function createSlackChat({
  client,
  respond,
  github,
  workspaceUrl,
  command,
  registryHost,
}: SlackChatDeps): RestoreChat {
  const card = (record: RequestRecord) =>
    renderCard(
      record,
      github.packageUrl(record.request),
      command,
      FINAL_STATES.has(record.state) ? describeFinalState(record, github.authMode, command, registryHost) : undefined,
    );
  return {
    async postCard(record, channelId) {
      try {
        const result = await waitingOutRateLimits(() =>
          client.chat.postMessage({ channel: channelId, ...card(record), unfurl_links: false }),
        );
        if (!result.ts) throw new SlackCallError("chat.postMessage", "no_ts_in_answer");
        return { posted: true, thread: { channelId: result.channel ?? channelId, ts: result.ts } };
      } catch (error) {
        // Whatever Slack said becomes the answer; the flow decides whether to tell the requester now or retry.
        const failure = classifyPostFailure(error);
        if (failure === undefined) throw error;
        return failure;
      }
    },
    async updateCard(record) {
      const thread = requireThread(record);
      await waitingOutRateLimits(() =>
        client.chat.update({ channel: thread.channelId, ts: thread.ts, ...card(record) }),
      );
    },
    async replyInThread(record, description) {
      const thread = requireThread(record);
      const reply = renderOutcomeReply(record, description, github.packageUrl(record.request));
      await waitingOutRateLimits(() =>
        client.chat.postMessage({ channel: thread.channelId, thread_ts: thread.ts, ...reply, unfurl_links: false }),
      );
    },
    async tellPrivately(text) {
      await respond({ response_type: "ephemeral", replace_original: false, text: renderChatText(text) });
    },
    async offerVersions(offer) {
      await respond({ response_type: "ephemeral", replace_original: false, ...renderVersionsOffer(offer, command) });
    },
    async permalink(thread) {
      // Slack's permalink format, built instead of asking chat.getPermalink for every card.
      const base = await workspaceUrl();
      return base === undefined
        ? undefined
        : `${base.replace(/\/?$/, "/")}archives/${thread.channelId}/p${thread.ts.replace(".", "")}`;
    },
  };
}

/** Slack's 429s with a short Retry-After are waited out once; the client itself rejects rate-limited calls at once. */
async function waitingOutRateLimits<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const { code, retryAfter } = error as { code?: string; retryAfter?: number };
    if (code !== ErrorCode.RateLimitedError || retryAfter === undefined || retryAfter > MAX_SLACK_RATE_LIMIT_WAIT_S)
      throw error;
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    return call();
  }
}

function requireThread(record: RequestRecord) {
  if (record.thread === undefined) throw new SlackCallError("chat.update", "request_has_no_card");
  return record.thread;
}
