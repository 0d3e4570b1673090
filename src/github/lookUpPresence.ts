import type { GitHubAuthMode, PackagePresence } from "../domain/request/restoreOutcome.js";
import type { ResolvedRequest } from "../domain/command/restoreRequest.js";
import type { RestoreOctokit } from "./createOctokitClass.js";
import { readGitHubError } from "./readGitHubError.js";

/**
 * Looks the package (or the version) up without changing it: a read, with the
 * read's retries, stopped by `signal`. Never throws: what GitHub won't say is "unknown".
 */
export async function lookUpPresence(
  client: RestoreOctokit,
  request: ResolvedRequest,
  authMode: GitHubAuthMode,
  signal?: AbortSignal,
): Promise<PackagePresence> {
  const target = {
    org: request.org,
    package_type: request.packageType,
    package_name: request.packageName,
    ...(signal ? { request: { signal } } : {}),
  };
  try {
    if (request.target.kind === "version") {
      const { data } = await client.rest.packages.getPackageVersionForOrganization({
        ...target,
        package_version_id: request.target.versionId,
      });
      return data.deleted_at ? "not_active" : "active";
    }
    await client.rest.packages.getPackageForOrganization(target);
    return "active";
  } catch (error) {
    const answer = readGitHubError(error);
    // GitHub answers 404 for deleted packages, but also to App tokens on package endpoints.
    return answer.status === 404 && !answer.noAnswer && authMode === "token" ? "not_active" : "unknown";
  }
}
