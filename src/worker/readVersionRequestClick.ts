import type { BlockAction } from "@slack/bolt";
import type { Person } from "../domain/request/requestRecord.js";

/**
 * A click on a `versions` listing's "Request restore" button: who clicked, and where. The command text the button
 * carries is not read here: the HTTP function parsed it, and the job carries that parse.
 */
export interface VersionRequestClick {
  requester: Person;
  /** The channel of the listing (for an ephemeral message Slack still sends `container.channel_id`). */
  channelId: string;
}

/** Reads the click; undefined when the payload lacks what a click must carry. */
export function readVersionRequestClick(body: BlockAction): VersionRequestClick | undefined {
  const teamId = body.user.team_id ?? body.team?.id;
  const channelId = body.container?.channel_id ?? body.channel?.id;
  if (!teamId || !channelId || !body.user.id) return undefined;
  return { requester: { teamId, userId: body.user.id }, channelId };
}
