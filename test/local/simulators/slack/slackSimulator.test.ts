/**
 * The Slack simulator's Web API, driven by a real @slack/web-api WebClient.
 * response_url, /_sim views, waitFor and Bolt: slackSimulator.responses.test.ts.
 */
import { ErrorCode } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSlackSimulator } from "../../../../local/simulators/slack/startSlackSimulator.js";
import type { SlackSimulator } from "../../../../local/simulators/slack/startSlackSimulator.js";
import { BOT_TOKEN, expectSlackError, rawPost, simClient } from "./testSupport.js";

const TS = /^\d{10}\.\d{6}$/;

let sim: SlackSimulator;
beforeAll(async () => {
  sim = await startSlackSimulator({ userGroups: { S0OPS: ["U1", "U2"] } });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  sim.setBotChannels("all-public");
  sim.setPlanUpgradeRequired(false);
});

describe("identity and authentication", () => {
  it("auth.test answers with the bot's identity", async () => {
    const res = await simClient(sim).auth.test();
    expect(res).toMatchObject({ ok: true, team_id: "T0001", user_id: "UBOT", bot_id: "BBOT" });
    expect(res.url).toMatch(/^https:\/\/.+\.slack\.com\/$/);
    expect(sim.apiUrl).toBe(`${sim.baseUrl}/api/`);
  });

  it("refuses a wrong token with invalid_auth and a missing one with not_authed", async () => {
    await expectSlackError(simClient(sim, "xoxb-wrong").chat.postMessage({ channel: "C1", text: "x" }), "invalid_auth");
    await expectSlackError(simClient(sim, null).auth.test(), "not_authed");
    expect(sim.calls.map((c) => [c.method, c.token, c.ok, c.error])).toEqual([
      ["chat.postMessage", "xoxb-wrong", false, "invalid_auth"],
      ["auth.test", null, false, "not_authed"],
    ]);
    expect(sim.messages()).toEqual([]);
  });

  it("takes the token from a form field, and ignores one inside a JSON body like Slack", async () => {
    const form = await rawPost(`${sim.apiUrl}auth.test`, `token=${BOT_TOKEN}`, {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(form.json()).toMatchObject({ ok: true, user_id: "UBOT" });
    const json = await rawPost(`${sim.apiUrl}auth.test`, JSON.stringify({ token: BOT_TOKEN }), {
      "Content-Type": "application/json",
    });
    expect(json.status).toBe(200);
    expect(json.json()).toEqual({ ok: false, error: "not_authed" });
  });

  it("accepts JSON bodies with a bearer token, and rejects malformed JSON", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*hi*" } }];
    const ok = await rawPost(`${sim.apiUrl}chat.postMessage`, JSON.stringify({ channel: "C1", text: "hi", blocks }), {
      "Content-Type": "application/json; charset=utf-8",
      Authorization: `Bearer ${BOT_TOKEN}`,
    });
    expect(ok.json()).toMatchObject({ ok: true, channel: "C1" });
    expect(sim.messages("C1")[0]).toMatchObject({ text: "hi", blocks });

    const bad = await rawPost(`${sim.apiUrl}chat.postMessage`, "{not json", {
      "Content-Type": "application/json",
      Authorization: `Bearer ${BOT_TOKEN}`,
    });
    expect(bad.json()).toEqual({ ok: false, error: "invalid_json" });
  });

  it("answers unknown methods with unknown_method", async () => {
    await expectSlackError(simClient(sim).apiCall("chat.teleport", { channel: "C1" }), "unknown_method");
    expect(sim.calls[0]).toMatchObject({ method: "chat.teleport", ok: false, error: "unknown_method" });
  });
});

describe("messages, updates and threads", () => {
  it("posts, threads and updates, and the views reflect the latest state", async () => {
    const client = simClient(sim);
    const parent = await client.chat.postMessage({ channel: "C1", text: "Restoring left-pad..." });
    expect(parent).toMatchObject({
      ok: true,
      channel: "C1",
      message: { text: "Restoring left-pad...", user: "UBOT", bot_id: "BBOT" },
    });
    expect(parent.ts).toMatch(TS);

    const reply = await client.chat.postMessage({ channel: "C1", thread_ts: parent.ts!, text: "step 1 done" });
    expect(reply.message?.thread_ts).toBe(parent.ts);
    expect(Number(reply.ts)).toBeGreaterThan(Number(parent.ts));

    const blocks = [{ type: "section", text: { type: "mrkdwn", text: ":white_check_mark: Restored" } }];
    const updated = await client.chat.update({ channel: "C1", ts: parent.ts!, text: "Restored left-pad", blocks });
    expect(updated).toMatchObject({ ok: true, channel: "C1", ts: parent.ts, text: "Restored left-pad" });

    expect(sim.messages("C1")).toEqual([
      {
        channel: "C1",
        ts: parent.ts,
        user: "UBOT",
        text: "Restored left-pad",
        blocks,
        edited: true,
        history: [{ text: "Restoring left-pad..." }],
      },
    ]);
    expect(sim.thread("C1", parent.ts!)).toEqual([
      { channel: "C1", ts: reply.ts, thread_ts: parent.ts, user: "UBOT", text: "step 1 done", history: [] },
    ]);
    expect(sim.messages("C2")).toEqual([]);
  });

  it("gives every message a unique, increasing ts", async () => {
    const client = simClient(sim);
    const posted = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.chat.postMessage({ channel: "C1", text: `m${i}` })),
    );
    const tss = posted.map((p) => p.ts!);
    expect(new Set(tss).size).toBe(20);
    const inPostOrder = sim.messages("C1").map((m) => m.ts);
    expect([...inPostOrder].sort()).toEqual(inPostOrder);
  });

  it("keeps blocks on a text-only update and drops them on blocks: []", async () => {
    const client = simClient(sim);
    const blocks = [{ type: "divider" }];
    const { ts } = await client.chat.postMessage({ channel: "C1", text: "v1", blocks });
    await client.chat.update({ channel: "C1", ts: ts!, text: "v2" });
    expect(sim.messages("C1")[0]).toMatchObject({ text: "v2", blocks });
    await client.chat.update({ channel: "C1", ts: ts!, text: "v3", blocks: [] });
    const [msg] = sim.messages("C1");
    expect(msg?.blocks).toBeUndefined();
    expect(msg?.history).toEqual([
      { text: "v1", blocks },
      { text: "v2", blocks },
    ]);
  });

  it("refuses to update unknown messages and messages the bot did not write", async () => {
    const client = simClient(sim);
    await expectSlackError(client.chat.update({ channel: "C1", ts: "1.000100", text: "x" }), "message_not_found");
    const human = sim.postAsUser("C1", "U1", "please restore left-pad");
    await expectSlackError(client.chat.update({ channel: "C1", ts: human.ts, text: "x" }), "cant_update_message");
    expect(sim.messages("C1")).toEqual([
      { channel: "C1", ts: human.ts, user: "U1", text: "please restore left-pad", history: [] },
    ]);
  });

  it("requires text, blocks or attachments", async () => {
    await expectSlackError(simClient(sim).chat.postMessage({ channel: "C1", text: "" }), "no_text");
  });

  it("records ephemeral messages apart from channel messages", async () => {
    const res = await simClient(sim).chat.postEphemeral({ channel: "C1", user: "U1", text: "only you can see this" });
    expect(res.ok).toBe(true);
    expect(res.message_ts).toMatch(TS);
    expect(sim.ephemerals("C1")).toMatchObject([
      { channel: "C1", user: "U1", text: "only you can see this", message_ts: res.message_ts },
    ]);
    expect(sim.messages()).toEqual([]);
    expect(sim.calls[0]).toMatchObject({ method: "chat.postEphemeral", args: { channel: "C1", user: "U1" }, ok: true });
  });
});

