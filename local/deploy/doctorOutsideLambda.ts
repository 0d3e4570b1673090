// The doctor from a laptop or CI (`npm run doctor`, and after `npm run deploy`): the worker's settings and
// secrets, the same probes and checks as `/restore-package doctor`, with the caller's AWS credentials.
import { WebClient } from "@slack/web-api";
import { loadWorkerConfig, type WorkerConfig } from "../../src/config/loadWorkerConfig.js";
import type { Env } from "../../src/config/readEnv.js";
import { resolveSecrets, WORKER_SECRETS } from "../../src/config/resolveSecrets.js";
import { createDoctorProbes } from "../../src/doctor/createDoctorProbes.js";
import { doctorSetupFor } from "../../src/doctor/doctorSetupFor.js";
import { createGitHubRestorer } from "../../src/github/createGitHubRestorer.js";
import { createImageRegistry } from "../../src/registry/createImageRegistry.js";
import { type CheckResult, failed } from "../../src/domain/doctor/checkResult.js";
import { renderDoctorReport } from "../../src/domain/doctor/renderDoctorReport.js";
import { runDoctor } from "../../src/domain/doctor/runDoctor.js";
import { ConfigError } from "../../src/errors.js";
import type { FetchParameter } from "../../src/secrets/fetchParameter.js";
import { createDynamoHealthRecords } from "../../src/store/createDynamoHealthRecords.js";
import { DEFAULT_SLACK_CLIENT_OPTIONS } from "../../src/worker/createWorker.js";

export interface DoctorAnswer {
  report: string;
  ok: boolean;
  results: CheckResult[];
}

/** Runs every check for the worker's environment `env` (its `*_PARAM` secrets read through `fetchParameter`). */
export async function doctorOutsideLambda(
  env: Env,
  fetchParameter: FetchParameter,
  now = new Date(),
): Promise<DoctorAnswer> {
  let config: WorkerConfig;
  try {
    config = loadWorkerConfig(await resolveSecrets(env, fetchParameter, WORKER_SECRETS));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return answer([
      failed(
        "Configuration",
        `the worker could not start with these settings: ${error.message}`,
        "Set it in .env.<stage> or store the parameter (docs/configuration.md, docs/deploying.md step 4), deploy, and run the doctor again.",
      ),
    ]);
  }
  // The registry reader and its credential exactly as functions/worker.ts builds them.
  const github = createGitHubRestorer(config.github);
  const imageRegistry = createImageRegistry({
    ...config.registry,
    credential: github.registryCredential,
    authMode: config.github.authMode,
  });
  const probes = createDoctorProbes({
    config,
    imageRegistry,
    slackClient: new WebClient(config.slack.botToken, {
      slackApiUrl: config.slack.apiUrl,
      ...DEFAULT_SLACK_CLIENT_OPTIONS,
    }),
    health: createDynamoHealthRecords(config.store),
  });
  return answer(await runDoctor(doctorSetupFor(config, { now, insideWorker: false }), probes));
}

function answer(results: CheckResult[]): DoctorAnswer {
  return { report: renderDoctorReport(results), ok: results.every((result) => result.ok), results };
}
