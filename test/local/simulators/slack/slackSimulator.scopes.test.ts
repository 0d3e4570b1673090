// The bot token's scopes, as Slack reports and enforces them: x-oauth-scopes on every answer, missing_scope with
// `needed` and `provided`, and chat:write.public for public channels the bot is not in.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SlackSimulator, startSlackSimulator } from "../../../../local/simulators/slack/startSlackSimulator.js";
import { BOT_TOKEN, expectSlackError, simClient } from "./testSupport.js";

let sim: SlackSimulator;
beforeAll(async () => {
  sim = await startSlackSimulator({ userGroups: { S0OPS: ["U1"] } });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  sim.setBotChannels("all-public");
  sim.setScopes(["commands", "chat:write", "usergroups:read", "channels:read", "groups:read"]);
});

describe("scopes", () => {
  it("lists the token's scopes in x-oauth-scopes, which WebClient reads into response_metadata", async () => {
    sim.setScopes(["commands", "chat:write"]);
    const answer = await simClient(sim).auth.test();
    expect(answer.response_metadata?.scopes).toEqual(["commands", "chat:write"]);
    const raw = await fetch(`${sim.apiUrl}auth.test`, {
      method: "POST",
      headers: { authorization: `Bearer ${BOT_TOKEN}` },
    });
    expect(raw.headers.get("x-oauth-scopes")).toBe("commands,chat:write");
    const refused = await fetch(`${sim.apiUrl}auth.test`, {
      method: "POST",
      headers: { authorization: "Bearer xoxb-no" },
    });
    expect(refused.headers.get("x-oauth-scopes")).toBeNull();
  });

  it("answers missing_scope, naming what was needed and provided", async () => {
    sim.setScopes(["commands", "chat:write"]);
    await expect(simClient(sim).usergroups.users.list({ usergroup: "S0OPS" })).rejects.toMatchObject({
      data: { ok: false, error: "missing_scope", needed: "usergroups:read", provided: "commands,chat:write" },
    });
    await expect(simClient(sim).conversations.info({ channel: "C1" })).rejects.toMatchObject({
      data: { error: "missing_scope", needed: "channels:read" },
    });
    await expect(simClient(sim).conversations.info({ channel: "G1" })).rejects.toMatchObject({
      data: { error: "missing_scope", needed: "groups:read" },
    });
  });

  it("posts in a public channel the bot is not in only with chat:write.public, never in a private one", async () => {
    sim.setBotChannels([]);
    await expectSlackError(simClient(sim).chat.postMessage({ channel: "C9", text: "hi" }), "not_in_channel");
    sim.setScopes(["chat:write", "chat:write.public"]);
    expect((await simClient(sim).chat.postMessage({ channel: "C9", text: "hi" })).ok).toBe(true);
    await expectSlackError(simClient(sim).chat.postMessage({ channel: "G9", text: "hi" }), "channel_not_found");
  });
});
