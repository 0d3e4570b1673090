import { App } from "@octokit/app";
import type { GitHubConfig } from "../config/loadGitHubConfig.js";
import { mapGitHubResponse, type GitHubAnswer } from "../domain/mapGitHubResponse.js";
import type { PackageRestorer } from "../domain/packageRestorer.js";
import type { RestoreOutcome } from "../domain/restoreOutcome.js";
import type { ResolvedRequest } from "../domain/restoreRequest.js";
import { createOctokitClass, maxCallMs, type OctokitTuning, type RestoreOctokit } from "./createOctokitClass.js";
import { listDeletedVersions, outcomeReason, precheckWith } from "./lookUpVersions.js";
import { readGitHubError } from "./readGitHubError.js";

/**
 * GitHub behind the PackageRestorer port. Create it once per Lambda container:
 * installation IDs and tokens are cached in it (tokens by @octokit/auth-app,
 * for 59 minutes), so a warm restore is one GitHub call.
 */
export function createGitHubRestorer(config: GitHubConfig, tuning: OctokitTuning = {}): PackageRestorer {
  const Octokit = createOctokitClass(config.apiUrl, tuning);
  const clientFor =
    config.authMode === "token" ? patClient(new Octokit({ auth: config.token })) : installationClient(new App({ appId: config.appId, privateKey: config.privateKey, Octokit }));

  const restorer: PackageRestorer = {
    authMode: config.authMode,
    // The installation lookup and token creation can come first, each as long as a call.
    maxRestoreMs: 3 * maxCallMs(tuning),
    async restore(request) {
      const client = await clientFor(request.org);
      if ("kind" in client) return client;
      let answer = await callRestore(client, request);
      if (answer.status === 401 && config.authMode === "app") {
        // A cached installation token GitHub no longer accepts (revoked, or expired early): get a new one, once.
        await client.auth({ type: "installation", refresh: true });
        answer = await callRestore(client, request);
      }
      return mapGitHubResponse(answer, config.authMode);
    },
    async presence(request) {
      const client = await clientFor(request.org);
      if ("kind" in client) return "unknown";
      const target = { org: request.org, package_type: request.packageType, package_name: request.packageName };
      try {
        if (request.target.kind === "version") {
          const { data } = await client.rest.packages.getPackageVersionForOrganization({ ...target, package_version_id: request.target.versionId });
          return data.deleted_at ? "not_active" : "active";
        }
        await client.rest.packages.getPackageForOrganization(target);
        return "active";
      } catch (error) {
        // GitHub answers 404 for deleted packages, but also for credentials it won't show the package to.
        return readGitHubError(error).status === 404 && config.authMode === "token" ? "not_active" : "unknown";
      }
    },
    async deletedVersions(pkg, page) {
      const client = await clientFor(pkg.org);
      return "kind" in client ? { kind: "unknown", reason: outcomeReason(client, pkg.org) } : listDeletedVersions(client, pkg, page);
    },
    async precheck(request) {
      const client = await clientFor(request.org);
      return "kind" in client ? { kind: "unknown", detail: outcomeReason(client, request.org) } : precheckWith(client, request, config.authMode, restorer);
    },
    packageUrl(request) {
      return `${config.webUrl}/orgs/${encodeURIComponent(request.org)}/packages/${request.packageType}/package/${encodeURIComponent(request.packageName)}`;
    },
  };
  return restorer;
}

type ClientFor = (org: string) => Promise<RestoreOctokit | RestoreOutcome>;

/** One restore call, as GitHub answered it. */
async function callRestore(client: RestoreOctokit, request: ResolvedRequest): Promise<GitHubAnswer> {
  const target = { org: request.org, package_type: request.packageType, package_name: request.packageName };
  try {
    // Generated methods encode path parameters: `team/app` travels as one segment, `team%2Fapp`.
    const response =
      request.target.kind === "version"
        ? await client.rest.packages.restorePackageVersionForOrg({ ...target, package_version_id: request.target.versionId })
        : await client.rest.packages.restorePackageForOrg({ ...target, ...(request.packageToken === undefined ? {} : { token: request.packageToken }) });
    const requestId = response.headers["x-github-request-id"];
    return { status: response.status, ...(requestId ? { requestId } : {}) };
  } catch (error) {
    return readGitHubError(error);
  }
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
