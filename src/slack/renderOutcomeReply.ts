import type { OutcomeDescription } from "../domain/request/describeOutcome.js";
import { escapeMrkdwn } from "./escapeMrkdwn.js";
import type { RequestRecord } from "../domain/request/requestRecord.js";
import { BLOCK_KIT } from "./blockKitLimits.js";
import { code, link, mention } from "./mrkdwn.js";
import type { SlackMessage } from "./renderCard.js";
import { shortenText } from "./shortenText.js";
import { mrkdwnText } from "./textObjects.js";

/**
 * Shares of the reply's 3,000 characters, so a long headline (it quotes names and
 * version labels) can't push out the link and the next step, nor they each other.
 */
const MAX_HEADLINE = 1000;
const MAX_NEXT_STEP = 1000;
/** GitHub's own words, cut before escaping: an excerpt is enough to search GitHub's docs for. */
const MAX_GITHUB_MESSAGE = 500;
const MAX_GITHUB_REQUEST_ID = 100;

/** The reply in the card's thread: how it ended in plain words, who decided, GitHub's own words, what to do next. */
export function renderOutcomeReply(
  record: RequestRecord,
  description: OutcomeDescription,
  packageUrl: string,
): SlackMessage {
  const icon = description.ok ? ":white_check_mark:" : ":x:";
  const decision = record.decision;
  const who = decision?.by && decision.kind !== "cancelled" ? ` (${decision.kind} by ${mention(decision.by)})` : "";
  const headline = `${icon} ${mention(record.requester.userId)} ${shortenText(escapeMrkdwn(description.headline), MAX_HEADLINE)}${who}`;
  const lines = [headline];
  if (description.ok) lines.push(link(packageUrl, "Open the package on GitHub"));
  else if (description.checkOnGitHub) lines.push(link(packageUrl, "Check the package on GitHub"));
  if (description.nextStep) lines.push(shortenText(escapeMrkdwn(description.nextStep), MAX_NEXT_STEP));
  const blocks: SlackMessage["blocks"] = [
    { type: "section", text: mrkdwnText(lines.join("\n"), BLOCK_KIT.sectionText) },
  ];
  // A repair's lines, one per tag and per version not restored: cut as a whole, so the headline always shows.
  const details = (description.details ?? []).filter((line) => line.trim() !== "");
  if (details.length > 0)
    blocks.push({ type: "section", text: mrkdwnText(details.map(escapeMrkdwn).join("\n"), BLOCK_KIT.sectionText) });
  const github = githubDetails(record);
  if (github) blocks.push({ type: "context", elements: [mrkdwnText(github, BLOCK_KIT.contextText)] });
  return { text: headline, blocks };
}

function githubDetails(record: RequestRecord): string | undefined {
  const outcome = record.outcome;
  if (outcome?.status === undefined) return undefined;
  const parts = [`GitHub answered HTTP ${outcome.status}`];
  if (outcome.githubMessage)
    parts.push(`“${escapeMrkdwn(shortenText(outcome.githubMessage, MAX_GITHUB_MESSAGE, "plain_text"))}”`);
  if (outcome.githubRequestId)
    parts.push(`request ID ${code(shortenText(outcome.githubRequestId, MAX_GITHUB_REQUEST_ID, "plain_text"))}`);
  return parts.join(" · ");
}