describe("channel membership", () => {
  it("by default posts in any public channel but not in private channels or DMs", async () => {
    const client = simClient(sim);
    await expect(client.chat.postMessage({ channel: "C9", text: "x" })).resolves.toMatchObject({ ok: true });
    await expectSlackError(client.chat.postMessage({ channel: "G9", text: "x" }), "channel_not_found");
    await expectSlackError(client.chat.postMessage({ channel: "D9", text: "x" }), "channel_not_found");
  });

  it("with explicit channels: not_in_channel for other public channels, channel_not_found for private", async () => {
    sim.setBotChannels(["C1", "G1"]);
    const client = simClient(sim);
    await expect(client.chat.postMessage({ channel: "G1", text: "x" })).resolves.toMatchObject({ ok: true });
    await expectSlackError(client.chat.postMessage({ channel: "C2", text: "x" }), "not_in_channel");
    await expectSlackError(client.chat.postMessage({ channel: "G2", text: "x" }), "channel_not_found");
    await expectSlackError(client.chat.postEphemeral({ channel: "C2", user: "U1", text: "x" }), "not_in_channel");
    await expectSlackError(client.chat.postEphemeral({ channel: "G2", user: "U1", text: "x" }), "channel_not_found");
    expect(sim.messages().map((m) => m.channel)).toEqual(["G1"]);
  });

  it("conversations.info shows public channels to non-members and hides private ones", async () => {
    sim.setBotChannels(["C1"]);
    const client = simClient(sim);
    expect((await client.conversations.info({ channel: "C1" })).channel).toMatchObject({
      id: "C1",
      is_member: true,
      is_private: false,
    });
    expect((await client.conversations.info({ channel: "C2" })).channel).toMatchObject({ id: "C2", is_member: false });
    await expectSlackError(client.conversations.info({ channel: "G2" }), "channel_not_found");
  });
});

