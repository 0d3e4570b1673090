import type { AuditTrail } from "../audit/auditTrail.js";
import type { ImageRegistry } from "../ports/imageRegistry.js";
import type { PackageRestorer } from "../ports/packageRestorer.js";
import type { RequestMetrics } from "../ports/requestMetrics.js";
import type { RequestStore } from "../ports/requestStore.js";
import type { RestoreChat } from "../ports/restoreChat.js";
import type { RestorePolicy } from "./restorePolicy.js";

export interface ApprovalSettings {
  /** When false, a valid command restores at once (the direct path). */
  required: boolean;
  /** Where cards go; unset means the channel the command was typed in. */
  channelId?: string;
  /** How long a request waits for a decision. */
  ttlMs: number;
}

/** Everything the request flows need, passed in explicitly; the worker builds one per job. */
export interface FlowDeps {
  store: RequestStore;
  /** Every change of a request is recorded here, derived from the record (see auditEventsFor). */
  audit: AuditTrail;
  chat: RestoreChat;
  github: PackageRestorer;
  /** The container registry, for repairs and for checking that a restored tag pulls; loaded on first use. */
  registry: ImageRegistry;
  policy: RestorePolicy;
  approval: ApprovalSettings;
  isRequester: (userId: string) => Promise<boolean>;
  isApprover: (userId: string) => Promise<boolean>;
  now: () => Date;
  /**
   * Longest a worker run can last. A claim or decision older than this whose job
   * hasn't finished belongs to a dead worker, and another job may finish it.
   */
  workerTimeoutMs: number;
  /**
   * How many times the hand-off delivers a failing job before it gives up
   * (Lambda: the first try and `maximumRetryAttempts`, 2 in serverless.yml).
   * A transient failure on the last delivery ends the request instead of failing it.
   */
  deliveryAttempts: number;
  /** Counts for operators (docs/operations.md); absent where nobody reads them (most unit tests, `npm start`). */
  metrics?: RequestMetrics;
  /** The slash command as configured (`SLACK_COMMAND`): what the bot tells people to type names this one. */
  command: string;
}
