import type { RequestRecord, RequestState } from "./requestRecord.js";

/**
 * Durable request state. Every change is conditional on the current state, so
 * when two workers handle the same request only one moves it on.
 */
export interface RequestStore {
  /** Creates the record; `false` when a record with this ID already exists. */
  create(record: RequestRecord): Promise<boolean>;
  get(id: string): Promise<RequestRecord | undefined>;
  /**
   * Applies `changes` only if the record is in state `from`. Returns the
   * updated record, or `undefined` when the condition failed.
   */
  update(id: string, from: RequestState, changes: Partial<Omit<RequestRecord, "id">>): Promise<RequestRecord | undefined>;
}
