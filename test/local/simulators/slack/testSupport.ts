/** Helpers for the simulator's own tests: a quiet, fail-fast WebClient and error matchers. */
import { ErrorCode, LogLevel, WebClient } from "@slack/web-api";
import type { Logger } from "@slack/web-api";
import { expect } from "vitest";
import type { SlackSimulator } from "../../../../local/simulators/slack/startSlackSimulator.js";

export const BOT_TOKEN = "xoxb-test-token";

/** WebClient logs platform warnings and errors; tests assert on them instead. */
export function silentLogger(): Logger {
  let level = LogLevel.ERROR;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * A real WebClient pointed at the simulator, with no retries so errors come back at once.
 * Pass `token: null` for a client that sends no token.
 */
export function simClient(sim: SlackSimulator, token: string | null = BOT_TOKEN): WebClient {
  return new WebClient(token ?? undefined, {
    slackApiUrl: sim.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 5_000,
    logger: silentLogger(),
  });
}

/** Asserts the call fails with Slack platform error `error` (HTTP 200, ok:false). */
export async function expectSlackError(call: Promise<unknown>, error: string): Promise<void> {
  await expect(call).rejects.toMatchObject({ code: ErrorCode.PlatformError, data: { ok: false, error } });
}

/** POSTs raw bytes to the simulator, for request shapes WebClient never produces. */
export async function rawPost(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string; json: () => Record<string, unknown> }> {
  const res = await fetch(url, { method: "POST", body, headers });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}
