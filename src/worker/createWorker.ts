import { App, LogLevel, type SlackCommandMiddlewareArgs, type AllMiddlewareArgs } from "@slack/bolt";
import type { WorkerConfig } from "../config/loadWorkerConfig.js";
import type { PackageRestorer } from "../domain/packageRestorer.js";
import { parseCommand } from "../domain/parseCommand.js";
import type { RequestStore } from "../domain/requestStore.js";
import { isRequesterAllowed } from "../domain/restorePolicy.js";
import { runDirectRestore } from "../domain/runDirectRestore.js";
import type { WorkerJob } from "../handoff/workerJob.js";
import type { Logger } from "../log/logger.js";
import { createGroupMembers } from "../slack/createGroupMembers.js";
import { createSlackChat } from "../slack/createSlackChat.js";
import { createHandOffReceiver } from "./createHandOffReceiver.js";

/** Web API retry policy: a few quick tries, then fail so the hand-off's own retries take over. */
export const DEFAULT_SLACK_CLIENT_OPTIONS = {
  timeout: 5000,
  retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
  rejectRateLimitedCalls: true,
} as const;

export interface WorkerDeps {
  config: WorkerConfig;
  store: RequestStore;
  github: PackageRestorer;
  log: Logger;
  now?: () => Date;
  /** Overrides for tests, e.g. no retry delays. */
  slackRetryConfig?: { retries: number; minTimeout?: number; maxTimeout?: number };
}

export interface Worker {
  runJob(job: WorkerJob): Promise<void>;
}

/**
 * The worker: a Bolt app whose listeners turn Slack requests into domain calls.
 * Build it once per container; it holds the Slack client and the GitHub
 * restorer with their caches.
 */
export function createWorker(deps: WorkerDeps): Worker {
  const { config, log } = deps;
  const now = deps.now ?? (() => new Date());
  const receiver = createHandOffReceiver();
  const app = new App({
    receiver,
    // A fixed token and no auth.test: Bolt would otherwise call auth.test on every event.
    authorize: async () => ({ botToken: config.slack.botToken }),
    ignoreSelf: false,
    logLevel: LogLevel.WARN,
    clientOptions: {
      slackApiUrl: config.slack.apiUrl,
      ...DEFAULT_SLACK_CLIENT_OPTIONS,
      ...(deps.slackRetryConfig ? { retryConfig: deps.slackRetryConfig } : {}),
    },
  });
  const membersOf = createGroupMembers(app.client, config.slack.botToken, () => now().getTime());

  app.command(/.*/, async ({ command, client, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const requestId = String(context.requestId);
    const parsed = parseCommand(command.text);
    // The HTTP function answers help and usage errors itself and hands over only valid requests.
    if (parsed.kind !== "restore") {
      log.warn("Worker received a command that does not parse; ignored", { requestId });
      return;
    }
    const record = await runDirectRestore(
      {
        id: requestId,
        requester: { teamId: command.team_id, userId: command.user_id },
        channelId: command.channel_id,
        request: parsed.request,
      },
      {
        store: deps.store,
        chat: createSlackChat({ client, respond, packageUrl: deps.github.packageUrl(parsed.request) }),
        github: deps.github,
        policy: config.policy,
        isRequesterAllowed: (userId) => isRequesterAllowed(config.policy.requesters, userId, membersOf),
        now,
      },
    );
    log.info("Request finished", { requestId, state: record.state, outcome: record.outcome?.kind, githubStatus: record.outcome?.status, githubRequestId: record.outcome?.githubRequestId });
  });

  return { runJob: (job) => receiver.deliver(job) };
}
