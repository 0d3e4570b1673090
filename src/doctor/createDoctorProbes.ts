import type { WebClient } from "@slack/web-api";
import type { WorkerConfig } from "../config/loadWorkerConfig.js";
import type { DoctorProbes } from "../domain/ports/doctorProbes.js";
import type { HealthRecords } from "../domain/ports/healthRecords.js";
import type { ImageRegistry } from "../domain/ports/imageRegistry.js";
import { createGitHubDoctorProbe } from "../github/createGitHubDoctorProbe.js";
import type { OctokitTuning } from "../github/createOctokitClass.js";
import { createRegistryDoctorProbe } from "../registry/createRegistryDoctorProbe.js";
import { createSlackDoctorProbe } from "../slack/createSlackDoctorProbe.js";
import { createDynamoStoreProbe } from "../store/createDynamoStoreProbe.js";

export interface DoctorWiring {
  config: WorkerConfig;
  /** The registry restores and repairs read, with the same GitHub credential (createImageRegistry). */
  imageRegistry: ImageRegistry;
  /** A client with the bot token and the worker's timeouts and retries. */
  slackClient: WebClient;
  health: HealthRecords;
  githubTuning?: OctokitTuning;
}

/** The doctor's probes from the worker's configuration: the worker and `npm run doctor` both build them here. */
export function createDoctorProbes(wiring: DoctorWiring): DoctorProbes {
  const { config } = wiring;
  return {
    github: createGitHubDoctorProbe(config.github, wiring.githubTuning),
    registry: createRegistryDoctorProbe(config.registry, wiring.imageRegistry),
    slack: createSlackDoctorProbe(wiring.slackClient),
    store: createDynamoStoreProbe(config.store, wiring.health),
  };
}
