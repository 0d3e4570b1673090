import { signSlackRequest } from "../../../src/slack/verifySlackSignature.js";

export interface CommandFields {
  text: string;
  /** The slash command's name; default `/restore-package`, the name `SLACK_COMMAND` changes. */
  command?: string;
  userId?: string;
  channelId?: string;
  teamId?: string;
  responseUrl?: string;
}

/** The form Slack posts for a slash command. */
export function commandBody(fields: CommandFields): Record<string, string> {
  return {
    token: "deprecated-verification-token",
    team_id: fields.teamId ?? "T0001",
    team_domain: "acme",
    channel_id: fields.channelId ?? "C0RESTORE",
    channel_name: "releases",
    user_id: fields.userId ?? "U0REQUESTER",
    user_name: "requester",
    command: fields.command ?? "/restore-package",
    text: fields.text,
    api_app_id: "A0PKGRESTORE",
    is_enterprise_install: "false",
    response_url: fields.responseUrl ?? "http://127.0.0.1:9/unused",
    trigger_id: `${Date.now()}.1.${Math.random().toString(16).slice(2)}`,
  };
}

export interface ClickFields {
  action: "approve" | "deny" | "cancel";
  card: { channel: string; ts: string; blocks?: unknown[] };
  userId: string;
  teamId?: string;
  responseUrl?: string;
  /** Overrides the button's value (the request ID), to play a tampered click. */
  value?: string;
}

/** The form Slack posts when someone clicks one of a card's buttons. */
export function clickPayload(fields: ClickFields): Record<string, string> {
  const actions = (
    fields.card.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }> | undefined
  )?.find((block) => block.type === "actions");
  const button = actions?.elements?.find((element) => element.action_id === `restore_${fields.action}`);
  const teamId = fields.teamId ?? "T0001";
  const payload = {
    type: "block_actions",
    team: { id: teamId, domain: "acme" },
    user: { id: fields.userId, username: fields.userId.toLowerCase(), team_id: teamId },
    api_app_id: "A0PKGRESTORE",
    trigger_id: `${Date.now()}.2.${Math.random().toString(16).slice(2)}`,
    container: { type: "message", message_ts: fields.card.ts, channel_id: fields.card.channel, is_ephemeral: false },
    channel: { id: fields.card.channel, name: "releases" },
    message: { type: "message", ts: fields.card.ts },
    response_url: fields.responseUrl ?? "http://127.0.0.1:9/unused",
    actions: [
      {
        type: "button",
        action_id: `restore_${fields.action}`,
        block_id: "restore_decision",
        value: fields.value ?? button?.value ?? "",
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return { payload: JSON.stringify(payload) };
}

export interface ButtonFields {
  /** The button as the bot rendered it, and the id of the block it sits in. */
  button: { action_id: string; value?: string };
  blockId?: string;
  userId: string;
  teamId?: string;
  /** The channel the message is in; an ephemeral message (a private answer) has no `ts` of its own in the channel. */
  channel: string;
  messageTs?: string;
  ephemeral?: boolean;
  responseUrl?: string;
}

/** The form Slack posts when someone clicks any button, e.g. one in a private (ephemeral) answer. */
export function buttonPayload(fields: ButtonFields): Record<string, string> {
  const teamId = fields.teamId ?? "T0001";
  const ts = fields.messageTs ?? `${Math.floor(Date.now() / 1000)}.000900`;
  const payload = {
    type: "block_actions",
    team: { id: teamId, domain: "acme" },
    user: { id: fields.userId, username: fields.userId.toLowerCase(), team_id: teamId },
    api_app_id: "A0PKGRESTORE",
    trigger_id: `${Date.now()}.3.${Math.random().toString(16).slice(2)}`,
    container: { type: "message", message_ts: ts, channel_id: fields.channel, is_ephemeral: fields.ephemeral ?? false },
    channel: { id: fields.channel, name: "releases" },
    response_url: fields.responseUrl ?? "http://127.0.0.1:9/unused",
    actions: [
      {
        type: "button",
        action_id: fields.button.action_id,
        block_id: fields.blockId ?? "b",
        value: fields.button.value ?? "",
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return { payload: JSON.stringify(payload) };
}

/** Headers Slack would send with this raw body, signed at `nowMs`. */
export function signedHeaders(secret: string, rawBody: string, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": timestamp,
    "x-slack-signature": signSlackRequest(secret, timestamp, rawBody),
  };
}

export async function postSigned(
  url: string,
  secret: string,
  form: Record<string, string>,
): Promise<{ status: number; text: string; json: { text?: string; response_type?: string } | undefined }> {
  const body = new URLSearchParams(form).toString();
  const response = await fetch(`${url}/slack/events`, { method: "POST", headers: signedHeaders(secret, body), body });
  const text = await response.text();
  let json: { text?: string } | undefined;
  try {
    json = JSON.parse(text) as { text?: string };
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}
