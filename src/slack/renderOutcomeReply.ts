import type { OutcomeDescription } from "../domain/describeOutcome.js";
import { escapeMrkdwn } from "../domain/escapeMrkdwn.js";
import type { RequestRecord } from "../domain/requestRecord.js";
import { code, link, mention } from "./mrkdwn.js";
import type { SlackMessage } from "./renderCard.js";

/** The reply in the card's thread: how it ended in plain words, who decided, GitHub's own words, what to do next. */
export function renderOutcomeReply(record: RequestRecord, description: OutcomeDescription, packageUrl: string): SlackMessage {
  const icon = description.ok ? ":white_check_mark:" : ":x:";
  const decision = record.decision;
  const who = decision?.by && decision.kind !== "cancelled" ? ` (${decision.kind} by ${mention(decision.by)})` : "";
  const headline = `${icon} ${mention(record.requester.userId)} ${escapeMrkdwn(description.headline)}${who}`;
  const lines = [headline];
  if (description.ok) lines.push(link(packageUrl, "Open the package on GitHub"));
  else if (description.checkOnGitHub) lines.push(link(packageUrl, "Check the package on GitHub"));
  if (description.nextStep) lines.push(escapeMrkdwn(description.nextStep));
  const blocks: SlackMessage["blocks"] = [{ type: "section", text: { type: "mrkdwn", text: lines.join("\n") } }];
  const github = githubDetails(record);
  if (github) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: github }] });
  return { text: headline, blocks };
}

function githubDetails(record: RequestRecord): string | undefined {
  const outcome = record.outcome;
  if (outcome?.status === undefined) return undefined;
  const parts = [`GitHub answered HTTP ${outcome.status}`];
  if (outcome.githubMessage) parts.push(`“${escapeMrkdwn(outcome.githubMessage.slice(0, 500))}”`);
  if (outcome.githubRequestId) parts.push(`request ID ${code(outcome.githubRequestId)}`);
  return parts.join(" · ");
}
