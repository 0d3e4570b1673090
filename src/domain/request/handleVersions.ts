import type { FlowDeps } from "./flowDeps.js";
import type { DeletedVersionsPage } from "../ports/packageRestorer.js";
import { isPastWindow } from "./precheck.js";
import type { Person } from "./requestRecord.js";
import { isOrgAllowed } from "./restorePolicy.js";
import { versionLabel } from "./findDeletedVersion.js";
import { commandFor, type PackageRef } from "../command/restoreRequest.js";
import { orgNotServed } from "./messages/commandMessages.js";
import {
  appTokenCaveat,
  listingFailed,
  noDeletedVersions,
  noSuchPage,
  notAllowedToList,
  requesterCheckFailedNothingListed,
} from "./messages/versionsMessages.js";
import { withDeadline } from "./withDeadline.js";

/** Versions per page of the listing: 20 sections stay well under Slack's 50 blocks a message. */
export const VERSIONS_PAGE_SIZE = 20;
const LISTING_TIMEOUT_MS = 20_000;

export interface VersionsQuery {
  asker: Person;
  pkg: PackageRef;
  page: number;
}

/**
 * The `versions <org> <type> <name> [page]` command: the package's deleted
 * versions, newest first, privately, each with a button that opens the normal
 * request. Only people who may ask for restores see it; it changes nothing.
 */
export async function handleVersions(
  query: VersionsQuery,
  deps: Pick<FlowDeps, "github" | "chat" | "policy" | "isRequester" | "now" | "command">,
): Promise<void> {
  const { pkg, page } = query;
  if (!isOrgAllowed(deps.policy, pkg.org)) return deps.chat.tellPrivately(orgNotServed(pkg.org));
  const mayAsk = await deps.isRequester(query.asker.userId).catch(() => undefined);
  if (mayAsk === undefined) return deps.chat.tellPrivately(requesterCheckFailedNothingListed());
  if (!mayAsk) return deps.chat.tellPrivately(notAllowedToList());
  const answer = await withDeadline(
    deps.github.deletedVersions(pkg, { page, perPage: VERSIONS_PAGE_SIZE }),
    LISTING_TIMEOUT_MS,
    (why): DeletedVersionsPage => ({
      kind: "unknown",
      reason: why === "timeout" ? "GitHub took too long to answer" : "the lookup failed",
    }),
  );
  switch (answer.kind) {
    case "unknown":
      return deps.chat.tellPrivately(listingFailed(pkg, answer.reason));
    case "package_deleted":
      return deps.chat.offerVersions({
        kind: "package_deleted",
        package: pkg,
        command: commandFor(pkg),
        ...(deps.github.authMode === "app" ? { caveat: appTokenCaveat() } : {}),
      });
    case "versions":
      break;
  }
  if (answer.versions.length === 0) {
    return deps.chat.tellPrivately(page === 1 ? noDeletedVersions(pkg) : noSuchPage(pkg, page, deps.command));
  }
  const now = deps.now();
  const versions = answer.versions.map((version) => ({
    id: version.id,
    label: versionLabel(version, pkg.packageType),
    ...(version.deletedAt ? { deletedAt: version.deletedAt } : {}),
    // Past GitHub's 30 days the restore would fail: no button for it.
    ...(version.deletedAt && isPastWindow(version.deletedAt, now) ? {} : { command: commandFor(pkg, version.id) }),
  }));
  const nextPageCommand = answer.hasMore ? `versions ${commandFor(pkg)} ${page + 1}` : undefined;
  await deps.chat.offerVersions({
    kind: "versions",
    package: pkg,
    versions,
    page,
    ...(answer.lastPage ? { lastPage: answer.lastPage } : {}),
    ...(nextPageCommand ? { nextPageCommand } : {}),
  });
}
