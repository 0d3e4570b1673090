import type { PackageRef } from "../command/restoreRequest.js";

/** The registry's repository for a container package: `<org>/<package name>`, lower case, as ghcr.io names it. */
export function repositoryName(pkg: PackageRef): string {
  return `${pkg.org}/${pkg.packageName}`.toLowerCase();
}
