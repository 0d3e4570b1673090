import { expireRequest } from "./expireRequest.js";
import { resumeRequest } from "./finishRequest.js";
import type { FlowDeps } from "./flowDeps.js";
import { catchUpAudit } from "./moveRecord.js";
import { FINAL_STATES, type RequestRecord } from "./requestRecord.js";

/** The job ID a sweep acts under: every sweep is the same job, so one sweep carries on what another started. */
export const SWEEP_JOB_ID = "sweep";
/** Requests read per sweep; a bot's volume over one request TTL stays far below it. */
const SWEEP_SCAN_LIMIT = 2000;
const DAY_MS = 86_400_000;

export interface SweepSummary {
  /** Requests still open, or not yet reported, that the sweep looked at. */
  looked: number;
  expired: number;
  /** Requests whose state the sweep moved on other than by expiring them (a stuck restore settled, an outcome reported). */
  settled: number;
  /** Requests the sweep could not handle, with why; the next sweep tries again. */
  failed: Array<{ requestId: string; reason: string }>;
}

/**
 * The scheduled sweep: expires requests nobody decided in time, and settles
 * those whose worker stopped (a restore claimed but never answered, an approval
 * never acted on, an outcome never told). Conditional and idempotent like every
 * other flow: a click or job racing it gives one outcome.
 */
export async function sweepRequests(deps: FlowDeps): Promise<SweepSummary> {
  const now = deps.now();
  // A request can wait for a decision for one TTL; a day more covers anything stuck after that.
  const since = new Date(now.getTime() - deps.approval.ttlMs - DAY_MS);
  const open = (await deps.store.listRecent(SWEEP_SCAN_LIMIT, since, now)).filter(
    (record) => !FINAL_STATES.has(record.state) || !record.reported,
  );
  const summary: SweepSummary = { looked: open.length, expired: 0, settled: 0, failed: [] };
  for (const record of open) {
    try {
      const after = await sweepOne(record, now, deps);
      if (after?.state === "expired" && record.state === "pending") summary.expired += 1;
      else if (after !== undefined && (after.state !== record.state || after.reported !== record.reported))
        summary.settled += 1;
    } catch (error) {
      summary.failed.push({
        requestId: record.id,
        reason: error instanceof Error ? `${error.name}: ${error.message}` : "unknown error",
      });
    }
  }
  return summary;
}

async function sweepOne(record: RequestRecord, now: Date, deps: FlowDeps): Promise<RequestRecord | undefined> {
  const expired = record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now.getTime();
  // Waiting requests need nothing yet; their jobs are alive or will be redelivered (and catch up their audit then).
  if (record.state === "received" || (record.state === "pending" && !expired)) return undefined;
  await catchUpAudit(record, deps);
  if (record.state !== "pending") return resumeRequest(record, SWEEP_JOB_ID, deps);
  const expiry = await expireRequest(record, SWEEP_JOB_ID, deps);
  // A click or another sweep moved it first: this sweep neither expired nor settled it.
  return expiry.moved ? expiry.record : undefined;
}
