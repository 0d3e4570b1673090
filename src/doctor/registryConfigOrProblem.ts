import { loadRegistryConfig, type RegistryConfig } from "../config/loadRegistryConfig.js";
import type { Env } from "../config/readEnv.js";
import { ConfigError } from "../errors.js";

/**
 * The Container registry's configuration, or why it can't be had. Only `doctor` (and repairs) use the registry, so a
 * registry that can't be configured is reported by the doctor rather than stopping the worker at start-up.
 */
export function registryConfigOrProblem(env: Env): RegistryConfig | { problem: string } {
  try {
    return loadRegistryConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { problem: error.message };
    throw error;
  }
}
