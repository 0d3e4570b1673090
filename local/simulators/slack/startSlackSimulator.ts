/**
 * Slack Web API simulator: a real HTTP server on 127.0.0.1 for integration tests and for the
 * `npm start` demo.
 *
 *   const sim = await startSlackSimulator();
 *   const client = new WebClient("xoxb-test-token", { slackApiUrl: sim.apiUrl });
 *   await client.chat.postMessage({ channel: "C1", text: "hi" });
 *   sim.messages("C1"); // [{ channel: "C1", ts: "...", text: "hi", user: "UBOT", history: [] }]
 *
 * See ./types.ts for the API and ./server.ts for the HTTP routes.
 */
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { ResponseUrlRegistry } from "./responseUrls.js";
import { createSimServer } from "./server.js";
import { SlackSimState } from "./state.js";
import type { ResponseUrlPost, SlackFailure, SlackSimulator, SlackSimulatorOptions } from "./types.js";

export type {
  ResponseUrlPost,
  SimEphemeral,
  SimMessage,
  SimMessageContent,
  SlackCall,
  SlackFailure,
  SlackSimulator,
  SlackSimulatorOptions,
} from "./types.js";
export { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from "./responseUrls.js";

const HOST = "127.0.0.1";
const WAIT_POLL_MS = 20;

function checkFailure(failure: SlackFailure, times: number): void {
  if (!Number.isInteger(times) || times < 1)
    throw new TypeError(`failNext: times must be a positive integer, got ${times}`);
  if ("error" in failure) {
    if (!failure.error) throw new TypeError("failNext: error must be a non-empty Slack error code");
    return;
  }
  if (!Number.isInteger(failure.status) || failure.status < 400 || failure.status > 599) {
    throw new TypeError(`failNext: status must be an HTTP error status (400-599), got ${failure.status}`);
  }
  if ("retryAfter" in failure && (!Number.isInteger(failure.retryAfter) || failure.retryAfter < 0)) {
    throw new TypeError(`failNext: retryAfter must be a whole number of seconds >= 0, got ${failure.retryAfter}`);
  }
}

export async function startSlackSimulator(opts: SlackSimulatorOptions = {}): Promise<SlackSimulator> {
  const state = new SlackSimState(opts);
  const registry = new ResponseUrlRegistry(state.now);
  const responses: ResponseUrlPost[] = [];
  const server = createSimServer({ state, registry, responses });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${HOST}:${port}`;
  let closing: Promise<void> | undefined;

  const describeRecentCalls = (): string => {
    const recent = state.calls.slice(-5).map((c) => (c.ok ? c.method : `${c.method}(${c.error})`));
    return (
      `${state.calls.length} Slack call(s) so far${recent.length ? `, latest: ${recent.join(", ")}` : ""}; ` +
      `${responses.length} response_url post(s)`
    );
  };

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    calls: state.calls,
    responses,

    newResponseUrl: () => `${baseUrl}/response/${registry.issue()}`,
    messages: (channel) => state.topLevel(channel),
    thread: (channel, ts) => state.replies(channel, ts),
    ephemerals: (channel) => state.ephemerals(channel),
    postAsUser: (channel, user, text, threadTs) =>
      structuredClone(
        state.addMessage(
          threadTs === undefined ? { channel, user, text } : { channel, user, text, thread_ts: threadTs },
        ),
      ),

    failNext(method, failure, times = 1) {
      checkFailure(failure, times);
      state.queueFault(method, failure, times);
    },
    setBotChannels: (channels) => state.setBotChannels(channels),
    setUserGroups: (groups) => state.setUserGroups(groups),
    setPlanUpgradeRequired: (v) => state.setPlanUpgradeRequired(v),
    setScopes: (scopes) => state.setScopes(scopes),

    async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
      // Real time, not the simulator clock: a test may freeze `now`.
      const deadline = Date.now() + timeoutMs;
      let lastError: unknown;
      for (;;) {
        try {
          const value = check();
          if (value) return value;
          lastError = undefined;
        } catch (err) {
          lastError = err;
        }
        if (Date.now() >= deadline) break;
        await sleep(WAIT_POLL_MS);
      }
      const cause =
        lastError === undefined
          ? ""
          : ` Last check error: ${lastError instanceof Error ? lastError.message : String(lastError)}.`;
      throw new Error(
        `slack simulator waitFor: condition not met within ${timeoutMs} ms.${cause} ${describeRecentCalls()}`,
      );
    },

    reset() {
      state.reset();
      responses.length = 0;
      registry.clear();
    },

    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets from WebClient's fetch would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
