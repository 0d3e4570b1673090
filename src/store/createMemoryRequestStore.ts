import type { RequestRecord } from "../domain/requestRecord.js";
import type { RequestStore } from "../domain/requestStore.js";

/**
 * An in-process store for `npm start` and tests. State lives in one process
 * only, so it is not for Lambda, where workers run in many containers.
 * Records are copied in and out so callers can't change stored state by accident.
 */
export function createMemoryRequestStore(): RequestStore {
  const records = new Map<string, RequestRecord>();
  return {
    async create(record) {
      if (records.has(record.id)) return false;
      records.set(record.id, structuredClone(record));
      return true;
    },
    async get(id) {
      const record = records.get(id);
      return record === undefined ? undefined : structuredClone(record);
    },
    async update(id, from, changes) {
      const record = records.get(id);
      if (record === undefined || record.state !== from) return undefined;
      const updated = { ...record, ...structuredClone(changes) };
      records.set(id, updated);
      return structuredClone(updated);
    },
  };
}
