// No request hangs: the scheduled sweep expires requests nobody decided (card updated in place,
// a note in the thread, `expired` recorded, slot freed) and settles restores whose worker stopped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestRecord } from "../../src/domain/request/requestRecord.js";
import { LOCAL_PAT } from "../../local/localIdentities.js";
import { mrkdwnStrings } from "../support/blockText.js";
import { openRequestCard } from "../support/openRequestCard.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const HOUR = 3_600_000;
const RESTORE = "packages/restore-package-for-org";
let stack: TestStack;
let clockOffsetMs = 0;
let packages = 0;

beforeAll(async () => {
  stack = await startTestStack(
    { RESTORE_APPROVERS: "U0APPROVER1" },
    { now: () => new Date(Date.now() + clockOffsetMs) },
  );
});
afterAll(async () => stack.close());

async function at<T>(offsetMs: number, run: () => Promise<T>): Promise<T> {
  clockOffsetMs = offsetMs;
  try {
    return await run();
  } finally {
    clockOffsetMs = 0;
  }
}

function deletedPackage(): string {
  const name = `sweep-${++packages}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  return name;
}

const openCard = (name: string) => openRequestCard(stack, name);

const latest = (ts: string) => stack.slack.messages("C0RESTORE").find((message) => message.ts === ts)!;
const replies = (ts: string) => stack.slack.thread("C0RESTORE", ts);
const eventsOf = async (requestId: string) =>
  (await stack.auditStore.byRequest(requestId)).map((event) => event.event).sort();

describe("a request nobody decides", () => {
  it("is expired by the sweep: buttons gone, a note mentioning the requester, recorded, slot freed", async () => {
    const name = deletedPackage();
    const { card, requestId } = await openCard(name);
    const summary = await at(25 * HOUR, () => stack.worker.runSweep());
    expect(summary.expired).toBe(1);

    const updated = JSON.stringify(latest(card.ts).blocks);
    expect(updated).not.toContain("restore_approve");
    expect(mrkdwnStrings(latest(card.ts).blocks).join("\n")).toContain(": nobody decided within 24 h");
    expect(replies(card.ts)).toHaveLength(1);
    expect(JSON.stringify(replies(card.ts)[0])).toContain("<@U0REQUESTER>");
    expect(JSON.stringify(replies(card.ts)[0])).toContain("expired");
    expect(await stack.store.get(requestId)).toMatchObject({
      state: "expired",
      reported: true,
      decision: { kind: "expired" },
    });
    expect(await eventsOf(requestId)).toEqual(["expired", "requested"]);

    // The package is free for a new request at once.
    await stack.command(`acme npm ${name} again`, { userId: "U0OTHER" });
    expect(stack.privateTo("U0OTHER").join("\n")).not.toContain("already");
  });

  it("is left alone before its expiry, and a second sweep changes nothing", async () => {
    const { card, requestId } = await openCard(deletedPackage());
    await at(23 * HOUR, () => stack.worker.runSweep());
    expect(await stack.store.get(requestId)).toMatchObject({ state: "pending" });
    await at(25 * HOUR, () => stack.worker.runSweep());
    await at(26 * HOUR, () => stack.worker.runSweep());
    expect(replies(card.ts)).toHaveLength(1);
    expect(await eventsOf(requestId)).toEqual(["expired", "requested"]);
  });

  it("racing a click past its expiry gives one outcome: one note, one audit event, no restore", async () => {
    const name = deletedPackage();
    const { card, requestId } = await openCard(name);
    await at(25 * HOUR, () =>
      Promise.all([stack.worker.runSweep(), stack.click({ action: "approve", card, userId: "U0APPROVER1" })]),
    );
    expect(await stack.store.get(requestId)).toMatchObject({ state: "expired", reported: true });
    expect(replies(card.ts)).toHaveLength(1);
    expect(await eventsOf(requestId)).toEqual(["expired", "requested"]);
    expect(
      stack.github.calls.filter((call) => call.operationId === RESTORE && call.rawPath.includes(`/${name}/`)),
    ).toHaveLength(0);
  });

  it("racing an approval before its expiry leaves the approval to finish: one restore, one reply", async () => {
    const name = deletedPackage();
    const { card, requestId } = await openCard(name);
    await Promise.all([stack.worker.runSweep(), stack.click({ action: "approve", card, userId: "U0APPROVER1" })]);
    expect(await stack.store.get(requestId)).toMatchObject({ state: "restored", reported: true });
    expect(replies(card.ts)).toHaveLength(1);
    expect(
      stack.github.calls.filter((call) => call.operationId === RESTORE && call.rawPath.includes(`/${name}/`)),
    ).toHaveLength(1);
  });

  it("shows as expired in history even before the sweep has run", async () => {
    const name = deletedPackage();
    await openCard(name);
    await at(25 * HOUR, () => stack.command("history acme 50", { userId: "U0APPROVER1" }));
    const line = stack
      .privateTo("U0APPROVER1")
      .at(-1)!
      .split("\n")
      .find((text) => text.includes(name));
    expect(line).toContain("expired");
    expect(line).not.toContain("pending");
  });
});

describe("a restore whose worker stopped after claiming it", () => {
  it("is settled by the sweep once the claim has lapsed, by looking the package up", async () => {
    const name = deletedPackage();
    const { card, requestId } = await openCard(name);
    const claimedAt = new Date().toISOString();
    // As a worker leaves it when it dies after claiming and after GitHub acted: approved, claimed, no outcome.
    const claimed = await stack.store.update(requestId, "pending", {
      state: "restoring",
      decision: { kind: "approved", by: "U0APPROVER1", at: claimedAt, jobId: "dead-click" },
      restoreClaimedAt: claimedAt,
      updatedAt: claimedAt,
    });
    expect(claimed.applied).toBe(true);
    const restoredByTheDeadWorker = await fetch(`${stack.github.url}/orgs/acme/packages/npm/${name}/restore`, {
      method: "POST",
      headers: { authorization: `token ${LOCAL_PAT}` },
    });
    expect(restoredByTheDeadWorker.status).toBe(204);

    await stack.worker.runSweep();
    expect((await stack.store.get(requestId))?.state).toBe("restoring");

    await at(10 * 60_000, () => stack.worker.runSweep());
    const settled = (await stack.store.get(requestId)) as RequestRecord;
    expect(settled).toMatchObject({ state: "restored", reported: true, outcome: { kind: "restored" } });
    expect(replies(card.ts)).toHaveLength(1);
    // Only the dead worker's restore: settling looked the package up and sent nothing.
    expect(
      stack.github.calls.filter((call) => call.operationId === RESTORE && call.rawPath.includes(`/${name}/`)),
    ).toHaveLength(1);
    expect(await eventsOf(requestId)).toEqual(["approved", "requested", "restore_started", "restored"]);
  });
});
