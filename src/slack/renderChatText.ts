import { escapeMrkdwn } from "./escapeMrkdwn.js";
import type { ChatText } from "../domain/ports/restoreChat.js";
import { BLOCK_KIT } from "./blockKitLimits.js";
import { link, mention, slackDate } from "./mrkdwn.js";
import { shortenText } from "./shortenText.js";

/**
 * Most of one stretch of text (a `history` line quotes a name, a version label and an org
 * in one), so one long entry can't crowd out the rest of a list.
 */
const MAX_PART = 1000;

/**
 * A private answer as mrkdwn: its text escaped, its mentions, dates and links rendered, the
 * whole within what Slack shows of a message's text.
 */
export function renderChatText(text: ChatText): string {
  const rendered = typeof text === "string" ? escapeMrkdwn(text) : text.map(renderPart).join("");
  return shortenText(rendered, BLOCK_KIT.messageText);
}

function renderPart(part: Exclude<ChatText, string>[number]): string {
  if (typeof part === "string") return shortenText(escapeMrkdwn(part), MAX_PART);
  if ("user" in part) return mention(part.user);
  if ("date" in part) return slackDate(part.date);
  return link(part.link, shortenText(part.label, MAX_PART, "plain_text"));
}
