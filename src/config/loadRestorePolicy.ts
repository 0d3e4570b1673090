import { ConfigError } from "../errors.js";
import type { AllowList, RestorePolicy } from "../domain/request/restorePolicy.js";
import { listVar, type Env } from "./readEnv.js";
import { isOrgLogin } from "../domain/command/isOrgLogin.js";

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const SLACK_GROUP_ID = /^S[A-Z0-9]{2,}$/;

/**
 * `RESTORE_REQUESTERS`: Slack user IDs (U…/W…) and user-group IDs (S…); unset means everyone.
 * `RESTORE_ORGS`: GitHub org logins; unset means any org the credential reaches.
 */
export function loadRestorePolicy(env: Env): RestorePolicy {
  const orgs = listVar(env, "RESTORE_ORGS").map((org, index) => {
    // Errors name the entry's position, not its text: a token pasted into the wrong variable must not reach the logs.
    if (!isOrgLogin(org))
      throw new ConfigError("RESTORE_ORGS", `entry ${index + 1} is not a GitHub organization login.`);
    return org.toLowerCase();
  });
  return { requesters: allowListVar(env, "RESTORE_REQUESTERS"), orgs: orgs.length > 0 ? new Set(orgs) : null };
}

/** A list of Slack user and user-group IDs; `null` when the variable is unset. */
export function allowListVar(env: Env, name: string): AllowList | null {
  const ids = listVar(env, name);
  const users = new Set<string>();
  const groups = new Set<string>();
  ids.forEach((id, index) => {
    if (SLACK_USER_ID.test(id)) users.add(id);
    else if (SLACK_GROUP_ID.test(id)) groups.add(id);
    else throw new ConfigError(name, `entry ${index + 1} is neither a Slack user ID (U…/W…) nor a user-group ID (S…).`);
  });
  return ids.length > 0 ? { users, groups } : null;
}
