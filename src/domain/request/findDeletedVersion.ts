import type { DeletedVersion, PackageRestorer } from "../ports/packageRestorer.js";
import { hasTags, type PackageType } from "../command/packageTypes.js";
import type { PackageRef, VersionSelector } from "../command/restoreRequest.js";

/** How far a lookup walks: the newest 1,000 deleted versions, in pages of GitHub's largest size. */
export const LOOKUP_PAGE_SIZE = 100;
export const LOOKUP_MAX_PAGES = 10;

export type VersionLookup =
  | { kind: "found"; version: DeletedVersion }
  | { kind: "not_found" /** More deleted versions exist than the lookup walked. */; truncated: boolean }
  | { kind: "package_deleted" }
  | { kind: "unknown"; reason: string };

/** Walks the package's deleted versions, newest first, to the first that matches. */
export async function findDeletedVersion(
  github: Pick<PackageRestorer, "deletedVersions">,
  pkg: PackageRef,
  matches: (version: DeletedVersion) => boolean,
): Promise<VersionLookup> {
  for (let page = 1; page <= LOOKUP_MAX_PAGES; page += 1) {
    const answer = await github.deletedVersions(pkg, { page, perPage: LOOKUP_PAGE_SIZE });
    if (answer.kind !== "versions") return answer;
    const found = answer.versions.find(matches);
    if (found !== undefined) return { kind: "found", version: found };
    if (!answer.hasMore) return { kind: "not_found", truncated: false };
  }
  return { kind: "not_found", truncated: true };
}

/** A tag or version string as a match on GitHub's listing; the newest matching version wins. */
export function matchesSelector(selector: VersionSelector): (version: DeletedVersion) => boolean {
  return selector.by === "tag"
    ? (version) => version.tags.includes(selector.tag)
    : (version) => version.name === selector.name;
}

/** Longest version label kept: short enough for a card field and the audit record. */
const VERSION_LABEL_MAX = 200;

/**
 * A version for people: an image's tags, else its name (a version string, or an
 * image digest cut to its first 12 hex digits, as Docker shows them). Backticks
 * become a look-alike, since labels are shown inside inline code.
 */
export function versionLabel(version: Pick<DeletedVersion, "name" | "tags">, packageType: PackageType): string {
  const digest = /^(sha256:[0-9a-f]{12})[0-9a-f]{52}$/.exec(version.name);
  const label =
    hasTags(packageType) && version.tags.length > 0 ? version.tags.join(", ") : (digest?.[1] ?? version.name);
  const safe = label.replace(/`/g, "ˋ");
  return safe.length > VERSION_LABEL_MAX ? `${safe.slice(0, VERSION_LABEL_MAX - 1)}…` : safe;
}
