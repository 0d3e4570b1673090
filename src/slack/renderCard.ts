import type { ActionsBlock, KnownBlock } from "@slack/types";
import type { OutcomeDescription } from "../domain/describeOutcome.js";
import { escapeMrkdwn } from "../domain/escapeMrkdwn.js";
import type { RequestRecord } from "../domain/requestRecord.js";
import { describePrecheck } from "../domain/precheck.js";
import { describeTarget, isResolved } from "../domain/restoreRequest.js";
import { code, link, mention, slackDate } from "./mrkdwn.js";

/** Room for the reason in its section, under Slack's 3,000-character limit. */
const MAX_REASON_TEXT = 2900;

/** The buttons' action IDs; the worker listens for exactly these. */
export const ACTION_IDS = { approve: "restore_approve", deny: "restore_deny", cancel: "restore_cancel" } as const;

export interface SlackMessage {
  /** Notification and fallback text; mrkdwn, already escaped. */
  text: string;
  blocks: KnownBlock[];
}

/**
 * The request card: what was asked, by whom, why, and where it stands. Buttons
 * appear only while the request is pending; their value is the request ID,
 * which the worker uses only to look the request up.
 */
export function renderCard(record: RequestRecord, packageUrl: string, description?: OutcomeDescription): SlackMessage {
  const { request } = record;
  const name = code(request.packageName);
  const verb = record.state === "pending" ? "asks to restore" : "asked to restore";
  const fields = [
    `*Org*\n${escapeMrkdwn(request.org)}`,
    `*Type*\n${request.packageType}`,
    `*Package*\n${name} · ${link(packageUrl, "on GitHub")}`,
    `*Requested by*\n${mention(record.requester.userId)}`,
  ];
  const { target } = request;
  if (target.kind === "version") fields.push(`*Version*\n${target.label ? `${code(target.label)} · ` : ""}ID ${target.versionId}`);
  if (request.packageToken !== undefined) fields.push(`*Package token*\n${code(request.packageToken)}`);
  const title = target.kind === "package" ? `:package: *Package restore* for ${name}` : `:package: *Version restore* for ${name}`;
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: title }, fields: fields.map((field) => ({ type: "mrkdwn", text: field })) },
    // plain_text: Slack shows the reason exactly as typed, so it can't ping, link or format.
    { type: "section", text: { type: "plain_text", text: `Reason: ${request.reason ? cut(request.reason, MAX_REASON_TEXT) : "none given"}`, emoji: false } },
  ];
  // What GitHub showed before anyone approves, so approvers see a doomed restore coming.
  if (record.precheck !== undefined && isResolved(request)) {
    const icon = record.precheck.kind === "restorable" || record.precheck.kind === "unknown" ? ":mag:" : ":warning:";
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${icon} ${escapeMrkdwn(describePrecheck(record.precheck, request))}` }] });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${statusLine(record, description)} · request \`${record.id}\`` }] });
  if (record.state === "pending") blocks.push(buttons(record));
  return { text: `${mention(record.requester.userId)} ${verb} the ${escapeMrkdwn(describeTarget(request))}`, blocks };
}

function cut(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

function buttons(record: RequestRecord): ActionsBlock {
  const what = escapeMrkdwn(describeTarget(record.request));
  return {
    type: "actions",
    block_id: "restore_decision",
    elements: [
      {
        type: "button",
        action_id: ACTION_IDS.approve,
        style: "primary",
        text: { type: "plain_text", text: "Approve" },
        value: record.id,
        confirm: {
          title: { type: "plain_text", text: record.request.target.kind === "package" ? "Restore this package?" : "Restore this version?" },
          text: { type: "mrkdwn", text: `GitHub will restore the ${what} as it was when it was deleted.` },
          confirm: { type: "plain_text", text: "Approve and restore" },
          deny: { type: "plain_text", text: "Back" },
        },
      },
      { type: "button", action_id: ACTION_IDS.deny, style: "danger", text: { type: "plain_text", text: "Deny" }, value: record.id },
      { type: "button", action_id: ACTION_IDS.cancel, text: { type: "plain_text", text: "Cancel" }, value: record.id },
    ],
  };
}

function statusLine(record: RequestRecord, description: OutcomeDescription | undefined): string {
  const decision = record.decision;
  const decided = decision?.by ? ` by ${mention(decision.by)} ${slackDate(decision.at)}` : "";
  const approved = decision?.kind === "approved" ? `:ballot_box_with_check: Approved${decided} · ` : "";
  switch (record.state) {
    case "received":
      return `:hourglass_flowing_sand: Received ${slackDate(record.createdAt)}`;
    case "pending":
      return `:hourglass_flowing_sand: Waiting for approval · expires ${record.expiresAt ? slackDate(record.expiresAt) : "never"}`;
    case "approved":
    case "restoring":
      return `${approved}:hourglass_flowing_sand: Restoring…`;
    case "restored":
      return `${approved}:white_check_mark: Restored`;
    case "failed":
      return `${approved}:x: Not restored${description ? `: ${escapeMrkdwn(description.headline)}` : ""}`;
    case "denied":
      return `:no_entry: Denied${decided}`;
    case "cancelled":
      return `:heavy_multiplication_x: Cancelled${decided}`;
    case "expired":
      return `:hourglass: Expired ${record.expiresAt ? slackDate(record.expiresAt) : ""} with no decision`;
    case "refused":
    case "not_posted":
    case "duplicate":
      return ":no_entry: Not restored";
  }
}
