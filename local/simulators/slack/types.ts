/**
 * Public types of the Slack Web API simulator.
 *
 * The simulator is a real HTTP server: point `@slack/web-api`'s `WebClient`
 * (or Bolt's `clientOptions.slackApiUrl`) at `apiUrl`, and hand the bot
 * response URLs from `newResponseUrl()`.
 */

/** One Web API call as the simulator saw it (faulted and refused calls included). */
export interface SlackCall {
  /** Web API method, e.g. "chat.postMessage". */
  method: string;
  /** Arguments with the token removed and JSON-string fields (blocks, attachments, metadata) decoded. */
  args: Record<string, unknown>;
  /** Token the caller presented (Authorization header, or `token` form field), or null. */
  token: string | null;
  /** Simulator clock (ms since epoch) when the call arrived. */
  at: number;
  ok: boolean;
  /** Slack error code when `ok` is false ("ratelimited" for injected 429s, "http_<status>" for other injected statuses). */
  error?: string;
}

/** One version of a message's content. */
export interface SimMessageContent {
  text?: string;
  blocks?: unknown[];
}

/** A message as it currently stands in a channel or thread. */
export interface SimMessage {
  channel: string;
  ts: string;
  /** Set on thread replies only: the `ts` of the thread's parent. */
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  /** Author: the bot user id for messages posted through the API. */
  user: string;
  /** True once `chat.update` has changed the message. */
  edited?: boolean;
  /** Earlier versions, oldest first (empty until the first `chat.update`). */
  history: SimMessageContent[];
}

/** A `chat.postEphemeral` message (only its target user would see it in Slack). */
export interface SimEphemeral {
  channel: string;
  /** The user the message was shown to. */
  user: string;
  /** The `message_ts` Slack returned. */
  message_ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  at: number;
}

/** A message the bot POSTed to a response URL. */
export interface ResponseUrlPost {
  /** The response URL's id (last path segment of `/response/<id>`). */
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * An injected failure for `failNext`.
 * - `{ error }`: HTTP 200 `{ ok: false, error }`, like a Slack platform error.
 * - `{ status: 429, retryAfter }`: HTTP 429 with `Retry-After: <retryAfter>` and `{ ok: false, error: "ratelimited" }`.
 * - `{ status }`: that HTTP status with a plain-text body.
 */
export type SlackFailure = { error: string } | { status: 429; retryAfter: number } | { status: number };

export interface SlackSimulatorOptions {
  /** The only token accepted; default "xoxb-test-token". Other tokens get `invalid_auth`. */
  botToken?: string;
  /** Default "UBOT". */
  botUserId?: string;
  /** Default "BBOT". */
  botId?: string;
  /** Default "T0001". */
  teamId?: string;
  /**
   * Channels the bot is a member of. Default: every public channel (id starting with "C").
   * Elsewhere, posting fails like Slack: public "C..." -> `not_in_channel`,
   * private "G..." and DMs "D..." (and anything else) -> `channel_not_found`.
   */
  botChannels?: string[];
  /** Usergroup id -> member user ids, for `usergroups.users.list`. */
  userGroups?: Record<string, string[]>;
  /** When true, `usergroups.users.list` answers `plan_upgrade_required` (a free workspace). */
  planUpgradeRequired?: boolean;
  /**
   * The bot token's scopes, sent in `x-oauth-scopes` on every authenticated answer as Slack does. A method whose
   * scope is missing answers `missing_scope` with `needed` and `provided`; `chat:write.public` lets the bot post in
   * public channels it is not in. Default: commands, chat:write, usergroups:read, channels:read, groups:read.
   */
  scopes?: string[];
  /** TCP port on 127.0.0.1; default 0 (random free port). */
  port?: number;
  /** Clock in ms since epoch, default `Date.now`; drives `ts` values, `at` and response URL expiry. */
  now?: () => number;
}

export interface SlackSimulator {
  /** Web API base, e.g. "http://127.0.0.1:PORT/api/" (WebClient `slackApiUrl` format, trailing slash). */
  apiUrl: string;
  /** "http://127.0.0.1:PORT". */
  baseUrl: string;
  /** Every Web API call, in arrival order. Cleared in place by `reset()`. */
  calls: SlackCall[];
  /** Every accepted response URL POST, in arrival order. Cleared in place by `reset()`. */
  responses: ResponseUrlPost[];
  /**
   * A fresh response URL on this server (`<baseUrl>/response/<id>`). Like Slack's, it accepts
   * 5 posts within 30 minutes; then it answers 404 `used_url` or `expired_url`.
   */
  newResponseUrl(): string;
  /** Top-level channel messages (thread replies excluded) in post order, with `chat.update` applied. */
  messages(channel?: string): SimMessage[];
  /** Replies whose `thread_ts` is `ts`, in post order. */
  thread(channel: string, ts: string): SimMessage[];
  /** Ephemeral messages in post order (extension: not in the original brief). */
  ephemerals(channel?: string): SimEphemeral[];
  /**
   * Adds a message written by a human user, e.g. to check that the bot cannot `chat.update` it
   * (extension: not in the original brief).
   */
  postAsUser(channel: string, user: string, text: string, threadTs?: string): SimMessage;
  /**
   * Makes the next `times` (default 1) calls of `method` fail. Use the method name ("chat.update"),
   * or "response_url" for response URL posts. Queued failures are used in the order given.
   */
  failNext(method: string, failure: SlackFailure, times?: number): void;
  setBotChannels(channels: string[] | "all-public"): void;
  setUserGroups(groups: Record<string, string[]>): void;
  setPlanUpgradeRequired(v: boolean): void;
  setScopes(scopes: string[]): void;
  /**
   * Polls `check` until it returns a truthy value and resolves with it. A `check` that throws
   * counts as "not yet". Rejects after `timeoutMs` (default 5000) naming the last error and recent calls.
   */
  waitFor<T>(check: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  /**
   * Clears calls, messages, ephemerals, response URL posts, issued response URLs and queued faults.
   * Configuration (token, channels, usergroups, plan) is kept.
   */
  reset(): void;
  close(): Promise<void>;
}
