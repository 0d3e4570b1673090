import { pickFields } from "./pickFields.js";

/**
 * What the worker reads of a button click. Bolt routes on `type` and the first action's `action_id`, takes the team
 * from `team` (else `user.team_id`), the enterprise from `enterprise` or `team`, and `respond` from `response_url`;
 * the listeners read the clicker, the action's value (a card button's request ID) and the message the button was on
 * (src/worker/readDecisionJob.ts, readVersionRequestClick.ts); a listing button's value, command text, reaches them as
 * the HTTP function parsed it (the job's `parsed`). The message's own blocks, the view, state, Slack's verification
 * token and anything a sender adds stay out of the job.
 */
export function pickInteractionFields(payload: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = pickFields(payload, ["type", "is_enterprise_install", "response_url"]);
  const nested: Array<[string, readonly string[]]> = [
    ["team", ["id", "enterprise_id"]],
    ["enterprise", ["id"]],
    ["user", ["id", "team_id"]],
    ["container", ["type", "channel_id", "message_ts", "thread_ts", "is_ephemeral"]],
    ["channel", ["id"]],
    ["message", ["ts", "thread_ts"]],
  ];
  for (const [name, fields] of nested) {
    const value = payload[name];
    // null stays null: Bolt reads a null team (an org-wide install) differently from a missing one.
    if (value === null) body[name] = null;
    else if (typeof value === "object" && value !== undefined && !Array.isArray(value))
      body[name] = pickFields(value, fields);
  }
  // Bolt hands listeners the first action only; Slack sends one per click.
  if (Array.isArray(payload.actions))
    body.actions = payload.actions
      .slice(0, 1)
      .map((action) => pickFields(action, ["type", "action_id", "block_id", "value", "action_ts"]));
  return body;
}
