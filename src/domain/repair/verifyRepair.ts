import type { ImageRegistry } from "../ports/imageRegistry.js";
import type { PackageRef } from "../command/restoreRequest.js";
import { withDeadline } from "../request/withDeadline.js";
import { mapWithLimit } from "./mapWithLimit.js";
import { readImageTag } from "./readImageTag.js";
import type { ChildCheck, RepairState, TagDiagnosis } from "./repairState.js";
import { repositoryName } from "./repositoryName.js";

const TAG_READS = 4;
/** Verification is reads only, every tag together; past this the thread says the registry couldn't be asked. */
export const VERIFY_TIMEOUT_MS = 30_000;

/**
 * After every version has an outcome: reads each repaired tag's index and children again through the registry. A
 * child that still doesn't resolve keeps what the diagnosis knew of it (too old, gone), so the thread can say why.
 */
export async function verifyRepair(
  registry: ImageRegistry,
  pkg: PackageRef,
  repair: RepairState,
): Promise<TagDiagnosis[]> {
  // Only the tags this request repaired: a tag left for another request (past the version cap) isn't judged here.
  const planned = new Set(repair.items.map((item) => item.versionId));
  const repaired = repair.diagnosis.filter(
    (tag) =>
      tag.kind === "repairable" &&
      tag.children.every((child) => child.state.kind !== "deleted" || planned.has(child.state.versionId)),
  );
  const repository = repositoryName(pkg);
  const unread = (tag: TagDiagnosis, why: "timeout" | "error"): TagDiagnosis => ({
    reference: tag.reference,
    kind: "unreadable",
    children: [],
    reason: why === "timeout" ? "The registry took too long to answer." : "Reading the image failed.",
  });
  // One deadline for all of them: many tags read four at a time must still end inside the worker's run.
  return withDeadline(
    mapWithLimit(repaired, TAG_READS, async (before) => {
      const after = await readImageTag(registry, repository, before.indexDigest ?? before.reference);
      const children = after.children.map((child) => explained(child, before.children));
      return { ...after, reference: before.reference, children };
    }),
    VERIFY_TIMEOUT_MS,
    (why) => repaired.map((tag) => unread(tag, why)),
  );
}

function explained(child: ChildCheck, before: readonly ChildCheck[]): ChildCheck {
  if (child.state.kind !== "gone") return child;
  const known = before.find((candidate) => candidate.digest === child.digest);
  return known === undefined || known.state.kind === "resolves" ? child : { ...child, state: known.state };
}
