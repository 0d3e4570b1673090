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
  /** GitHub would not create an installation token for the App, so no restore was sent. */
  | "token_refused"
  | "rate_limited"
  | "github_unavailable"
  /** GitHub's answer to the restore was an error or never came, and GitHub would not show whether it went through. */
  | "unconfirmed"
  /** A worker stopped after claiming the restore and GitHub's answer was never recorded. */
  | "interrupted";

/** What GitHub shows for a package right now: active, not active (deleted or missing), or unknown (GitHub wouldn't say). */
export type PackagePresence = "active" | "not_active" | "unknown";

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
  /**
   * Restored although GitHub's answer to the restore was an error (then `status` is that
   * error's) or never came: looking the package up afterwards showed it active.
   */
  confirmedByLookUp?: boolean;
  /** For `interrupted`: what looking the package up showed when the claim was settled. */
  presence?: Exclude<PackagePresence, "active">;
}

/** The credential the bot used, which changes what some GitHub answers mean. */
export type GitHubAuthMode = "app" | "token";
