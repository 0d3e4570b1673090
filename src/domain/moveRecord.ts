import type { FlowDeps } from "./flowDeps.js";
import type { RequestRecord, RequestState } from "./requestRecord.js";

/** A conditional change from the record's current state (or `from`); undefined when another job got there first. */
export async function moveRecord(
  deps: Pick<FlowDeps, "store" | "now">,
  record: RequestRecord,
  changes: Partial<Omit<RequestRecord, "id">>,
  from: RequestState = record.state,
  condition?: { unexpiredAt?: string },
): Promise<RequestRecord | undefined> {
  return deps.store.update(record.id, from, { ...changes, updatedAt: deps.now().toISOString() }, condition);
}

export async function readRecord(deps: Pick<FlowDeps, "store">, id: string): Promise<RequestRecord> {
  const record = await deps.store.get(id);
  if (record === undefined) throw new Error(`Request ${id} is missing from the store although it was written.`);
  return record;
}
