// The signed requests Slack would send for a slash command and a button click.
// Built and signed on the server: the page never sees the signing secret.
import { signSlackRequest } from "../../src/slack/verifySlackSignature.js";
import type { PlaygroundUser } from "./stateTypes.js";

export const PLAYGROUND_TEAM = { id: "T0001", domain: "playground" } as const;
const APP_ID = "A0PLAYGROUND";

/** Slack sends `&`, `<` and `>` in what people type as HTML entities. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function triggerId(): string {
  return `${Date.now()}.${Math.random().toString(16).slice(2)}`;
}

export function commandForm(fields: {
  user: PlaygroundUser;
  channel: { id: string; name: string };
  command: string;
  text: string;
  responseUrl: string;
}): Record<string, string> {
  return {
    token: "unused-verification-token",
    team_id: PLAYGROUND_TEAM.id,
    team_domain: PLAYGROUND_TEAM.domain,
    channel_id: fields.channel.id,
    channel_name: fields.channel.name,
    user_id: fields.user.id,
    user_name: fields.user.name.toLowerCase(),
    command: fields.command,
    text: slackEscape(fields.text),
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: triggerId(),
  };
}

/** A `block_actions` payload for a click on `element` (a button) in the message `message`. */
export function clickForm(fields: {
  user: PlaygroundUser;
  channel: { id: string; name: string };
  message: { ts: string; thread_ts?: string; text?: string; blocks?: unknown[] };
  element: { action_id: string; block_id?: string; value?: string; text?: unknown; style?: string };
  responseUrl: string;
}): Record<string, string> {
  const { user, channel, message, element } = fields;
  const payload = {
    type: "block_actions",
    team: PLAYGROUND_TEAM,
    user: {
      id: user.id,
      username: user.name.toLowerCase(),
      name: user.name.toLowerCase(),
      team_id: PLAYGROUND_TEAM.id,
    },
    api_app_id: APP_ID,
    token: "unused-verification-token",
    trigger_id: triggerId(),
    container: {
      type: "message",
      message_ts: message.ts,
      channel_id: channel.id,
      is_ephemeral: false,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    },
    channel: { id: channel.id, name: channel.name },
    message: { type: "message", ts: message.ts, text: message.text ?? "", blocks: message.blocks ?? [] },
    state: { values: {} },
    response_url: fields.responseUrl,
    actions: [
      {
        type: "button",
        action_id: element.action_id,
        block_id: element.block_id ?? "",
        text: element.text,
        ...(element.value !== undefined ? { value: element.value } : {}),
        ...(element.style ? { style: element.style } : {}),
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return { payload: JSON.stringify(payload) };
}

/** POSTs the form to the bot's own request URL, signed as Slack signs. */
export async function postSigned(
  eventsUrl: string,
  secret: string,
  form: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams(form).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(eventsUrl, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signSlackRequest(secret, timestamp, body),
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}
