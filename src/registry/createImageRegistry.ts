import type { ExistsAnswer, ImageRegistry, ManifestAnswer } from "../domain/ports/imageRegistry.js";
import type { GitHubAuthMode } from "../domain/request/restoreOutcome.js";
import { describeRegistryRefusal } from "./describeRegistryRefusal.js";
import { loadRegistryClient } from "./loadRegistryClient.js";
import type { RegistryClient, RegistryClientOptions } from "./registryClient.js";

export interface ImageRegistryOptions extends Omit<RegistryClientOptions, "registryUrl"> {
  /** The registry's root URL, or why the configuration gives none (every read then answers with it). */
  registryUrl?: string;
  problem?: string;
  /** Which GitHub credential the registry is sent, for what a refusal tells the operator to do. */
  authMode: GitHubAuthMode;
}

/**
 * The registry behind the domain's ImageRegistry port. The client is imported on the first read, so a worker that
 * never repairs or checks an image never loads it; a refused credential's reason says what the operator should do.
 */
export function createImageRegistry(options: ImageRegistryOptions): ImageRegistry {
  const { registryUrl } = options;
  if (registryUrl === undefined) {
    const unconfigured = { kind: "unavailable" as const, reason: options.problem ?? "No registry is configured." };
    return {
      host: "the Container registry",
      readManifest: async () => unconfigured,
      manifestExists: async () => unconfigured,
    };
  }
  let client: Promise<RegistryClient> | undefined;
  const loaded = () => {
    client ??= loadRegistryClient({ ...options, registryUrl });
    return client;
  };
  const explained = <T extends ManifestAnswer | ExistsAnswer>(answer: T): T =>
    answer.kind === "refused" ? { ...answer, reason: describeRegistryRefusal(answer, options.authMode) } : answer;
  return {
    host: new URL(registryUrl).host,
    async readManifest(name, reference) {
      return explained(await (await loaded()).readManifest(name, reference));
    },
    async manifestExists(name, digest) {
      return explained(await (await loaded()).manifestExists(name, digest));
    },
  };
}
