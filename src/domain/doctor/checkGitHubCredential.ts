import type { GitHubProbe } from "../ports/doctorProbes.js";
import type { CheckResult, CredentialCheckCode } from "./checkResult.js";
import type { DoctorSetup } from "./doctorSetup.js";
import { runGitHubChecks } from "./runGitHubChecks.js";

/** The scheduled check's verdict: the credential works, a check found it broken (with the first failing check), or GitHub could not be asked. */
export type CredentialCheck =
  | { result: "ok"; results: CheckResult[] }
  | {
      result: "failed";
      code: Exclude<CredentialCheckCode, "github_unavailable" | "no_orgs">;
      failing: CheckResult;
      results: CheckResult[];
    }
  | { result: "github_unavailable"; failing: CheckResult; results: CheckResult[] };

/**
 * The doctor's GitHub checks, read as one verdict on the credential. A check that could not be made (no answer, a
 * 5xx) is not a credential failure, and neither is an unset RESTORE_ORGS (a PAT's orgs are then simply not checked).
 * A failure the checks did not code (a bug) counts as `refused`: an unexpected ✗ is never read as a pass.
 */
export async function checkGitHubCredential(
  setup: Pick<DoctorSetup, "orgs" | "now">,
  github: GitHubProbe,
): Promise<CredentialCheck> {
  const { results } = await runGitHubChecks(setup, github);
  let unavailable: CheckResult | undefined;
  for (const result of results) {
    if (result.ok || result.code === "no_orgs") continue;
    if (result.code === "github_unavailable") unavailable ??= result;
    else return { result: "failed", code: result.code ?? "refused", failing: result, results };
  }
  return unavailable ? { result: "github_unavailable", failing: unavailable, results } : { result: "ok", results };
}
