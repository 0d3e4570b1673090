import type { FlowDeps } from "../request/flowDeps.js";
import { moveRecord, type MoveResult } from "../request/moveRecord.js";
import type { RequestRecord } from "../request/requestRecord.js";

/**
 * A change of a restoring repair, conditional on the `repairRevision` it was read at and raising it: of two jobs
 * that read the same revision, only one writes, so no version is claimed, settled or finished twice.
 */
export function moveRepair(
  deps: FlowDeps,
  record: RequestRecord,
  changes: Partial<Omit<RequestRecord, "id">>,
): Promise<MoveResult> {
  const revision = record.repairRevision ?? 0;
  return moveRecord(deps, record, { ...changes, repairRevision: revision + 1 }, "restoring", {
    repairRevision: revision,
  });
}
