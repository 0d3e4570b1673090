/**
 * The project's errors. Each has a stable `name` (safe to match on and to log),
 * an optional `cause`, and the data a caller needs. Messages never contain
 * secret values.
 */
export class PackageRestoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A configuration variable is missing or malformed. The message names the variable, never its value. */
export class ConfigError extends PackageRestoreError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error in ${variable}: ${problem}`);
  }
}

/** The worker could not be handed a request; the request was not accepted. */
export class HandOffError extends PackageRestoreError {}

/** An HTTP exchange with an AWS endpoint failed: unreachable, timed out, cut short or malformed. The message says which, never what the body held. */
export class HttpExchangeError extends PackageRestoreError {}

/** Slack refused a Web API call. `slackError` is Slack's error code, e.g. `not_in_channel`. */
export class SlackCallError extends PackageRestoreError {
  constructor(
    readonly method: string,
    readonly slackError: string,
    options?: { cause?: unknown },
  ) {
    super(`Slack ${method} failed: ${slackError}`, options);
  }
}

/**
 * Slack failed in a way a later try may cure (5xx, rate limit, no answer), and
 * this job has deliveries left: it is thrown so the hand-off delivers it again.
 */
export class SlackUnavailableError extends SlackCallError {
  constructor(
    method: string,
    slackError: string,
    readonly tries: number,
    readonly ofTries: number,
  ) {
    super(method, slackError);
  }
}

/** The request store could not be read or written; nothing that depended on the write was done. */
export class StoreUnavailableError extends PackageRestoreError {}

/**
 * An earlier run of this job claimed the restore and stopped; its GitHub call
 * may still be in flight. Thrown so the hand-off retries later, when the claim
 * is old enough to settle by looking the package up.
 */
export class RestoreInFlightError extends PackageRestoreError {
  constructor(
    readonly requestId: string,
    readonly retryAfterMs: number,
  ) {
    super(
      `The restore of request ${requestId} was claimed by an earlier run that stopped; retry in ${Math.ceil(retryAfterMs / 1000)} s to settle it.`,
    );
  }
}

/** Another delivery of the same job holds the request's lease; this one is retried later, when it has finished or lapsed. */
export class RequestBusyError extends PackageRestoreError {
  constructor(readonly requestId: string) {
    super(`Request ${requestId} is being handled by another delivery of the same job; retry later.`);
  }
}
