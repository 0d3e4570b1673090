import type { BlockAction, BlockElementAction } from "@slack/bolt";
import type { DecisionAction, DecisionJob } from "../domain/request/handleDecision.js";

/** Reads a button click into a DecisionJob; undefined when the payload lacks what a click must carry. */
export function readDecisionJob(
  job: { id: string; receivedAt: string },
  body: BlockAction,
  action: BlockElementAction,
  actions: Record<string, DecisionAction>,
): DecisionJob | undefined {
  const kind = actions[action.action_id];
  const requestId = "value" in action && typeof action.value === "string" ? action.value : undefined;
  const teamId = body.user.team_id ?? body.team?.id;
  const channelId = body.container?.channel_id ?? body.channel?.id;
  const ts = body.container?.message_ts ?? body.message?.ts;
  if (kind === undefined || !requestId || !teamId || !channelId || !ts || !body.user.id) return undefined;
  return {
    jobId: job.id,
    receivedAt: job.receivedAt,
    action: kind,
    requestId,
    actor: { teamId, userId: body.user.id },
    message: { channelId, ts },
  };
}
