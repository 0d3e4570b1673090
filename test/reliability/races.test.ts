// Races: many people clicking different buttons on one card at once, and identical commands
// arriving together. Exactly one decision wins; nothing is restored twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickPayload, commandBody, postSigned } from "../../local/simulators/slack/slackRequests.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const RESTORE = "packages/restore-package-for-org";
const APPROVERS = Array.from({ length: 40 }, (_, index) => `U0APPR${String(index).padStart(2, "0")}`);
let stack: TestStack;
let packages = 0;

beforeAll(async () => {
  stack = await startTestStack({ RESTORE_APPROVERS: "S0APPROVERS" });
  stack.slack.setUserGroups({ S0APPROVERS: APPROVERS });
});
afterAll(async () => stack.close());

function deletedPackage(): string {
  const name = `race-${++packages}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  return name;
}

const restoresOf = (name: string) =>
  stack.github.calls.filter((call) => call.operationId === RESTORE && call.rawPath.includes(`/${name}/`));

describe("50 simultaneous clicks across Approve, Deny and Cancel", () => {
  it("let exactly one decision win and tell everyone else who won", async () => {
    const name = deletedPackage();
    await stack.command(`acme npm ${name}`, { userId: "U0REQUESTER" });
    const card = stack.slack.messages("C0RESTORE").at(-1)!;
    const clicks = [
      ...APPROVERS.slice(0, 20).map((userId) => ({ action: "approve" as const, userId })),
      ...APPROVERS.slice(20, 40).map((userId) => ({ action: "deny" as const, userId })),
      ...Array.from({ length: 10 }, () => ({ action: "cancel" as const, userId: "U0REQUESTER" })),
    ];
    const answers = await Promise.all(
      clicks.map(({ action, userId }) =>
        postSigned(
          stack.url,
          stack.signingSecret,
          clickPayload({ action, card, userId, responseUrl: stack.slack.newResponseUrl() }),
        ),
      ),
    );
    expect(answers.every((answer) => answer.status === 200 && answer.text === "")).toBe(true);
    await stack.handOff.idle();

    const requestId = /request `([^`]+)`/.exec(JSON.stringify(card.blocks))![1]!;
    const record = (await stack.store.get(requestId))!;
    expect(["restored", "denied", "cancelled"]).toContain(record.state);
    expect(restoresOf(name)).toHaveLength(record.state === "restored" ? 1 : 0);
    expect(stack.slack.thread("C0RESTORE", card.ts)).toHaveLength(1);
    const decisions = (await stack.auditStore.byRequest(requestId)).filter((event) =>
      ["approved", "denied", "cancelled"].includes(event.event),
    );
    expect(decisions).toHaveLength(1);
    // Everyone who lost was told what happened; the winner was not told anything privately.
    const told = stack.slack.responses.filter((response) =>
      String(response.body.text).startsWith("This request was already"),
    );
    expect(told).toHaveLength(49);
    expect(new Set(told.map((response) => response.body.text)).size).toBe(1);
  });
});

describe("20 simultaneous identical commands", () => {
  it("open one card and point the other 19 at it", async () => {
    const name = deletedPackage();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        postSigned(
          stack.url,
          stack.signingSecret,
          commandBody({ text: `acme npm ${name}`, responseUrl: stack.slack.newResponseUrl() }),
        ),
      ),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    await stack.handOff.idle();
    expect(
      stack.slack.messages("C0RESTORE").filter((message) => JSON.stringify(message.blocks).includes(name)),
    ).toHaveLength(1);
    // "already waiting for approval", or "already under way" while the first is still posting its card.
    const duplicates = stack.slack.responses.filter(
      (response) =>
        String(response.body.text).includes(`\`${name}\``) &&
        String(response.body.text).includes("I didn't open another one."),
    );
    expect(duplicates).toHaveLength(19);
  });

  it("on the direct path, restore once", async () => {
    const direct = await startTestStack({ RESTORE_REQUIRE_APPROVAL: "false" });
    try {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          postSigned(
            direct.url,
            direct.signingSecret,
            commandBody({ text: "acme container team/app", responseUrl: direct.slack.newResponseUrl() }),
          ),
        ),
      );
      await direct.handOff.idle();
      expect(direct.github.calls.filter((call) => call.operationId === RESTORE)).toHaveLength(1);
      expect(direct.slack.messages("C0RESTORE")).toHaveLength(1);
      expect(
        direct.slack.responses.filter((response) => String(response.body.text).includes("is already under way")),
      ).toHaveLength(19);
    } finally {
      await direct.close();
    }
  });

  it("replayed inside the signature window, count as one request", async () => {
    const name = deletedPackage();
    const form = commandBody({ text: `acme npm ${name}`, responseUrl: stack.slack.newResponseUrl() });
    await Promise.all([
      postSigned(stack.url, stack.signingSecret, form),
      postSigned(stack.url, stack.signingSecret, form),
    ]);
    await stack.handOff.idle();
    await postSigned(stack.url, stack.signingSecret, form);
    await stack.handOff.idle();
    expect(
      stack.slack.messages("C0RESTORE").filter((message) => JSON.stringify(message.blocks).includes(name)),
    ).toHaveLength(1);
    expect(stack.slack.responses.filter((response) => String(response.body.text).includes(`\`${name}\``))).toHaveLength(
      0,
    );
  });
});
