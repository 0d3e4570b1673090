import { releaseSlotIfDone } from "./takeSlot.js";
import { PackageRestoreError } from "../../errors.js";
import { auditTargetFields, refusalEvent } from "../audit/auditEvent.js";
import { reportFinal, restoreAndReport, resumeRequest } from "./finishRequest.js";
import type { FlowDeps } from "./flowDeps.js";
import { catchUpAudit, moveRecord } from "./moveRecord.js";
import { expireRequest } from "./expireRequest.js";
import {
  approverCheckFailed,
  buttonFromAnotherCard,
  cancelByOther,
  decidedBefore,
  expiredNothingChanged,
  notAnApprover,
  otherWorkspace,
  requestGone,
  selfApproval,
  selfDenial,
} from "./messages/decisionMessages.js";
import { slackDidNotAnswer } from "./messages/commandMessages.js";
import type { DecisionAction, DecisionKind, Person, RequestRecord, ThreadRef } from "./requestRecord.js";

export type { DecisionAction } from "./requestRecord.js";

export interface DecisionJob {
  /** The hand-off job's ID, stable across redeliveries of this click. */
  jobId: string;
  /** When the click arrived; also stable across redeliveries. */
  receivedAt: string;
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
  // A job that stopped between a change and its audit write left events unwritten; a click after it writes them.
  // (While pending, the only event is `requested`, which the command's own redelivery makes good.)
  if (record !== undefined && record.state !== "pending") await catchUpAudit(record, deps);
  if (record === undefined) {
    await deps.chat.tellPrivately(requestGone());
    return undefined;
  }
  const refusal = refuseClick(job, record);
  if (refusal !== undefined) {
    await recordRefusal(job, record, refusal.code, deps);
    await deps.chat.tellPrivately(refusal.message);
    return record;
  }
  if (record.state !== "pending") return alreadyDecided(record, job, deps);

  const now = deps.now().toISOString();
  if (record.expiresAt !== undefined && record.expiresAt <= now) return expire(record, job, deps);

  const notAllowed = await checkActor(job, record, deps);
  if (notAllowed !== undefined) {
    await recordRefusal(job, record, notAllowed.code, deps);
    await deps.chat.tellPrivately(notAllowed.message);
    return record;
  }
  const kind = DONE[job.action];
  const decision = { kind, by: job.actor.userId, at: now, jobId: job.jobId };
  const move = await moveRecord(deps, record, { state: kind, decision }, "pending", { unexpiredAt: now });
  if (!move.moved) return move.current === undefined ? record : alreadyDecided(move.current, job, deps);
  const decided = move.record;
  await releaseSlotIfDone(decided, deps);
  if (kind !== "approved") return reportFinal(decided, deps);
  await deps.chat.updateCard(decided);
  return restoreAndReport(decided, deps);
}

interface Refusal {
  /** Short and stable, for the audit trail. */
  code: string;
  message: string;
}

/** Checks that the click can be about this request at all; nothing here depends on who the actor is. */
function refuseClick(job: DecisionJob, record: RequestRecord): Refusal | undefined {
  if (record.thread?.channelId !== job.message.channelId || record.thread.ts !== job.message.ts)
    return { code: "button_from_another_card", message: buttonFromAnotherCard() };
  if (record.requester.teamId !== job.actor.teamId) return { code: "other_workspace", message: otherWorkspace() };
  return undefined;
}

async function checkActor(job: DecisionJob, record: RequestRecord, deps: FlowDeps): Promise<Refusal | undefined> {
  const isRequester = job.actor.userId === record.requester.userId;
  if (job.action === "cancel") return isRequester ? undefined : { code: "cancel_by_other", message: cancelByOther() };
  if (isRequester)
    return job.action === "approve"
      ? { code: "self_approval", message: selfApproval() }
      : { code: "self_denial", message: selfDenial() };
  let isApprover: boolean;
  try {
    isApprover = await deps.isApprover(job.actor.userId);
  } catch (error) {
    // Retrying a missing scope or a plan without user groups fails the same way: answer now rather than dead-letter the click.
    const why = error instanceof PackageRestoreError ? error.message : slackDidNotAnswer();
    return { code: "approver_check_failed", message: approverCheckFailed(job.action, why) };
  }
  if (isApprover) return undefined;
  return { code: `${job.action}_by_non_approver`, message: notAnApprover(job.action) };
}

/** A click that changes nothing still goes on the audit trail: who tried what. */
async function recordRefusal(job: DecisionJob, record: RequestRecord, code: string, deps: FlowDeps): Promise<void> {
  deps.metrics?.refused(code);
  await deps.audit.record([
    refusalEvent(job.jobId, {
      requestId: record.id,
      actor: job.actor,
      requester: record.requester,
      at: job.receivedAt,
      decision: code,
      ...auditTargetFields(record.request),
      ...(record.cardLink ? { threadLink: record.cardLink } : {}),
    }),
  ]);
}

/** The request was decided before this click got there: say by whom, and carry on if this job owns it. */
async function alreadyDecided(record: RequestRecord, job: DecisionJob, deps: FlowDeps): Promise<RequestRecord> {
  if (record.decision?.jobId !== job.jobId) await deps.chat.tellPrivately(decidedBefore(record));
  return resumeRequest(record, job.jobId, deps);
}

async function expire(record: RequestRecord, job: DecisionJob, deps: FlowDeps): Promise<RequestRecord> {
  const expired = await expireRequest(record, job.jobId, deps);
  // Another click or the sweep got there first (an approval just before the expiry, say): say what happened instead.
  if (!expired.moved) return expired.current === undefined ? record : alreadyDecided(expired.current, job, deps);
  await deps.chat.tellPrivately(expiredNothingChanged());
  return expired.record;
}
