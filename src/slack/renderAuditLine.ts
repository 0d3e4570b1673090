import type { AuditEvent } from "../domain/audit/auditEvent.js";
import { escapeMrkdwn } from "./escapeMrkdwn.js";
import { BLOCK_KIT } from "./blockKitLimits.js";
import { code, link, mention, slackDate } from "./mrkdwn.js";
import { shortenText } from "./shortenText.js";

/** A name, label or ID quoted in the audit channel; the audit store and export keep them whole. */
const MAX_PIECE = 300;

const ICONS: Record<AuditEvent["event"], string> = {
  requested: ":inbox_tray:",
  refused: ":no_entry_sign:",
  approved: ":ballot_box_with_check:",
  denied: ":no_entry:",
  cancelled: ":heavy_multiplication_x:",
  expired: ":hourglass:",
  restore_started: ":arrows_counterclockwise:",
  restored: ":white_check_mark:",
  restore_failed: ":x:",
  version_restored: ":white_check_mark:",
  version_restore_failed: ":x:",
  repair_verified: ":mag:",
};

/** One line for the audit channel: event, package, who, GitHub's status, and a link to the card's thread. */
export function renderAuditLine(event: AuditEvent): string {
  // Bad input is audited too, so any of these may be arbitrary user text: all shown as code.
  const quote = (text: string) => code(shortenText(text, MAX_PIECE, "plain_text"));
  const what: string[] = [];
  if (event.packageType) what.push(quote(event.packageType));
  if (event.packageName) what.push(quote(event.packageName));
  if (event.versionId !== undefined || event.versionLabel)
    what.push(
      `version ${[event.versionLabel ? quote(event.versionLabel) : "", event.versionId !== undefined ? `ID ${event.versionId}` : ""].filter(Boolean).join(" ")}`,
    );
  if (event.org) what.push(`in ${quote(event.org)}`);
  const parts = [`${ICONS[event.event]} *${event.event.replace(/_/g, " ")}*`, what.join(" ")];
  parts.push(event.actor ? `by ${mention(event.actor.userId)}` : "by nobody");
  if (event.actor?.userId !== event.requester.userId) parts.push(`for ${mention(event.requester.userId)}`);
  if (event.event === "refused" && event.decision) parts.push(escapeMrkdwn(event.decision.replace(/_/g, " ")));
  if (event.event === "repair_verified" && event.decision) parts.push(escapeMrkdwn(event.decision));
  if (event.github?.status !== undefined) parts.push(`GitHub ${event.github.status}`);
  if (event.github?.requestId) parts.push(quote(event.github.requestId));
  parts.push(slackDate(event.at));
  if (event.threadLink) parts.push(link(event.threadLink, "thread"));
  return shortenText(parts.join(" · "), BLOCK_KIT.messageText);
}
