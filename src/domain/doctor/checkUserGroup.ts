import type { SlackProbe } from "../ports/doctorProbes.js";
import { type CheckResult, failed, passed } from "./checkResult.js";

/** One user group of RESTORE_APPROVERS or RESTORE_REQUESTERS: Slack lets the bot read its members. */
export async function checkUserGroup(slack: SlackProbe, groupId: string): Promise<CheckResult> {
  const check = `Slack user group ${groupId}`;
  const answer = await slack.userGroup(groupId);
  if (answer.ok) return passed(check, `resolves to ${answer.members} member(s).`);
  switch (answer.error) {
    case "missing_scope":
      return failed(
        check,
        `can't be read: the token lacks ${answer.needed ?? "usergroups:read"}.`,
        "Add usergroups:read under OAuth & Permissions → Bot Token Scopes in the Slack app and reinstall it to the workspace.",
      );
    case "plan_upgrade_required":
      return failed(
        check,
        "can't be read: user groups need a paid Slack plan.",
        "List the people's user IDs (U…) instead of the group.",
      );
    case "no_such_subteam":
      return failed(
        check,
        "does not exist in this workspace.",
        "Correct the group's ID (S…) in RESTORE_APPROVERS or RESTORE_REQUESTERS.",
      );
    default:
      return failed(
        check,
        `can't be read: Slack answered ${answer.error}.`,
        "Run the doctor again; if it persists, check Slack's status.",
      );
  }
}