describe("usergroups", () => {
  it("lists members, and no_such_subteam for unknown groups", async () => {
    const client = simClient(sim);
    expect(await client.usergroups.users.list({ usergroup: "S0OPS" })).toMatchObject({ ok: true, users: ["U1", "U2"] });
    await expectSlackError(client.usergroups.users.list({ usergroup: "S0NOPE" }), "no_such_subteam");
    sim.setUserGroups({ S0NOPE: ["U3"] });
    expect((await client.usergroups.users.list({ usergroup: "S0NOPE" })).users).toEqual(["U3"]);
  });

  it("answers plan_upgrade_required on free workspaces", async () => {
    sim.setPlanUpgradeRequired(true);
    await expectSlackError(simClient(sim).usergroups.users.list({ usergroup: "S0OPS" }), "plan_upgrade_required");
    const free = await startSlackSimulator({ planUpgradeRequired: true });
    try {
      await expectSlackError(simClient(free).usergroups.users.list({ usergroup: "S0OPS" }), "plan_upgrade_required");
    } finally {
      await free.close();
    }
  });
});

describe("injected faults", () => {
  it("a 429 carries Retry-After and surfaces as a rate-limit error; the next call works", async () => {
    sim.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    const client = simClient(sim);
    await expect(client.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    await expect(client.chat.postMessage({ channel: "C1", text: "y" })).resolves.toMatchObject({ ok: true });
    expect(sim.calls.map((c) => c.error ?? "ok")).toEqual(["ratelimited", "ok"]);
    expect(sim.messages("C1").map((m) => m.text)).toEqual(["y"]);

    sim.failNext("auth.test", { status: 429, retryAfter: 3 });
    const res = await fetch(`${sim.apiUrl}auth.test`, { method: "POST" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(await res.json()).toEqual({ ok: false, error: "ratelimited" });
  });

  it("fails only the named method, the given number of times", async () => {
    sim.failNext("chat.update", { error: "internal_error" }, 2);
    const client = simClient(sim);
    const { ts } = await client.chat.postMessage({ channel: "C1", text: "v1" });
    await expectSlackError(client.chat.update({ channel: "C1", ts: ts!, text: "v2" }), "internal_error");
    await expectSlackError(client.chat.update({ channel: "C1", ts: ts!, text: "v2" }), "internal_error");
    await client.chat.update({ channel: "C1", ts: ts!, text: "v2" });
    expect(sim.messages("C1")[0]?.text).toBe("v2");
  });

  it("answers other statuses as HTTP errors", async () => {
    sim.failNext("chat.postMessage", { status: 503 });
    await expect(simClient(sim).chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 503,
    });
    expect(sim.calls[0]).toMatchObject({ ok: false, error: "http_503" });
    expect(() => sim.failNext("chat.postMessage", { status: 200 })).toThrow(TypeError);
  });
});

describe("limits", () => {
  const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

  it("text: 40,000 characters to post, 4,000 to update", async () => {
    const client = simClient(sim);
    const { ts } = await client.chat.postMessage({ channel: "C1", text: "a".repeat(40_000) });
    await expectSlackError(client.chat.postMessage({ channel: "C1", text: "a".repeat(40_001) }), "msg_too_long");
    await client.chat.update({ channel: "C1", ts: ts!, text: "b".repeat(4_000) });
    await expectSlackError(client.chat.update({ channel: "C1", ts: ts!, text: "b".repeat(4_001) }), "msg_too_long");
  });

  it("blocks: at most 50, section text at most 3,000 characters", async () => {
    const client = simClient(sim);
    await client.chat.postMessage({
      channel: "C1",
      text: "x",
      blocks: Array.from({ length: 50 }, () => section("ok")),
    });
    const tooMany = client.chat.postMessage({
      channel: "C1",
      text: "x",
      blocks: Array.from({ length: 51 }, () => section("ok")),
    });
    await expect(tooMany).rejects.toMatchObject({
      data: {
        error: "invalid_blocks",
        response_metadata: { messages: ["[ERROR] no more than 50 items allowed [json-pointer:/blocks]"] },
      },
    });
    await client.chat.postMessage({ channel: "C1", text: "x", blocks: [section("s".repeat(3_000))] });
    await expect(
      client.chat.postMessage({ channel: "C1", text: "x", blocks: [section("ok"), section("s".repeat(3_001))] }),
    ).rejects.toMatchObject({
      data: {
        error: "invalid_blocks",
        response_metadata: {
          messages: ["[ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]"],
        },
      },
    });
    expect(sim.messages("C1")).toHaveLength(2);
  });

  it("blocks that are not a JSON array: invalid_blocks_format", async () => {
    const res = await rawPost(`${sim.apiUrl}chat.postMessage`, "channel=C1&text=x&blocks=%5Bnot-json", {
      "Content-Type": "application/x-www-form-urlencoded",
      Authorization: `Bearer ${BOT_TOKEN}`,
    });
    expect(res.json()).toEqual({ ok: false, error: "invalid_blocks_format" });
  });
});
