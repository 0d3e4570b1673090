// Lambda entry point for the worker, invoked asynchronously by the HTTP function: wiring only, see src/worker/createWorker.ts.
import type { Context } from "aws-lambda";
import { loadWorkerConfig } from "../src/config/loadWorkerConfig.js";
import { resolveSecrets, WORKER_SECRETS } from "../src/config/resolveSecrets.js";
import { createLazyGitHubRestorer } from "../src/github/createLazyGitHubRestorer.js";
import { createImageRegistry } from "../src/registry/createImageRegistry.js";
import type { WorkerJob } from "../src/handoff/workerJob.js";
import { createPowertoolsLogger } from "../src/log/createPowertoolsLogger.js";
import { createPowertoolsMetrics } from "../src/metrics/createPowertoolsMetrics.js";
import { ssmParameterFetcherFrom } from "../src/secrets/createSsmParameterFetcher.js";
import { createDynamoAuditStore } from "../src/store/createDynamoAuditStore.js";
import { createDynamoHealthRecords } from "../src/store/createDynamoHealthRecords.js";
import { createDynamoRequestStore } from "../src/store/createDynamoRequestStore.js";
import { createWorker } from "../src/worker/createWorker.js";
import { isSweepEvent, type SweepEvent } from "../src/worker/sweepEvent.js";

// In Lambda, *_PARAM variables name SecureStrings, read once per container at start-up with the HTTP function's
// signed call rather than Powertools Parameters: the AWS SDK's SSM client it needs was a fifth of the worker's
// cold start, which the requester waits through for the card (docs/speed.md).
const config = loadWorkerConfig(
  await resolveSecrets(process.env, ssmParameterFetcherFrom(process.env), WORKER_SECRETS),
);
const log = createPowertoolsLogger("package-restore-worker");
// serverless.yml sets METRICS_NAMESPACE (one per stage); without it (a local run of the bundle) nothing is counted.
const namespace = process.env.METRICS_NAMESPACE;
const metrics = namespace ? createPowertoolsMetrics({ namespace, serviceName: "package-restore-worker" }) : undefined;
const github = createLazyGitHubRestorer(config.github, {}, metrics);
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
  log,
  ...(metrics ? { metrics } : {}),
  health: createDynamoHealthRecords(config.store),
});

/** Throwing hands the job back to Lambda, which retries it and then sends it to the on-failure destination. */
export async function handler(event: WorkerJob | SweepEvent, context?: Context): Promise<void> {
  // Lambda's request ID (and, from _X_AMZN_TRACE_ID, the trace ID Powertools adds by itself) on every line of this job.
  if (context) log.powertools.addContext(context);
  if (isSweepEvent(event)) await worker.runSweep();
  else await worker.runJob(event);
}
