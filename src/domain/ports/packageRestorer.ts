import type { PackageRef, ResolvedRequest } from "../command/restoreRequest.js";
import type { GitHubAuthMode, PackagePresence, Precheck, RestoreOutcome } from "../request/restoreOutcome.js";

export type { PackagePresence } from "../request/restoreOutcome.js";

/** A deleted version as GitHub lists it. `name` is the version string, or the image digest for containers. */
export interface DeletedVersion {
  id: number;
  name: string;
  tags: string[];
  deletedAt?: string;
}

/**
 * One page of a package's deleted versions, newest first as GitHub lists them.
 * GitHub lists versions only of a package that exists: `package_deleted` is its
 * 404 (the package is deleted, or missing, or, for App tokens, refused).
 */
export type DeletedVersionsPage =
  | {
      kind: "versions";
      versions: DeletedVersion[];
      hasMore: boolean /** From GitHub's `Link: rel="last"`, when it says. */;
      lastPage?: number;
    }
  | { kind: "package_deleted" }
  | { kind: "unknown"; reason: string };

/** GitHub, as the domain sees it. Never throws for GitHub's answers: they become outcomes. */
export interface PackageRestorer {
  readonly authMode: GitHubAuthMode;
  /** restore() settles within this, look-ups, re-sends and waits included: a claim older than this is abandoned. */
  readonly maxRestoreMs: number;
  /**
   * Sends the restore; never sends it again unless a look-up shows the first had no effect.
   * `activeBefore`: the pre-check already saw the package (or version) active, so finding it
   * active after an unclear answer proves nothing (another package may hold the name).
   */
  restore(request: ResolvedRequest, options?: { activeBefore?: boolean }): Promise<RestoreOutcome>;
  /** Looks the package up without changing it; used to settle an interrupted restore. */
  presence(request: ResolvedRequest): Promise<PackagePresence>;
  /** One page of the package's active versions, newest first, in the same shape (no `deletedAt`); a repair scans their tags. */
  activeVersions(pkg: PackageRef, page: { page: number; perPage: number }): Promise<DeletedVersionsPage>;
  /** One page of the package's deleted versions. */
  deletedVersions(pkg: PackageRef, page: { page: number; perPage: number }): Promise<DeletedVersionsPage>;
  /** What GitHub shows about the package (and version) before anyone approves; never throws. */
  precheck(request: ResolvedRequest): Promise<Precheck>;
  /** The package's page on GitHub, for links. */
  packageUrl(request: PackageRef): string;
}
