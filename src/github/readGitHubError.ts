import { RequestError } from "@octokit/request-error";
import type { GitHubAnswer } from "../domain/mapGitHubResponse.js";

/**
 * What GitHub said, from an Octokit error; a timeout or network failure reads
 * as 503 "no answer", which maps to "GitHub unavailable".
 */
export function readGitHubError(error: unknown): GitHubAnswer {
  if (!(error instanceof RequestError) || error.response === undefined) {
    return { status: 503, noAnswer: true, message: "GitHub did not answer in time or could not be reached." };
  }
  const headers = error.response?.headers ?? {};
  const data = error.response?.data as { message?: unknown } | undefined;
  const answer: GitHubAnswer = { status: error.status };
  if (typeof data?.message === "string") answer.message = data.message;
  const requestId = headers["x-github-request-id"];
  if (typeof requestId === "string") answer.requestId = requestId;
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter > 0) answer.retryAfterSeconds = retryAfter;
  const remaining = headers["x-ratelimit-remaining"];
  if (remaining !== undefined) answer.rateLimitRemaining = Number(remaining);
  return answer;
}
