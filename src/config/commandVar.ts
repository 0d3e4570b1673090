import { ConfigError } from "../errors.js";
import { optionalVar, type Env } from "./readEnv.js";

/** The command's name in the Slack app manifest; `SLACK_COMMAND` changes it (e.g. `/restore-package-staging`). */
export const DEFAULT_SLACK_COMMAND = "/restore-package";

/**
 * `SLACK_COMMAND`, read the same way by both functions: the HTTP function answers only this command, and
 * the worker names it in what it tells people, so a second stage in the workspace never points to the first.
 */
export function commandVar(env: Env): string {
  const command = optionalVar(env, "SLACK_COMMAND") ?? DEFAULT_SLACK_COMMAND;
  if (!/^\/[a-z0-9_-]{1,31}$/.test(command))
    throw new ConfigError("SLACK_COMMAND", "use the command as Slack shows it, such as /restore-package.");
  return command;
}
