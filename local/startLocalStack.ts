// The whole bot in one process for `npm start` and the integration tests: the
// real HTTP handler on a Node server, the real worker in process, and
// simulators of Slack and GitHub standing in for whichever side has no credentials.
import { generateKeyPairSync } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { loadIngressConfig } from "../src/config/loadIngressConfig.js";
import { loadWorkerConfig, type WorkerConfig } from "../src/config/loadWorkerConfig.js";
import type { Env } from "../src/config/readEnv.js";
import type { RequestStore } from "../src/domain/ports/requestStore.js";
import type { OctokitTuning } from "../src/github/createOctokitClass.js";
import { createGitHubRestorer } from "../src/github/createGitHubRestorer.js";
import {
  createInProcessHandOff,
  LAMBDA_RETRY_DELAYS_MS,
  type InProcessHandOff,
} from "./handoff/createInProcessHandOff.js";
import { startIngressServer } from "./ingress/startIngressServer.js";
import { jsonResponse } from "../src/ingress/httpMessages.js";
import { createPowertoolsLogger } from "../src/log/createPowertoolsLogger.js";
import { createJsonLogger } from "../src/log/logger.js";
import type { AuditStore } from "../src/domain/audit/auditStore.js";
import { createDynamoAuditStore } from "../src/store/createDynamoAuditStore.js";
import { createDynamoRequestStore } from "../src/store/createDynamoRequestStore.js";
import { createDynamoHealthRecords } from "../src/store/createDynamoHealthRecords.js";
import { createWorker, type Worker, type WorkerDeps } from "../src/worker/createWorker.js";
import {
  seedExampleOrg,
  startGitHubSimulator,
  type GitHubSimulator,
} from "./simulators/github/startGitHubSimulator.js";
import { startSlackSimulator, type SlackSimulator } from "./simulators/slack/startSlackSimulator.js";
import { startRegistrySimulator, type RegistrySimulator } from "./simulators/registry/startRegistrySimulator.js";
import { deletionsFromGitHub } from "./simulators/registry/deletionsFromGitHub.js";
import { seedExampleImages } from "./simulators/registry/seedExampleImages.js";
import { createImageRegistry } from "../src/registry/createImageRegistry.js";
import { LOCAL_AWS_ENV, startLocalDynamo, type LocalDynamo } from "./simulators/dynamo/startLocalDynamo.js";
import { createPlaygroundRoutes } from "./playground/playgroundRoutes.js";
import { refuseForeignHost } from "./playground/refuseForeignHost.js";
import {
  LOCAL_APP_ID,
  LOCAL_AUDIT_CHANNEL,
  LOCAL_BOT_TOKEN,
  LOCAL_PAT,
  LOCAL_SIGNING_SECRET,
  LOCAL_USERS,
} from "./localIdentities.js";

export interface LocalStackOptions {
  env: Env;
  port?: number;
  /** The `service` of every log line; as in Lambda, the worker logs through Powertools and the HTTP side through a plain JSON logger. */
  serviceName?: string;
  /** No log lines at all, for the benchmark. */
  quiet?: boolean;
  /** The worker's clock, for tests that jump past expiries and claim timeouts; default the real one. */
  now?: () => Date;
  githubTuning?: OctokitTuning;
  slackRetryConfig?: WorkerDeps["slackRetryConfig"];
  /** Waits before the in-process hand-off retries a failed job; default Lambda's 1 and 2 minutes. */
  retryDelaysMs?: readonly number[];
  /** Seed the simulated GitHub with the example org `acme` (default true). */
  seed?: boolean;
  /** How often the caller runs the sweep, for `doctor`'s "sweep stopped" check; default the deployed 5 minutes. */
  sweepEveryMs?: number;
  /** The worker's metrics, for tests that read its EMF lines; none by default, as under `npm start`. */
  metrics?: WorkerDeps["metrics"];
}

export interface LocalStack {
  /** Slack's request URL is `${url}/slack/events`. */
  url: string;
  /** Where the browser playground is served: only with both Slack and GitHub simulated. */
  playgroundUrl: string | undefined;
  signingSecret: string;
  config: WorkerConfig;
  slack: SlackSimulator | undefined;
  github: GitHubSimulator | undefined;
  /** The container registry simulator, sharing the GitHub simulator's deletions; only when GitHub is simulated. */
  registry: RegistrySimulator | undefined;
  dynamo: LocalDynamo | undefined;
  store: RequestStore;
  auditStore: AuditStore;
  handOff: InProcessHandOff;
  worker: Worker;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const env: Record<string, string | undefined> = { ...options.env };
  const serviceName = options.serviceName ?? "package-restore-local";
  const log = createPowertoolsLogger(serviceName, options.quiet ? "SILENT" : "INFO");
  const slack = env.SLACK_BOT_TOKEN ? undefined : await startSlackSimulator({ botToken: LOCAL_BOT_TOKEN });
  if (slack) {
    Object.assign(env, { SLACK_BOT_TOKEN: LOCAL_BOT_TOKEN, SLACK_API_URL: slack.apiUrl });
    env.SLACK_SIGNING_SECRET ??= LOCAL_SIGNING_SECRET;
    env.RESTORE_APPROVERS ??= LOCAL_USERS.approvers.join(",");
    env.AUDIT_CHANNEL_ID ??= LOCAL_AUDIT_CHANNEL;
  }
  const github =
    env.GITHUB_APP_ID || env.GITHUB_TOKEN ? undefined : await startSimulatedGitHub(env, options.seed ?? true);
  const registry = github && (await startSimulatedRegistry(env, github, options.seed ?? true));
  const dynamo = env.TABLE_NAME ? undefined : await startLocalDynamo();
  if (dynamo)
    Object.assign(env, { TABLE_NAME: dynamo.tableName, DYNAMODB_ENDPOINT: dynamo.endpoint, ...LOCAL_AWS_ENV });

