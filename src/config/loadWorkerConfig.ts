import { loadRegistryConfig, type RegistryConfig } from "./loadRegistryConfig.js";
import { ConfigError } from "../errors.js";
import type { ApprovalSettings } from "../domain/request/flowDeps.js";
import type { AllowList, RestorePolicy } from "../domain/request/restorePolicy.js";
import type { StoreConfig } from "../store/storeConfig.js";
import { commandVar } from "./commandVar.js";
import { durationVar } from "./durationVar.js";
import { loadGitHubConfig, type GitHubConfig } from "./loadGitHubConfig.js";
import { allowListVar, loadRestorePolicy } from "./loadRestorePolicy.js";
import { booleanVar, optionalVar, requiredVar, urlVar, type Env } from "./readEnv.js";

/** How long audit records are kept (days), unless AUDIT_RETENTION_DAYS says otherwise. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 400;
/** Slack's Web API root. */
export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";
/** How long a request waits for a decision. */
export const DEFAULT_REQUEST_TTL = "24h";
/**
 * How long a worker run can last: the worker's Lambda timeout (120 s in
 * serverless.yml) plus a margin. A restore claimed longer ago than this
 * belongs to a run that died.
 */
export const DEFAULT_WORKER_TIMEOUT_MS = 150_000;

export interface SlackConfig {
  botToken: string;
  /** Web API root with a trailing slash, as @slack/web-api expects. */
  apiUrl: string;
}

export interface AuditConfig {
  /** One line per event goes here when set. */
  channelId?: string;
  retentionDays: number;
}

export interface WorkerConfig {
  slack: SlackConfig;
  github: GitHubConfig;
  /**
   * The Container registry, or why it isn't known: only repairs and the pull check after a container restore need
   * it, so a missing address doesn't stop the worker; those answers say what to set.
   */
  registry: RegistryConfig | { problem: string };
  policy: RestorePolicy;
  approval: ApprovalSettings;
  /** Who may approve or deny; `null` only when approval is off. */
  approvers: AllowList | null;
  store: StoreConfig;
  audit: AuditConfig;
  workerTimeoutMs: number;
  /** The slash command, as the HTTP function answers it: the worker names it in what it tells people. */
  command: string;
}

/** Everything the worker needs, validated once at start-up. */
export function loadWorkerConfig(env: Env): WorkerConfig {
  const botToken = requiredVar(
    env,
    "SLACK_BOT_TOKEN",
    "Use the Bot User OAuth Token (xoxb-…) from the Slack app's OAuth & Permissions page.",
  );
  if (!botToken.startsWith("xoxb-")) {
    throw new ConfigError(
      "SLACK_BOT_TOKEN",
      "it is not a bot token; use the Bot User OAuth Token, which starts with xoxb-.",
    );
  }
  const required = booleanVar(env, "RESTORE_REQUIRE_APPROVAL", true);
  const approvers = allowListVar(env, "RESTORE_APPROVERS");
  if (required && approvers === null) {
    throw new ConfigError(
      "RESTORE_APPROVERS",
      "it is empty but approval is required. List the Slack user IDs (U…) or user-group IDs (S…) of the approvers, or set RESTORE_REQUIRE_APPROVAL=false.",
    );
  }
  const channelId = channelVar(env, "RESTORE_APPROVAL_CHANNEL");
  const auditChannelId = channelVar(env, "AUDIT_CHANNEL_ID");
  const endpoint = optionalVar(env, "DYNAMODB_ENDPOINT");
  const region = optionalVar(env, "AWS_REGION");
  const accessKeyId = optionalVar(env, "AWS_ACCESS_KEY_ID");
  const secretAccessKey = optionalVar(env, "AWS_SECRET_ACCESS_KEY");
  return {
    slack: { botToken, apiUrl: `${urlVar(env, "SLACK_API_URL", DEFAULT_SLACK_API_URL)}/` },
    github: loadGitHubConfig(env),
    registry: registryOrProblem(env),
    policy: loadRestorePolicy(env),
    approval: {
      required,
      ...(channelId ? { channelId } : {}),
      ttlMs: durationVar(env, "RESTORE_REQUEST_TTL", DEFAULT_REQUEST_TTL, 1000, 30 * 86_400_000),
    },
    approvers,
    store: {
      tableName: requiredVar(env, "TABLE_NAME", "Set it to the DynamoDB table's name (serverless.yml does this)."),
      ...(endpoint ? { endpoint: urlVar(env, "DYNAMODB_ENDPOINT", endpoint) } : {}),
      ...(region ? { region } : {}),
      ...(endpoint && accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    },
    audit: {
      ...(auditChannelId ? { channelId: auditChannelId } : {}),
      retentionDays: integerVar(env, "AUDIT_RETENTION_DAYS", DEFAULT_AUDIT_RETENTION_DAYS, 1, 3650),
    },
    workerTimeoutMs: DEFAULT_WORKER_TIMEOUT_MS,
    command: commandVar(env),
  };
}

function channelVar(env: Env, name: string): string | undefined {
  const id = optionalVar(env, name);
  if (id !== undefined && !/^[CG][A-Z0-9]{2,}$/.test(id)) {
    throw new ConfigError(name, "use the channel's ID (C…), from the channel's details in Slack, not its name.");
  }
  return id;
}

function integerVar(env: Env, name: string, defaultValue: number, min: number, max: number): number {
  const value = optionalVar(env, name);
  if (value === undefined) return defaultValue;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new ConfigError(name, `use a whole number from ${min} to ${max}.`);
  return Number(value);
}

function registryOrProblem(env: Env): RegistryConfig | { problem: string } {
  try {
    return loadRegistryConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { problem: error.message };
    throw error;
  }
}
