import { PackageRestoreError, RequestBusyError } from "../../errors.js";
import { restoreAndReport, resumeRequest } from "./finishRequest.js";
import type { FlowDeps } from "./flowDeps.js";
import { catchUpAudit, latest, moveRecord, readRecord, recordAfter } from "./moveRecord.js";
import { postRequestCard } from "./postRequestCard.js";
import { resolveVersion, showPrecheck, withPrecheck } from "./prepareRequest.js";
import { targetKey, type Person, type RequestRecord } from "./requestRecord.js";
import { isOrgAllowed } from "./restorePolicy.js";
import type { RestoreRequest } from "../command/restoreRequest.js";
import {
  alreadyRequested,
  cardPlace,
  orgNotServed,
  requesterCheckFailed,
  requesterNotAllowed,
  slackDidNotAnswer,
  waitingInApproversChannel,
} from "./messages/commandMessages.js";
import { takeSlot, type SlotResult } from "./takeSlot.js";
import { diagnoseRepair, tellRepairDiagnosis } from "../repair/diagnoseRepair.js";

export interface CommandJob {
  /** The hand-off job's ID, stable across redeliveries: it is also the request's ID. */
  id: string;
  requester: Person;
  channelId: string;
  request: RestoreRequest;
  /** A click on a `versions` listing's button rather than a typed command (the HTTP function answered neither). */
  origin?: "versions_button";
}

/**
 * A valid restore command: record it, check who may ask, then either
 * open it for approval or restore at once. Safe to run again for the same job.
 */
export async function handleCommand(job: CommandJob, deps: FlowDeps): Promise<RequestRecord> {
  const now = deps.now();
  // As long as a worker can live: a run still working must never look abandoned to a second request for the package.
  const leaseUntil = new Date(now.getTime() + deps.workerTimeoutMs).toISOString();
  const fresh: RequestRecord = {
    ...job,
    mode: deps.approval.required ? "approval" : "direct",
    state: "received",
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    leaseUntil,
    deliveries: 1,
  };
  const created = await deps.store.create(fresh);
  const found = created ? fresh : await readRecord(deps, job.id);
  // Recorded again on a redelivery, in case the first run stopped before its audit writes; duplicates are skipped.
  await catchUpAudit(found, deps);
  if (found.state !== "received") return resumeRequest(found, job.id, deps);
  const record = created ? fresh : await takeLease(found, leaseUntil, deps);
  try {
    return await openRequest(record, deps);
  } catch (error) {
    // A failure (not a crash) lets the retry in at once instead of after the lease.
    await moveRecord(deps, record, { leaseUntil: deps.now().toISOString() }, "received").catch(() => undefined);
    throw error;
  }
}

/** A replay or duplicate delivery of the same job waits; a redelivery after a failure takes over. */
async function takeLease(record: RequestRecord, leaseUntil: string, deps: FlowDeps): Promise<RequestRecord> {
  const deliveries = (record.deliveries ?? 1) + 1;
  const taken = await moveRecord(deps, record, { leaseUntil, deliveries }, "received", {
    leaseFreeAt: deps.now().toISOString(),
  });
  if (!taken.moved) throw new RequestBusyError(record.id);
  return taken.record;
}

async function openRequest(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const refusal = await checkRequester(record, deps);
  if (refusal !== undefined) {
    // The HTTP function has already told someone who typed the command about an org it doesn't serve.
    if (refusal.code !== "org_not_allowed" || record.origin === "versions_button")
      await deps.chat.tellPrivately(refusal.message);
    return (
      latest(await moveRecord(deps, record, { state: "refused", refusal: refusal.code, reported: true })) ?? record
    );
  }
  // A tag or version string becomes a version ID here: the pending slot and the restore need the ID.
  const resolved = await diagnoseRepair(await resolveVersion(record, deps), deps);
  if (resolved.state !== "received") return resolved;
  return resolved.mode === "approval" ? openForApproval(resolved, deps) : restoreDirectly(resolved, deps);
}

async function checkRequester(
  record: RequestRecord,
  deps: FlowDeps,
): Promise<{ code: string; message: string } | undefined> {
  if (!isOrgAllowed(deps.policy, record.request.org)) {
    return { code: "org_not_allowed", message: orgNotServed(record.request.org) };
  }
  try {
    if (await deps.isRequester(record.requester.userId)) return undefined;
  } catch (error) {
    const why = error instanceof PackageRestoreError ? error.message : slackDidNotAnswer();
    return { code: "requester_check_failed", message: requesterCheckFailed(why) };
  }
  return { code: "requester_not_allowed", message: requesterNotAllowed() };
}

/** The direct path: one restore of a package at a time, so identical commands arriving together restore once. */
async function restoreDirectly(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const slot = await takeSlot(record, new Date(deps.now().getTime() + deps.workerTimeoutMs).toISOString(), deps);
  if (!slot.taken) return pointToPending(record, slot, deps);
  await tellRepairDiagnosis(record, deps);
  // The card first, then GitHub: the pre-check's verdict reaches the card with the outcome's redraw.
  const posted = await postRequestCard(record, record.channelId, cardPlace(false), deps);
  if (posted.state !== "received") return posted;
  const finished = await restoreAndReport(await withPrecheck(posted, deps), deps);
  // Not released when the job fails half-way: its retry holds it again, and it lapses after workerTimeoutMs anyway.
  await deps.store.releaseTarget(targetKey(record.request), record.id);
  return finished;
}

async function openForApproval(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const expiresAt = record.expiresAt ?? new Date(deps.now().getTime() + deps.approval.ttlMs).toISOString();
  const slot = await takeSlot(record, expiresAt, deps);
  if (!slot.taken) return pointToPending(record, slot, deps);
  await tellRepairDiagnosis(record, deps);

  const cardChannel = deps.approval.channelId ?? record.channelId;
  // The card first, then GitHub: the requester and approvers see the request without waiting for the pre-check,
  // whose verdict is put on the card in place when it arrives.
  const posted = await postRequestCard(
    { ...record, expiresAt },
    cardChannel,
    cardPlace(deps.approval.channelId !== undefined),
    deps,
  );
  if (posted.state !== "received") return posted;
  const pending = recordAfter(await moveRecord(deps, posted, { state: "pending", expiresAt }, "received"), record.id);
  if (cardChannel !== record.channelId && pending.thread !== undefined) {
    const link = await deps.chat.permalink(pending.thread);
    await deps.chat.tellPrivately(waitingInApproversChannel(record.request, link));
  }
  return showPrecheck(pending, deps);
}

async function pointToPending(
  record: RequestRecord,
  { holderId, holder }: Extract<SlotResult, { taken: false }>,
  deps: FlowDeps,
): Promise<RequestRecord> {
  const link = holder?.thread ? await deps.chat.permalink(holder.thread) : undefined;
  // The request that holds the slot: for a repair, perhaps of another tag of the same image.
  await deps.chat.tellPrivately(alreadyRequested(holder?.request ?? record.request, holder?.state === "pending", link));
  const move = await moveRecord(deps, record, {
    state: "duplicate",
    duplicateOf: holderId,
    refusal: `duplicate_of_${holderId}`,
    reported: true,
  });
  return latest(move) ?? record;
}
