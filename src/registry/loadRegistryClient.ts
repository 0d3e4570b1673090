import type { RegistryClient, RegistryClientOptions } from "./registryClient.js";

/**
 * The registry client, imported on first use: only a repair or its pre-check needs it, so a worker that never
 * repairs an image never evaluates it.
 */
export async function loadRegistryClient(options: RegistryClientOptions): Promise<RegistryClient> {
  const { createRegistryClient } = await import("./createRegistryClient.js");
  return createRegistryClient(options);
}
