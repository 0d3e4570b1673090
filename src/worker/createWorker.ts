import { App, LogLevel, type AllMiddlewareArgs, type BlockAction, type RespondFn, type SlackActionMiddlewareArgs, type SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { WorkerConfig } from "../config/loadWorkerConfig.js";
import type { FlowDeps } from "../domain/flowDeps.js";
import { handleCommand } from "../domain/handleCommand.js";
import { handleDecision, type DecisionAction } from "../domain/handleDecision.js";
import { handleHistory } from "../domain/handleHistory.js";
import { refusalEvent } from "../domain/auditEvent.js";
import { createAuditTrail } from "../audit/createAuditTrail.js";
import type { AuditStore } from "../store/createDynamoAuditStore.js";
import { postAuditLine } from "../slack/postAuditLine.js";
import type { PackageRestorer } from "../domain/packageRestorer.js";
import { parseCommand } from "../domain/parseCommand.js";
import type { RequestRecord } from "../domain/requestRecord.js";
import type { RequestStore } from "../domain/requestStore.js";
import { isOnAllowList } from "../domain/restorePolicy.js";
import { StoreUnavailableError } from "../errors.js";
import type { WorkerJob } from "../handoff/workerJob.js";
import type { Logger } from "../log/logger.js";
import { createGroupMembers } from "../slack/createGroupMembers.js";
import { createSlackChat } from "../slack/createSlackChat.js";
import { ACTION_IDS } from "../slack/renderCard.js";
import { createHandOffReceiver } from "./createHandOffReceiver.js";
import { readDecisionJob } from "./readDecisionJob.js";

/** Web API retry policy: a few quick tries, then fail so the hand-off's own retries take over. */
export const DEFAULT_SLACK_CLIENT_OPTIONS = {
  timeout: 5000,
  retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
  rejectRateLimitedCalls: true,
} as const;

export interface WorkerDeps {
  config: WorkerConfig;
  store: RequestStore;
  auditStore: AuditStore;
  github: PackageRestorer;
  log: Logger;
  now?: () => Date;
  /** Overrides for tests, e.g. no retry delays. */
  slackRetryConfig?: { retries: number; minTimeout?: number; maxTimeout?: number };
}

export interface Worker {
  runJob(job: WorkerJob): Promise<void>;
}

const ACTIONS: Record<string, DecisionAction> = { [ACTION_IDS.approve]: "approve", [ACTION_IDS.deny]: "deny", [ACTION_IDS.cancel]: "cancel" };

/**
 * The worker: a Bolt app whose listeners turn Slack requests into domain calls.
 * Build it once per container; it holds the Slack client, the GitHub restorer and
 * the user-group cache.
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
    clientOptions: { slackApiUrl: config.slack.apiUrl, ...DEFAULT_SLACK_CLIENT_OPTIONS, ...(deps.slackRetryConfig ? { retryConfig: deps.slackRetryConfig } : {}) },
  });
  // Listeners log their own failures as structured lines; Bolt's default handler would print them again, unstructured.
  app.error(async (error) => {
    throw (error as { original?: unknown }).original ?? error;
  });
  const membersOf = createGroupMembers(app.client, config.slack.botToken, () => now().getTime());

  const botToken = config.slack.botToken;
  let workspace: Promise<string | undefined> | undefined;
  // One auth.test per container gives the workspace's address for links; a failure is retried next time.
  const workspaceUrl = () =>
    (workspace ??= app.client.auth.test({ token: botToken }).then(
      (result) => result.url,
      () => ((workspace = undefined), undefined),
    ));
  const audit = createAuditTrail({
    store: deps.auditStore,
    log,
    ...(config.audit.channelId ? { postToChannel: postAuditLine(app.client, botToken, config.audit.channelId) } : {}),
  });

  const flowDeps = (client: WebClient, respond: RespondFn): FlowDeps => ({
    store: deps.store,
    audit,
    chat: createSlackChat({ client, respond, github: deps.github, workspaceUrl }),
    github: deps.github,
    policy: config.policy,
    approval: config.approval,
    isRequester: (userId) => isOnAllowList(config.policy.requesters, userId, membersOf),
    // With approval off nobody needs to approve; no list means nobody can.
    isApprover: (userId) => (config.approvers === null ? Promise.resolve(false) : isOnAllowList(config.approvers, userId, membersOf)),
    now,
    workerTimeoutMs: config.workerTimeoutMs,
  });

  app.command(/.*/, async ({ command, client, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const requestId = String(context.requestId);
    const requester = { teamId: command.team_id, userId: command.user_id };
    const parsed = parseCommand(command.text);
    const deps = flowDeps(client, respond);
    switch (parsed.kind) {
      case "restore":
        return guarded(requestId, respond, () => handleCommand({ id: requestId, requester, channelId: command.channel_id, request: parsed.request }, deps));
      case "history":
        return guarded(requestId, respond, async () => {
          await handleHistory({ asker: requester, count: parsed.count, ...(parsed.org ? { org: parsed.org } : {}) }, deps);
          return undefined;
        });
      case "invalid": {
        // The HTTP function has answered already; it hands bad input over only to be recorded.
        const [org, packageType, packageName] = command.text.trim().split(/\s+/);
        const event = refusalEvent(requestId, { requestId, actor: requester, requester, at: String(context.receivedAt), decision: `bad_input_${parsed.error.part}`, ...(org ? { org } : {}), ...(packageType ? { packageType } : {}), ...(packageName ? { packageName } : {}) });
        return guarded(requestId, respond, async () => {
          await audit.record([event]);
          return undefined;
        });
      }
      case "help":
        return;
    }
  });

  app.action(/^restore_(approve|deny|cancel)$/, async ({ body, action, client, respond, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    const jobId = String(context.requestId);
    const job = readDecisionJob({ id: jobId, receivedAt: String(context.receivedAt) }, body, action, ACTIONS);
    if (job === undefined) {
      log.warn("Ignored a click with an unexpected shape", { jobId });
      await respond({ response_type: "ephemeral", replace_original: false, text: "I couldn't read that click; nothing changed." });
      return;
    }
    await guarded(job.requestId, respond, () => handleDecision(job, flowDeps(client, respond)));
  });

  /**
   * Runs a flow. Failures are thrown so the hand-off retries the job (every step
   * is conditional, so a retry never acts twice); a store outage is also told to
   * the person, since the retry comes a minute or more later.
   */
  async function guarded(requestId: string, respond: RespondFn, flow: () => Promise<RequestRecord | undefined>): Promise<void> {
    try {
      const record = await flow();
      log.info("Job finished", { requestId, state: record?.state, outcome: record?.outcome?.kind, githubStatus: record?.outcome?.status, githubRequestId: record?.outcome?.githubRequestId });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
      log.error("Job failed; the hand-off will retry it", { requestId, reason });
      if (error instanceof StoreUnavailableError) {
        await respond({ response_type: "ephemeral", replace_original: false, text: "The bot's database didn't answer, so this request is paused; I'll try again in a few minutes. Nothing will run twice." }).catch(() => undefined);
      }
      throw error;
    }
  }

  return { runJob: (job) => receiver.deliver(job) };
}
