import type { RepairItem, TagDiagnosis } from "./repairState.js";

/**
 * Most versions one repair restores: its record (diagnosis, items, verification) stays well inside DynamoDB's
 * 400 KB item, and its thread inside what a person reads. Tags past it are left for another request.
 */
export const MAX_REPAIR_VERSIONS = 200;

/**
 * The versions a repair restores: every child deleted within 30 days, once each even when several tags share it,
 * platform manifests before their attestations so a partial repair makes images pull first. Whole tags only, up
 * to `max` versions; `tagsLeft` counts the repairable tags that didn't fit.
 */
export function planRepair(
  diagnosis: readonly TagDiagnosis[],
  max = MAX_REPAIR_VERSIONS,
): { items: RepairItem[]; tagsLeft: number } {
  const items = new Map<number, RepairItem>();
  let tagsLeft = 0;
  for (const tag of diagnosis) {
    const restorable = tag.children.filter(
      (child) => child.state.kind === "deleted" && !items.has(child.state.versionId),
    ).length;
    if (restorable > 0 && items.size + restorable > max) {
      tagsLeft += 1;
      continue;
    }
    for (const child of tag.children) {
      if (child.state.kind !== "deleted" || items.has(child.state.versionId)) continue;
      items.set(child.state.versionId, {
        versionId: child.state.versionId,
        digest: child.digest,
        reference: tag.reference,
        role: child.role,
        platform: child.platform,
        ...(child.state.deletedAt ? { deletedAt: child.state.deletedAt } : {}),
      });
    }
  }
  const ordered = [...items.values()].sort(
    (a, b) => Number(a.role === "attestation") - Number(b.role === "attestation"),
  );
  return { items: ordered, tagsLeft };
}
