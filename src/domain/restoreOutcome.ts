/**
 * How a restore ended, in the product's words rather than HTTP's. The GitHub
 * adapter maps responses to these (see mapGitHubResponse); Slack and the audit
 * trail render them.
 */
export type OutcomeKind =
  | "restored"
  | "not_found"
  | "app_token_refused"
  | "missing_scopes"
  | "forbidden"
  | "bad_credentials"
  | "name_in_use"
  | "needs_package_token"
  | "rejected"
  | "app_not_installed"
  | "rate_limited"
  | "github_unavailable"
  /** A worker stopped after claiming the restore and GitHub's answer was never recorded. */
  | "interrupted";

export interface RestoreOutcome {
  kind: OutcomeKind;
  /** GitHub's HTTP status, when GitHub answered. */
  status?: number;
  /** GitHub's own `message`, shown to people verbatim (escaped). */
  githubMessage?: string;
  /** GitHub's `x-github-request-id`, for GitHub Support. */
  githubRequestId?: string;
  /** Seconds GitHub asked us to wait, for rate limits. */
  retryAfterSeconds?: number;
}

/** The credential the bot used, which changes what some GitHub answers mean. */
export type GitHubAuthMode = "app" | "token";
