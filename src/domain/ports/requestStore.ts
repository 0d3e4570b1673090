import type { RequestRecord, RequestState } from "../request/requestRecord.js";

/**
 * What a conditional update did. When the condition failed, `current` is the
 * record as it stood then (the write that got there first), so the loser of a
 * race learns the outcome from its own write; `undefined` only when no record
 * with that ID exists.
 */
export type UpdateResult =
  | { applied: true; record: RequestRecord }
  | { applied: false; current: RequestRecord | undefined };

export interface UpdateCondition {
  unexpiredAt?: string;
  leaseFreeAt?: string;
  /** The record's `repairRevision` (0 when it has none), as read before the write. */
  repairRevision?: number;
}

/**
 * Durable request state. Every change is conditional on the current state, so
 * when several workers handle the same request only one moves it on.
 * Implementations throw StoreUnavailableError when the store can't be reached.
 */
export interface RequestStore {
  /** Creates the record; `false` when a record with this ID already exists. */
  create(record: RequestRecord): Promise<boolean>;
  get(id: string): Promise<RequestRecord | undefined>;
  /**
   * Applies `changes` only if the record is in state `from` (and, with
   * `unexpiredAt`, its `expiresAt` is later than that instant; with
   * `leaseFreeAt`, its `leaseUntil` is unset or not later than that instant; with
   * `repairRevision`, its `repairRevision` is that number, or unset for 0).
   * See UpdateResult for what it answers.
   */
  update(
    id: string,
    from: RequestState,
    changes: Partial<Omit<RequestRecord, "id">>,
    condition?: UpdateCondition,
  ): Promise<UpdateResult>;
  /**
   * Takes the one pending slot for a package until `until`. Returns `undefined`
   * when `requestId` holds it (now or already), else the ID of the request that does.
   * A slot whose `until` is past `now` is free, and so is one held by `replacing`:
   * the caller has found that request no longer needs it.
   */
  claimTarget(
    target: string,
    requestId: string,
    until: string,
    now: string,
    replacing?: string,
  ): Promise<string | undefined>;
  /** Frees the slot if `requestId` holds it. */
  releaseTarget(target: string, requestId: string): Promise<void>;
  /** Requests created between `since` and `until`, newest first, at most `limit`. */
  listRecent(limit: number, since: Date, until: Date): Promise<RequestRecord[]>;
}
