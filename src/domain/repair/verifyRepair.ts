import type { ImageRegistry } from "../ports/imageRegistry.js";
import type { PackageRef } from "../command/restoreRequest.js";
import { withDeadline } from "../request/withDeadline.js";
import { mapWithLimit } from "./mapWithLimit.js";
import { readImageTag } from "./readImageTag.js";
import type { ChildCheck, RepairState, TagDiagnosis } from "./repairState.js";
import { repositoryName } from "./repositoryName.js";

const TAG_READS = 4;
/** Verification is reads only; past this the thread says the registry couldn't be asked. */
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
  const repaired = repair.diagnosis.filter((tag) => tag.kind === "repairable");
  const repository = repositoryName(pkg);
  return mapWithLimit(repaired, TAG_READS, async (before) => {
    const reference = before.indexDigest ?? before.reference;
    const after = await withDeadline(readImageTag(registry, repository, reference), VERIFY_TIMEOUT_MS, (why) => ({
      reference,
      kind: "unreadable" as const,
      children: [],
      reason: why === "timeout" ? "The registry took too long to answer." : "Reading the image failed.",
    }));
    const children = after.children.map((child) => explained(child, before.children));
    return { ...after, reference: before.reference, children };
  });
}

function explained(child: ChildCheck, before: readonly ChildCheck[]): ChildCheck {
  if (child.state.kind !== "gone") return child;
  const known = before.find((candidate) => candidate.digest === child.digest);
  return known === undefined || known.state.kind === "resolves" ? child : { ...child, state: known.state };
}
