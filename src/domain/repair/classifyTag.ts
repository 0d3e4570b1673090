import { isPastWindow } from "../request/precheck.js";
import type { DeletedDigests } from "./listDeletedDigests.js";
import type { ChildCheck, ChildState, TagDiagnosis } from "./repairState.js";

/**
 * Matches what the registry couldn't serve against GitHub's deleted versions: a child deleted within 30 days can be
 * restored, an older one can't, and one GitHub doesn't list is gone. An unknown tag whose version GitHub lists as
 * deleted is brought back by a `tag=` restore.
 */
export function classifyTag(tag: TagDiagnosis, deleted: DeletedDigests | undefined, now: Date): TagDiagnosis {
  if (tag.kind === "tag_unknown") return withDeletedTag(tag, deleted, now);
  if (tag.kind !== "not_repairable") return tag;
  const children = tag.children.map((child) => ({ ...child, state: childState(child, deleted, now) }));
  if (children.some((child) => child.state.kind === "deleted")) return { ...tag, kind: "repairable", children };
  const unknown = children.find((child) => child.state.kind === "unknown")?.state;
  return unknown?.kind === "unknown"
    ? { ...tag, kind: "unreadable", children, reason: unknown.reason }
    : { ...tag, kind: "not_repairable", children };
}

function childState(child: ChildCheck, deleted: DeletedDigests | undefined, now: Date): ChildState {
  if (child.state.kind !== "gone") return child.state;
  if (deleted === undefined || deleted.kind === "unknown")
    return { kind: "unknown", reason: deleted?.reason ?? "GitHub's deleted versions were not read" };
  const version = deleted.byDigest.get(child.digest);
  if (version === undefined) return { kind: "gone", searched: deleted.searched };
  if (version.deletedAt !== undefined && isPastWindow(version.deletedAt, now))
    return { kind: "too_old", versionId: version.id, deletedAt: version.deletedAt };
  return { kind: "deleted", versionId: version.id, ...(version.deletedAt ? { deletedAt: version.deletedAt } : {}) };
}

function withDeletedTag(tag: TagDiagnosis, deleted: DeletedDigests | undefined, now: Date): TagDiagnosis {
  if (deleted?.kind !== "listed") return tag;
  const version = [...deleted.byDigest.values()].find((candidate) => candidate.tags.includes(tag.reference));
  if (version === undefined) return tag;
  const restorable = version.deletedAt === undefined || !isPastWindow(version.deletedAt, now);
  return {
    ...tag,
    deletedVersion: {
      versionId: version.id,
      restorable,
      ...(version.deletedAt ? { deletedAt: version.deletedAt } : {}),
    },
  };
}
