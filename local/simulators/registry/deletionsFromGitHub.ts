/**
 * The registry simulator's view of the GitHub simulator's state, through its public `packages()` only: a
 * manifest whose package version (or package) is deleted on GitHub answers MANIFEST_UNKNOWN until restored.
 * A digest GitHub holds no version for is the registry's alone, and is served.
 */
import type { GitHubSimulator } from "../github/startGitHubSimulator.js";

export type IsDeleted = (org: string, packageName: string, digest: string) => boolean;

export function deletionsFromGitHub(github: Pick<GitHubSimulator, "packages">): IsDeleted {
  return (org, packageName, digest) => {
    const holders = github
      .packages(org)
      .filter((pkg) => pkg.type === "container" && pkg.name === packageName)
      .flatMap((pkg) =>
        (pkg.versions ?? []).filter((version) => version.name === digest).map((version) => ({ pkg, version })),
      );
    return holders.length > 0 && !holders.some(({ pkg, version }) => !pkg.deletedAt && !version.deletedAt);
  };
}
