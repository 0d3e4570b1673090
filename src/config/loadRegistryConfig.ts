import { ConfigError } from "../errors.js";
import { DEFAULT_GITHUB_API_URL } from "./loadGitHubConfig.js";
import { optionalVar, type Env } from "./readEnv.js";

/** GitHub.com's Container registry. */
export const DEFAULT_CONTAINER_REGISTRY_URL = "https://ghcr.io";

export interface RegistryConfig {
  /** The OCI Distribution API root, no trailing slash: `/v2/…` is appended. */
  registryUrl: string;
}

const VARIABLE = "GITHUB_CONTAINER_REGISTRY_URL";
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * `GITHUB_CONTAINER_REGISTRY_URL`, or the registry that goes with `GITHUB_API_URL`: ghcr.io for api.github.com,
 * `https://containers.HOST` for GitHub Enterprise Server's `https://HOST/api/v3` (its Container registry needs
 * subdomain isolation: https://docs.github.com/enterprise-server@latest/packages/working-with-a-github-packages-registry/working-with-the-container-registry).
 * Any other API host (GHE.com, a proxy) has no documented registry address, so it must be set.
 */
export function loadRegistryConfig(env: Env): RegistryConfig {
  const value = optionalVar(env, VARIABLE);
  if (value === undefined)
    return { registryUrl: registryFor(optionalVar(env, "GITHUB_API_URL") ?? DEFAULT_GITHUB_API_URL) };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(VARIABLE, "it is not a URL; use the registry's root, such as https://ghcr.io.");
  }
  const local = url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !local)
    throw new ConfigError(VARIABLE, "use an https URL (http only for a registry on 127.0.0.1 or localhost).");
  if (url.username !== "" || url.password !== "")
    throw new ConfigError(VARIABLE, "remove the credentials from the URL; the registry is sent the GitHub credential.");
  if (url.search !== "" || url.hash !== "")
    throw new ConfigError(VARIABLE, "remove the query or fragment; use the registry's root, such as https://ghcr.io.");
  return { registryUrl: url.href.replace(/\/+$/, "") };
}

function registryFor(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new ConfigError("GITHUB_API_URL", "it is not a URL; use a full URL such as https://api.github.com.");
  }
  if (url.hostname === "api.github.com") return DEFAULT_CONTAINER_REGISTRY_URL;
  if (url.protocol === "https:" && /^\/api\/v3\/?$/.test(url.pathname)) return `https://containers.${url.host}`;
  throw new ConfigError(
    VARIABLE,
    "it is not set, and the registry's address can't be derived from GITHUB_API_URL; set it to the Container registry's URL, such as https://containers.HOST.",
  );
}
