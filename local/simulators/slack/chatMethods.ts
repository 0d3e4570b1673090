/**
 * chat.postMessage, chat.update and chat.postEphemeral.
 * https://docs.slack.dev/reference/methods/chat.postMessage (and chat.update, chat.postEphemeral)
 */
import { compact, failure, invalidBlocks, missingArgument, stringArg } from "./apiResult.js";
import type { ApiResult, MethodHandler } from "./apiResult.js";
import { validateBlocks } from "./blockKit.js";
import type { SlackSimState } from "./state.js";
import type { SimMessage } from "./types.js";

/** Slack truncates longer messages; the simulator refuses them so tests notice. */
export const MAX_POST_TEXT = 40_000;
/** chat.update refuses text over 4,000 characters. */
export const MAX_UPDATE_TEXT = 4_000;

interface Content {
  /** Undefined when the caller did not send `text` (or sent an empty one). */
  text?: string;
  /** Undefined when the caller did not send `blocks`; may be an empty array. */
  blocks?: unknown[];
  hasAttachments: boolean;
}

/** Decodes and validates the message content arguments, or returns the Slack error. */
function readContent(args: Record<string, unknown>, maxText: number): Content | ApiResult {
  const text = stringArg(args, "text");
  if (text !== undefined && text.length > maxText) return failure("msg_too_long");

  let blocks: unknown[] | undefined;
  if (args.blocks !== undefined) {
    if (!Array.isArray(args.blocks)) return failure("invalid_blocks_format");
    const problems = validateBlocks(args.blocks);
    if (problems.length > 0) return invalidBlocks(problems);
    blocks = args.blocks;
  }

  if (args.attachments !== undefined && !Array.isArray(args.attachments)) {
    return failure("invalid_attachments");
  }
  const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
  return compact({ text, blocks, hasAttachments });
}

function isFailure(value: Content | ApiResult): value is ApiResult {
  return "ok" in value;
}

function hasVisibleContent(content: Content): boolean {
  return content.text !== undefined || (content.blocks?.length ?? 0) > 0 || content.hasAttachments;
}

/** The `message` object Slack includes in chat.postMessage / chat.update answers. */
function messageJson(msg: SimMessage, state: SlackSimState): Record<string, unknown> {
  const { botId, teamId } = state.identity;
  return compact({
    type: "message",
    user: msg.user,
    bot_id: msg.user === state.identity.botUserId ? botId : undefined,
    team: teamId,
    text: msg.text ?? "",
    ts: msg.ts,
    thread_ts: msg.thread_ts,
    blocks: msg.blocks,
    edited: msg.edited ? { user: msg.user, ts: `${Math.floor(state.now() / 1000)}.000000` } : undefined,
  });
}

const postMessage: MethodHandler = (args, state) => {
  const channel = stringArg(args, "channel");
  if (!channel) return failure("channel_not_found");
  const access = state.membership(channel);
  // chat:write.public posts in public channels the bot was never invited to.
  if (access !== "member" && !(access === "not_in_channel" && state.hasScope("chat:write.public")))
    return failure(access);

  const content = readContent(args, MAX_POST_TEXT);
  if (isFailure(content)) return content;
  if (!hasVisibleContent(content)) return failure("no_text");

  // Like Slack, a thread_ts naming no message is accepted; the reply is then shown nowhere.
  const msg = state.addMessage(
    compact({
      channel,
      thread_ts: stringArg(args, "thread_ts"),
      text: content.text,
      blocks: content.blocks?.length ? content.blocks : undefined,
      user: state.identity.botUserId,
    }),
  );
  return { ok: true, channel, ts: msg.ts, message: messageJson(msg, state) };
};

const update: MethodHandler = (args, state) => {
  const channel = stringArg(args, "channel");
  if (!channel) return failure("channel_not_found");
  const ts = stringArg(args, "ts");
  if (!ts) return failure("message_not_found");

  const msg = state.findMessage(channel, ts);
  if (!msg) return failure("message_not_found");
  if (msg.user !== state.identity.botUserId) return failure("cant_update_message");

  const content = readContent(args, MAX_UPDATE_TEXT);
  if (isFailure(content)) return content;
  if (content.text === undefined && content.blocks === undefined && !content.hasAttachments) {
    return failure("no_text");
  }

  msg.history.push(compact({ text: msg.text, blocks: msg.blocks }));
  if (content.text !== undefined) msg.text = content.text;
  // Omitted blocks are kept; an empty array removes them (chat.update docs).
  if (content.blocks !== undefined) {
    if (content.blocks.length > 0) msg.blocks = content.blocks;
    else delete msg.blocks;
  }
  msg.edited = true;
  return { ok: true, channel, ts, text: msg.text ?? "", message: messageJson(msg, state) };
};

const postEphemeral: MethodHandler = (args, state) => {
  const channel = stringArg(args, "channel");
  if (!channel) return failure("channel_not_found");
  const user = stringArg(args, "user");
  if (!user) return missingArgument("user");
  const access = state.membership(channel);
  if (access !== "member") return failure(access);

  const content = readContent(args, MAX_POST_TEXT);
  if (isFailure(content)) return content;
  if (!hasVisibleContent(content)) return failure("no_text");

  const messageTs = state.nextTs();
  state.addEphemeral(
    compact({
      channel,
      user,
      message_ts: messageTs,
      thread_ts: stringArg(args, "thread_ts"),
      text: content.text,
      blocks: content.blocks?.length ? content.blocks : undefined,
      at: state.now(),
    }),
  );
  return { ok: true, message_ts: messageTs };
};

export const chatMethods: Record<string, MethodHandler> = {
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.postEphemeral": postEphemeral,
};
