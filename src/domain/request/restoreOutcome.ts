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

/**
 * What GitHub showed before anyone was asked to approve. Advice only: nothing
 * here blocks a request, and `unknown` means GitHub wouldn't say.
 * - restorable: the package (or version) is deleted, as far as GitHub shows
 * - package_active: a package restore would fail, the package exists
 * - version_not_deleted: the version is not among the package's deleted versions
 * - package_deleted: a version was asked for, but the package itself is not active
 * - too_old: the version was deleted more than 30 days ago
 */
export interface Precheck {
  kind: "restorable" | "package_active" | "version_not_deleted" | "package_deleted" | "too_old" | "unknown";
  /** Why GitHub couldn't be asked, for `unknown`. */
  detail?: string;
  /** When the version was deleted, when GitHub listed it. */
  deletedAt?: string;
  /** The version's name or tags, when GitHub listed it. */
  versionLabel?: string;
  /** When the check ran. */
  checkedAt?: string;
}
