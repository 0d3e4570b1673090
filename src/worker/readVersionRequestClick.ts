import type { BlockAction, BlockElementAction } from "@slack/bolt";
import type { Person } from "../domain/request/requestRecord.js";

/** A click on a `versions` listing's "Request restore" button: who clicked, where, and the command text it carries. */
export interface VersionRequestClick {
  /** The button's value. Untrusted: it is parsed like anything typed after the slash command. */
  commandText: string;
  requester: Person;
  /** The channel of the listing (for an ephemeral message Slack still sends `container.channel_id`). */
  channelId: string;
}

/** Reads the click; undefined when the payload lacks what a click must carry. */
export function readVersionRequestClick(body: BlockAction, action: BlockElementAction): VersionRequestClick | undefined {
  const commandText = "value" in action && typeof action.value === "string" ? action.value : undefined;
  const teamId = body.user.team_id ?? body.team?.id;
  const channelId = body.container?.channel_id ?? body.channel?.id;
  if (!commandText || !teamId || !channelId || !body.user.id) return undefined;
  return { commandText, requester: { teamId, userId: body.user.id }, channelId };
}
