import type { WebClient } from "@slack/web-api";
import type { RegistryConfig } from "../config/loadRegistryConfig.js";
import type { WorkerConfig } from "../config/loadWorkerConfig.js";
import type { DoctorProbes } from "../domain/ports/doctorProbes.js";
import type { HealthRecords } from "../domain/ports/healthRecords.js";
import { createGitHubDoctorProbe } from "../github/createGitHubDoctorProbe.js";
import type { OctokitTuning } from "../github/createOctokitClass.js";
import { createInstallationTokenSource } from "../github/createInstallationTokenSource.js";
import { createRegistryDoctorProbe } from "../registry/createRegistryDoctorProbe.js";
import { createSlackDoctorProbe } from "../slack/createSlackDoctorProbe.js";
import { createDynamoStoreProbe } from "../store/createDynamoStoreProbe.js";

export interface DoctorWiring {
  config: WorkerConfig;
  /** The Container registry's configuration, or why it could not be read (loadRegistryConfig's ConfigError). */
  registry: RegistryConfig | { problem: string };
  /** A client with the bot token and the worker's timeouts and retries. */
  slackClient: WebClient;
  health: HealthRecords;
  githubTuning?: OctokitTuning;
}

/** The doctor's probes from the worker's configuration: the worker and `npm run doctor` both build them here. */
export function createDoctorProbes(wiring: DoctorWiring): DoctorProbes {
  const { config } = wiring;
  const tokenFor = createInstallationTokenSource(config.github);
  return {
    github: createGitHubDoctorProbe(config.github, wiring.githubTuning),
    registry: createRegistryDoctorProbe(wiring.registry, (name) => tokenFor(name.split("/")[0] ?? "")),
    slack: createSlackDoctorProbe(wiring.slackClient),
    store: createDynamoStoreProbe(config.store, wiring.health),
  };
}
