import type { ParsedCommand } from "../domain/command/parseCommand.js";

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
  /**
   * The request's text as the HTTP function read it, the only reading there is: a slash command's text, or the
   * command text of a `versions` listing's "Request restore" button. Absent for other clicks.
   */
  parsed?: VersionedParse;
}

/**
 * The shape of `parsed` changes with ParsedCommand; `v` changes with it, so a worker running other code than the
 * HTTP function that queued the job (a retry across a deploy, a dead letter sent again) refuses what it can't read
 * instead of misreading it (see src/worker/readParsedCommand.ts).
 */
export const PARSED_COMMAND_VERSION = 1;

export interface VersionedParse {
  v: typeof PARSED_COMMAND_VERSION;
  command: ParsedCommand;
}

/** Durably hands a job to the worker, or throws HandOffError. Resolving means the job will run. */
export type HandOff = (job: WorkerJob) => Promise<void>;
