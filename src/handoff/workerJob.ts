/**
 * What the HTTP function hands the worker: a Slack request it has already
 * verified and acknowledged. The worker trusts nothing in it beyond "Slack sent
 * this"; authorisation happens in the worker, against server-side state.
 */
export interface WorkerJob {
  /** Request ID, made by the HTTP function; the same on every redelivery, so it is the idempotency key. */
  id: string;
  receivedAt: string;
  slack: { kind: "command"; body: Record<string, string> } | { kind: "interaction"; body: Record<string, unknown> };
}

/** Durably hands a job to the worker, or throws HandOffError. Resolving means the job will run. */
export type HandOff = (job: WorkerJob) => Promise<void>;
