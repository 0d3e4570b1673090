import { signSlackRequest } from "../../src/slack/verifySlackSignature.js";

export interface CommandFields {
  text: string;
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
    command: "/restore-package",
    text: fields.text,
    api_app_id: "A0PKGRESTORE",
    is_enterprise_install: "false",
    response_url: fields.responseUrl ?? "http://127.0.0.1:9/unused",
    trigger_id: `${Date.now()}.1.${Math.random().toString(16).slice(2)}`,
  };
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

export async function postSigned(url: string, secret: string, form: Record<string, string>): Promise<{ status: number; text: string; json: { text?: string; response_type?: string } | undefined }> {
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
