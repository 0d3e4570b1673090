// Lambda entry point for the worker, invoked asynchronously by the HTTP function: wiring only, see src/worker/createWorker.ts.
import { loadWorkerConfig } from "../src/config/loadWorkerConfig.js";
import { resolveSecrets, WORKER_SECRETS } from "../src/config/resolveSecrets.js";
import { createGitHubRestorer } from "../src/github/createGitHubRestorer.js";
import { createImageRegistry } from "../src/registry/createImageRegistry.js";
import type { WorkerJob } from "../src/handoff/workerJob.js";
import { createPowertoolsLogger } from "../src/log/createPowertoolsLogger.js";
import { createPowertoolsParameterFetcher } from "../src/secrets/createPowertoolsParameterFetcher.js";
import { createDynamoAuditStore } from "../src/store/createDynamoAuditStore.js";
import { createDynamoHealthRecords } from "../src/store/createDynamoHealthRecords.js";
import { createDynamoRequestStore } from "../src/store/createDynamoRequestStore.js";
import { createWorker } from "../src/worker/createWorker.js";
import { isSweepEvent, type SweepEvent } from "../src/worker/sweepEvent.js";

// In Lambda, *_PARAM variables name SecureStrings, read once per container at start-up through Powertools Parameters.
const config = loadWorkerConfig(
  await resolveSecrets(process.env, createPowertoolsParameterFetcher(process.env), WORKER_SECRETS),
);
const github = createGitHubRestorer(config.github);
const worker = createWorker({
  config,
  store: createDynamoRequestStore(config.store),
  auditStore: createDynamoAuditStore({ ...config.store, retentionDays: config.audit.retentionDays }),
  github,
  registry: createImageRegistry({
    ...config.registry,
    credential: github.registryCredential,
    authMode: config.github.authMode,
  }),
  log: createPowertoolsLogger("package-restore-worker"),
  health: createDynamoHealthRecords(config.store),
});

/** Throwing hands the job back to Lambda, which retries it and then sends it to the on-failure destination. */
export async function handler(event: WorkerJob | SweepEvent): Promise<void> {
  if (isSweepEvent(event)) await worker.runSweep();
  else await worker.runJob(event);
}
