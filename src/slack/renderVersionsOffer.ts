import type { Button, KnownBlock } from "@slack/types";
import { escapeMrkdwn } from "./escapeMrkdwn.js";
import type { OfferedVersion, VersionsOffer } from "../domain/ports/restoreChat.js";
import { describePackage } from "../domain/command/restoreRequest.js";
import { REQUEST_VERSION_ACTION } from "./actionIds.js";
import { BLOCK_KIT } from "./blockKitLimits.js";
import { code, slackDate } from "./mrkdwn.js";
import type { SlackMessage } from "./renderCard.js";
import { shortenText } from "./shortenText.js";
import { mrkdwnText } from "./textObjects.js";

/** A listing is its heading, one section per version and the page line: this many versions fill Slack's 50 blocks. */
const MAX_LISTED = BLOCK_KIT.blocks - 2;
/** A label (an image's tags, joined) shown in full up to here; GitHub's own page is the place for all of them. */
const MAX_LABEL = 500;

/**
 * The private answer to `versions`: one section per deleted version (what it is,
 * when it was deleted, its ID) with a button that asks for it, then the page.
 * Or, when the package itself is deleted, the offer to restore the whole package. `command` is the slash
 * command as configured, for the next page's; the buttons carry only what follows it.
 */
export function renderVersionsOffer(offer: VersionsOffer, command: string): SlackMessage {
  const what = escapeMrkdwn(describePackage(offer.package));
  if (offer.kind === "package_deleted") {
    const text = shortenText(
      `:mag: GitHub shows no active ${what}, so it has no versions to list: the whole package seems to be deleted (or the name is wrong). Restoring the package brings its versions back with it.`,
      BLOCK_KIT.messageText,
    );
    const caveat = offer.caveat ? `\n${escapeMrkdwn(offer.caveat)}` : "";
    const accessory = button("Request package restore", offer.command);
    return {
      text,
      blocks: [
        {
          type: "section",
          block_id: "package_deleted",
          text: mrkdwnText(text + caveat, BLOCK_KIT.sectionText),
          ...(accessory ? { accessory } : {}),
        },
      ],
    };
  }
  const text = shortenText(`:mag: Deleted versions of the ${what}, newest first`, BLOCK_KIT.messageText);
  const blocks: KnownBlock[] = [{ type: "section", text: mrkdwnText(text, BLOCK_KIT.sectionText) }];
  // More versions than blocks: the last section says so instead of showing one more.
  const shown = offer.versions.length > MAX_LISTED ? offer.versions.slice(0, MAX_LISTED - 1) : offer.versions;
  for (const version of shown) blocks.push(versionSection(version));
  const hidden = offer.versions.length - shown.length;
  if (hidden > 0)
    blocks.push({
      type: "section",
      text: mrkdwnText(
        `…and ${hidden} more on this page, not shown: Slack shows at most ${BLOCK_KIT.blocks} blocks in a message.`,
        BLOCK_KIT.sectionText,
      ),
    });
  const pages = `Page ${offer.page}${offer.lastPage ? ` of ${offer.lastPage}` : ""}`;
  const next = offer.nextPageCommand ? ` · next page: ${code(`${command} ${offer.nextPageCommand}`)}` : "";
  blocks.push({
    type: "context",
    elements: [mrkdwnText(`${pages}${next} · a button opens a request as if you had typed it`, BLOCK_KIT.contextText)],
  });
  return { text, blocks };
}

function versionSection(version: OfferedVersion): KnownBlock {
  const parts = [
    code(shortenText(version.label, MAX_LABEL, "plain_text")),
    version.deletedAt ? `deleted ${slackDate(version.deletedAt)}` : "deleted",
    `ID ${version.id}`,
  ];
  const accessory = version.command === undefined ? undefined : button("Request restore", version.command);
  if (version.command === undefined) parts.push("past GitHub's 30 days, so it can't be restored");
  else if (accessory === undefined) parts.push(`ask for it with \`version=${version.id}\``);
  return {
    type: "section",
    block_id: `version_${version.id}`,
    text: mrkdwnText(parts.join(" · "), BLOCK_KIT.sectionText),
    ...(accessory ? { accessory } : {}),
  };
}

/** A button whose value is the command it runs; none when the command is longer than a button's value may be. */
function button(label: string, command: string): Button | undefined {
  if (command.length > BLOCK_KIT.buttonValue) return undefined;
  return {
    type: "button",
    action_id: REQUEST_VERSION_ACTION,
    text: { type: "plain_text", text: label },
    value: command,
  };
}
