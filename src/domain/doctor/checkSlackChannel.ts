import type { SlackProbe } from "../ports/doctorProbes.js";
import { type CheckResult, failed, passed } from "./checkResult.js";

/**
 * One configured channel (approvals or audit): the bot can post there, as a member or, in a public channel, with
 * chat:write.public. `conversations.info` needs channels:read (groups:read for a private channel) to say so.
 */
export async function checkSlackChannel(
  slack: SlackProbe,
  role: "approval" | "audit",
  channelId: string,
  scopes: readonly string[] | undefined,
): Promise<CheckResult> {
  const variable = role === "approval" ? "RESTORE_APPROVAL_CHANNEL" : "AUDIT_CHANNEL_ID";
  const check = `Slack ${role} channel ${channelId}`;
  const answer = await slack.channel(channelId);
  if (!answer.ok) {
    if (answer.error === "missing_scope")
      return failed(
        check,
        `could not check whether the bot is in it: the token lacks ${answer.needed ?? "channels:read"}.`,
        `Add ${answer.needed ?? "channels:read"} (groups:read for a private channel) under OAuth & Permissions → Bot Token Scopes and reinstall the app, so the doctor can see membership.`,
      );
    if (answer.error === "channel_not_found")
      return failed(
        check,
        "Slack finds no such channel for the bot (a private channel it is not in, or a wrong ID).",
        `Invite the bot there (/invite @package-restore), or correct ${variable}.`,
      );
    return failed(
      check,
      `could not check it: Slack answered ${answer.error}.`,
      "Run the doctor again; if it persists, check Slack's status.",
    );
  }
  const name = answer.name ? ` (#${answer.name})` : "";
  if (answer.isMember) return passed(check, `the bot is a member${name}.`);
  if (!answer.isPrivate && scopes?.includes("chat:write.public"))
    return passed(check, `the bot is not a member${name} but may post there with chat:write.public.`);
  return failed(
    check,
    `the bot is not a member${name}, so it can't post there.`,
    `Invite it: /invite @package-restore in that channel.`,
  );
}
