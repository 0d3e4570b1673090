/**
 * The Slack simulator's response URLs, /_sim JSON views, waitFor, reset, and Bolt wiring.
 */
import { App } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RESPONSE_URL_TTL_MS, startSlackSimulator } from "../../../../local/simulators/slack/startSlackSimulator.js";
import type { SlackSimulator } from "../../../../local/simulators/slack/startSlackSimulator.js";
import { BOT_TOKEN, rawPost, silentLogger, simClient } from "./testSupport.js";

let sim: SlackSimulator;
beforeAll(async () => {
  sim = await startSlackSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const postJson = (url: string, body: unknown) =>
  rawPost(url, JSON.stringify(body), { "Content-Type": "application/json" });

describe("response_url", () => {
  it("accepts 5 posts, records them, then answers 404 used_url", async () => {
    const url = sim.newResponseUrl();
    expect(url).toMatch(new RegExp(`^${sim.baseUrl}/response/[a-f0-9]+$`));
    for (let i = 1; i <= 5; i++) {
      const res = await postJson(url, { response_type: "ephemeral", text: `update ${i}`, replace_original: i > 1 });
      expect([res.status, res.text]).toEqual([200, "ok"]);
    }
    const sixth = await postJson(url, { text: "one too many" });
    expect([sixth.status, sixth.text]).toEqual([404, "used_url"]);

    const id = url.split("/").pop();
    expect(sim.responses).toHaveLength(5);
    expect(sim.responses.every((r) => r.id === id)).toBe(true);
    expect(sim.responses[4]?.body).toEqual({ response_type: "ephemeral", text: "update 5", replace_original: true });

    const other = await postJson(sim.newResponseUrl(), { text: "fresh url" });
    expect(other.status).toBe(200);
  });

  it("expires 30 minutes after it was issued", async () => {
    let now = Date.UTC(2026, 10, 25, 12);
    const timed = await startSlackSimulator({ now: () => now });
    try {
      const url = timed.newResponseUrl();
      now += RESPONSE_URL_TTL_MS;
      expect((await postJson(url, { text: "just in time" })).status).toBe(200);
      now += 1;
      const late = await postJson(url, { text: "too late" });
      expect([late.status, late.text]).toEqual([404, "expired_url"]);
      expect(timed.responses.map((r) => r.body.text)).toEqual(["just in time"]);
    } finally {
      await timed.close();
    }
  });

  it("rejects bad payloads without using up the URL, and unknown URLs", async () => {
    const url = sim.newResponseUrl();
    expect(await rawPost(url, "{oops", { "Content-Type": "application/json" })).toMatchObject({
      status: 400,
      text: "invalid_payload",
    });
    expect(await postJson(url, { response_type: "ephemeral" })).toMatchObject({ status: 400, text: "no_text" });
    expect((await postJson(`${sim.baseUrl}/response/unknown`, { text: "x" })).status).toBe(404);
    expect(sim.responses).toEqual([]);
    for (let i = 0; i < 5; i++) expect((await postJson(url, { delete_original: true })).status).toBe(200);
  });

  it("can be made to fail with failNext('response_url')", async () => {
    sim.failNext("response_url", { status: 500 });
    sim.failNext("response_url", { error: "expired_url" });
    const url = sim.newResponseUrl();
    expect((await postJson(url, { text: "x" })).status).toBe(500);
    expect(await postJson(url, { text: "x" })).toMatchObject({ status: 404, text: "expired_url" });
    expect((await postJson(url, { text: "x" })).status).toBe(200);
    expect(sim.responses).toHaveLength(1);
  });
});

describe("/_sim JSON views", () => {
  it("serve messages with their threads, response posts and redacted calls", async () => {
    const client = simClient(sim);
    const parent = await client.chat.postMessage({ channel: "C1", text: "parent" });
    await client.chat.postMessage({ channel: "C1", thread_ts: parent.ts!, text: "reply" });
    await client.chat.postMessage({ channel: "C2", text: "elsewhere" });
    await client.chat.update({ channel: "C1", ts: parent.ts!, text: "parent v2" });
    await postJson(sim.newResponseUrl(), { text: "ephemeral answer" });

    const get = async (path: string) => {
      const res = await fetch(`${sim.baseUrl}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      return (await res.json()) as Record<string, unknown>;
    };

    const all = await get("/_sim/messages");
    expect(all).toMatchObject({
      messages: [
        {
          channel: "C1",
          text: "parent v2",
          edited: true,
          history: [{ text: "parent" }],
          replies: [{ text: "reply", thread_ts: parent.ts }],
        },
        { channel: "C2", text: "elsewhere", replies: [] },
      ],
      orphan_replies: [],
    });
    expect(((await get("/_sim/messages?channel=C2")).messages as unknown[]).length).toBe(1);
    expect(await get("/_sim/responses")).toMatchObject({ responses: [{ body: { text: "ephemeral answer" } }] });

    const { calls } = (await get("/_sim/calls")) as { calls: Array<{ method: string; token: string }> };
    expect(calls.map((c) => c.method)).toEqual([
      "chat.postMessage",
      "chat.postMessage",
      "chat.postMessage",
      "chat.update",
    ]);
    expect(JSON.stringify(calls)).not.toContain(BOT_TOKEN);

    expect((await fetch(`${sim.baseUrl}/_sim/messages`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${sim.baseUrl}/_sim/nothing`)).status).toBe(404);
  });
});

describe("waitFor and reset", () => {
  it("waitFor resolves with the check's value once it is truthy", async () => {
    const client = simClient(sim);
    setTimeout(() => void client.chat.postMessage({ channel: "C1", text: "late arrival" }), 50);
    const msg = await sim.waitFor(() => sim.messages("C1").find((m) => m.text === "late arrival"));
    expect(msg.channel).toBe("C1");
  });

  it("waitFor rejects with a message naming the wait and the recent calls", async () => {
    await simClient(sim).auth.test();
    const started = Date.now();
    await expect(
      sim.waitFor(() => {
        throw new Error("no restore message yet");
      }, 100),
    ).rejects.toThrow(/within 100 ms.*no restore message yet.*1 Slack call\(s\) so far, latest: auth\.test/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reset clears traffic, faults and issued response URLs but keeps configuration", async () => {
    const configured = await startSlackSimulator({ botChannels: ["C1"] });
    try {
      const client = simClient(configured);
      await client.chat.postMessage({ channel: "C1", text: "x" });
      const url = configured.newResponseUrl();
      await postJson(url, { text: "x" });
      configured.failNext("chat.postMessage", { error: "fatal_error" });
      const { calls, responses } = configured;

      configured.reset();
      expect([calls.length, responses.length, configured.messages().length]).toEqual([0, 0, 0]);
      expect(configured.calls).toBe(calls);
      expect((await postJson(url, { text: "x" })).status).toBe(404);
      await expect(client.chat.postMessage({ channel: "C1", text: "y" })).resolves.toMatchObject({ ok: true });
      await expect(client.chat.postMessage({ channel: "C2", text: "y" })).rejects.toMatchObject({
        data: { error: "not_in_channel" },
      });
    } finally {
      await configured.close();
    }
  });
});

describe("Bolt", () => {
  it("an App with clientOptions.slackApiUrl posts through the simulator", async () => {
    const app = new App({
      token: BOT_TOKEN,
      signingSecret: "x",
      tokenVerificationEnabled: false,
      logger: silentLogger(),
      clientOptions: { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 } },
    });
    const res = await app.client.chat.postMessage({ channel: "C7", text: "hello from Bolt" });
    expect(res.ok).toBe(true);
    expect(sim.messages("C7")).toMatchObject([{ ts: res.ts, text: "hello from Bolt", user: "UBOT" }]);
    expect(sim.calls).toMatchObject([{ method: "chat.postMessage", token: BOT_TOKEN, ok: true }]);
  });
});
