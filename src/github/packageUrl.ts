import type { PackageRef } from "../domain/command/restoreRequest.js";

/** The package's page on GitHub's web side, for links on the card; needs no call and no Octokit. */
export function packageUrl(webUrl: string, request: PackageRef): string {
  return `${webUrl}/orgs/${encodeURIComponent(request.org)}/packages/${request.packageType}/package/${encodeURIComponent(request.packageName)}`;
}
