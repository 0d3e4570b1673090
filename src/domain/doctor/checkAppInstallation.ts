import type { GitHubProbe } from "../ports/doctorProbes.js";
import { type CheckResult, failed, passed } from "./checkResult.js";
import { describeReading, isUnavailable, UNREACHABLE_FIX } from "./describeReading.js";

/** App mode, one org: the App is installed there, not suspended, and was granted `packages: write`. */
export async function checkAppInstallation(github: GitHubProbe, org: string): Promise<CheckResult> {
  const check = `GitHub App on ${org}`;
  const installation = await github.installation(org);
  if (installation.status === 404)
    return failed(
      check,
      `the App is not installed on ${org}.`,
      `Install it on ${org}: the App's settings → Install App → ${org} (an org owner must approve).`,
      "app_not_installed",
    );
  if (installation.status === 0)
    return failed(
      check,
      `GitHub gave no answer: ${describeReading(installation)}.`,
      UNREACHABLE_FIX,
      "github_unavailable",
    );
  if (installation.status !== 200)
    return failed(
      check,
      `GET /orgs/${org}/installation answered ${describeReading(installation)}.`,
      UNREACHABLE_FIX,
      isUnavailable(installation) ? "github_unavailable" : "refused",
    );
  if (installation.suspended)
    return failed(
      check,
      `the App's installation on ${org} is suspended.`,
      `Unsuspend it in ${org}'s settings → GitHub Apps.`,
      "app_suspended",
    );
  const packages = installation.permissions?.packages;
  if (packages !== "write")
    return failed(
      check,
      `the installation on ${org} was granted packages: ${packages ?? "none"}, and restores need packages: write.`,
      `Set Permissions → Packages to "Read and write" in the App's settings, then have an owner of ${org} accept the new permissions (${org}'s settings → GitHub Apps).`,
      "app_permissions",
    );
  return passed(check, `installed, with packages: write.`);
}
