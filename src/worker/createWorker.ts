import { App, LogLevel, type RespondFn } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { WorkerConfig } from "../config/loadWorkerConfig.js";
import type { FlowDeps } from "../domain/request/flowDeps.js";
import { createAuditTrail } from "../audit/createAuditTrail.js";
import type { AuditStore } from "../domain/audit/auditStore.js";
import { postAuditLine } from "../slack/postAuditLine.js";
import type { PackageRestorer } from "../domain/ports/packageRestorer.js";
import type { ImageRegistry } from "../domain/ports/imageRegistry.js";
import type { RequestStore } from "../domain/ports/requestStore.js";
import { isOnAllowList } from "../domain/request/restorePolicy.js";
import type { WorkerJob } from "../handoff/workerJob.js";
import type { Logger } from "../log/logger.js";
import type { RequestMetrics } from "../domain/ports/requestMetrics.js";
import type { CallMetrics } from "../metrics/callMetrics.js";
import type { CredentialMetrics } from "../domain/ports/credentialMetrics.js";
import { createGroupMembers } from "../slack/createGroupMembers.js";
import { timedFetch } from "../slack/timedFetch.js";
import { createSlackChat } from "../slack/createSlackChat.js";
import { createGuard } from "./createGuard.js";
import { answerNobody, runSweep } from "./runSweep.js";
import type { SweepSummary } from "../domain/request/sweepRequests.js";
import { createHandOffReceiver } from "./createHandOffReceiver.js";
import { registerListeners } from "./registerListeners.js";
import type { HealthRecords } from "../domain/ports/healthRecords.js";
import { createHeartbeat } from "./createHeartbeat.js";
import { doctorSetupFor } from "../doctor/doctorSetupFor.js";
import { handleDoctor } from "../domain/doctor/handleDoctor.js";
import { runDoctor } from "../domain/doctor/runDoctor.js";
import { checkGitHubCredential } from "../domain/doctor/checkGitHubCredential.js";
import { createCredentialCheckSchedule } from "./createCredentialCheckSchedule.js";

/** Web API retry policy: a few quick tries, then fail so the hand-off's own retries take over. */
export const DEFAULT_SLACK_CLIENT_OPTIONS = {
  timeout: 5000,
  retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
  rejectRateLimitedCalls: true,
} as const;

/** Lambda delivers an asynchronous event once and retries it `maximumRetryAttempts` (2 in serverless.yml) times. */
export const LAMBDA_DELIVERY_ATTEMPTS = 3;

export interface WorkerDeps {
  config: WorkerConfig;
  store: RequestStore;
  auditStore: AuditStore;
  github: PackageRestorer;
  /** The container registry, read by repairs and after a container restore by tag. */
  registry: ImageRegistry;
  log: Logger;
  /** Business and call metrics (docs/operations.md); none when unset, as under `npm start`. */
  metrics?: RequestMetrics & CallMetrics & CredentialMetrics;
  now?: () => Date;
  /** How many times the hand-off delivers a failing job; default LAMBDA_DELIVERY_ATTEMPTS. */
  deliveryAttempts?: number;
  /** Overrides for tests, e.g. no retry delays. */
  slackRetryConfig?: { retries: number; minTimeout?: number; maxTimeout?: number };
  /** Where the worker and the sweep record their last success, for `doctor`; without it nothing is recorded. */
  health?: HealthRecords;
  /** The sweep's schedule, for `doctor`'s "sweep stopped" check; default serverless.yml's 5 minutes. */
  sweepEveryMs?: number;
}

export interface Worker {
  runJob(job: WorkerJob): Promise<void>;
  /**
   * The scheduled sweep (see sweepRequests); throws after logging when any request could not be handled, so the
   * failure is seen. Once an hour per container it checks the GitHub credential too, which never fails the sweep.
   */
  runSweep(): Promise<SweepSummary>;
}

/**
 * The worker: a Bolt app whose listeners turn Slack requests into domain calls.
 * Build it once per container; it holds the Slack client, the GitHub restorer and
 * the user-group cache.
 */
