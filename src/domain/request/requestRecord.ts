import type { RestoreRequest } from "../command/restoreRequest.js";
import type { RepairState, TagDiagnosis } from "../repair/repairState.js";
import type { Precheck, RestoreOutcome } from "./restoreOutcome.js";

/**
 * Where a request is.
 * Approval:  received → pending → approved → restoring → restored | failed
 *                       pending → denied | cancelled | expired
 * Direct:    received → restoring → restored | failed
 * Either:    received → refused (policy) | not_posted (bot can't post) | duplicate (one is already pending)
 */
export const REQUEST_STATES = [
  "received",
  "pending",
  "approved",
  "restoring",
  "restored",
  "failed",
  "denied",
  "cancelled",
  "expired",
  "refused",
  "not_posted",
  "duplicate",
] as const;

export type RequestState = (typeof REQUEST_STATES)[number];

/** States that end a request: nothing moves it on from here. */
export const FINAL_STATES: ReadonlySet<RequestState> = new Set([
  "restored",
  "failed",
  "denied",
  "cancelled",
  "expired",
  "refused",
  "not_posted",
  "duplicate",
]);

/** A Slack user, as IDs only. */
export interface Person {
  teamId: string;
  userId: string;
}

/** The message a request is discussed under; replies go in its thread. */
export interface ThreadRef {
  channelId: string;
  ts: string;
}

export type DecisionKind = "approved" | "denied" | "cancelled" | "expired";

/** What a card's buttons ask for. */
export type DecisionAction = "approve" | "deny" | "cancel";

/** Who decided, and when. `by` is absent for expiry, which nobody decides. */
export interface Decision {
  kind: DecisionKind;
  by?: string;
  at: string;
  /** The hand-off job that made the decision: its redelivery may carry on where it stopped. */
  jobId: string;
}

export interface RequestRecord {
  id: string;
  mode: "direct" | "approval";
  requester: Person;
  /** Where the command was typed (or the "Request restore" button clicked). */
  channelId: string;
  /** Set when the request came from a button of the `versions` listing rather than a typed command. */
  origin?: "versions_button";
  request: RestoreRequest;
  /** A repair: what was found before the card, each version's restore, and the registry's verification. */
  repair?: RepairState;
  /**
   * Raised by every write of a repair's items: each is conditional on the revision it read, so two jobs never
   * both claim the same version.
   */
  repairRevision?: number;
  /** A container version restored by tag: whether its tag pulls once restored, as the registry showed. */
  pullCheck?: TagDiagnosis;
  /** What GitHub showed before the card asked anyone to approve; advice, never a block. */
  precheck?: Precheck;
  state: RequestState;
  createdAt: string;
  updatedAt: string;
  /** The request message (card); replies go in its thread. */
  thread?: ThreadRef;
  /** Approval mode: after this instant nobody can decide any more. */
  expiresAt?: string;
  decision?: Decision;
  /** When a worker claimed the restore; a claim older than a worker can live was interrupted. */
  restoreClaimedAt?: string;
  outcome?: RestoreOutcome;
  /** Whether the final state reached the thread (or the requester), so a redelivery doesn't tell twice. */
  reported?: boolean;
  /** For a duplicate: the request that was already pending. */
  duplicateOf?: string;
  /** Why the request was turned down (refused, not_posted, duplicate), as a short code. */
  refusal?: string;
  /** When it reached its final state. */
  finishedAt?: string;
  /** A link to the card, kept for the audit trail. */
  cardLink?: string;
  /** Which delivery of the command job is working on the request (1 for the first; a redelivery takes the lease and adds one). */
  deliveries?: number;
  /**
   * While a job works on a `received` request, no other delivery of the same
   * job (a replay, a duplicate delivery) may: they wait until this has passed.
   */
  leaseUntil?: string;
}

/** One pending request per package, and per version: the key two requests for the same thing share. */
export function targetKey(request: Pick<RestoreRequest, "org" | "packageType" | "packageName" | "target">): string {
  const { target } = request;
  // Only resolved requests take a slot; a lookup gets a key of its own so it can never share one.
  const version =
    target.kind === "version"
      ? `#v${target.versionId}`
      : target.kind === "version_lookup"
        ? `#lookup`
        : target.kind === "repair"
          ? "#repair"
          : "";
  return `${request.org}#${request.packageType}#${request.packageName}${version}`;
}

/** The job that last moved the request on: the command's job until someone decides, then the deciding click's. */
export function ownerJobId(record: RequestRecord): string {
  return record.decision?.jobId ?? record.id;
}
