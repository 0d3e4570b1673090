import type { RepairItem, TagDiagnosis } from "./repairState.js";

/**
 * The versions a repair restores: every child deleted within 30 days, once each even when several tags share it,
 * platform manifests before their attestations so a partial repair makes images pull first.
 */
export function planRepair(diagnosis: readonly TagDiagnosis[]): RepairItem[] {
  const items = new Map<number, RepairItem>();
  for (const tag of diagnosis) {
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
  return [...items.values()].sort((a, b) => Number(a.role === "attestation") - Number(b.role === "attestation"));
}
