import { reportFinal, restoreAndReport, resumeRequest } from "./finishRequest.js";
import type { FlowDeps } from "./flowDeps.js";
import { moveRecord } from "./moveRecord.js";
import { targetKey, type DecisionKind, type Person, type RequestRecord, type ThreadRef } from "./requestRecord.js";

export type DecisionAction = "approve" | "deny" | "cancel";

export interface DecisionJob {
  /** The hand-off job's ID, stable across redeliveries of this click. */
  jobId: string;
  action: DecisionAction;
  /** From the button's value: used only to look the request up, never trusted for anything else. */
  requestId: string;
  actor: Person;
  /** The message whose button was clicked. */
  message: ThreadRef;
}

const DONE: Record<DecisionAction, DecisionKind> = { approve: "approved", deny: "denied", cancel: "cancelled" };

/**
 * A click on Approve, Deny or Cancel. Who may click is decided here, from the
 * stored request; every change is conditional on the request still pending
 * (and, to approve, unexpired), so of many simultaneous clicks exactly one wins.
 */
export async function handleDecision(job: DecisionJob, deps: FlowDeps): Promise<RequestRecord | undefined> {
  const record = await deps.store.get(job.requestId);
  const refusal = refuseClick(job, record);
  if (refusal !== undefined || record === undefined) {
    await deps.chat.tellPrivately(refusal ?? "I don't know this request.");
    return record;
  }
  if (record.state !== "pending") return alreadyDecided(record, job, deps);

  const now = deps.now().toISOString();
  if (record.expiresAt !== undefined && record.expiresAt <= now) return expire(record, job, deps);

  const notAllowed = await checkActor(job, record, deps);
  if (notAllowed !== undefined) {
    await deps.chat.tellPrivately(notAllowed);
    return record;
  }
  const kind = DONE[job.action];
  const decision = { kind, by: job.actor.userId, at: now, jobId: job.jobId };
  const decided = await moveRecord(deps, record, { state: kind, decision }, "pending", { unexpiredAt: now });
  if (decided === undefined) {
    const current = await deps.store.get(record.id);
    return current === undefined ? record : alreadyDecided(current, job, deps);
  }
  await deps.store.releaseTarget(targetKey(decided.request), decided.id);
  if (kind !== "approved") return reportFinal(decided, deps);
  await deps.chat.updateCard(decided);
  return restoreAndReport(decided, deps);
}

/** Checks that the click can be about this request at all; nothing here depends on who the actor is. */
function refuseClick(job: DecisionJob, record: RequestRecord | undefined): string | undefined {
  if (record === undefined) return "I can't find this request any more; nothing changed.";
  if (record.thread?.channelId !== job.message.channelId || record.thread.ts !== job.message.ts) {
    return "That button doesn't belong to this request's card; nothing changed.";
  }
  if (record.requester.teamId !== job.actor.teamId) return "This request belongs to another Slack workspace; nothing changed.";
  return undefined;
}

async function checkActor(job: DecisionJob, record: RequestRecord, deps: FlowDeps): Promise<string | undefined> {
  const isRequester = job.actor.userId === record.requester.userId;
  if (job.action === "cancel") return isRequester ? undefined : "Only the person who asked can cancel this request.";
  if (isRequester) return job.action === "approve" ? "You can't approve your own request: someone else has to." : "You can't deny your own request; use Cancel instead.";
  return (await deps.isApprover(job.actor.userId)) ? undefined : `You can't ${job.action} this: only the approvers listed in RESTORE_APPROVERS can.`;
}

/** The request was decided before this click got there: say by whom, and carry on if this job owns it. */
async function alreadyDecided(record: RequestRecord, job: DecisionJob, deps: FlowDeps): Promise<RequestRecord> {
  if (record.decision?.jobId !== job.jobId) {
    const decision = record.decision;
    await deps.chat.tellPrivately(
      decision === undefined
        ? `This request is ${record.state.replace("_", " ")}; nothing changed.`
        : [`This request was already ${decision.kind}`, ...(decision.by ? [" by ", { user: decision.by }] : []), "; nothing changed."],
    );
  }
  return resumeRequest(record, job.jobId, deps);
}

async function expire(record: RequestRecord, job: DecisionJob, deps: FlowDeps): Promise<RequestRecord> {
  const expired = await moveRecord(deps, record, { state: "expired", decision: { kind: "expired", at: deps.now().toISOString(), jobId: job.jobId } }, "pending");
  await deps.chat.tellPrivately("This request has expired; nothing changed. The requester can ask again.");
  if (expired === undefined) return record;
  await deps.store.releaseTarget(targetKey(expired.request), expired.id);
  return reportFinal(expired, deps);
}
