import { RestoreInFlightError } from "../../errors.js";
import { describeFinalState } from "./describeOutcome.js";
import type { FlowDeps } from "./flowDeps.js";
import { latest, moveRecord, recordAfter } from "./moveRecord.js";
import { FINAL_STATES, ownerJobId, type RequestRecord } from "./requestRecord.js";
import type { RestoreOutcome } from "./restoreOutcome.js";
import { releaseSlotIfDone } from "./takeSlot.js";
import { isRepair, isResolved, type ResolvedRequest } from "../command/restoreRequest.js";
import { finishRepair, restoreAndVerify, type RepairProgress } from "../repair/finishRepair.js";
import { checkRestoredTag } from "../repair/checkRestoredTag.js";

/** Added to the GitHub call's longest duration before a restore claim counts as abandoned. */
export const CLAIM_MARGIN_MS = 15_000;

/**
 * Carries a request on from whatever state a job finds it in. The job that owns
 * the request (its command, or the click that decided it) carries on at once; any
 * other job only once the owner has been silent longer than a worker can live.
 */
export async function resumeRequest(record: RequestRecord, jobId: string, deps: FlowDeps): Promise<RequestRecord> {
  const isOwner = ownerJobId(record) === jobId;
  if (record.state === "restoring") return resumeRestoring(record, isOwner, deps);
  const ownerIsGone = deps.now().getTime() - Date.parse(record.updatedAt) > deps.workerTimeoutMs;
  if (!isOwner && !ownerIsGone) return record;
  const unfinished = record.state === "approved" || (FINAL_STATES.has(record.state) && !record.reported);
  if (!unfinished) return record;
  // The job that decided stopped before it finished, maybe before it let go of the package's slot.
  await releaseSlotIfDone(record, deps);
  return record.state === "approved" ? restoreAndReport(record, deps) : reportFinal(record, deps);
}

/**
 * A restore claim without an outcome. Once it is older than the GitHub call can
 * last (or than a worker can live, if that is sooner: Lambda ends it there),
 * whoever claimed it is gone and anyone settles it. Before that, the
 * claim's own job (a redelivery after a crash) must not end quietly, or nothing
 * would ever settle it: it fails so the hand-off retries later.
 */
async function resumeRestoring(record: RequestRecord, isOwner: boolean, deps: FlowDeps): Promise<RequestRecord> {
  const claimAge = deps.now().getTime() - Date.parse(record.restoreClaimedAt ?? record.updatedAt);
  const abandonedAfter = Math.min(deps.github.maxRestoreMs + CLAIM_MARGIN_MS, deps.workerTimeoutMs);
  if (isRepair(record.request)) return reportRepair(await finishRepair(record, isOwner, abandonedAfter, deps), deps);
  if (claimAge > abandonedAfter) return settleInterrupted(record, deps);
  if (isOwner) throw new RestoreInFlightError(record.id, abandonedAfter - claimAge);
  return record;
}

/**
 * Claims the restore (approved → restoring, or received → restoring on the direct
 * path), calls GitHub once, records the outcome and reports it. The conditional
 * claim is what keeps a restore to one call however many jobs get here.
 */
export async function restoreAndReport(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const claim = await moveRecord(deps, record, { state: "restoring", restoreClaimedAt: deps.now().toISOString() });
  if (!claim.moved) return recordAfter(claim, record.id);
  const claimed = claim.record;
  if (isRepair(claimed.request)) return reportRepair(await restoreAndVerify(claimed, deps), deps);
  const outcome = await deps.github.restore(resolvedRequest(claimed), { activeBefore: wasActiveBefore(claimed) });
  return recordOutcome(claimed, outcome, deps);
}

/**
 * A worker died between claiming the restore and recording GitHub's answer.
 * Restoring again could act twice, so look the package up instead: active means
 * the restore went through; anything else is reported as interrupted, saying
 * whether GitHub showed the package still deleted or wouldn't say.
 */
async function settleInterrupted(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const found = await deps.github.presence(resolvedRequest(record));
  // Already active before the restore (a name in use): finding it active now says nothing about our restore.
  const presence = found === "active" && wasActiveBefore(record) ? "unknown" : found;
  return recordOutcome(record, presence === "active" ? { kind: "restored" } : { kind: "interrupted", presence }, deps);
}

/** The pre-check found the package (or version) active before anyone restored it. */
function wasActiveBefore(record: RequestRecord): boolean {
  return record.precheck?.kind === "package_active" || record.precheck?.kind === "version_not_deleted";
}

/** Only a version known by ID can be restored; a lookup is resolved (or refused) before any approval or claim. */
function resolvedRequest(record: RequestRecord): ResolvedRequest {
  if (!isResolved(record.request))
    throw new Error(`Request ${record.id} reached the restore with its version not looked up.`);
  return record.request;
}

async function reportRepair(progress: RepairProgress, deps: FlowDeps): Promise<RequestRecord> {
  if (!progress.finished) return progress.record;
  // A repair holds the image's slot until its last version is back (see releaseSlotIfDone).
  await releaseSlotIfDone(progress.record, deps);
  return reportFinal(progress.record, deps);
}

async function recordOutcome(record: RequestRecord, outcome: RestoreOutcome, deps: FlowDeps): Promise<RequestRecord> {
  const finished = await moveRecord(
    deps,
    record,
    { state: outcome.kind === "restored" ? "restored" : "failed", outcome },
    "restoring",
  );
  if (!finished.moved) return recordAfter(finished, record.id);
  // After the outcome is written, so the check never holds a restore claim past its window: a container version
  // restored by tag may still not pull, and the registry says whether its platforms are there too.
  const pullCheck = outcome.kind === "restored" ? await checkRestoredTag(finished.record, deps) : undefined;
  const checked = pullCheck ? latest(await moveRecord(deps, finished.record, { pullCheck }, "restored")) : undefined;
  return reportFinal(checked ?? finished.record, deps);
}

/** Posts a finished request's end in its thread and on its card, then marks it reported. */
export async function reportFinal(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  if (record.reported) return record;
  if (record.thread !== undefined) {
    await deps.chat.replyInThread(
      record,
      describeFinalState(record, deps.github.authMode, deps.command, deps.registry.host),
    );
    await deps.chat.updateCard(record);
  }
  return latest(await moveRecord(deps, record, { reported: true })) ?? record;
}
