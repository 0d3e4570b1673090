import { patRegistryCredential } from "./patRegistryCredential.js";
import { App } from "@octokit/app";
import type { GitHubConfig } from "../config/loadGitHubConfig.js";
import { mapGitHubResponse } from "./mapGitHubResponse.js";
import type { CallMetrics } from "../metrics/callMetrics.js";
import type { PackageRestorer } from "../domain/ports/packageRestorer.js";
import type { RestoreOutcome } from "../domain/request/restoreOutcome.js";
import {
  createOctokitClass,
  DEFAULT_RETRIES,
  DEFAULT_RETRY_BASE_MS,
  type OctokitTuning,
  type RestoreOctokit,
} from "./createOctokitClass.js";
import { lookUpPresence } from "./lookUpPresence.js";
import { listDeletedVersions, outcomeReason, precheckWith } from "./lookUpVersions.js";
import { outcomeAtDeadline } from "./outcomeAtDeadline.js";
import { packageUrl } from "./packageUrl.js";
import { DEFAULT_RESTORE_BUDGET_MS } from "./restoreBudget.js";
import { readGitHubError } from "./readGitHubError.js";
import { restoreWithLookUps, type WriteProgress } from "./restoreWithLookUps.js";
import { withAbortDeadline } from "./withAbortDeadline.js";
import type { RegistryCredential } from "../registry/registryClient.js";

/**
 * GitHub behind the PackageRestorer port. Create it once per Lambda container:
 * installation IDs and tokens are cached in it (tokens by @octokit/auth-app,
 * for 59 minutes), so a warm restore is one GitHub call.
 */
export function createGitHubRestorer(
  config: GitHubConfig,
  tuning: OctokitTuning = {},
  metrics?: Pick<CallMetrics, "githubCall">,
): PackageRestorer & { registryCredential: RegistryCredential } {
  const Octokit = createOctokitClass(config.apiUrl, tuning, metrics?.githubCall);
  const clientFor =
    config.authMode === "token"
      ? patClient(new Octokit({ auth: config.token }))
      : installationClient(new App({ appId: config.appId, privateKey: config.privateKey, Octokit }));
  const budgetMs = tuning.restoreBudgetMs ?? DEFAULT_RESTORE_BUDGET_MS;

  const restorer: PackageRestorer & { registryCredential: RegistryCredential } = {
    // The same credential reads the Container registry: the PAT, or the installation token of the image's org.
    registryCredential:
      config.authMode === "token"
        ? patRegistryCredential(config.token)
        : async (repository) => installationToken(await clientFor(repository.split("/")[0] ?? "")),
    authMode: config.authMode,
    // Everything, the installation lookup and token creation included, runs inside this budget.
    maxRestoreMs: budgetMs,
    async restore(request, options = {}) {
      const progress: WriteProgress = { unsettled: false };
      const policy = {
        authMode: config.authMode,
        activeBefore: options.activeBefore === true,
        resends: tuning.retries ?? DEFAULT_RETRIES,
        backoffBaseMs: tuning.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
        progress,
      };
      return withAbortDeadline(
        budgetMs,
        async (signal) => {
          const client = await clientFor(request.org);
          return "kind" in client ? client : restoreWithLookUps(client, request, { ...policy, signal });
        },
        () => outcomeAtDeadline(progress, config.authMode),
      );
    },
    async presence(request) {
      const client = await clientFor(request.org);
      return "kind" in client ? "unknown" : lookUpPresence(client, request, config.authMode);
    },
    async deletedVersions(pkg, page) {
      const client = await clientFor(pkg.org);
      return "kind" in client
        ? { kind: "unknown", reason: outcomeReason(client, pkg.org) }
        : listDeletedVersions(client, pkg, page);
    },
    async activeVersions(pkg, page) {
      const client = await clientFor(pkg.org);
      return "kind" in client
        ? { kind: "unknown", reason: outcomeReason(client, pkg.org) }
        : listDeletedVersions(client, pkg, page, "active");
    },
    async precheck(request) {
      const client = await clientFor(request.org);
      return "kind" in client
        ? { kind: "unknown", detail: outcomeReason(client, request.org) }
        : precheckWith(client, request, config.authMode, restorer);
    },
    packageUrl: (request) => packageUrl(config.webUrl, request),
  };
  return restorer;
}

type ClientFor = (org: string) => Promise<RestoreOctokit | RestoreOutcome>;

/** The installation token @octokit/auth-app holds (and renews) for the org's client. */
async function installationToken(client: RestoreOctokit | RestoreOutcome): Promise<string> {
  if ("kind" in client) throw new Error(`No installation token: ${outcomeReason(client, "the org")}.`);
  const auth = (await client.auth({ type: "installation" })) as { token: string };
  return auth.token;
}

function patClient(octokit: RestoreOctokit): ClientFor {
  return async () => octokit;
}

/** Finds the App's installation on the org once per container, then reuses its client. */
function installationClient(app: App<{ Octokit: ReturnType<typeof createOctokitClass> }>): ClientFor {
  const installations = new Map<string, Promise<RestoreOctokit>>();
  return async (org) => {
    let client = installations.get(org);
    if (client === undefined) {
      client = app.octokit
        .request("GET /orgs/{org}/installation", { org })
        .then(({ data }) => app.getInstallationOctokit(data.id) as Promise<RestoreOctokit>);
      installations.set(org, client);
      // A failed lookup is not cached: the App may be installed a minute later.
      client.catch(() => installations.delete(org));
    }
    try {
      return await client;
    } catch (error) {
      const answer = readGitHubError(error);
      const outcome = mapGitHubResponse(answer, "app");
      return answer.status === 404 ? { ...outcome, kind: "app_not_installed" } : outcome;
    }
  };
}
