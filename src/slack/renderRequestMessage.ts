import type { KnownBlock } from "@slack/types";
import type { OutcomeDescription } from "../domain/describeOutcome.js";
import { escapeMrkdwn } from "../domain/escapeMrkdwn.js";
import type { RequestRecord } from "../domain/requestRecord.js";
import { escapeWithin, link, mention, slackDate } from "./mrkdwn.js";

/** Room for the reason in its section, under Slack's 3,000-character limit. */
const MAX_REASON_TEXT = 2900;

export interface SlackMessage {
  /** Notification and fallback text; mrkdwn, already escaped. */
  text: string;
  blocks: KnownBlock[];
}

/** The request message in the channel: what was asked, by whom, and where it stands. */
export function renderRequestMessage(record: RequestRecord, packageUrl: string, description?: OutcomeDescription): SlackMessage {
  const { request } = record;
  const name = escapeMrkdwn(request.packageName);
  const text = `${mention(record.requester.userId)} asked to restore the ${request.packageType} package ${name} in ${escapeMrkdwn(request.org)}`;
  const fields = [
    `*Org*\n${escapeMrkdwn(request.org)}`,
    `*Type*\n${request.packageType}`,
    `*Package*\n${link(packageUrl, request.packageName)}`,
    `*Requested by*\n${mention(record.requester.userId)}`,
  ];
  if (request.packageToken !== undefined) fields.push(`*Package token*\n\`${escapeMrkdwn(request.packageToken)}\``);
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `:package: *Package restore* for ${name}` }, fields: fields.map((field) => ({ type: "mrkdwn", text: field })) },
      { type: "section", text: { type: "mrkdwn", text: `*Reason*\n${request.reason ? escapeWithin(request.reason, MAX_REASON_TEXT) : "_none given_"}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: `${statusLine(record, description)} · request \`${record.id}\` · ${slackDate(record.createdAt)}` }] },
    ],
  };
}

function statusLine(record: RequestRecord, description: OutcomeDescription | undefined): string {
  switch (record.state) {
    case "received":
    case "restoring":
      return ":hourglass_flowing_sand: Restoring…";
    case "restored":
      return ":white_check_mark: Restored";
    case "failed":
      return `:x: Not restored${description ? `: ${escapeMrkdwn(description.headline)}` : ""}`;
    case "not_posted":
    case "refused":
      return ":no_entry: Not restored";
  }
}
