import { RestoreInFlightError } from "../../errors.js";
import type { FlowDeps } from "../request/flowDeps.js";
import { recordAfter } from "../request/moveRecord.js";
import { moveRepair } from "./moveRepair.js";
import type { RequestRecord } from "../request/requestRecord.js";
import type { RestoreOutcome } from "../request/restoreOutcome.js";
import type { RepairItem } from "./repairState.js";
import { restoreRepairItems, settleClaimedItems } from "./restoreRepairItems.js";
import { verifyRepair } from "./verifyRepair.js";

/** `finished`: this job moved the repair to its final state and should report it. */
export interface RepairProgress {
  finished: boolean;
  record: RequestRecord;
}

/**
 * A claimed repair from wherever it stands: versions claimed by a stopped worker are settled by looking them up
 * (once the claim is older than `abandonedAfterMs`), the rest are restored, then the registry verifies the tags.
 * Before a claim is abandoned its own job fails, to be retried, and other jobs leave it; a repair stopped between
 * versions is carried on by its own job at once, and by any other once it has been idle longer than a worker lives.
 */
export async function finishRepair(
  record: RequestRecord,
  isOwner: boolean,
  abandonedAfterMs: number,
  deps: FlowDeps,
): Promise<RepairProgress> {
  const now = deps.now().getTime();
  const inFlight = (record.repair?.items ?? []).filter((item) => item.claimedAt !== undefined && !item.outcome);
  let current = record;
  if (inFlight.length > 0) {
    const claimAge = now - Math.max(...inFlight.map((item) => Date.parse(item.claimedAt ?? record.updatedAt)));
    if (claimAge <= abandonedAfterMs) {
      if (isOwner) throw new RestoreInFlightError(record.id, abandonedAfterMs - claimAge);
      return { finished: false, record };
    }
    const settled = await settleClaimedItems(record, deps);
    if (!settled.moved) return { finished: false, record: recordAfter(settled, record.id) };
    current = settled.record;
  } else if (!isOwner && now - Date.parse(record.updatedAt) <= deps.workerTimeoutMs) {
    return { finished: false, record };
  }
  return restoreAndVerify(current, deps);
}

/** Restores what is left, verifies through the registry and records the repair's end. */
export async function restoreAndVerify(record: RequestRecord, deps: FlowDeps): Promise<RepairProgress> {
  const restored = await restoreRepairItems(record, deps);
  if (!restored.moved) return { finished: false, record: recordAfter(restored, record.id) };
  const current = restored.record;
  const repair = current.repair;
  if (repair === undefined) throw new Error(`Request ${record.id} is not a repair.`);
  const verification = await verifyRepair(deps.registry, current.request, repair);
  const outcome = repairOutcome(repair.items);
  const move = await moveRepair(deps, current, {
    state: outcome.kind === "restored" ? "restored" : "failed",
    outcome,
    repair: { ...repair, verification },
  });
  return move.moved
    ? { finished: true, record: move.record }
    : { finished: false, record: recordAfter(move, record.id) };
}

/** Restored when every version was; otherwise the first version's failure, which the thread explains with the rest. */
export function repairOutcome(items: readonly RepairItem[]): RestoreOutcome {
  const failed = items.find((item) => item.outcome?.kind !== "restored");
  return failed?.outcome ?? { kind: "restored" };
}
