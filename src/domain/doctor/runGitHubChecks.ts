import type { GitHubProbe } from "../ports/doctorProbes.js";
import { checkAppInstallation } from "./checkAppInstallation.js";
import { checkGitHubApp } from "./checkGitHubApp.js";
import { checkGitHubToken } from "./checkGitHubToken.js";
import { checkPackageReads } from "./checkPackageReads.js";
import type { CheckResult } from "./checkResult.js";
import type { DoctorSetup } from "./doctorSetup.js";
import { orgsToCheck } from "./orgsToCheck.js";

export interface GitHubChecks {
  results: CheckResult[];
  /** The orgs checked (none when they could not be found). */
  orgs: string[];
  /** The first org that listed a container package, with its name, for the registry check. */
  registryTarget?: { org: string; name?: string };
}

/**
 * The doctor's GitHub checks, registry aside: the credential, then per org the App's installation (App mode) and
 * whether package reads answer. Shared by `doctor` and the sweep's hourly credential check.
 */
export async function runGitHubChecks(
  setup: Pick<DoctorSetup, "orgs" | "now">,
  github: GitHubProbe,
): Promise<GitHubChecks> {
  const credential =
    github.authMode === "token" ? await checkGitHubToken(github, setup.now) : await checkGitHubApp(github);
  const results = [credential];
  const found = await orgsToCheck(setup.orgs, github);
  if ("problem" in found) return { results: [...results, found.problem], orgs: [] };
  let registryTarget: { org: string; name?: string } | undefined;
  for (const org of found.orgs) {
    if (github.authMode === "app") {
      const installation = await checkAppInstallation(github, org);
      results.push(installation);
      if (!installation.ok) continue;
    }
    const reads = await checkPackageReads(github, org);
    results.push(reads.result);
    const name = reads.containerNames[0];
    if (registryTarget === undefined || (registryTarget.name === undefined && name !== undefined))
      registryTarget = name === undefined ? { org } : { org, name };
  }
  return { results, orgs: found.orgs, ...(registryTarget ? { registryTarget } : {}) };
}
