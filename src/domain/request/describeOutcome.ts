import type { RequestRecord } from "./requestRecord.js";
import { commandFor, describeTarget, type RestoreRequest } from "../command/restoreRequest.js";
import type { GitHubAuthMode, RestoreOutcome } from "./restoreOutcome.js";
import { describeRepairEnd, pullCheckNote } from "./messages/repairMessages.js";
import { versionRequest } from "../repair/versionRequest.js";

/** An outcome in plain words. Raw text that may quote user input and GitHub: escape before rendering. */
export interface OutcomeDescription {
  ok: boolean;
  headline: string;
  /** What to do next, addressed to the requester or the operator. Empty when nothing is needed. */
  nextStep: string;
  /** Nobody knows whether the package is restored: link its page on GitHub so people can look. */
  checkOnGitHub?: boolean;
  /** Lines under the headline, e.g. a repair's verification per tag. */
  details?: string[];
}

/**
 * How a finished request ended, for its thread: a restore outcome, or the decision that ended it. `registryHost`
 * names images as people pull them (ghcr.io).
 */
export function describeFinalState(
  record: RequestRecord,
  authMode: GitHubAuthMode,
  command: string,
  registryHost: string,
): OutcomeDescription {
  const what = describeTarget(record.request);
  switch (record.state) {
    case "denied":
      return {
        ok: false,
        headline: `The restore of the ${what} was denied.`,
        nextStep: "Talk to the approver if you think it should go ahead.",
      };
    case "cancelled":
      return { ok: false, headline: `The request to restore the ${what} was cancelled.`, nextStep: "" };
    case "expired":
      return {
        ok: false,
        headline: `Nobody approved the restore of the ${what} in time, so the request expired.`,
        nextStep: "Ask again if it is still needed.",
      };
    default: {
      if (record.outcome === undefined)
        return { ok: false, headline: `The restore of the ${what} did not finish.`, nextStep: "Ask again." };
      if (record.repair !== undefined)
        return describeRepairEnd(record.request, record.repair, registryHost, (item) => {
          const failure = item.outcome ?? { kind: "interrupted" as const };
          const said = describeOutcome(failure, versionRequest(record, item), authMode, command);
          return `${said.headline} ${said.nextStep}`.trim();
        });
      const described = describeOutcome(record.outcome, record.request, authMode, command);
      if (record.pullCheck === undefined || record.pullCheck.kind === "healthy") return described;
      const note = pullCheckNote(record.request, record.pullCheck, registryHost, command);
      return { ...described, nextStep: [described.nextStep, note].filter(Boolean).join(" ") };
    }
  }
}

const PAT_ADVICE =
  "GitHub documents package restores for classic personal access tokens. An operator can set `GITHUB_TOKEN` to a classic PAT of an org owner with `read:packages` and `write:packages` (plus `repo` for Maven/Gradle), SSO-authorised if the org uses SSO, and `GITHUB_AUTH=token`.";

