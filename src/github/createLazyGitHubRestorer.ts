import { patRegistryCredential } from "./patRegistryCredential.js";
import type { GitHubConfig } from "../config/loadGitHubConfig.js";
import type { PackageRestorer } from "../domain/ports/packageRestorer.js";
import type { OctokitTuning } from "./createOctokitClass.js";
import type { createGitHubRestorer } from "./createGitHubRestorer.js";
import type { CallMetrics } from "../metrics/callMetrics.js";
import type { RegistryCredential } from "../registry/registryClient.js";
import { packageUrl } from "./packageUrl.js";
import { DEFAULT_RESTORE_BUDGET_MS } from "./restoreBudget.js";

/**
 * createGitHubRestorer's restorer, with Octokit (and @octokit/app) loaded by the first call that goes to GitHub
 * instead of at start-up: the worker's cold start is on the requester's way to the card, which needs no GitHub
 * call for a package or a version by ID (docs/speed.md). What the card shows without a call (the package's link) is answered at once.
 */
export function createLazyGitHubRestorer(
  config: GitHubConfig,
  tuning: OctokitTuning = {},
  metrics?: Pick<CallMetrics, "githubCall">,
): PackageRestorer & { registryCredential: RegistryCredential } {
  let loading: Promise<ReturnType<typeof createGitHubRestorer>> | undefined;
  const loaded = () =>
    (loading ??= import("./createGitHubRestorer.js").then(({ createGitHubRestorer }) =>
      createGitHubRestorer(config, tuning, metrics),
    ));
  const appCredential = async (repository: string) => {
    const { registryCredential } = await loaded();
    if (typeof registryCredential !== "function") throw new Error("An App restorer gave a PAT credential.");
    return registryCredential(repository);
  };
  return {
    // A PAT reaches the registry without Octokit; an installation token needs the App loaded.
    registryCredential: config.authMode === "token" ? patRegistryCredential(config.token) : appCredential,
    authMode: config.authMode,
    maxRestoreMs: tuning.restoreBudgetMs ?? DEFAULT_RESTORE_BUDGET_MS,
    restore: async (request, options) => (await loaded()).restore(request, options),
    presence: async (request) => (await loaded()).presence(request),
    deletedVersions: async (pkg, page) => (await loaded()).deletedVersions(pkg, page),
    activeVersions: async (pkg, page) => (await loaded()).activeVersions(pkg, page),
    precheck: async (request) => (await loaded()).precheck(request),
    packageUrl: (request) => packageUrl(config.webUrl, request),
  };
}
