import { RequestError } from "@octokit/request-error";
import type { GitHubAnswer } from "./mapGitHubResponse.js";

/** @octokit/auth-app creates installation tokens inside the request that needs one, so its failure surfaces there. */
const TOKEN_CREATION = /\/app\/installations\/[^/]+\/access_tokens$/;

/**
 * What GitHub said, from an Octokit error; a timeout or network failure reads
 * as 503 "no answer", which maps to "GitHub unavailable".
 */
export function readGitHubError(error: unknown): GitHubAnswer {
  const tokenCreation =
    error instanceof RequestError && TOKEN_CREATION.test(String(error.request?.url).split("?")[0] ?? "");
  if (!(error instanceof RequestError) || error.response === undefined) {
    return {
      status: 503,
      noAnswer: true,
      message: "GitHub did not answer in time or could not be reached.",
      ...(tokenCreation ? { tokenCreation } : {}),
    };
  }
  const headers = error.response?.headers ?? {};
  const data = error.response?.data as { message?: unknown } | undefined;
  const answer: GitHubAnswer = { status: error.status };
  if (tokenCreation) answer.tokenCreation = true;
  if (typeof data?.message === "string") answer.message = data.message;
  const requestId = headers["x-github-request-id"];
  if (typeof requestId === "string") answer.requestId = requestId;
  const remaining = headers["x-ratelimit-remaining"];
  if (remaining !== undefined) answer.rateLimitRemaining = Number(remaining);
  // Secondary limits say `retry-after`; the primary limit says when its window resets.
  const retryAfter = Number(headers["retry-after"]);
  const resetIn = Number(headers["x-ratelimit-reset"]) - Math.floor(Date.now() / 1000);
  if (Number.isFinite(retryAfter) && retryAfter > 0) answer.retryAfterSeconds = retryAfter;
  else if (answer.rateLimitRemaining === 0 && Number.isFinite(resetIn) && resetIn > 0)
    answer.retryAfterSeconds = resetIn;
  return answer;
}
