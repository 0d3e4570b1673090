import type { FlowDeps } from "../request/flowDeps.js";
import type { MoveResult } from "../request/moveRecord.js";
import { moveRepair } from "./moveRepair.js";
import type { RequestRecord } from "../request/requestRecord.js";
import type { RestoreOutcome } from "../request/restoreOutcome.js";
import { versionRequest } from "./versionRequest.js";
import type { RepairItem } from "./repairState.js";

/**
 * Restores a claimed repair's versions one by one, each through `restorePackageVersionForOrg`. Every version is
 * claimed (a write conditional on the revision read) before GitHub is asked and its outcome written after, so a
 * redelivered job carries on from the first version without an outcome and never asks GitHub for one twice.
 * Answers the record once every version has an outcome, or as another job left it.
 */
export async function restoreRepairItems(record: RequestRecord, deps: FlowDeps): Promise<MoveResult> {
  let current = record;
  for (;;) {
    const next = current.repair?.items.find((item) => item.outcome === undefined);
    if (next === undefined) return { moved: true, record: current };
    if (next.claimedAt !== undefined)
      throw new Error(
        `Version ${next.versionId} of request ${record.id} is claimed without an outcome; settle it first.`,
      );
    const claim = await writeItem(current, next.versionId, { claimedAt: deps.now().toISOString() }, deps);
    if (!claim.moved) return claim;
    const outcome = await deps.github.restore(versionRequest(current, next));
    const done = await writeItem(claim.record, next.versionId, { outcome, settledAt: deps.now().toISOString() }, deps);
    if (!done.moved) return done;
    current = done.record;
  }
}

/** Settles versions claimed by a worker that stopped before writing GitHub's answer: restored if GitHub shows them active. */
export async function settleClaimedItems(record: RequestRecord, deps: FlowDeps): Promise<MoveResult> {
  let current = record;
  for (const item of record.repair?.items ?? []) {
    if (item.claimedAt === undefined || item.outcome !== undefined) continue;
    const presence = await deps.github.presence(versionRequest(current, item));
    const outcome: RestoreOutcome = presence === "active" ? { kind: "restored" } : { kind: "interrupted", presence };
    const done = await writeItem(current, item.versionId, { outcome, settledAt: deps.now().toISOString() }, deps);
    if (!done.moved) return done;
    current = done.record;
  }
  return { moved: true, record: current };
}

async function writeItem(
  record: RequestRecord,
  versionId: number,
  change: Partial<RepairItem>,
  deps: FlowDeps,
): Promise<MoveResult> {
  const repair = record.repair;
  if (repair === undefined) throw new Error(`Request ${record.id} has no repair to write.`);
  const items = repair.items.map((item) => (item.versionId === versionId ? { ...item, ...change } : item));
  return moveRepair(deps, record, { repair: { ...repair, items } });
}
