// What a click's flow (handleDecision) tells the person who clicked, in one place, as functions of the facts. None
// says what to type, so none needs the command. Plain text: the chat adapter escapes it.
import type { ChatText } from "../../ports/restoreChat.js";
import type { DecisionAction, RequestRecord } from "../requestRecord.js";

export function requestGone(): string {
  return "I can't find this request any more; nothing changed.";
}

export function buttonFromAnotherCard(): string {
  return "That button doesn't belong to this request's card; nothing changed.";
}

export function otherWorkspace(): string {
  return "This request belongs to another Slack workspace; nothing changed.";
}

export function cancelByOther(): string {
  return "Only the person who asked can cancel this request.";
}

export function selfApproval(): string {
  return "You can't approve your own request: someone else has to.";
}

export function selfDenial(): string {
  return "You can't deny your own request; use Cancel instead.";
}

export function approverCheckFailed(action: DecisionAction, why: string): string {
  return `I couldn't check whether you may ${action}: ${why} Nothing changed.`;
}

export function notAnApprover(action: DecisionAction): string {
  return `You can't ${action} this: only the approvers listed in RESTORE_APPROVERS can.`;
}

/** The request was decided (or ended otherwise) before this click: by whom, when someone decided. */
export function decidedBefore(record: RequestRecord): ChatText {
  const decision = record.decision;
  if (decision === undefined) return `This request is ${record.state.replace("_", " ")}; nothing changed.`;
  return [
    `This request was already ${decision.kind}`,
    ...(decision.by ? [" by ", { user: decision.by }] : []),
    "; nothing changed.",
  ];
}

export function expiredNothingChanged(): string {
  return "This request has expired; nothing changed. The requester can ask again.";
}
