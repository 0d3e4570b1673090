import type { RequestRecord, RequestState } from "../../src/domain/request/requestRecord.js";
import type { RequestStore, UpdateCondition } from "../../src/domain/ports/requestStore.js";

/**
 * An in-process RequestStore for unit tests of the flows. State lives in one
 * process only. Records are copied in and out so callers can't change stored
 * state by accident.
 */
export function createMemoryRequestStore(): RequestStore {
  const records = new Map<string, RequestRecord>();
  const targets = new Map<string, { requestId: string; until: string }>();
  return {
    async create(record) {
      if (records.has(record.id)) return false;
      records.set(record.id, structuredClone(record));
      return true;
    },
    async get(id) {
      return copy(records.get(id));
    },
    async update(id, from, changes, condition = {}) {
      const record = records.get(id);
      if (record === undefined || !meets(record, from, condition)) return { applied: false, current: copy(record) };
      const updated = { ...record, ...structuredClone(changes) };
      records.set(id, updated);
      return { applied: true, record: structuredClone(updated) };
    },
    async claimTarget(target, requestId, until, now, replacing) {
      const holder = targets.get(target);
      if (
        holder !== undefined &&
        holder.requestId !== requestId &&
        holder.requestId !== replacing &&
        holder.until > now
      )
        return holder.requestId;
      targets.set(target, { requestId, until });
      return undefined;
    },
    async releaseTarget(target, requestId) {
      if (targets.get(target)?.requestId === requestId) targets.delete(target);
    },
    async listRecent(limit, since, until) {
      return [...records.values()]
        .filter((record) => record.createdAt >= since.toISOString() && record.createdAt <= until.toISOString())
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, limit)
        .map((record) => structuredClone(record));
    },
  };
}

/** The update's condition, as the DynamoDB store's ConditionExpression states it. */
function meets(record: RequestRecord, from: RequestState, condition: UpdateCondition): boolean {
  if (record.state !== from) return false;
  if (
    condition.unexpiredAt !== undefined &&
    !(record.expiresAt !== undefined && record.expiresAt > condition.unexpiredAt)
  )
    return false;
  if (condition.repairRevision !== undefined && (record.repairRevision ?? 0) !== condition.repairRevision) return false;
  return !(
    condition.leaseFreeAt !== undefined &&
    record.leaseUntil !== undefined &&
    record.leaseUntil > condition.leaseFreeAt
  );
}

function copy(record: RequestRecord | undefined): RequestRecord | undefined {
  return record === undefined ? undefined : structuredClone(record);
}
