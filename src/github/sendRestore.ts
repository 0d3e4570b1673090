import type { GitHubAnswer } from "./mapGitHubResponse.js";
import type { ResolvedRequest } from "../domain/command/restoreRequest.js";
import type { RestoreOctokit } from "./createOctokitClass.js";
import { readGitHubError } from "./readGitHubError.js";

/**
 * One restore request, as GitHub answered it. Never retried by Octokit
 * (`retries: 0`): after a 5xx or a timeout GitHub may have acted, so only
 * restoreWithLookUps, having looked, may send it again. Rate limits are still
 * waited out by plugin-throttling: GitHub does not act on a 429.
 */
export async function sendRestore(
  client: RestoreOctokit,
  request: ResolvedRequest,
  signal: AbortSignal,
): Promise<GitHubAnswer> {
  const target = {
    org: request.org,
    package_type: request.packageType,
    package_name: request.packageName,
    request: { retries: 0, signal },
  };
  try {
    // Generated methods encode path parameters: `team/app` travels as one segment, `team%2Fapp`.
    const response =
      request.target.kind === "version"
        ? await client.rest.packages.restorePackageVersionForOrg({
            ...target,
            package_version_id: request.target.versionId,
          })
        : await client.rest.packages.restorePackageForOrg({
            ...target,
            ...(request.packageToken === undefined ? {} : { token: request.packageToken }),
          });
    const requestId = response.headers["x-github-request-id"];
    return { status: response.status, ...(requestId ? { requestId } : {}) };
  } catch (error) {
    return readGitHubError(error);
  }
}