  const ingressConfig = loadIngressConfig(env);
  const config = loadWorkerConfig(env);
  const store = createDynamoRequestStore(config.store);
  const auditStore = createDynamoAuditStore({ ...config.store, retentionDays: config.audit.retentionDays });
  const githubRestorer = createGitHubRestorer(config.github, options.githubTuning, options.metrics);
  const worker = createWorker({
    config,
    store,
    auditStore,
    ...(options.now ? { now: options.now } : {}),
    github: githubRestorer,
    registry: createImageRegistry({
      ...config.registry,
      credential: githubRestorer.registryCredential,
      authMode: config.github.authMode,
    }),
    log,
    deliveryAttempts: (options.retryDelaysMs ?? LAMBDA_RETRY_DELAYS_MS).length + 1,
    ...(options.slackRetryConfig ? { slackRetryConfig: options.slackRetryConfig } : {}),
    health: createDynamoHealthRecords(config.store),
    ...(options.sweepEveryMs ? { sweepEveryMs: options.sweepEveryMs } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const handOff = createInProcessHandOff(worker.runJob, log, options.retryDelaysMs);
  // The playground signs as any simulated user: served only when GitHub is simulated too, so it can't restore real packages.
  const playground =
    slack &&
    github &&
    createPlaygroundRoutes({
      slack,
      github,
      signingSecret: ingressConfig.signingSecret,
      auditChannelId: config.audit.channelId,
      command: ingressConfig.command,
    });
  const server = await startIngressServer(
    {
      signingSecret: ingressConfig.signingSecret,
      policy: ingressConfig.policy,
      requireApproval: ingressConfig.requireApproval,
      command: ingressConfig.command,
      handOff: handOff.handOff,
      now: Date.now,
      newId: () => crypto.randomUUID(),
      log: options.quiet ? createJsonLogger(serviceName, () => {}) : createJsonLogger(serviceName),
    },
    {
      port: options.port ?? 0,
      extraRoutes: (request, readBody) =>
        localRoutes(request, slack, ingressConfig.command) ?? playground?.(request, readBody),
      // With Slack simulated, the signing secret is public and the local routes hand out response URLs: only local tools may call.
      ...(slack ? { guard: refuseForeignHost } : {}),
    },
  );
  return {
    url: server.url,
    playgroundUrl: playground ? `${server.url}/` : undefined,
    signingSecret: ingressConfig.signingSecret,
    config,
    slack,
    github,
    registry,
    dynamo,
    store,
    auditStore,
    handOff,
    worker,
    async close() {
      await server.close();
      await handOff.idle();
      await Promise.all([slack?.close(), github?.close(), registry?.close(), dynamo?.close()]);
    },
  };
}

async function startSimulatedGitHub(env: Record<string, string | undefined>, seed: boolean): Promise<GitHubSimulator> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const github = await startGitHubSimulator({
    appId: LOCAL_APP_ID,
    appPublicKey: publicKey,
    // What a restore of every package type needs (Maven and Gradle packages need repo).
    pats: { [LOCAL_PAT]: ["read:packages", "write:packages", "repo"] },
  });
  if (seed) seedExampleOrg(github);
  Object.assign(env, {
    GITHUB_APP_ID: String(LOCAL_APP_ID),
    GITHUB_APP_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    GITHUB_TOKEN: LOCAL_PAT,
    GITHUB_API_URL: github.url,
  });
  return github;
}

/** The registry simulator (plays ghcr.io) over the simulated GitHub's packages, with the example images. */
async function startSimulatedRegistry(
  env: Record<string, string | undefined>,
  github: GitHubSimulator,
  seed: boolean,
): Promise<RegistrySimulator> {
  const registry = await startRegistrySimulator({ isDeleted: deletionsFromGitHub(github) });
  if (seed) seedExampleImages(github, registry);
  env.GITHUB_CONTAINER_REGISTRY_URL = registry.url;
  return registry;
}

/** Read-only helpers for `npm run slash`, only when Slack is simulated; it sends the command this stack answers. */
function localRoutes(request: IncomingMessage, slack: SlackSimulator | undefined, command: string) {
  if (slack === undefined || request.method !== "GET") return undefined;
  const path = (request.url ?? "").split("?")[0];
  if (path === "/_local/response-url") return jsonResponse(200, { responseUrl: slack.newResponseUrl() });
  if (path === "/_local/slack") return jsonResponse(200, { simulatorUrl: slack.baseUrl, command });
  return undefined;
}
