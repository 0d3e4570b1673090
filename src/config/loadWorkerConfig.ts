import { ConfigError } from "../errors.js";
import type { RestorePolicy } from "../domain/restorePolicy.js";
import { loadGitHubConfig, type GitHubConfig } from "./loadGitHubConfig.js";
import { loadRestorePolicy } from "./loadRestorePolicy.js";
import { booleanVar, requiredVar, urlVar, type Env } from "./readEnv.js";

/** Slack's Web API root. */
export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

export interface SlackConfig {
  botToken: string;
  /** Web API root with a trailing slash, as @slack/web-api expects. */
  apiUrl: string;
}

export interface WorkerConfig {
  slack: SlackConfig;
  github: GitHubConfig;
  policy: RestorePolicy;
  requireApproval: boolean;
}

/** Everything the worker needs, validated once at start-up. */
export function loadWorkerConfig(env: Env): WorkerConfig {
  const botToken = requiredVar(env, "SLACK_BOT_TOKEN", "Use the Bot User OAuth Token (xoxb-…) from the Slack app's OAuth & Permissions page.");
  if (!botToken.startsWith("xoxb-")) {
    throw new ConfigError("SLACK_BOT_TOKEN", "it is not a bot token; use the Bot User OAuth Token, which starts with xoxb-.");
  }
  // Until the approval flow exists the direct path is the only one; refuse a setting we can't honour.
  const requireApproval = booleanVar(env, "RESTORE_REQUIRE_APPROVAL", false);
  if (requireApproval) {
    throw new ConfigError("RESTORE_REQUIRE_APPROVAL", "this version has no approval flow yet; set it to `false` or leave it unset.");
  }
  return {
    slack: { botToken, apiUrl: `${urlVar(env, "SLACK_API_URL", DEFAULT_SLACK_API_URL)}/` },
    github: loadGitHubConfig(env),
    policy: loadRestorePolicy(env),
    requireApproval,
  };
}
