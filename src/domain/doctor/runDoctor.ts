import type { DoctorProbes } from "../ports/doctorProbes.js";
import { checkLastRuns } from "./checkLastRuns.js";
import { checkRegistry } from "./checkRegistry.js";
import { type CheckResult, failed } from "./checkResult.js";
import { checkSlackChannel } from "./checkSlackChannel.js";
import { checkSlackToken } from "./checkSlackToken.js";
import { checkTable } from "./checkTable.js";
import { checkUserGroup } from "./checkUserGroup.js";
import type { DoctorSetup } from "./doctorSetup.js";
import { runGitHubChecks } from "./runGitHubChecks.js";

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
  const { results, orgs, registryTarget } = await runGitHubChecks(setup, github);
  return [...results, await checkRegistry(registry, registryTarget?.org ?? orgs[0], registryTarget?.name)];
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
