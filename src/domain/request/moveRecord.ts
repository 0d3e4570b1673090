import { auditEventsFor } from "../audit/auditEvent.js";
import { countMove } from "./countMove.js";
import type { FlowDeps } from "./flowDeps.js";
import { FINAL_STATES, type RequestRecord, type RequestState } from "./requestRecord.js";
import type { UpdateCondition } from "../ports/requestStore.js";

/**
 * What a move did: the record it wrote, or, when another job got there first,
 * the record as that job left it (`undefined` only if the request is gone).
 */
export type MoveResult = { moved: true; record: RequestRecord } | { moved: false; current: RequestRecord | undefined };

/**
 * A conditional change from the record's current state (or `from`). The audit
 * events the change implies are recorded right after it, so no path can change
 * a request unaudited; what it means for the metrics is counted there too.
 */
export async function moveRecord(
  deps: Pick<FlowDeps, "store" | "now" | "audit" | "metrics">,
  record: RequestRecord,
  changes: Partial<Omit<RequestRecord, "id">>,
  from: RequestState = record.state,
  condition?: UpdateCondition,
): Promise<MoveResult> {
  const at = deps.now().toISOString();
  const finishing = changes.state !== undefined && FINAL_STATES.has(changes.state) && changes.finishedAt === undefined;
  const update = await deps.store.update(
    record.id,
    from,
    { ...changes, ...(finishing ? { finishedAt: at } : {}), updatedAt: at },
    condition,
  );
  if (!update.applied) return { moved: false, current: update.current };
  if (deps.metrics) countMove(deps.metrics, record, update.record);
  const before = new Set(auditEventsFor(record).map((event) => event.eventId));
  await deps.audit.record(auditEventsFor(update.record).filter((event) => !before.has(event.eventId)));
  return { moved: true, record: update.record };
}

/** Where a move left the request: the record it wrote, or the one that beat it (`undefined` only if the request is gone). */
export function latest(move: MoveResult): RequestRecord | undefined {
  return move.moved ? move.record : move.current;
}

/** As `latest`, for a request that must still exist. */
export function recordAfter(move: MoveResult, id: string): RequestRecord {
  const record = latest(move);
  if (record === undefined) throw missing(id);
  return record;
}

/**
 * Writes whatever audit events the record implies that are not written yet
 * (the trail skips those that are): a job that stopped between a change and its
 * audit write is made good by the next job that reads the record.
 */
export async function catchUpAudit(record: RequestRecord, deps: Pick<FlowDeps, "audit">): Promise<void> {
  await deps.audit.record(auditEventsFor(record));
}

export async function readRecord(deps: Pick<FlowDeps, "store">, id: string): Promise<RequestRecord> {
  const record = await deps.store.get(id);
  if (record === undefined) throw missing(id);
  return record;
}

function missing(id: string): Error {
  return new Error(`Request ${id} is missing from the store although it was written.`);
}
