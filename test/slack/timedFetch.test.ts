import { describe, expect, it } from "vitest";
import { WebClient } from "@slack/web-api";
import type { FetchFunction } from "@slack/web-api";
import { timedFetch } from "../../src/slack/timedFetch.js";

/** A fetch that answers from a list, as Slack's Web API would. */
function answering(...answers: Array<Response | Error>): FetchFunction {
  return (async () => {
    const answer = answers.shift();
    if (answer === undefined || answer instanceof Error) throw answer ?? new Error("no answer left");
    return answer;
  }) as unknown as FetchFunction;
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("timedFetch", () => {
  it("reports each Slack request with Slack's error code, the HTTP status, or no answer, and leaves the answer to the WebClient", async () => {
    const seen: Array<string | undefined> = [];
    const client = new WebClient("xoxb-test", {
      fetch: timedFetch(
        (ms, error) => {
          expect(ms).toBeGreaterThanOrEqual(0);
          seen.push(error);
        },
        answering(
          json({ ok: true, channel: "C1", ts: "1.1" }),
          json({ ok: false, error: "not_in_channel" }),
          json({ ok: false, error: "internal_error" }, 503),
          new TypeError("fetch failed"),
        ),
      ),
      retryConfig: { retries: 0 },
    });
    expect(await client.chat.postMessage({ channel: "C1", text: "hi" })).toMatchObject({ ok: true, ts: "1.1" });
    await expect(client.chat.postMessage({ channel: "C1", text: "hi" })).rejects.toMatchObject({
      data: { error: "not_in_channel" },
    });
    await expect(client.chat.postMessage({ channel: "C1", text: "hi" })).rejects.toThrow();
    await expect(client.chat.postMessage({ channel: "C1", text: "hi" })).rejects.toThrow();
    expect(seen).toEqual([undefined, "not_in_channel", "http_503", "network"]);
  });
});
