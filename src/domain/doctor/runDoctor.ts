import type { DoctorProbes } from "../ports/doctorProbes.js";
import { checkAppInstallation } from "./checkAppInstallation.js";
import { checkGitHubApp } from "./checkGitHubApp.js";
import { checkGitHubToken } from "./checkGitHubToken.js";
import { checkLastRuns } from "./checkLastRuns.js";
import { checkPackageReads } from "./checkPackageReads.js";
import { checkRegistry } from "./checkRegistry.js";
import { type CheckResult, failed } from "./checkResult.js";
import { checkSlackChannel } from "./checkSlackChannel.js";
import { checkSlackToken } from "./checkSlackToken.js";
import { checkTable } from "./checkTable.js";
import { checkUserGroup } from "./checkUserGroup.js";
import type { DoctorSetup } from "./doctorSetup.js";
import { orgsToCheck } from "./orgsToCheck.js";

/**
 * Every check, GitHub's, Slack's and the table's side by side, in a fixed order. Each only reads. A check that throws
 * becomes a ✗ saying it could not be made: an unexpected failure is never read as a pass.
 */
export async function runDoctor(setup: DoctorSetup, probes: DoctorProbes): Promise<CheckResult[]> {
  const [github, slack, store] = await Promise.all([
    guarded("GitHub", () => githubChecks(setup, probes)),
    guarded("Slack", () => slackChecks(setup, probes)),
    guarded("DynamoDB", async () => [await checkTable(probes.store), ...(await checkLastRuns(probes.store, setup))]),
  ]);
  return [...github, ...slack, ...store];
}

async function githubChecks(setup: DoctorSetup, { github, registry }: DoctorProbes): Promise<CheckResult[]> {
  const credential =
    github.authMode === "token" ? await checkGitHubToken(github, setup.now) : await checkGitHubApp(github);
  const results = [credential];
  const found = await orgsToCheck(setup.orgs, github);
  if ("problem" in found) return [...results, found.problem, await checkRegistry(registry, undefined, undefined)];
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
  results.push(await checkRegistry(registry, registryTarget?.org ?? found.orgs[0], registryTarget?.name));
  return results;
}

async function slackChecks(setup: DoctorSetup, { slack }: DoctorProbes): Promise<CheckResult[]> {
  const { result, scopes } = await checkSlackToken(slack, setup);
  const results = [result];
  if (setup.approvalChannel) results.push(await checkSlackChannel(slack, "approval", setup.approvalChannel, scopes));
  if (setup.auditChannel) results.push(await checkSlackChannel(slack, "audit", setup.auditChannel, scopes));
  for (const group of setup.userGroups) results.push(await checkUserGroup(slack, group));
  return results;
}

async function guarded(area: string, checks: () => Promise<CheckResult[]>): Promise<CheckResult[]> {
  try {
    return await checks();
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
    return [
      failed(
        area,
        `the checks could not be made (${reason.slice(0, 200)}).`,
        "Run the doctor again; if it persists, read the worker's log.",
      ),
    ];
  }
}
