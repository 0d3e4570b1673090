import type { RestorePolicy } from "../domain/request/restorePolicy.js";
import { loadRestorePolicy } from "./loadRestorePolicy.js";
import { ConfigError } from "../errors.js";
import { booleanVar, optionalVar, requiredVar, type Env } from "./readEnv.js";

/** What the HTTP function needs: no bot token, no GitHub credential. */
export interface IngressConfig {
  signingSecret: string;
  policy: RestorePolicy;
  /** Only to word the acknowledgement; the worker decides. */
  requireApproval: boolean;
  /** The slash command this app answers; others are turned away. */
  command: string;
}

/** The command's name in the Slack app manifest; `SLACK_COMMAND` changes it (e.g. `/restore-package-staging`). */
export const DEFAULT_SLACK_COMMAND = "/restore-package";

export function loadIngressConfig(env: Env): IngressConfig {
  return {
    signingSecret: requiredVar(env, "SLACK_SIGNING_SECRET", "Copy the Signing Secret from the Slack app's Basic Information page."),
    policy: loadRestorePolicy(env),
    requireApproval: booleanVar(env, "RESTORE_REQUIRE_APPROVAL", true),
    command: commandVar(env),
  };
}

function commandVar(env: Env): string {
  const command = optionalVar(env, "SLACK_COMMAND") ?? DEFAULT_SLACK_COMMAND;
  if (!/^\/[a-z0-9_-]{1,31}$/.test(command)) throw new ConfigError("SLACK_COMMAND", "use the command as Slack shows it, such as /restore-package.");
  return command;
}
