// An approver check that can't resolve a user group answers the clicker and records the refusal;
// it never fails the job into the dead-letter queue.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

let stack: TestStack;
let packages = 0;

beforeAll(async () => {
  stack = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1 S0APPROVERS" });
  stack.slack.setUserGroups({ S0APPROVERS: ["U0GROUPIE"] });
});
afterAll(async () => stack.close());

it.each([
  ["missing_scope", "The Slack app lacks the usergroups:read scope"],
  ["plan_upgrade_required", "list Slack user IDs (U…) instead of group IDs (S…)"],
])("%s: the clicker is told, the refusal recorded, nothing dead-lettered", async (error, detail) => {
  const name = `group-check-${++packages}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  await stack.command(`acme npm ${name} oops`);
  const card = stack.slack.messages("C0RESTORE").find((message) => JSON.stringify(message.blocks).includes(name))!;
  const requestId = /request `([^`]+)`/.exec(JSON.stringify(card.blocks))![1]!;
  const dead = stack.handOff.deadLetters.length;

  stack.slack.failNext("usergroups.users.list", { error });
  await stack.click({ action: "approve", card, userId: "U0GROUPIE" });

  const told = stack.privateTo("U0GROUPIE").at(-1) ?? "";
  expect(told).toContain("I couldn't check whether you may approve:");
  expect(told).toContain(detail);
  expect(told).toContain("Nothing changed.");
  expect(stack.handOff.deadLetters).toHaveLength(dead);
  expect(await stack.store.get(requestId)).toMatchObject({ state: "pending" });
  const refusals = (await stack.auditStore.byRequest(requestId)).filter((event) => event.event === "refused");
  expect(refusals.map((event) => [event.decision, event.actor?.userId])).toEqual([
    ["approver_check_failed", "U0GROUPIE"],
  ]);
});
