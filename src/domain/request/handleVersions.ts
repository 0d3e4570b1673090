import type { FlowDeps } from "./flowDeps.js";
import type { DeletedVersionsPage } from "../ports/packageRestorer.js";
import { isPastWindow } from "./precheck.js";
import type { Person } from "./requestRecord.js";
import { isOrgAllowed } from "./restorePolicy.js";
import { versionLabel } from "./findDeletedVersion.js";
import { commandFor, describePackage, type PackageRef } from "../command/restoreRequest.js";
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
export async function handleVersions(query: VersionsQuery, deps: Pick<FlowDeps, "github" | "chat" | "policy" | "isRequester" | "now" | "command">): Promise<void> {
  const { pkg, page } = query;
  if (!isOrgAllowed(deps.policy, pkg.org)) return deps.chat.tellPrivately(`This bot doesn't restore packages in ${pkg.org}.`);
  const mayAsk = await deps.isRequester(query.asker.userId).catch(() => undefined);
  if (mayAsk === undefined) return deps.chat.tellPrivately("I couldn't check whether you may restore packages, so I listed nothing. Try again in a minute.");
  if (!mayAsk) {
    return deps.chat.tellPrivately("You're not on the list of people who may restore packages, so I can't list deleted versions for you. Ask an operator to add you (or a user group you're in) to RESTORE_REQUESTERS.");
  }
  const answer = await withDeadline(deps.github.deletedVersions(pkg, { page, perPage: VERSIONS_PAGE_SIZE }), LISTING_TIMEOUT_MS, (why): DeletedVersionsPage => ({
    kind: "unknown",
    reason: why === "timeout" ? "GitHub took too long to answer" : "the lookup failed",
  }));
  const what = describePackage(pkg);
  switch (answer.kind) {
    case "unknown":
      return deps.chat.tellPrivately(`I couldn't list the deleted versions of the ${what} (${answer.reason}).`);
    case "package_deleted": {
      const caveat = deps.github.authMode === "app" ? "GitHub also answers “not found” when it refuses the bot's GitHub App token on package endpoints." : undefined;
      return deps.chat.offerVersions({ kind: "package_deleted", package: pkg, command: commandFor(pkg), ...(caveat ? { caveat } : {}) });
    }
    case "versions":
      break;
  }
  if (answer.versions.length === 0) {
    return deps.chat.tellPrivately(page === 1 ? `GitHub lists no deleted versions of the ${what}.` : `There is no page ${page} of deleted versions of the ${what}. Ask for \`${deps.command} versions ${commandFor(pkg)}\` to start at the first.`);
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
  await deps.chat.offerVersions({ kind: "versions", package: pkg, versions, page, ...(answer.lastPage ? { lastPage: answer.lastPage } : {}), ...(nextPageCommand ? { nextPageCommand } : {}) });
}
