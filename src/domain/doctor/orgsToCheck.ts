import type { GitHubProbe } from "../ports/doctorProbes.js";
import { type CheckResult, failed } from "./checkResult.js";
import { describeReading, isUnavailable } from "./describeReading.js";

/**
 * The orgs whose access is checked: RESTORE_ORGS; without it, in App mode, every org the App is installed on. A PAT
 * without RESTORE_ORGS names no org, so there is nothing to check against, and the answer says so.
 */
export async function orgsToCheck(
  orgs: readonly string[] | null,
  github: GitHubProbe,
): Promise<{ orgs: string[] } | { problem: CheckResult }> {
  if (orgs !== null) return { orgs: [...orgs] };
  const setOrgs = "Set RESTORE_ORGS to the orgs the bot restores in, so each one is checked.";
  if (github.authMode === "token")
    return {
      problem: failed("GitHub orgs", "RESTORE_ORGS is unset, so no org's access could be checked.", setOrgs, "no_orgs"),
    };
  const installed = await github.installations();
  if (installed.status !== 200 || installed.accounts === undefined)
    return {
      problem: failed(
        "GitHub orgs",
        `the App's installations could not be listed (${describeReading(installed)}).`,
        setOrgs,
        isUnavailable(installed) ? "github_unavailable" : "refused",
      ),
    };
  if (installed.accounts.length === 0)
    return {
      problem: failed(
        "GitHub orgs",
        "the App is installed on no org.",
        "Install the App on each org it restores in (the App's settings → Install App).",
        "app_not_installed",
      ),
    };
  return { orgs: installed.accounts.map((account) => account.toLowerCase()) };
}
