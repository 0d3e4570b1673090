import { pickFields } from "./pickFields.js";

/**
 * What the worker reads of a slash command: Bolt routes on `command`, builds its context from the team, enterprise,
 * user and channel, and gives listeners `respond` from `response_url`. The listeners read the job's `parsed`, not
 * `text`: the HTTP function's parse is the only reading. The rest (the text, Slack's deprecated verification token,
 * display names, anything a sender adds) stays out of Lambda's queue and dead-letter queue. The request ID is taken
 * from `trigger_id` before this.
 */
const COMMAND_FIELDS = [
  "command",
  "team_id",
  "enterprise_id",
  "is_enterprise_install",
  "user_id",
  "channel_id",
  "response_url",
] as const;

export function pickCommandFields(form: Record<string, string>): Record<string, string> {
  return pickFields(form, COMMAND_FIELDS) as Record<string, string>;
}
