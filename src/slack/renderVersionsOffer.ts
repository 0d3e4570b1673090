import type { Button, KnownBlock } from "@slack/types";
import { escapeMrkdwn } from "../domain/escapeMrkdwn.js";
import type { OfferedVersion, VersionsOffer } from "../domain/restoreChat.js";
import { describePackage } from "../domain/restoreRequest.js";
import { code, slackDate } from "./mrkdwn.js";
import type { SlackMessage } from "./renderCard.js";

/** The "Request restore" buttons' action ID; their value is command text, read like a typed command. */
export const REQUEST_VERSION_ACTION = "restore_request_version";

/**
 * The private answer to `versions`: one section per deleted version (what it is,
 * when it was deleted, its ID) with a button that asks for it, then the page.
 * Or, when the package itself is deleted, the offer to restore the whole package.
 */
export function renderVersionsOffer(offer: VersionsOffer): SlackMessage {
  const what = escapeMrkdwn(describePackage(offer.package));
  if (offer.kind === "package_deleted") {
    const text = `:mag: GitHub shows no active ${what}, so it has no versions to list: the whole package seems to be deleted (or the name is wrong). Restoring the package brings its versions back with it.`;
    const caveat = offer.caveat ? `\n${escapeMrkdwn(offer.caveat)}` : "";
    return { text, blocks: [{ type: "section", block_id: "package_deleted", text: { type: "mrkdwn", text: text + caveat }, accessory: button("Request package restore", offer.command) }] };
  }
  const text = `:mag: Deleted versions of the ${what}, newest first`;
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text } }];
  for (const version of offer.versions) blocks.push(versionSection(version));
  const pages = `Page ${offer.page}${offer.lastPage ? ` of ${offer.lastPage}` : ""}`;
  const next = offer.nextPageCommand ? ` · next page: ${code(`/restore-package ${offer.nextPageCommand}`)}` : "";
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${pages}${next} · a button opens a request as if you had typed it` }] });
  return { text, blocks };
}

function versionSection(version: OfferedVersion): KnownBlock {
  const parts = [code(version.label), version.deletedAt ? `deleted ${slackDate(version.deletedAt)}` : "deleted", `ID ${version.id}`];
  if (version.command === undefined) parts.push("past GitHub's 30 days, so it can't be restored");
  return {
    type: "section",
    block_id: `version_${version.id}`,
    text: { type: "mrkdwn", text: parts.join(" · ") },
    ...(version.command === undefined ? {} : { accessory: button("Request restore", version.command) }),
  };
}

function button(label: string, command: string): Button {
  return { type: "button", action_id: REQUEST_VERSION_ACTION, text: { type: "plain_text", text: label }, value: command };
}
