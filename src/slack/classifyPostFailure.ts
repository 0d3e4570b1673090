import { ErrorCode } from "@slack/web-api";
import type { PostFailure } from "../domain/ports/restoreChat.js";

/**
 * Slack's answers that mean Slack itself is struggling, so a later try may
 * succeed. Everything else Slack says (`invalid_blocks`, `missing_scope`,
 * `not_in_channel`, `invalid_auth`…) will say the same again.
 * https://api.slack.com/methods/chat.postMessage#errors
 */
const TRANSIENT_SLACK_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

/**
 * What stopped a card from being posted, from what @slack/web-api threw, or
 * `undefined` for an error that isn't Slack's answer (a bug: let it surface).
 */
export function classifyPostFailure(error: unknown): PostFailure | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, data, statusCode } = error as {
    code?: unknown;
    data?: { error?: unknown; needed?: unknown };
    statusCode?: unknown;
  };
  switch (code) {
    case ErrorCode.PlatformError: {
      const slackError = typeof data?.error === "string" && data.error !== "" ? data.error : "unknown_error";
      const neededScope = typeof data?.needed === "string" ? { neededScope: data.needed } : {};
      return { posted: false, slackError, transient: TRANSIENT_SLACK_ERRORS.has(slackError), ...neededScope };
    }
    case ErrorCode.RateLimitedError:
      return { posted: false, slackError: "ratelimited", transient: true };
    case ErrorCode.HTTPError: {
      const status = typeof statusCode === "number" ? statusCode : 0;
      return {
        posted: false,
        slackError: `http_${status}`,
        transient: status >= 500 || status === 429 || status === 408,
      };
    }
    case ErrorCode.RequestError:
      return { posted: false, slackError: "request_failed", transient: true };
    default:
      return undefined;
  }
}
