import { mapGitHubResponse, type GitHubAnswer } from "./mapGitHubResponse.js";
import type { GitHubAuthMode, RestoreOutcome } from "../domain/request/restoreOutcome.js";
import type { ResolvedRequest } from "../domain/command/restoreRequest.js";
import type { RestoreOctokit } from "./createOctokitClass.js";
import { lookUpPresence } from "./lookUpPresence.js";
import { readGitHubError } from "./readGitHubError.js";
import { sendRestore } from "./sendRestore.js";
import { retrying, type Attempt } from "../retry/retrying.js";
import { RETRY_POLICIES } from "../retry/retryPolicies.js";

/** Where the restore stands, for whoever must answer if the deadline comes first (see outcomeAtDeadline). */
export interface WriteProgress {
  /** A restore went out and nobody knows yet whether GitHub acted on it. */
  unsettled: boolean;
  /** GitHub's answer to the latest restore sent, once it answered. */
  answer?: GitHubAnswer;
}

export interface WritePolicy {
  authMode: GitHubAuthMode;
  /** The pre-check saw it active before the restore: "active" after an unclear answer then proves nothing. */
  activeBefore: boolean;
  /** How many times the restore may go again after one that had no effect. */
  resends: number;
  /** The n-th re-send waits backoffBaseMs × n² (RETRY_POLICIES.githubResend). */
  backoffBaseMs: number;
  signal: AbortSignal;
  progress: WriteProgress;
}

/**
 * Sends the restore, and never sends it again blind. After a 5xx, a timeout or
 * a network error GitHub may have acted, so the package is looked up first, the
 * way an abandoned claim is settled: active → restored; still deleted → the
 * write had no effect and may go again, a bounded number of times with backoff;
 * GitHub won't say (App tokens get 404 on package endpoints) → unconfirmed, and
 * nothing more is sent.
 */
export async function restoreWithLookUps(
  client: RestoreOctokit,
  request: ResolvedRequest,
  policy: WritePolicy,
): Promise<RestoreOutcome> {
  const { authMode, signal, progress } = policy;
  const send = async () => {
    progress.unsettled = true;
    delete progress.answer;
    const answer = await sendRestore(client, request, signal);
    progress.answer = answer;
    progress.unsettled = isUnclear(answer) && !answer.tokenCreation;
    return answer;
  };
  let answer = await send();
  if (answer.status === 401 && !answer.tokenCreation && authMode === "app") {
    // A cached installation token GitHub no longer accepts (revoked, or expired early): get a new
    // one, once. GitHub acts on nothing it answers 401, so the restore may go again.
    const refused = await refreshInstallationToken(client);
    if (refused !== undefined) return mapGitHubResponse(refused, authMode);
    answer = await send();
  }
  // Each try settles the answer in hand (the first send's, then each re-send's); only "no effect" goes again.
  const settled = await retrying(
    RETRY_POLICIES.githubResend(policy.resends, policy.backoffBaseMs),
    async (tryNumber): Promise<Attempt<RestoreOutcome>> => {
      if (tryNumber > 1) answer = await send();
      if (!isUnclear(answer) || signal.aborted) return { done: mapGitHubResponse(answer, authMode) };
      // A failed token creation sent nothing, so there is nothing to look for.
      if (!answer.tokenCreation) {
        const presence = await lookUpPresence(client, request, authMode, signal);
        if (presence === "active" && !policy.activeBefore)
          return { done: { ...mapGitHubResponse(answer, authMode), kind: "restored", confirmedByLookUp: true } };
        if (presence !== "not_active") return { done: { ...mapGitHubResponse(answer, authMode), kind: "unconfirmed" } };
        progress.unsettled = false;
      }
      return { again: "the restore had no effect" };
    },
    { signal },
  );
  if ("done" in settled) return settled.done;
  return mapGitHubResponse(answer, authMode);
}

/** A 5xx, or no answer at all: GitHub may or may not have acted. */
function isUnclear(answer: GitHubAnswer): boolean {
  return answer.noAnswer === true || answer.status >= 500;
}

/** Gets a new installation token; GitHub's refusal, if it refuses. */
async function refreshInstallationToken(client: RestoreOctokit): Promise<GitHubAnswer | undefined> {
  try {
    await client.auth({ type: "installation", refresh: true });
    return undefined;
  } catch (error) {
    return { ...readGitHubError(error), tokenCreation: true };
  }
}
