import type { FetchFunction } from "@slack/web-api";
import type { CallMetrics } from "../metrics/callMetrics.js";

/**
 * `fetch` for Slack's WebClient (and Bolt's response URLs, which use the same option) that reports each request's
 * time and how it went. The Web API answers most errors with HTTP 200 and `ok: false`, so the error code is read
 * from a copy of the body; the WebClient reads the original. The WebClient has no hook of its own for this.
 */
export function timedFetch(
  slackCall: CallMetrics["slackCall"],
  // What the WebClient uses when given none; Node's types for it lack a method the WebClient's type names.
  fetchFn: FetchFunction = globalThis.fetch as unknown as FetchFunction,
): FetchFunction {
  return async (url, init) => {
    const started = performance.now();
    let response: Awaited<ReturnType<FetchFunction>> & { clone?: () => Awaited<ReturnType<FetchFunction>> };
    try {
      response = await fetchFn(url, init);
    } catch (error) {
      slackCall(performance.now() - started, "network");
      throw error;
    }
    const elapsed = performance.now() - started;
    if (!response.ok) {
      slackCall(elapsed, `http_${response.status}`);
      return response;
    }
    // A response URL answers plain text: no error code to read there.
    const body = (await response
      .clone?.()
      .json()
      .catch(() => undefined)) as { ok?: unknown; error?: unknown } | undefined;
    slackCall(elapsed, body?.ok === false ? String(body.error ?? "unknown") : undefined);
    return response;
  };
}
