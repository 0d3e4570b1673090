// Lambda entry point for the worker, invoked asynchronously by the HTTP function: wiring only, see src/worker/createWorker.ts.
import { loadWorkerConfig } from "../src/config/loadWorkerConfig.js";
import { resolveSecrets, WORKER_SECRETS } from "../src/config/resolveSecrets.js";
import { createLazyGitHubRestorer } from "../src/github/createLazyGitHubRestorer.js";
import type { WorkerJob } from "../src/handoff/workerJob.js";
import { createPowertoolsLogger } from "../src/log/createPowertoolsLogger.js";
import { ssmParameterFetcherFrom } from "../src/secrets/createSsmParameterFetcher.js";
import { createDynamoAuditStore } from "../src/store/createDynamoAuditStore.js";
import { createDynamoRequestStore } from "../src/store/createDynamoRequestStore.js";
import { createWorker } from "../src/worker/createWorker.js";
import { isSweepEvent, type SweepEvent } from "../src/worker/sweepEvent.js";

// In Lambda, *_PARAM variables name SecureStrings, read once per container at start-up with the HTTP function's
// signed call rather than Powertools Parameters: the AWS SDK's SSM client it needs was a fifth of the worker's
// cold start, which the requester waits through for the card (docs/speed.md).
const config = loadWorkerConfig(
  await resolveSecrets(process.env, ssmParameterFetcherFrom(process.env), WORKER_SECRETS),
);
const worker = createWorker({
  config,
  store: createDynamoRequestStore(config.store),
  auditStore: createDynamoAuditStore({ ...config.store, retentionDays: config.audit.retentionDays }),
  github: createLazyGitHubRestorer(config.github),
  log: createPowertoolsLogger("package-restore-worker"),
});

/** Throwing hands the job back to Lambda, which retries it and then sends it to the on-failure destination. */
export async function handler(event: WorkerJob | SweepEvent): Promise<void> {
  if (isSweepEvent(event)) await worker.runSweep();
  else await worker.runJob(event);
}
