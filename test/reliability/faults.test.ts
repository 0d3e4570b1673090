// Faults, each ending in a clear message, a recorded outcome and no double restore: GitHub rate
// limits, Slack rate limits and errors, DynamoDB throttling, and a worker that stops after GitHub
// restored but before the outcome was recorded or told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DynamoFaultProxy } from "../../local/simulators/dynamo/startDynamoFaultProxy.js";
import { startFaultyStack, type FaultyStack } from "../support/startFaultyStack.js";
import type { TestStack } from "../support/startTestStack.js";

const RESTORE = "packages/restore-package-for-org";
let faulty: FaultyStack;
let stack: TestStack;
let proxy: DynamoFaultProxy;
let packages = 0;

beforeAll(async () => {
  faulty = await startFaultyStack("package-restore-faults", { RESTORE_APPROVERS: "U0APPROVER1" });
  ({ stack, proxy } = faulty);
});
afterAll(async () => faulty.close());

function deletedPackage(): string {
  const name = `fault-${++packages}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  return name;
}

async function pendingCard() {
  const name = deletedPackage();
  await stack.command(`acme npm ${name}`);
  const card = stack.slack.messages("C0RESTORE").find((message) => JSON.stringify(message.blocks).includes(name));
  if (card === undefined) throw new Error("no card");
  return { name, card, requestId: /request `([^`]+)`/.exec(JSON.stringify(card.blocks))![1]! };
}

const restoreCalls = (name: string) =>
  stack.github.calls.filter((call) => call.operationId === RESTORE && call.rawPath.includes(`/${name}/`));
const replies = (ts: string) => stack.slack.thread("C0RESTORE", ts);

describe("GitHub rate limits", () => {
  const resetIn = (seconds: number) => String(Math.floor(Date.now() / 1000) + seconds);

  it("waits once for a primary rate limit that resets within seconds, and restores", async () => {
    const { name, card } = await pendingCard();
    stack.github.failNext(RESTORE, {
      status: 429,
      message: "API rate limit exceeded",
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": resetIn(2) },
    });
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(restoreCalls(name).map((call) => call.status)).toEqual([429, 204]);
    expect(replies(card.ts)[0]?.text).toContain("Restored");
  });

  it("waits out a secondary rate limit once and restores", async () => {
    const { name, card } = await pendingCard();
    stack.github.failNext(RESTORE, {
      status: 403,
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      headers: { "retry-after": "1" },
    });
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(restoreCalls(name).map((call) => call.status)).toEqual([403, 204]);
  });

  it("fails clearly when GitHub asks for a longer wait than the worker can give", async () => {
    const { name, card } = await pendingCard();
    stack.github.failNext(RESTORE, {
      status: 429,
      message: "API rate limit exceeded",
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": resetIn(600) },
    });
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(restoreCalls(name)).toHaveLength(1);
    expect(replies(card.ts)[0]?.text).toContain("GitHub is rate-limiting the bot");
    expect(JSON.stringify(replies(card.ts)[0]?.blocks)).toContain("Try again in 10 min");
    expect((await stack.store.get((await pendingOf(card.ts))!))?.state).toBe("failed");
  });
});

async function pendingOf(ts: string): Promise<string | undefined> {
  const card = stack.slack.messages("C0RESTORE").find((message) => message.ts === ts);
  return /request `([^`]+)`/.exec(JSON.stringify(card?.blocks))?.[1];
}

describe("Slack failing while posting the outcome", () => {
  it.each([
    ["a 429 with a short Retry-After (waited out)", { status: 429 as const, retryAfter: 1 }],
    ["a 429 with a long Retry-After (the job is retried)", { status: 429 as const, retryAfter: 60 }],
    ["`ratelimited` in Slack's answer", { error: "ratelimited" }],
    ["a 500", { status: 500 }],
  ])("%s: one restore, one reply", async (_, failure) => {
    const { name, card, requestId } = await pendingCard();
    // The next chat.postMessage after the click is the thread reply.
    stack.slack.failNext("chat.postMessage", failure);
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(restoreCalls(name)).toHaveLength(1);
    expect(replies(card.ts)).toHaveLength(1);
    expect(await stack.store.get(requestId)).toMatchObject({ state: "restored", reported: true });
  });
});

describe("DynamoDB", () => {
  it("rides out throttling with the SDK's retries", async () => {
    const before = proxy.faulted.length;
    proxy.failNext("throttle", 2, { operation: "UpdateItem" });
    const { name, card } = await pendingCard();
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(proxy.faulted.length - before).toBe(2);
    expect(restoreCalls(name)).toHaveLength(1);
    expect(replies(card.ts)[0]?.text).toContain("Restored");
  });

  it("when the outcome can't be recorded, settles it later by looking the package up: no second restore", async () => {
    const { name, card, requestId } = await pendingCard();
    // Every write of an outcome fails for a while: GitHub has restored, nothing else knows.
    proxy.failNext("internal", 100, { operation: "UpdateItem", bodyIncludes: '"outcome"' });
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(restoreCalls(name)).toHaveLength(1);
    expect(await stack.store.get(requestId)).toMatchObject({ state: "restoring" });
    const dead = stack.handOff.deadLetters.at(-1);
    expect(dead).toBeDefined();

    // DynamoDB is back; Lambda's last retry (or any later job) comes after the claim has lapsed.
    proxy.clearFaults();
    const callsBeforeSettling = stack.github.calls.length;
    await faulty.at(200_000, () => stack.worker.runJob(dead!.job));
    expect(restoreCalls(name)).toHaveLength(1);
    expect(await stack.store.get(requestId)).toMatchObject({
      state: "restored",
      reported: true,
      outcome: { kind: "restored" },
    });
    expect(replies(card.ts)).toHaveLength(1);
    expect(replies(card.ts)[0]?.text).toContain("Restored");
    // Settled by looking the package up (the card's pre-check looked it up too, but before the restore).
    const settling = stack.github.calls.slice(callsBeforeSettling).map((call) => call.operationId);
    expect(settling).toEqual(["packages/get-package-for-organization"]);
  });
});
