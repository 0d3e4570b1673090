import type { RestoreRequest } from "./restoreRequest.js";
import type { GitHubAuthMode, RestoreOutcome } from "./restoreOutcome.js";

/** GitHub, as the domain sees it. Never throws for GitHub's answers: they become outcomes. */
export interface PackageRestorer {
  readonly authMode: GitHubAuthMode;
  restore(request: RestoreRequest): Promise<RestoreOutcome>;
  /** The package's page on GitHub, for links. */
  packageUrl(request: RestoreRequest): string;
}
