import type { DecisionKind } from "../request/requestRecord.js";
import type { OutcomeKind } from "../request/restoreOutcome.js";

/**
 * What the request flows count, for operators' dashboards and alarms (docs/operations.md). The worker's adapter
 * writes each call as a CloudWatch embedded-metric log line at once, so a job that dies later loses nothing.
 * Implementations never throw: a metric must not fail a restore. Reasons and outcomes are short fixed codes
 * (they become metric dimensions), never user input or IDs.
 */
export interface RequestMetrics {
  /** A request turned down: by policy or a check, as a duplicate, or a click by someone who may not. */
  refused(reason: string): void;
  /** A pending request was approved, denied or cancelled, or expired with nobody deciding. */
  decided(decision: DecisionKind): void;
  /** The request's card is in Slack, `msSinceCommand` after the worker recorded the command. */
  cardPosted(msSinceCommand: number): void;
  /** Slack would not take the card (the request ends `not_posted`), with Slack's error code. */
  cardNotPosted(slackError: string): void;
  /**
   * A restore ended with GitHub's outcome. `sinceApprovalMs` from the approval (approval path),
   * `sinceCommandMs` from the worker recording the command (either path).
   */
  restoreFinished(outcome: OutcomeKind, timing: { sinceApprovalMs?: number; sinceCommandMs: number }): void;
  /** A repair (issue 15's `repair` command) ended, with its outcome as a short code. */
  repairFinished(outcome: string): void;
  /** The scheduled sweep ran: `succeeded` when it handled every request it looked at (and could look at all). */
  sweepFinished(succeeded: boolean): void;
}