export function createWorker(deps: WorkerDeps): Worker {
  const { config, log } = deps;
  const now = deps.now ?? (() => new Date());
  const receiver = createHandOffReceiver();
  const deliveryAttempts = deps.deliveryAttempts ?? LAMBDA_DELIVERY_ATTEMPTS;
  const clientOptions = {
    slackApiUrl: config.slack.apiUrl,
    ...DEFAULT_SLACK_CLIENT_OPTIONS,
    ...(deps.slackRetryConfig ? { retryConfig: deps.slackRetryConfig } : {}),
    // Every Slack request's time and error code; Bolt's response URLs go through the same fetch.
    ...(deps.metrics ? { fetch: timedFetch(deps.metrics.slackCall) } : {}),
  };
  const app = new App({
    receiver,
    // A fixed token and no auth.test: Bolt would otherwise call auth.test on every event.
    authorize: async () => ({ botToken: config.slack.botToken }),
    ignoreSelf: false,
    logLevel: LogLevel.WARN,
    clientOptions,
  });
  // Listeners log their own failures as structured lines; Bolt's default handler would print them again, unstructured.
  app.error(async (error) => {
    throw (error as { original?: unknown }).original ?? error;
  });
  const membersOf = createGroupMembers(app.client, config.slack.botToken, () => now().getTime());

  const botToken = config.slack.botToken;
  let workspace: Promise<string | undefined> | undefined;
  // One auth.test per container gives the workspace's address for links; a failure is retried next time.
  const workspaceUrl = () => {
    workspace ??= app.client.auth.test({ token: botToken }).then(
      (result) => result.url,
      () => {
        workspace = undefined;
        return undefined;
      },
    );
    return workspace;
  };
  const audit = createAuditTrail({
    store: deps.auditStore,
    log,
    ...(config.audit.channelId ? { postToChannel: postAuditLine(app.client, botToken, config.audit.channelId) } : {}),
  });

  const flowDeps = (client: WebClient, respond: RespondFn): FlowDeps => ({
    store: deps.store,
    audit,
    chat: createSlackChat({
      client,
      respond,
      github: deps.github,
      workspaceUrl,
      command: config.command,
      registryHost: deps.registry.host,
    }),
    github: deps.github,
    registry: deps.registry,
    policy: config.policy,
    approval: config.approval,
    isRequester: (userId) => isOnAllowList(config.policy.requesters, userId, membersOf),
    // With approval off nobody needs to approve; no list means nobody can.
    isApprover: (userId) =>
      config.approvers === null ? Promise.resolve(false) : isOnAllowList(config.approvers, userId, membersOf),
    now,
    workerTimeoutMs: config.workerTimeoutMs,
    deliveryAttempts,
    command: config.command,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });

  // Bolt hands listeners a client holding the token; the sweep and the doctor run outside Bolt, so they get one of their own.
  let ownClient: WebClient | undefined;
  const client = () => {
    ownClient ??= new WebClient(botToken, clientOptions);
    return ownClient;
  };
  const heartbeat = createHeartbeat(deps.health, log);
  const doctor = (askerId: string, flow: FlowDeps) =>
    handleDoctor(askerId, {
      command: config.command,
      chat: flow.chat,
      isApprover: flow.isApprover,
      runChecks: async () => {
        if (deps.health === undefined) throw new Error("The worker was built without health records.");
        // Loaded when asked: the probes bring Octokit, which a cold worker must not load before its card.
        const { createDoctorProbes } = await import("../doctor/createDoctorProbes.js");
        const probes = createDoctorProbes({
          config,
          imageRegistry: deps.registry,
          slackClient: client(),
          health: deps.health,
        });
        const setup = doctorSetupFor(config, {
          now: now(),
          insideWorker: true,
          ...(deps.sweepEveryMs ? { sweepEveryMs: deps.sweepEveryMs } : {}),
        });
        return runDoctor(setup, probes);
      },
    }).then(() => undefined);
  const credentialCheck = createCredentialCheckSchedule({
    // A probe per run: nothing cached (an installation ID, a token) outlives a check an hour old.
    check: async () => {
      const { createGitHubDoctorProbe } = await import("../github/createGitHubDoctorProbe.js");
      return checkGitHubCredential(
        doctorSetupFor(config, { now: now(), insideWorker: true }),
        createGitHubDoctorProbe(config.github),
      );
    },
    now,
    log,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  registerListeners(app, { flowDeps, audit, log, guarded: createGuard(log, deliveryAttempts), doctor });
  return {
    runJob: async (job) => {
      await receiver.deliver(job);
      await heartbeat.beat("worker", now());
    },
    runSweep: async () => {
      // Beside the sweep: neither waits for the other to start, the sweep's failure does not skip the check, and the
      // sweep waits at most CREDENTIAL_CHECK_TIMEOUT_MS for it to finish.
      const checking = credentialCheck.runIfDue();
      try {
        const summary = await runSweep(flowDeps(client(), answerNobody), log);
        await heartbeat.beat("sweep", now());
        return summary;
      } finally {
        await checking;
      }
    },
  };
}
