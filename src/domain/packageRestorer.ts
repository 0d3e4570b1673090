import type { RestoreRequest } from "./restoreRequest.js";
import type { GitHubAuthMode, RestoreOutcome } from "./restoreOutcome.js";

/** What GitHub shows for a package right now: active, not active (deleted or missing), or unknown (GitHub wouldn't say). */
export type PackagePresence = "active" | "not_active" | "unknown";

/** GitHub, as the domain sees it. Never throws for GitHub's answers: they become outcomes. */
export interface PackageRestorer {
  readonly authMode: GitHubAuthMode;
  /** The longest one restore call can take, retries and waits included. */
  readonly maxRestoreMs: number;
  restore(request: RestoreRequest): Promise<RestoreOutcome>;
  /** Looks the package up without changing it; used to settle an interrupted restore. */
  presence(request: RestoreRequest): Promise<PackagePresence>;
  /** The package's page on GitHub, for links. */
  packageUrl(request: RestoreRequest): string;
}
