import type { PostFailure } from "../../ports/restoreChat.js";

/**
 * What the requester is told when the request card couldn't be posted, from
 * Slack's error: what happened, and what to do so the next try works.
 * `where` is e.g. "in this channel".
 */
export function notPostedMessage(failure: PostFailure, where: string, requestId: string): string {
  const code = failure.slackError;
  const said = `Slack said \`${code}\``;
  const nothing = "so nothing was restored";
  if (failure.transient)
    return `Slack was still failing to take the request card on the bot's last try (${said}), ${nothing}. Ask again in a few minutes.`;
  if (code === "not_in_channel" || code === "channel_not_found") {
    return `I can't post ${where} (${said}), ${nothing}. Invite me there with \`/invite @package-restore\` (or run the command in a channel I'm in), then ask again.`;
  }
  if (code === "is_archived")
    return `The channel is archived, so I couldn't post the request card ${where} and ${nothing}. Run the command in an active channel.`;
  if (code.startsWith("restricted_action")) {
    return `This workspace doesn't let me post ${where} (${said}), ${nothing}. Run the command in another channel, or ask a Slack admin to let apps post there.`;
  }
  if (code === "missing_scope") {
    const scope = failure.neededScope ? `the \`${failure.neededScope}\` scope` : "a scope it needs";
    return `The Slack app lacks ${scope} (${said}), so I couldn't post the request card and ${nothing}. A Slack admin must add it under OAuth & Permissions and reinstall the app.`;
  }
  if (code === "invalid_blocks") {
    return `Slack refused the request card's layout (${said}), ${nothing}. This is a bug in the bot: please tell its operators, quoting request \`${requestId}\`.`;
  }
  if (["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"].includes(code)) {
    return `Slack refused the bot's token (${said}), ${nothing}. An operator must check \`SLACK_BOT_TOKEN\`: the app may have been uninstalled or its token rotated.`;
  }
  return `Slack refused to post the request card ${where} (${said}), ${nothing}. Tell the bot's operators, quoting request \`${requestId}\`.`;
}
