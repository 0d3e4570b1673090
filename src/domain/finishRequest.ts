import { describeFinalState } from "./describeOutcome.js";
import type { FlowDeps } from "./flowDeps.js";
import { moveRecord, readRecord } from "./moveRecord.js";
import { FINAL_STATES, ownerJobId, type RequestRecord } from "./requestRecord.js";
import type { RestoreOutcome } from "./restoreOutcome.js";

/**
 * Carries a request on from whatever state a job finds it in. The job that owns
 * the request (its command, or the click that decided it) carries on at once; any
 * other job only once the owner has been silent longer than a worker can live.
 */
export async function resumeRequest(record: RequestRecord, jobId: string, deps: FlowDeps): Promise<RequestRecord> {
  const ownerIsGone = deps.now().getTime() - Date.parse(record.updatedAt) > deps.workerTimeoutMs;
  if (ownerJobId(record) !== jobId && !ownerIsGone) return record;
  if (record.state === "approved") return restoreAndReport(record, deps);
  if (record.state === "restoring") return ownerIsGone ? settleInterrupted(record, deps) : record;
  if (FINAL_STATES.has(record.state) && !record.reported) return reportFinal(record, deps);
  return record;
}

/**
 * Claims the restore (approved → restoring, or received → restoring on the direct
 * path), calls GitHub once, records the outcome and reports it. The conditional
 * claim is what keeps a restore to one call however many jobs get here.
 */
export async function restoreAndReport(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const claimed = await moveRecord(deps, record, { state: "restoring", restoreClaimedAt: deps.now().toISOString() });
  if (claimed === undefined) return readRecord(deps, record.id);
  const outcome = await deps.github.restore(claimed.request);
  return recordOutcome(claimed, outcome, deps);
}

/**
 * A worker died between claiming the restore and recording GitHub's answer.
 * Restoring again could act twice, so look the package up instead: active means
 * the restore went through; anything else is reported as interrupted.
 */
async function settleInterrupted(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const presence = await deps.github.presence(record.request);
  return recordOutcome(record, { kind: presence === "active" ? "restored" : "interrupted" }, deps);
}

async function recordOutcome(record: RequestRecord, outcome: RestoreOutcome, deps: FlowDeps): Promise<RequestRecord> {
  const finished = await moveRecord(deps, record, { state: outcome.kind === "restored" ? "restored" : "failed", outcome }, "restoring");
  return finished === undefined ? readRecord(deps, record.id) : reportFinal(finished, deps);
}

/** Posts a finished request's end in its thread and on its card, then marks it reported. */
export async function reportFinal(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  if (record.reported) return record;
  if (record.thread !== undefined) {
    await deps.chat.replyInThread(record, describeFinalState(record, deps.github.authMode));
    await deps.chat.updateCard(record);
  }
  return (await moveRecord(deps, record, { reported: true })) ?? record;
}
