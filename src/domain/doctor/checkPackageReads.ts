import type { GitHubProbe } from "../ports/doctorProbes.js";
import { type CheckResult, failed, passed } from "./checkResult.js";
import { describeReading, isUnavailable, UNREACHABLE_FIX } from "./describeReading.js";

const USE_A_PAT =
  "GitHub does not yet let App tokens use its package endpoints everywhere: use a classic PAT (GITHUB_AUTH=token and the …/github-token parameter, deploy/github-app.md).";

/**
 * One org: whether GitHub answers a package read (`GET /orgs/{org}/packages`) with the credential restores use. An
 * App token refused here will be refused the restore too; a PAT refused for SSO names the page that authorises it.
 */
export async function checkPackageReads(
  github: GitHubProbe,
  org: string,
): Promise<{ result: CheckResult; containerNames: string[] }> {
  const check = `Package reads in ${org}`;
  const reading = await github.containerPackages(org);
  const names = reading.names ?? [];
  if (reading.status === 200)
    return {
      result: passed(
        check,
        `GitHub answers the ${github.authMode === "app" ? "App's token" : "PAT"} (${names.length} container package(s) listed).`,
      ),
      containerNames: names,
    };
  if (reading.status === 0)
    return {
      result: failed(
        check,
        `GitHub gave no answer: ${describeReading(reading)}.`,
        UNREACHABLE_FIX,
        "github_unavailable",
      ),
      containerNames: [],
    };
  if (isUnavailable(reading))
    return {
      result: failed(
        check,
        `GitHub could not answer a package read (${describeReading(reading)}).`,
        UNREACHABLE_FIX,
        "github_unavailable",
      ),
      containerNames: [],
    };
  const sso = /url=(\S+)/.exec(reading.sso ?? "")?.[1];
  if (reading.sso?.startsWith("required"))
    return {
      result: failed(
        check,
        `the PAT is not authorised for ${org}'s SAML single sign-on (${describeReading(reading)}).`,
        `Authorise it: github.com → Settings → Developer settings → Personal access tokens → Configure SSO → ${org}${sso ? ` (or open ${sso})` : ""}.`,
        "sso_required",
      ),
      containerNames: [],
    };
  const fix =
    github.authMode === "app"
      ? USE_A_PAT
      : `Make sure the PAT's owner is an owner of ${org} and the token has read:packages; then run the doctor again.`;
  return {
    result: failed(
      check,
      `GitHub refuses a package read with the ${github.authMode === "app" ? "App's token" : "PAT"} (${describeReading(reading)}), so restores will be refused too.`,
      fix,
      github.authMode === "app" ? "app_token_refused" : "forbidden",
    ),
    containerNames: [],
  };
}
