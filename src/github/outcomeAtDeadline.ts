import { mapGitHubResponse, type GitHubAnswer } from "./mapGitHubResponse.js";
import type { GitHubAuthMode, RestoreOutcome } from "../domain/request/restoreOutcome.js";
import type { WriteProgress } from "./restoreWithLookUps.js";

const NO_ANSWER: GitHubAnswer = {
  status: 503,
  noAnswer: true,
  message: "GitHub did not answer in time or could not be reached.",
};

/**
 * The restore ran out of time. If a restore went out whose effect nobody has
 * checked, the truth is that nobody knows: unconfirmed. Otherwise nothing GitHub
 * acted on was sent (or a look-up showed it had no effect): unavailable.
 */
export function outcomeAtDeadline(progress: WriteProgress, authMode: GitHubAuthMode): RestoreOutcome {
  const details = mapGitHubResponse(progress.answer ?? NO_ANSWER, authMode);
  return { ...details, kind: progress.unsettled ? "unconfirmed" : "github_unavailable" };
}