/** `command` is the slash command as configured, for the next steps that say what to type. */
export function describeOutcome(
  outcome: RestoreOutcome,
  request: RestoreRequest,
  authMode: GitHubAuthMode,
  command: string,
): OutcomeDescription {
  const what = describeTarget(request);
  switch (outcome.kind) {
    case "restored":
      return {
        ok: true,
        headline: outcome.confirmedByLookUp
          ? `Restored the ${what}: ${unclearAnswer(outcome)}, but it is active on GitHub now.`
          : `Restored the ${what}.`,
        nextStep: "",
      };
    case "unconfirmed":
      return {
        ok: false,
        headline: `The bot can't tell whether the ${what} was restored: ${unclearAnswer(outcome)}, and the bot could not check with GitHub whether it went through.`,
        nextStep:
          "Check the package on GitHub: if it is still deleted, ask again. The bot never sends a restore again without first seeing that the last one had no effect, so it cannot have acted twice." +
          (authMode === "app"
            ? ' The bot uses its GitHub App, and GitHub answers "not found" to App tokens looking packages up; with a classic PAT (`GITHUB_TOKEN` and `GITHUB_AUTH=token`) it could check for itself.'
            : ""),
        checkOnGitHub: true,
      };
    case "not_found":
      return {
        ok: false,
        headline: `GitHub found no deleted ${what} that it can restore.`,
        nextStep:
          (request.target.kind === "package"
            ? 'Check the org, type and name. GitHub restores only packages deleted in the last 30 days, and says "not found" when the credential can\'t see the package.'
            : `Check the version with \`${command} versions ${commandFor(request)}\`. GitHub restores only versions deleted in the last 30 days, of a package that is not itself deleted, and says "not found" when the credential can't see the package.`) +
          (authMode === "app"
            ? ` This bot is using its GitHub App, and GitHub currently answers "not found" to App tokens on package endpoints. ${PAT_ADVICE}`
            : ""),
      };
    case "app_token_refused":
      return {
        ok: false,
        headline: "GitHub refused the bot's GitHub App token for package restores.",
        nextStep: PAT_ADVICE,
      };
    case "missing_scopes":
      return {
        ok: false,
        headline: "The bot's GitHub token lacks the scopes needed to restore packages.",
        nextStep:
          "An operator should give the classic PAT in `GITHUB_TOKEN` the `read:packages` and `write:packages` scopes (plus `repo` for Maven/Gradle).",
      };
    case "forbidden":
      return {
        ok: false,
        headline: "GitHub refused the restore for the bot's token.",
        nextStep: `The token's user must be an owner of ${request.org} (and an admin of the package where the registry has granular permissions); on orgs with SSO the token must be SSO-authorised.`,
      };
    case "bad_credentials":
      return {
        ok: false,
        headline: "GitHub rejected the bot's credentials.",
        nextStep:
          "An operator should check `GITHUB_APP_ID` and `GITHUB_APP_PRIVATE_KEY`, or `GITHUB_TOKEN`: the key or token may be revoked or expired.",
      };
    case "name_in_use":
      return {
        ok: false,
        headline: `An active package already uses the name of the ${what}.`,
        nextStep:
          "GitHub won't restore it while that package exists: delete or rename the active package first, then ask again.",
      };
    case "needs_package_token":
      return {
        ok: false,
        headline: `Several deleted packages match the ${what}.`,
        nextStep: "Ask again with `token=<package token>` after the name to pick one.",
      };
    case "rejected":
      return {
        ok: false,
        headline: `GitHub refused to restore the ${what}.`,
        nextStep: "The name may be retired or the type wrong: check GitHub's message below.",
      };
    case "token_refused":
      return {
        ok: false,
        headline: `GitHub would not give the bot's GitHub App a token for ${request.org}, so no restore was sent.`,
        nextStep: `An owner of ${request.org} should check the App's installation there (it may be suspended), that the App has the Packages permission (read and write) and the org accepted it, and whether an org policy, such as an IP allow list, shuts the App out: GitHub's message below says which. Then ask again.`,
      };
    case "app_not_installed":
      return {
        ok: false,
        headline: `The bot's GitHub App is not installed on ${request.org}.`,
        nextStep: `An owner of ${request.org} should install the App on the org, or an operator can switch to a classic PAT. ${PAT_ADVICE}`,
      };
    case "rate_limited":
      return {
        ok: false,
        headline: "GitHub is rate-limiting the bot, so nothing was restored.",
        nextStep: `Try again ${outcome.retryAfterSeconds !== undefined ? `in ${formatSeconds(outcome.retryAfterSeconds)}` : "in a few minutes"}.`,
      };
    case "interrupted":
      return {
        ok: false,
        headline: `The restore of the ${what} was interrupted before GitHub's answer was recorded, and ${outcome.presence === "not_active" ? "GitHub does not show it as active" : "the bot could not check with GitHub whether it went through"}.`,
        nextStep: "Check the package on GitHub: if it is still deleted, ask again.",
        checkOnGitHub: true,
      };
    case "github_unavailable":
      return {
        ok: false,
        headline: "GitHub did not answer properly after several tries, so the restore did not go through.",
        nextStep: "Try again in a few minutes; see githubstatus.com if it keeps happening.",
      };
  }
}

/** GitHub's answer to a restore that proved nothing by itself: an error, or none. */
function unclearAnswer(outcome: RestoreOutcome): string {
  return outcome.status === undefined
    ? "GitHub did not answer the restore in time"
    : `GitHub answered the restore with an error (HTTP ${outcome.status})`;
}

function formatSeconds(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
