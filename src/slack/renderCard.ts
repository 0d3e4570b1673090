import type { ActionsBlock, KnownBlock } from "@slack/types";
import type { OutcomeDescription } from "../domain/request/describeOutcome.js";
import { describeWait } from "./describeWait.js";
import { escapeMrkdwn } from "./escapeMrkdwn.js";
import type { RequestRecord } from "../domain/request/requestRecord.js";
import { describePrecheck } from "../domain/request/messages/describePrecheck.js";
import {
  describeTarget,
  isResolved,
  type RestoreRequest,
  type RestoreTarget,
} from "../domain/command/restoreRequest.js";
import { ACTION_IDS } from "./actionIds.js";
import { BLOCK_KIT } from "./blockKitLimits.js";
import { code, link, mention, slackDate } from "./mrkdwn.js";
import { shortenText } from "./shortenText.js";
import { mrkdwnText, plainText } from "./textObjects.js";
import { renderChatText } from "./renderChatText.js";
import { repairItemLine } from "../domain/request/messages/repairMessages.js";
import type { RepairItem } from "../domain/repair/repairState.js";

/**
 * How much of a name and of a version label the confirm dialog quotes: its 300 characters
 * also hold the sentence, the version ID, the type and the org (about 150 at most).
 */
const CONFIRM_NAME = 85;
const CONFIRM_LABEL = 60;

export interface SlackMessage {
  /** Notification and fallback text; mrkdwn, already escaped. */
  text: string;
  blocks: KnownBlock[];
}

/**
 * The request card: what was asked, by whom, why, and where it stands. Buttons
 * appear only while the request is pending; their value is the request ID,
 * which the worker uses only to look the request up. `command` is the slash command as configured,
 * for the pre-check's advice.
 */
export function renderCard(
  record: RequestRecord,
  packageUrl: string,
  command: string,
  description?: OutcomeDescription,
): SlackMessage {
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
  if (target.kind === "version")
    fields.push(`*Version*\n${target.label ? `${code(target.label)} · ` : ""}ID ${target.versionId}`);
  if (request.packageToken !== undefined) fields.push(`*Package token*\n${code(request.packageToken)}`);
  const title = `:package: *${TITLES[target.kind]}* for ${name}`;
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwnText(title, BLOCK_KIT.sectionText),
      fields: fields.map((field) => mrkdwnText(field, BLOCK_KIT.fieldText)),
    },
    // plain_text: Slack shows the reason exactly as typed, so it can't ping, link or format.
    {
      type: "section",
      text: plainText(`Reason: ${request.reason || "none given"}`, BLOCK_KIT.sectionText, { emoji: false }),
    },
  ];
  if (record.repair !== undefined) blocks.push(repairList(record.repair.items));
  // What GitHub showed before anyone approves, so approvers see a doomed restore coming.
  if (record.precheck !== undefined && isResolved(request)) {
    const icon = record.precheck.kind === "restorable" || record.precheck.kind === "unknown" ? ":mag:" : ":warning:";
    blocks.push({
      type: "context",
      elements: [
        mrkdwnText(
          `${icon} ${escapeMrkdwn(describePrecheck(record.precheck, request, command))}`,
          BLOCK_KIT.contextText,
        ),
      ],
    });
  }
  // The request ID is how people find a request in the logs and the audit: it is never the part cut.
  const requestId = ` · request \`${record.id}\``;
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: shortenText(statusLine(record, description), BLOCK_KIT.contextText - requestId.length) + requestId,
      },
    ],
  });
  if (record.state === "pending") blocks.push(buttons(record));
  return {
    text: shortenText(
      `${mention(record.requester.userId)} ${verb} the ${escapeMrkdwn(describeTarget(request))}`,
      BLOCK_KIT.updateText,
    ),
    blocks,
  };
}

const TITLES: Record<RestoreTarget["kind"], string> = {
  package: "Package restore",
  version: "Version restore",
  version_lookup: "Version restore",
  repair: "Image repair",
};

/** What a repair restores, one line per version; past what a section holds, the rest are counted. */
function repairList(items: readonly RepairItem[]): KnownBlock {
  const heading = `*Versions to restore* (${items.length}): platform manifests and attestations the tag needs`;
  const lines = items.map((item) => renderChatText(repairItemLine(item)));
  let shown = lines.length;
  const text = (count: number) =>
    [heading, ...lines.slice(0, count), ...(count < lines.length ? [`…and ${lines.length - count} more`] : [])].join(
      "\n",
    );
  while (shown > 0 && text(shown).length > BLOCK_KIT.sectionText) shown -= 1;
  return { type: "section", text: mrkdwnText(text(shown), BLOCK_KIT.sectionText) };
}

function buttons(record: RequestRecord): ActionsBlock {
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
          title: {
            type: "plain_text",
            text: CONFIRM_TITLES[record.request.target.kind],
          },
          text: mrkdwnText(
            `GitHub will restore the ${escapeMrkdwn(describeTarget(withShortNames(record.request)))} as it was when it was deleted.`,
            BLOCK_KIT.confirmText,
          ),
          confirm: { type: "plain_text", text: "Approve and restore" },
          deny: { type: "plain_text", text: "Back" },
        },
      },
      {
        type: "button",
        action_id: ACTION_IDS.deny,
        style: "danger",
        text: { type: "plain_text", text: "Deny" },
        value: record.id,
      },
      { type: "button", action_id: ACTION_IDS.cancel, text: { type: "plain_text", text: "Cancel" }, value: record.id },
    ],
  };
}

const CONFIRM_TITLES: Record<RestoreTarget["kind"], string> = {
  package: "Restore this package?",
  version: "Restore this version?",
  version_lookup: "Restore this version?",
  repair: "Restore these versions?",
};

/** The request with its name and version label cut (before escaping) to what the confirm dialog can quote. */
function withShortNames(request: RestoreRequest): RestoreRequest {
  return {
    ...request,
    packageName: shortenText(request.packageName, CONFIRM_NAME, "plain_text"),
    target: withShortLabel(request.target),
  };
}

function withShortLabel(target: RestoreTarget): RestoreTarget {
  const short = (text: string) => shortenText(text, CONFIRM_LABEL, "plain_text");
  switch (target.kind) {
    case "package":
    case "repair":
      return target;
    case "version":
      return target.label === undefined ? target : { ...target, label: short(target.label) };
    case "version_lookup":
      return {
        kind: "version_lookup",
        selector:
          target.selector.by === "tag"
            ? { by: "tag", tag: short(target.selector.tag) }
            : { by: "name", name: short(target.selector.name) },
      };
  }
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
      return record.expiresAt
        ? `:hourglass: Expired ${slackDate(record.expiresAt)}: nobody decided within ${describeWait(Date.parse(record.expiresAt) - Date.parse(record.createdAt))}`
        : ":hourglass: Expired: nobody decided in time";
    case "refused":
    case "not_posted":
    case "duplicate":
      return ":no_entry: Not restored";
  }
}
