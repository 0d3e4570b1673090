/** What the configuration asks of the platforms, which is what the doctor checks them against. */
export interface DoctorSetup {
  authMode: "app" | "token";
  /** RESTORE_ORGS, lower case; null when unset (any org the credential reaches). */
  orgs: readonly string[] | null;
  /** RESTORE_APPROVAL_CHANNEL and AUDIT_CHANNEL_ID, when set. */
  approvalChannel?: string;
  auditChannel?: string;
  /** The user groups (S…) listed in RESTORE_APPROVERS and RESTORE_REQUESTERS. */
  userGroups: readonly string[];
  /** How often the sweep is scheduled; a last success older than three of these is a sweep that stopped. */
  sweepEveryMs: number;
  now: Date;
  /** True when the worker runs the doctor (the Slack command), false for `npm run doctor`. */
  insideWorker: boolean;
}

/** The deployed schedule (serverless.yml: rate(5 minutes)). */
export const SWEEP_EVERY_MS = 5 * 60_000;
