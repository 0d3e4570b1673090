import type { Person, RequestRecord } from "../request/requestRecord.js";
import type { RestoreRequest } from "../command/restoreRequest.js";

export type AuditEventKind =
  | "requested"
  | "refused"
  | "approved"
  | "denied"
  | "cancelled"
  | "expired"
  | "restore_started"
  | "restored"
  | "restore_failed"
  /** One version of a repair restored, or not (its own GitHub outcome). */
  | "version_restored"
  | "version_restore_failed"
  /** A repair's tags read again through the registry: `decision` says which pull again and which don't. */
  | "repair_verified";

/** One line of the audit trail: who did what to which package, when, and what GitHub said. */
export interface AuditEvent {
  /** Stable for the same fact, so writing it twice (a redelivered job) keeps one record. */
  eventId: string;
  requestId: string;
  event: AuditEventKind;
  at: string;
  /** Who acted; absent when nobody did (expiry). */
  actor?: Person;
  requester: Person;
  org?: string;
  packageType?: string;
  packageName?: string;
  /** For a version restore: GitHub's version ID, once known (a tag or version string is looked up first). */
  versionId?: number;
  /** For a version restore: its name or tags, or the tag or version string asked for. */
  versionLabel?: string;
  reason?: string;
  /** Why it was refused, or the decision taken. */
  decision?: string;
  github?: { outcome: string; status?: number; message?: string; requestId?: string };
  /** The request card in Slack (its thread holds the conversation). */
  threadLink?: string;
}

/**
 * The audit events a request record implies. Pure: the record holds every fact
 * the trail needs, so events can be derived again after a crash and written
 * idempotently by eventId.
 */
export function auditEventsFor(record: RequestRecord): AuditEvent[] {
  const base = {
    requestId: record.id,
    requester: record.requester,
    ...auditTargetFields(record.request),
    ...(record.cardLink ? { threadLink: record.cardLink } : {}),
  };
  const event = (
    kind: AuditEventKind,
    at: string,
    actor: Person | undefined,
    extra: Partial<AuditEvent> = {},
  ): AuditEvent => ({
    ...base,
    eventId: `${record.id}:${kind}`,
    event: kind,
    at,
    ...(actor ? { actor } : {}),
    ...extra,
  });
  const events = [event("requested", record.createdAt, record.requester)];
  const finishedAt = record.finishedAt ?? record.updatedAt;
  if (record.refusal !== undefined)
    events.push(event("refused", finishedAt, record.requester, { decision: record.refusal }));
  const decision = record.decision;
  if (decision !== undefined) {
    const actor = decision.by ? { teamId: record.requester.teamId, userId: decision.by } : undefined;
    events.push(event(decision.kind, decision.at, actor, { decision: decision.kind }));
  }
  // On the direct path the requester's command starts the restore; otherwise the approval does.
  const starter = decision?.by ? { teamId: record.requester.teamId, userId: decision.by } : record.requester;
  if (record.restoreClaimedAt !== undefined) events.push(event("restore_started", record.restoreClaimedAt, starter));
  events.push(...repairEvents(record, starter, event));
  if ((record.state === "restored" || record.state === "failed") && record.outcome !== undefined) {
    events.push(
      event(record.state === "restored" ? "restored" : "restore_failed", finishedAt, starter, {
        github: githubFields(record.outcome),
      }),
    );
  }
  return events;
}

type EventOf = (kind: AuditEventKind, at: string, actor: Person | undefined, extra?: Partial<AuditEvent>) => AuditEvent;

/** A repair's own events: each version's outcome, then the verification. */
function repairEvents(record: RequestRecord, starter: Person, event: EventOf): AuditEvent[] {
  const repair = record.repair;
  if (repair === undefined) return [];
  const events: AuditEvent[] = [];
  for (const item of repair.items) {
    if (item.outcome === undefined) continue;
    const restored = item.outcome.kind === "restored";
    events.push({
      ...event(restored ? "version_restored" : "version_restore_failed", item.settledAt ?? record.updatedAt, starter, {
        versionId: item.versionId,
        versionLabel: `${item.platform}${item.role === "attestation" ? " attestation" : ""} ${item.digest}`,
        github: githubFields(item.outcome),
      }),
      eventId: `${record.id}:version_${item.versionId}`,
    });
  }
  if (repair.verification !== undefined) {
    const pulls = repair.verification.filter((tag) => tag.kind === "healthy").map((tag) => tag.reference);
    const broken = repair.verification.filter((tag) => tag.kind !== "healthy").map((tag) => tag.reference);
    const decision = [
      pulls.length ? `pulls: ${pulls.join(", ")}` : "",
      broken.length ? `still broken: ${broken.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join("; ");
    events.push(event("repair_verified", record.finishedAt ?? record.updatedAt, undefined, { decision }));
  }
  return events;
}

function githubFields(outcome: NonNullable<RequestRecord["outcome"]>): NonNullable<AuditEvent["github"]> {
  const { kind, status, githubMessage, githubRequestId } = outcome;
  return {
    outcome: kind,
    ...(status !== undefined ? { status } : {}),
    ...(githubMessage ? { message: githubMessage } : {}),
    ...(githubRequestId ? { requestId: githubRequestId } : {}),
  };
}

/** A refusal that changes no request: a click by someone who may not, or a command the HTTP function already turned down. */
export function refusalEvent(
  jobId: string,
  fields: { requestId: string; actor: Person; requester: Person; at: string; decision: string } & Partial<AuditEvent>,
): AuditEvent {
  return { ...fields, eventId: `${jobId}:refused`, event: "refused" };
}

/** Which package (and version) an event is about, and why it was asked for. */
export function auditTargetFields(
  request: RestoreRequest,
): Pick<AuditEvent, "org" | "packageType" | "packageName" | "versionId" | "versionLabel" | "reason"> {
  const { org, packageType, packageName, reason, target } = request;
  const version =
    target.kind === "version"
      ? { versionId: target.versionId, ...(target.label ? { versionLabel: target.label } : {}) }
      : target.kind === "version_lookup"
        ? { versionLabel: target.selector.by === "tag" ? `tag ${target.selector.tag}` : target.selector.name }
        : target.kind === "repair"
          ? { versionLabel: `repair of ${target.reference ? Object.values(target.reference)[0] : "every broken tag"}` }
          : {};
  return { org, packageType, packageName, ...version, reason };
}
