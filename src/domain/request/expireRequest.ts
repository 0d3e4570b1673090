import { reportFinal } from "./finishRequest.js";
import type { FlowDeps } from "./flowDeps.js";
import { moveRecord, type MoveResult } from "./moveRecord.js";
import type { RequestRecord } from "./requestRecord.js";
import { releaseSlotIfDone } from "./takeSlot.js";

/**
 * A pending request nobody decided in time: recorded `expired` (conditional on
 * it still being pending, so a click racing this gives one outcome), its slot
 * freed, its card's buttons taken away and a note left in its thread.
 * When something else moved the request first, says so with the record as it left it.
 */
export async function expireRequest(record: RequestRecord, jobId: string, deps: FlowDeps): Promise<MoveResult> {
  const expired = await moveRecord(
    deps,
    record,
    { state: "expired", decision: { kind: "expired", at: deps.now().toISOString(), jobId } },
    "pending",
  );
  if (!expired.moved) return expired;
  await releaseSlotIfDone(expired.record, deps);
  return { moved: true, record: await reportFinal(expired.record, deps) };
}
