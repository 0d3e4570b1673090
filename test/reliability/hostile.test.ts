// Hostile requests to the real HTTP handler over HTTP: each gets the right status and changes
// nothing (no hand-off, no Slack call, no GitHub call). Tampered buttons, other workspaces and
// self-approval are in test/worker/approvalFlow.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commandBody, signedHeaders } from "../../local/simulators/slack/slackRequests.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1" });
});
afterAll(async () => stack.close());
beforeEach(() => {
  stack.slack.reset();
  stack.github.reset();
});

async function send(body: string, headers: Record<string, string>, method = "POST") {
  const handedOffBefore = stack.logs.filter((line) => line.message === "Handed a request to the worker").length;
  const response = await fetch(`${stack.url}/slack/events`, {
    method,
    headers,
    ...(method === "POST" ? { body } : {}),
  });
  await stack.handOff.idle();
  const handedOff =
    stack.logs.filter((line) => line.message === "Handed a request to the worker").length - handedOffBefore;
  return { status: response.status, text: await response.text(), handedOff };
}

function expectNothingChanged(result: { handedOff: number }) {
  expect(result.handedOff).toBe(0);
  expect(stack.slack.calls).toHaveLength(0);
  expect(stack.slack.responses).toHaveLength(0);
  expect(stack.github.calls).toHaveLength(0);
}

const command = () =>
  new URLSearchParams(
    commandBody({ text: "acme container team/app", responseUrl: stack.slack.newResponseUrl() }),
  ).toString();

describe("signatures", () => {
  it.each([
    ["signed with another secret", (body: string) => signedHeaders("not-the-secret", body)],
    [
      "with the signature of another body",
      (body: string) => ({ ...signedHeaders(stack.signingSecret, `${body}&x=1`) }),
    ],
    [
      "without a signature",
      (body: string) => ({ ...signedHeaders(stack.signingSecret, body), "x-slack-signature": "" }),
    ],
    [
      "without a timestamp",
      (body: string) => ({ ...signedHeaders(stack.signingSecret, body), "x-slack-request-timestamp": "" }),
    ],
    ["replayed 6 minutes later", (body: string) => signedHeaders(stack.signingSecret, body, Date.now() - 360_000)],
    [
      "timestamped 6 minutes in the future",
      (body: string) => signedHeaders(stack.signingSecret, body, Date.now() + 360_000),
    ],
    [
      "with a v1 signature",
      (body: string) => ({
        ...signedHeaders(stack.signingSecret, body),
        "x-slack-signature": signedHeaders(stack.signingSecret, body)["x-slack-signature"]!.replace("v0=", "v1="),
      }),
    ],
  ])("refuses a command %s with 401", async (_, headersFor) => {
    const body = command();
    const result = await send(body, headersFor(body));
    expect(result.status).toBe(401);
    expectNothingChanged(result);
  });
});

describe("bodies", () => {
  it.each([
    ["JSON", "application/json"],
    ["plain text", "text/plain"],
    ["multipart", "multipart/form-data; boundary=x"],
  ])("refuses a signed %s body with 415", async (_, contentType) => {
    const body = command();
    const result = await send(body, { ...signedHeaders(stack.signingSecret, body), "content-type": contentType });
    expect(result.status).toBe(415);
    expectNothingChanged(result);
  });

  it.each([
    ["a form without command or payload", "foo=bar&%%%=%zz"],
    ["a payload that isn't JSON", "payload=%7Bnot-json"],
    ["a payload that is a JSON string", `payload=${encodeURIComponent('"block_actions"')}`],
    ["a payload without a type", `payload=${encodeURIComponent("{}")}`],
  ])("refuses %s with 400", async (_, body) => {
    const result = await send(body, signedHeaders(stack.signingSecret, body));
    expect(result.status).toBe(400);
    expectNothingChanged(result);
  });

  it("refuses a body over 64 KiB with 413", async () => {
    const body = `${command()}&padding=${"x".repeat(70_000)}`;
    const result = await send(body, signedHeaders(stack.signingSecret, body));
    expect(result.status).toBe(413);
    expectNothingChanged(result);
  });

  it("refuses anything but POST with 405", async () => {
    const result = await send("", {}, "GET");
    expect(result.status).toBe(405);
    expectNothingChanged(result);
  });
});

describe("commands and actions this app doesn't have", () => {
  it("turns away another slash command privately", async () => {
    const body = new URLSearchParams({ ...commandBody({ text: "acme npm x" }), command: "/deploy-prod" }).toString();
    const result = await send(body, signedHeaders(stack.signingSecret, body));
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({
      response_type: "ephemeral",
      text: "This app answers /restore-package only.",
    });
    expectNothingChanged(result);
  });

  it("acknowledges a click on an action it doesn't know and does nothing with it", async () => {
    const payload = {
      type: "block_actions",
      trigger_id: "1.2.unknown",
      team: { id: "T0001" },
      user: { id: "U0APPROVER1", team_id: "T0001" },
      container: { type: "message", channel_id: "C0RESTORE", message_ts: "1.2" },
      response_url: stack.slack.newResponseUrl(),
      actions: [{ type: "button", action_id: "delete_everything", value: "x", action_ts: "1" }],
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const result = await send(body, signedHeaders(stack.signingSecret, body));
    expect(result).toMatchObject({ status: 200, text: "" });
    // It is handed over (the worker decides what a click means), and the worker does nothing.
    expect(result.handedOff).toBe(1);
    expect(stack.slack.calls).toHaveLength(0);
    expect(stack.slack.responses).toHaveLength(0);
    expect(stack.github.calls).toHaveLength(0);
  });
});
