import type { WebClient } from "@slack/web-api";
import type { SlackProbe, SlackReading } from "../domain/ports/doctorProbes.js";

/** The Slack reads `doctor` makes with the bot token: auth.test, conversations.info, usergroups.users.list. */
export function createSlackDoctorProbe(client: WebClient): SlackProbe {
  return {
    authTest: () =>
      // WebClient reads Slack's `x-oauth-scopes` header into response_metadata.scopes.
      ask(async () => {
        const answer = await client.auth.test();
        const scopes = answer.response_metadata?.scopes;
        return scopes ? { scopes } : {};
      }),
    channel: (id) =>
      ask(async () => {
        const { channel } = await client.conversations.info({ channel: id });
        return {
          isMember: channel?.is_member === true,
          isPrivate: channel?.is_private === true,
          ...(channel?.name ? { name: channel.name } : {}),
        };
      }),
    userGroup: (id) =>
      ask(async () => ({ members: (await client.usergroups.users.list({ usergroup: id })).users?.length ?? 0 })),
  };
}

/** Slack's error code from a refused call (with the scope it needed), or why nothing answered. */
async function ask<T extends object>(call: () => Promise<T>): Promise<SlackReading<T>> {
  try {
    return { ok: true, ...(await call()) };
  } catch (error) {
    const data = (error as { data?: { error?: unknown; needed?: unknown } }).data;
    if (typeof data?.error === "string")
      return typeof data.needed === "string"
        ? { ok: false, error: data.error, needed: data.needed }
        : { ok: false, error: data.error };
    const code = (error as { code?: unknown }).code;
    return { ok: false, error: typeof code === "string" ? code : "no_answer" };
  }
}
