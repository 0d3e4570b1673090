import type { DeletedVersion, PackageRestorer } from "../ports/packageRestorer.js";
import type { PackageRef } from "../command/restoreRequest.js";
import { LOOKUP_MAX_PAGES, LOOKUP_PAGE_SIZE } from "../request/findDeletedVersion.js";

/**
 * The package's deleted versions, read once for a whole repair however many children are missing: a container
 * version's `name` is its manifest digest. `searched` is how many were read when more exist than a lookup walks.
 */
export type DeletedDigests =
  | { kind: "listed"; byDigest: Map<string, DeletedVersion>; searched: "all" | number }
  | { kind: "unknown"; reason: string };

export async function listDeletedDigests(
  github: Pick<PackageRestorer, "deletedVersions">,
  pkg: PackageRef,
): Promise<DeletedDigests> {
  const byDigest = new Map<string, DeletedVersion>();
  for (let page = 1; page <= LOOKUP_MAX_PAGES; page += 1) {
    const answer = await github.deletedVersions(pkg, { page, perPage: LOOKUP_PAGE_SIZE });
    if (answer.kind === "package_deleted")
      return { kind: "unknown", reason: "GitHub shows no active package of that name, so it lists no versions" };
    if (answer.kind === "unknown") return { kind: "unknown", reason: answer.reason };
    // Newest first: a digest deleted twice (pushed again in between) keeps its newest deletion.
    for (const version of answer.versions) if (!byDigest.has(version.name)) byDigest.set(version.name, version);
    if (!answer.hasMore) return { kind: "listed", byDigest, searched: "all" };
  }
  return { kind: "listed", byDigest, searched: LOOKUP_MAX_PAGES * LOOKUP_PAGE_SIZE };
}
