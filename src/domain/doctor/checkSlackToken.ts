import type { SlackProbe } from "../ports/doctorProbes.js";
import { type CheckResult, failed, passed } from "./checkResult.js";
import type { DoctorSetup } from "./doctorSetup.js";

const CHECK = "Slack bot token";

/**
 * The bot token's scopes (`x-oauth-scopes` on auth.test) against what the configuration needs; answers the scopes
 * too, for the channel checks.
 */
export async function checkSlackToken(
  slack: SlackProbe,
  setup: DoctorSetup,
): Promise<{ result: CheckResult; scopes?: readonly string[] }> {
  const answer = await slack.authTest();
  const result = judge(answer, setup);
  return answer.ok && answer.scopes ? { result, scopes: answer.scopes } : { result };
}

function judge(answer: Awaited<ReturnType<SlackProbe["authTest"]>>, setup: DoctorSetup): CheckResult {
  if (!answer.ok)
    return failed(
      CHECK,
      `Slack refuses the bot token (${answer.error}).`,
      "Copy the Bot User OAuth Token (xoxb-…) from the Slack app's OAuth & Permissions page into SSM (…/slack-bot-token) and redeploy with a new SECRETS_REVISION.",
    );
  if (answer.scopes === undefined)
    return failed(
      CHECK,
      "Slack did not list the token's scopes, so they could not be checked.",
      "Run the doctor again; if it persists, compare the app's scopes with deploy/slack-app-manifest.yml by hand.",
    );
  const needed = neededScopes(setup);
  const missing = needed.filter(({ scope }) => !answer.scopes?.includes(scope));
  if (missing.length > 0)
    return failed(
      CHECK,
      `the token lacks ${missing.map(({ scope, why }) => `${scope} (${why})`).join(", ")}.`,
      `Add ${missing.map(({ scope }) => scope).join(", ")} under OAuth & Permissions → Bot Token Scopes in the Slack app and reinstall it to the workspace.`,
    );
  return passed(CHECK, `has ${needed.map(({ scope }) => scope).join(", ")}.`);
}

function neededScopes(setup: DoctorSetup): Array<{ scope: string; why: string }> {
  const needed = [{ scope: "chat:write", why: "to post cards, replies and audit lines" }];
  if (setup.userGroups.length > 0)
    needed.push({ scope: "usergroups:read", why: `to read the user groups ${setup.userGroups.join(", ")}` });
  return needed;
}
