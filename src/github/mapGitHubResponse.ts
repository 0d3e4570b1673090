import type { GitHubAuthMode, OutcomeKind, RestoreOutcome } from "../domain/request/restoreOutcome.js";

/** What GitHub answered, without Octokit's types. */
export interface GitHubAnswer {
  /** For classification; with `noAnswer` it is a stand-in (503) and not reported as GitHub's. */
  status: number;
  /** GitHub never answered: timeout or network failure. */
  noAnswer?: boolean;
  /** The answer was to creating the App's installation token, so the request itself was never sent. */
  tokenCreation?: boolean;
  message?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  rateLimitRemaining?: number;
}

/** Classifies what GitHub answered to a restore. Pure; every status maps somewhere. */
export function mapGitHubResponse(answer: GitHubAnswer, authMode: GitHubAuthMode): RestoreOutcome {
  const base = withDetails(answer);
  const message = answer.message ?? "";
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: "restored", ...base };
  if (status === 429 || (status === 403 && (answer.rateLimitRemaining === 0 || /rate limit/i.test(message)))) {
    return { kind: "rate_limited", ...base };
  }
  if (answer.tokenCreation) return { kind: tokenCreationKind(status), ...base };
  if (status === 401) return { kind: "bad_credentials", ...base };
  if (status === 403) {
    if (/scope/i.test(message)) return { kind: "missing_scopes", ...base };
    return { kind: authMode === "app" ? "app_token_refused" : "forbidden", ...base };
  }
  if (status === 404) return { kind: "not_found", ...base };
  if (status === 409) return { kind: /token/i.test(message) ? "needs_package_token" : "name_in_use", ...base };
  if (status >= 500) return { kind: "github_unavailable", ...base };
  return { kind: "rejected", ...base };
}

/**
 * POST /app/installations/{id}/access_tokens: 401 is the App's own key or ID refused, 404 an
 * installation gone since it was looked up; 403 and 422 are GitHub refusing the token
 * (installation suspended, permissions not granted, an org policy).
 */
function tokenCreationKind(status: number): OutcomeKind {
  if (status === 401) return "bad_credentials";
  if (status === 404) return "app_not_installed";
  return status >= 500 ? "github_unavailable" : "token_refused";
}

function withDetails(answer: GitHubAnswer): Omit<RestoreOutcome, "kind"> {
  const details: Omit<RestoreOutcome, "kind"> = answer.noAnswer ? {} : { status: answer.status };
  if (answer.message) details.githubMessage = answer.message;
  if (answer.requestId) details.githubRequestId = answer.requestId;
  if (answer.retryAfterSeconds !== undefined) details.retryAfterSeconds = answer.retryAfterSeconds;
  return details;
}
