import type { RequestMetrics } from "../ports/requestMetrics.js";
import type { RequestRecord } from "./requestRecord.js";

/**
 * Counts what one applied change of a request means (see RequestMetrics). Called once per conditional write that
 * won, so a fact is counted once however many jobs race for it; a job that dies between the write and this call
 * loses the count (the audit trail, not the metrics, is the record of what happened).
 */
export function countMove(metrics: RequestMetrics, before: RequestRecord, after: RequestRecord): void {
  if (before.thread === undefined && after.thread !== undefined)
    metrics.cardPosted(elapsedMs(after.createdAt, after.updatedAt));
  if (after.state === before.state) return;
  switch (after.state) {
    case "refused":
      metrics.refused(after.refusal ?? "unknown");
      return;
    case "duplicate":
      // Its refusal code names the other request: an ID is no dimension.
      metrics.refused("duplicate");
      return;
    case "not_posted":
      metrics.cardNotPosted(after.refusal ?? "unknown");
      return;
    case "approved":
    case "denied":
    case "cancelled":
    case "expired":
      metrics.decided(after.state);
      return;
    case "restored":
    case "failed": {
      const at = after.finishedAt ?? after.updatedAt;
      const approvedAt = after.decision?.kind === "approved" ? after.decision.at : undefined;
      metrics.restoreFinished(after.outcome?.kind ?? "interrupted", {
        ...(approvedAt !== undefined ? { sinceApprovalMs: elapsedMs(approvedAt, at) } : {}),
        sinceCommandMs: elapsedMs(after.createdAt, at),
      });
      if (after.repair !== undefined) metrics.repairFinished(repairResult(after));
      return;
    }
    default:
      return;
  }
}

/** `repaired` when every version came back and every tag pulls again; `incomplete` otherwise. */
function repairResult(record: RequestRecord): "repaired" | "incomplete" {
  const verification = record.repair?.verification ?? [];
  const pulls = verification.length > 0 && verification.every((tag) => tag.kind === "healthy");
  return record.state === "restored" && pulls ? "repaired" : "incomplete";
}

function elapsedMs(from: string, to: string): number {
  return Math.max(0, Date.parse(to) - Date.parse(from));
}
