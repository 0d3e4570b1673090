import { isRepair } from "../command/restoreRequest.js";
import type { FlowDeps } from "./flowDeps.js";
import { FINAL_STATES, targetKey, type RequestRecord } from "./requestRecord.js";

export type SlotResult = { taken: true } | { taken: false; holderId: string; holder: RequestRecord | undefined };

/**
 * Takes the package's one slot for this request until `until`. A slot whose
 * holder no longer needs it (see `stillNeedsSlot`) is taken over: a holder
 * that failed half-way must not block the package until its slot lapses.
 */
export async function takeSlot(
  record: RequestRecord,
  until: string,
  deps: Pick<FlowDeps, "store" | "now">,
): Promise<SlotResult> {
  const target = targetKey(record.request);
  const now = deps.now();
  const holderId = await deps.store.claimTarget(target, record.id, until, now.toISOString());
  if (holderId === undefined) return { taken: true };
  const holder = await deps.store.get(holderId);
  if (holder !== undefined && stillNeedsSlot(holder, now)) return { taken: false, holderId, holder };
  const next = await deps.store.claimTarget(target, record.id, until, now.toISOString(), holderId);
  if (next === undefined) return { taken: true };
  return { taken: false, holderId: next, holder: await deps.store.get(next) };
}

/**
 * Which requests the slot still belongs to: one waiting for a decision, a
 * restore on the direct path, and one being opened right now (its lease runs).
 * A `received` request whose job failed has its lease lapsed; an approved or
 * finished one should already have let go.
 */
export function stillNeedsSlot(holder: RequestRecord, now: Date): boolean {
  if (FINAL_STATES.has(holder.state)) return false;
  if (holder.state === "pending" || holder.state === "restoring") return true;
  // A repair restores its versions for minutes, over several runs: another repair of the image waits until it ends.
  if (holder.state === "approved" && isRepair(holder.request)) return true;
  if (holder.state === "received")
    return holder.leaseUntil !== undefined && Date.parse(holder.leaseUntil) > now.getTime();
  return false;
}

/** Lets go of the slot once the request has moved past needing it; safe to call again. */
export async function releaseSlotIfDone(record: RequestRecord, deps: Pick<FlowDeps, "store">): Promise<void> {
  const holds =
    record.state === "received" ||
    record.state === (record.mode === "approval" ? "pending" : "restoring") ||
    (isRepair(record.request) && (record.state === "approved" || record.state === "restoring"));
  if (!holds) await deps.store.releaseTarget(targetKey(record.request), record.id);
}
