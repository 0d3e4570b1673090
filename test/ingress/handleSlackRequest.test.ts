// The HTTP handler's answers, with a recording hand-off: what Slack sees, and what is handed over.
import { describe, expect, it } from "vitest";
import { HandOffError } from "../../src/errors.js";
import type { WorkerJob } from "../../src/handoff/workerJob.js";
import { handleSlackRequest, type IngressDeps } from "../../src/ingress/handleSlackRequest.js";
import { parseCommand } from "../../src/domain/command/parseCommand.js";
import { REQUEST_VERSION_ACTION } from "../../src/slack/actionIds.js";
import { createJsonLogger } from "../../src/log/logger.js";
import { commandBody, signedHeaders } from "../../local/simulators/slack/slackRequests.js";

const SECRET = "ingress-test-secret";
const NOW = Date.parse("2026-11-25T10:00:00Z");

function setup(handOffFails = false, command = "/restore-package") {
  const jobs: WorkerJob[] = [];
  const logs: string[] = [];
  const deps: IngressDeps = {
    signingSecret: SECRET,
    policy: { requesters: null, orgs: null },
    requireApproval: true,
    command,
    handOff: async (job) => {
      if (handOffFails) throw new HandOffError("Lambda answered 500");
      jobs.push(job);
    },
    now: () => NOW,
    newId: () => `id-${jobs.length + 1}`,
    log: createJsonLogger("test", (line) => logs.push(line)),
  };
  const send = (body: string, headers: Record<string, string> = signedHeaders(SECRET, body, NOW), method = "POST") =>
    handleSlackRequest({ method, headers, body }, deps);
  return { jobs, logs, send };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe("handleSlackRequest", () => {
  it("hands a valid command to the worker with the fields it reads, its parse, and an ID made from its trigger_id", async () => {
    const { jobs, send } = setup();
    const fields = commandBody({ text: "acme container team/app the cleanup job" });
    const response = await send(form(fields));
    expect(response.statusCode).toBe(200);
    const { command, team_id, user_id, channel_id, response_url, is_enterprise_install } = fields;
    expect(jobs).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        receivedAt: "2026-11-25T10:00:00.000Z",
        slack: {
          kind: "command",
          body: { command, team_id, user_id, channel_id, response_url, is_enterprise_install },
        },
        parsed: {
          v: 1,
          command: {
            kind: "restore",
            request: {
              org: "acme",
              packageType: "container",
              packageName: "team/app",
              target: { kind: "package" },
              reason: "the cleanup job",
              notes: [],
            },
          },
        },
      },
    ]);
  });

  // The worker reads the parse, never the text: the HTTP function's is the one reading of each request.
  it.each(["history acme 5", "versions acme npm left-pad 2", "acme npm left-pad version=1.4.2 gone", "acme pypi x"])(
    "hands over %j parsed, without its text",
    async (text) => {
      const { jobs, send } = setup();
      await send(form(commandBody({ text })));
      expect(jobs[0]).toMatchObject({ parsed: { v: 1, command: parseCommand(text) } });
      expect(jobs[0]!.slack.body).not.toHaveProperty("text");
    },
  );

  it("parses a versions listing's Request restore button as command text, and no other button's value", async () => {
    const { jobs, send } = setup();
    const click = (action_id: string, value: string) =>
      form({ payload: JSON.stringify({ type: "block_actions", user: { id: "U1" }, actions: [{ action_id, value }] }) });
    await send(click(REQUEST_VERSION_ACTION, "acme npm left-pad version=42"));
    await send(click("restore_approve", "acme npm left-pad"));
    expect(jobs[0]!.parsed).toEqual({ v: 1, command: parseCommand("acme npm left-pad version=42") });
    expect(jobs[1]).not.toHaveProperty("parsed");
  });

  it("hands the worker no field it doesn't read: not Slack's verification token, not an unknown one, however large", async () => {
    const { jobs, send } = setup();
    const huge = "h".repeat(40_000);
    await send(form({ ...commandBody({ text: "acme npm left-pad" }), enterprise_id: "E0GRID", smuggled: huge }));
    expect(jobs).toHaveLength(1);
    const body = jobs[0]!.slack.body;
    expect(Object.keys(body).sort()).toEqual([
      "channel_id",
      "command",
      "enterprise_id",
      "is_enterprise_install",
      "response_url",
      "team_id",
      "user_id",
    ]);
    expect(JSON.stringify(jobs[0])).not.toContain("deprecated-verification-token");
    expect(JSON.stringify(jobs[0]).length).toBeLessThan(1000);
  });

  it("hands over a click with only what Bolt routes on and the listeners read", async () => {
    const { jobs, send } = setup();
    const huge = "b".repeat(8_000);
    const payload = {
      type: "block_actions",
      team: { id: "T0001", domain: "acme", enterprise_id: "E0GRID", extra: huge },
      enterprise: { id: "E0GRID", name: "Grid" },
      is_enterprise_install: false,
      user: { id: "U0APPROVER1", username: "ada", name: "ada", team_id: "T0001" },
      api_app_id: "A0PKGRESTORE",
      token: "deprecated-verification-token",
      trigger_id: "123.456.abc",
      container: { type: "message", message_ts: "1700000000.000100", channel_id: "C0RESTORE", is_ephemeral: false },
      channel: { id: "C0RESTORE", name: "releases" },
      message: {
        type: "message",
        ts: "1700000000.000100",
        text: huge,
        blocks: [{ type: "section", text: { type: "mrkdwn", text: huge } }],
      },
      state: { values: { smuggled: huge } },
      response_url: "https://hooks.slack.com/actions/T0001/1/x",
      actions: [
        {
          type: "button",
          action_id: "restore_approve",
          block_id: "restore_decision",
          value: "req-1",
          text: { type: "plain_text", text: huge },
          action_ts: "1700000001.0",
        },
      ],
      smuggled: { nested: huge },
    };
    expect(await send(form({ payload: JSON.stringify(payload) }))).toMatchObject({ statusCode: 200, body: "" });
    expect(jobs[0]?.slack).toEqual({
      kind: "interaction",
      body: {
        type: "block_actions",
        team: { id: "T0001", enterprise_id: "E0GRID" },
        enterprise: { id: "E0GRID" },
        is_enterprise_install: false,
        user: { id: "U0APPROVER1", team_id: "T0001" },
        container: { type: "message", message_ts: "1700000000.000100", channel_id: "C0RESTORE", is_ephemeral: false },
        channel: { id: "C0RESTORE" },
        message: { ts: "1700000000.000100" },
        response_url: "https://hooks.slack.com/actions/T0001/1/x",
        actions: [
          {
            type: "button",
            action_id: "restore_approve",
            block_id: "restore_decision",
            value: "req-1",
            action_ts: "1700000001.0",
          },
        ],
      },
    });
    expect(JSON.stringify(jobs[0]).length).toBeLessThan(1000);
  });

  it("keeps a field the worker reads only when it has the type Slack sends", async () => {
    const { jobs, send } = setup();
    const huge = "o".repeat(8_000);
    const payload = {
      type: "block_actions",
      team: { id: { smuggled: huge } },
      user: { id: "U1", team_id: ["T0001", huge] },
      actions: [{ action_id: "restore_approve", value: { smuggled: huge } }],
    };
    await send(form({ payload: JSON.stringify(payload) }));
    expect(jobs[0]?.slack.body).toEqual({
      type: "block_actions",
      team: {},
      user: { id: "U1" },
      actions: [{ action_id: "restore_approve" }],
    });
  });

  it("gives a replayed request the same ID, so the worker treats it as a redelivery", async () => {
    const { jobs, send } = setup();
    const command = form(commandBody({ text: "acme container team/app" }));
    await send(command);
    await send(command);
    const click = form({
      payload: JSON.stringify({
        type: "block_actions",
        trigger_id: "123.456.abc",
        team: { id: "T0001" },
        user: { id: "U1" },
        actions: [],
      }),
    });
    await send(click);
    await send(click);
    expect(jobs).toHaveLength(4);
    expect(jobs[1]!.id).toBe(jobs[0]!.id);
    expect(jobs[3]!.id).toBe(jobs[2]!.id);
    expect(jobs[2]!.id).not.toBe(jobs[0]!.id);
  });

  it("falls back to a fresh ID when a request has no trigger_id", async () => {
    const { jobs, send } = setup();
    const { trigger_id: _omitted, ...fields } = commandBody({ text: "acme npm x" });
    await send(form(fields));
    expect(jobs[0]!.id).toBe("id-1");
  });

  it("tells the user the request may not be queued when the hand-off fails, still with HTTP 200", async () => {
    const { send, logs } = setup(true);
    const response = await send(form(commandBody({ text: "acme npm x" })));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      response_type: "ephemeral",
      text: expect.stringContaining(
        "I couldn't confirm that your request was queued. If nothing happens within a minute",
      ),
    });
    expect(logs.join("\n")).toContain("Could not hand a request to the worker");
  });

  it("says which notes the parser applied", async () => {
    const { send } = setup();
    const text = JSON.parse((await send(form(commandBody({ text: "acme ghcr Team/App" })))).body).text as string;
    expect(text).toContain("Read type `ghcr` as `container`");
    expect(text).toContain("lower-cased the name");
  });

  it("names the configured command in help and usage errors, and turns the default one away", async () => {
    const { send } = setup(false, "/restore-package-staging");
    const answer = async (text: string, command = "/restore-package-staging") =>
      JSON.parse((await send(form(commandBody({ text, command })))).body).text as string;
    expect(await answer("help")).toContain("• `/restore-package-staging help` shows this message");
    expect(await answer("history -x")).toContain("Use `/restore-package-staging history [org] [count]`.");
    expect(await answer("acme npm x", "/restore-package")).toBe("This app answers /restore-package-staging only.");
    for (const text of [await answer("help"), await answer("versions acme")])
      expect(text).not.toMatch(/\/restore-package[ `]/);
  });

  it("hands a button click over and answers an empty 200", async () => {
    const { jobs, send } = setup();
    const payload = { type: "block_actions", user: { id: "U1" }, actions: [{ action_id: "approve", value: "x" }] };
    const response = await send(form({ payload: JSON.stringify(payload) }));
    expect(response).toMatchObject({ statusCode: 200, body: "" });
    expect(jobs[0]?.slack).toEqual({ kind: "interaction", body: payload });
  });

  it("acknowledges other interaction types without handing them over", async () => {
    const { jobs, send } = setup();
    expect((await send(form({ payload: JSON.stringify({ type: "view_closed" }) }))).statusCode).toBe(200);
    expect(jobs).toHaveLength(0);
  });

  it.each([
    ["not JSON", "{nope", 400],
    ["an array", "[1]", 400],
    ["without a type", "{}", 400],
  ])("refuses a payload that is %s", async (_, payload, status) => {
    const { jobs, send } = setup();
    expect((await send(form({ payload }))).statusCode).toBe(status);
    expect(jobs).toHaveLength(0);
  });

  it("answers ssl_check with an empty 200", async () => {
    const { send } = setup();
    expect(await send(form({ ssl_check: "1", token: "x" }))).toMatchObject({ statusCode: 200, body: "" });
  });

  // Slack's SSL check is not signed (Bolt answers it before verifying too), so it must be answered without a signature, and do nothing.
  it("answers Slack's unsigned ssl_check with an empty 200, handing nothing over and logging nothing", async () => {
    const { jobs, logs, send } = setup();
    const unsigned = { "content-type": "application/x-www-form-urlencoded" };
    expect(await send(form({ ssl_check: "1", token: "verification-token-77" }), unsigned)).toEqual({
      statusCode: 200,
      headers: {},
      body: "",
    });
    // A command smuggled into an unsigned SSL check is still only an SSL check.
    const smuggled = form({ ...commandBody({ text: "acme npm left-pad" }), ssl_check: "1" });
    expect(await send(smuggled, unsigned)).toEqual({ statusCode: 200, headers: {}, body: "" });
    expect(jobs).toHaveLength(0);
    expect(logs).toEqual([]);
  });

  it("answers 401 to an unsigned form whose ssl_check is anything but 1", async () => {
    const { jobs, send } = setup();
    const unsigned = { "content-type": "application/x-www-form-urlencoded" };
    expect((await send(form({ ...commandBody({ text: "acme npm x" }), ssl_check: "0" }), unsigned)).statusCode).toBe(
      401,
    );
    expect(jobs).toHaveLength(0);
  });

  it("refuses a body over 64 KiB with 413 before checking the signature", async () => {
    const { jobs, logs, send } = setup();
    const body = `${form(commandBody({ text: "acme npm x" }))}&pad=${"x".repeat(64 * 1024)}`;
    for (const headers of [
      signedHeaders(SECRET, body, NOW),
      signedHeaders("wrong", body, NOW),
      { "content-type": "application/x-www-form-urlencoded" },
    ]) {
      const response = await send(body, headers);
      expect(response).toMatchObject({ statusCode: 413, headers: { "content-type": "text/plain; charset=utf-8" } });
      expect(response.body).toMatch(/too large/i);
    }
    expect(jobs).toHaveLength(0);
    // Never got as far as the signature: no 401's warning.
    expect(logs).toEqual([]);
  });

  it("counts the limit in bytes, not characters, and accepts a body of exactly 64 KiB", async () => {
    const { jobs, send } = setup();
    const base = `${form(commandBody({ text: "acme npm x" }))}&pad=`;
    const exact = base + "x".repeat(64 * 1024 - base.length);
    expect(Buffer.byteLength(exact)).toBe(64 * 1024);
    expect((await send(exact)).statusCode).toBe(200);
    expect(jobs).toHaveLength(1);
    // Fewer than 64 Ki characters, but each "é" is two bytes.
    const wide = base + "é".repeat(33 * 1024);
    expect(wide.length).toBeLessThan(64 * 1024);
    expect((await send(wide)).statusCode).toBe(413);
    expect(jobs).toHaveLength(1);
  });

  it("accepts a charset on the content type, which Bolt's receiver chokes on", async () => {
    const { jobs, send } = setup();
    const body = form(commandBody({ text: "acme npm x" }));
    const headers = {
      ...signedHeaders(SECRET, body, NOW),
      "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    };
    expect((await send(body, headers)).statusCode).toBe(200);
    expect(jobs).toHaveLength(1);
  });

  it.each([
    ["a JSON body", "application/json", 415],
    ["no content type", "", 415],
  ])("refuses %s after checking the signature", async (_, contentType, status) => {
    const { jobs, send } = setup();
    const body = JSON.stringify({ command: "/restore-package" });
    const headers = { ...signedHeaders(SECRET, body, NOW), "content-type": contentType };
    expect((await send(body, headers)).statusCode).toBe(status);
    expect(jobs).toHaveLength(0);
  });

  it("refuses a signed form that is neither a command nor a payload", async () => {
    const { send } = setup();
    expect((await send(form({ hello: "world" }))).statusCode).toBe(400);
  });

  it.each([
    ["a wrong secret", (body: string) => signedHeaders("wrong", body, NOW)],
    ["a stale timestamp", (body: string) => signedHeaders(SECRET, body, NOW - 301_000)],
    ["a timestamp from the future", (body: string) => signedHeaders(SECRET, body, NOW + 301_000)],
    ["no signature headers", () => ({ "content-type": "application/x-www-form-urlencoded" })],
  ])("answers 401 to %s and hands nothing over", async (_, headersFor) => {
    const { jobs, send } = setup();
    const body = form(commandBody({ text: "acme npm x" }));
    const response = await send(body, headersFor(body));
    expect(response.statusCode).toBe(401);
    expect(jobs).toHaveLength(0);
  });

  it("answers 405 to anything but POST", async () => {
    const { send } = setup();
    expect((await send("", {}, "GET")).statusCode).toBe(405);
  });
});
