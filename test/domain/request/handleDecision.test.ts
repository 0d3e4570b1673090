import { describe, expect, it } from "vitest";
import { handleCommand } from "../../../src/domain/request/handleCommand.js";
import { handleDecision } from "../../../src/domain/request/handleDecision.js";
import { targetKey, type RequestRecord } from "../../../src/domain/request/requestRecord.js";
import type { RestoreChat } from "../../../src/domain/ports/restoreChat.js";
import {
  APPROVER,
  COMMAND_CHANNEL,
  OTHER_APPROVER,
  START,
  REQUESTER,
  TEAM,
  TTL_MS,
  WORKER_TIMEOUT_MS,
  click,
  commandJob,
  deps,
  fakeChat,
  leftPad,
  seed,
  stored,
  textOf,
  type TestDeps,
} from "./flowFakes.js";

const STRANGER = "U0MALLORY";

/** A pending request opened through handleCommand, with the fakes' records cleared. */
async function opened(overrides: Partial<TestDeps> = {}): Promise<{ d: TestDeps; record: RequestRecord }> {
  const d = deps(overrides);
  const record = await handleCommand(commandJob(), d);
  if (record.state !== "pending") throw new Error(`expected a pending request, got ${record.state}`);
  d.log.length = 0;
  d.chat.posted.length = 0;
  d.chat.updated.length = 0;
  d.chat.told.length = 0;
  return { d, record };
}

/** Whether another request for the same package could take the pending slot now. */
async function targetIsFree(d: TestDeps): Promise<boolean> {
  return (
    (await d.store.claimTarget(targetKey(leftPad), "probe", "2099-01-01T00:00:00.000Z", d.clock.iso())) === undefined
  );
}

describe("handleDecision: approve", () => {
  it("approves, restores once, replies in the thread and frees the package", async () => {
    const { d, record } = await opened();
    const statesDuringRestore: string[] = [];
    d.github.onRestore = async () => {
      statesDuringRestore.push((await stored(d.store, record.id)).state);
    };
    expect(await targetIsFree(d)).toBe(false);

    const result = await handleDecision(click(record, "approve", APPROVER, "click-1"), d);

    expect(d.log).toEqual(["updateCard:approved", "restore", "replyInThread", "updateCard:restored"]);
    expect(d.chat.updated.map((r) => r.state)).toEqual(["approved", "restored"]);
    expect(statesDuringRestore).toEqual(["restoring"]);
    expect(d.github.restores).toEqual([leftPad]);
    expect(result).toMatchObject({
      state: "restored",
      reported: true,
      outcome: { kind: "restored" },
      decision: { kind: "approved", by: APPROVER, at: d.clock.iso(), jobId: "click-1" },
    });
    expect(d.chat.replies).toHaveLength(1);
    expect(d.chat.replies[0]!.description).toMatchObject({
      ok: true,
      headline: "Restored the npm package `left-pad` in acme.",
    });
    expect(d.chat.replies[0]!.record.decision?.by).toBe(APPROVER);
    expect(d.chat.told).toEqual([]);
    expect(await stored(d.store, record.id)).toEqual(result);
    expect(await targetIsFree(d)).toBe(true);
  });

  it("lets a new request for the package open once the first is approved", async () => {
    const { d, record } = await opened();
    await handleDecision(click(record, "approve", APPROVER), d);
    const next = await handleCommand(commandJob({ id: "cmd-2" }), d);
    expect(next.state).toBe("pending");
  });

  it("records GitHub's refusal after approval as failed", async () => {
    const { d, record } = await opened();
    d.github.outcome = { kind: "name_in_use", status: 409 };
    const result = await handleDecision(click(record, "approve", APPROVER), d);
    expect(result).toMatchObject({
      state: "failed",
      reported: true,
      outcome: { kind: "name_in_use" },
      decision: { kind: "approved" },
    });
    expect(d.chat.replies[0]!.description.ok).toBe(false);
  });

  it("refuses self-approval even from a requester who is an approver", async () => {
    const { d, record } = await opened({ isApprover: async () => true });
    const result = await handleDecision(click(record, "approve", REQUESTER), d);

    expect(textOf(d.chat.told[0]!)).toContain("You can't approve your own request");
    expect(result).toEqual(record);
    expect(await stored(d.store, record.id)).toEqual(record);
    expect(d.github.restores).toEqual([]);
    expect(d.log).toEqual(["tellPrivately"]);
  });

  it("refuses someone who is not an approver", async () => {
    const { d, record } = await opened();
    await handleDecision(click(record, "approve", STRANGER), d);

    expect(d.chat.told).toHaveLength(1);
    expect(textOf(d.chat.told[0]!)).toContain("only the approvers");
    expect(await stored(d.store, record.id)).toEqual(record);
    expect(d.github.restores).toEqual([]);
  });
});

describe("handleDecision: deny and cancel", () => {
  it("denies: replies in the thread, redraws the card, never calls GitHub", async () => {
    const { d, record } = await opened();
    const result = await handleDecision(click(record, "deny", APPROVER, "click-deny"), d);

    expect(result).toMatchObject({
      state: "denied",
      reported: true,
      decision: { kind: "denied", by: APPROVER, jobId: "click-deny" },
    });
    expect(d.log).toEqual(["replyInThread", "updateCard:denied"]);
    expect(d.chat.replies[0]!.description.headline).toBe(
      "The restore of the npm package `left-pad` in acme was denied.",
    );
    expect(d.github.restores).toEqual([]);
    expect(d.github.presenceCalls).toEqual([]);
    expect(await targetIsFree(d)).toBe(true);
  });

  it("refuses a deny from the requester and points at Cancel", async () => {
    const { d, record } = await opened({ isApprover: async () => true });
    await handleDecision(click(record, "deny", REQUESTER), d);

    expect(textOf(d.chat.told[0]!)).toContain("use Cancel");
    expect((await stored(d.store, record.id)).state).toBe("pending");
  });

  it("lets the requester cancel", async () => {
    const { d, record } = await opened();
    const result = await handleDecision(click(record, "cancel", REQUESTER), d);

    expect(result).toMatchObject({
      state: "cancelled",
      reported: true,
      decision: { kind: "cancelled", by: REQUESTER },
    });
    expect(d.log).toEqual(["replyInThread", "updateCard:cancelled"]);
    expect(d.chat.replies[0]!.description.headline).toContain("was cancelled");
    expect(d.github.restores).toEqual([]);
    expect(await targetIsFree(d)).toBe(true);
  });

  it.each([APPROVER, STRANGER])("refuses a cancel from anyone but the requester (%s)", async (userId) => {
    const { d, record } = await opened();
    await handleDecision(click(record, "cancel", userId), d);

    expect(textOf(d.chat.told[0]!)).toContain("Only the person who asked can cancel");
    expect(await stored(d.store, record.id)).toEqual(record);
  });
});

describe("handleDecision: expiry", () => {
  it("still approves a moment before the request expires", async () => {
    const { d, record } = await opened();
    d.clock.advance(TTL_MS - 1);
    expect((await handleDecision(click(record, "approve", APPROVER), d))?.state).toBe("restored");
  });

  it("expires a request clicked after its expiry: tells the clicker and replies in the thread", async () => {
    const { d, record } = await opened();
    d.clock.advance(TTL_MS + 1000);
    const result = await handleDecision(click(record, "approve", APPROVER, "click-late"), d);

    expect(result).toMatchObject({
      state: "expired",
      reported: true,
      decision: { kind: "expired", jobId: "click-late" },
    });
    expect(result?.decision?.by).toBeUndefined();
    expect(d.chat.told.map(textOf)).toEqual([
      "This request has expired; nothing changed. The requester can ask again.",
    ]);
    expect(d.chat.replies).toHaveLength(1);
    expect(d.chat.replies[0]!.description.headline).toContain("expired");
    expect(d.chat.updated.map((r) => r.state)).toEqual(["expired"]);
    expect(d.github.restores).toEqual([]);
  });

  it("tells a late click who decided when an approval landed just before it could expire the request", async () => {
    const { d, record } = await opened();
    d.clock.advance(TTL_MS + 1000);
    // The approval, clicked a moment before the expiry, is written between this click's read and its own write.
    const update = d.store.update.bind(d.store);
    d.store.update = async (id, from, changes, condition) => {
      if (changes.state === "expired") {
        const decision = { kind: "approved" as const, by: OTHER_APPROVER, at: START, jobId: "click-first" };
        await update(id, "pending", { state: "approved", decision, updatedAt: d.clock.iso() });
      }
      return update(id, from, changes, condition);
    };
    const result = await handleDecision(click(record, "approve", APPROVER, "click-late"), d);

    expect(result?.state).toBe("approved");
    expect(d.chat.told.map(textOf)).toEqual([
      `This request was already approved by <@${OTHER_APPROVER}>; nothing changed.`,
    ]);
    expect(d.chat.replies).toEqual([]);
  });

  it("doesn't free the package for others when an old card expires after a newer request took it", async () => {
    const { d, record } = await opened();
    d.clock.advance(TTL_MS + 1000);
    const newer = await handleCommand(commandJob({ id: "cmd-2" }), d);
    expect(newer.state).toBe("pending");

    expect((await handleDecision(click(record, "approve", APPROVER), d))?.state).toBe("expired");
    const third = await handleCommand(commandJob({ id: "cmd-3" }), d);
    expect(third).toMatchObject({ state: "duplicate", duplicateOf: "cmd-2" });
  });

  it("expires exactly at expiresAt", async () => {
    const { d, record } = await opened();
    d.clock.advance(TTL_MS);
    expect((await handleDecision(click(record, "approve", APPROVER), d))?.state).toBe("expired");
    expect(d.github.restores).toEqual([]);
  });
});

describe("handleDecision: clicks that can't be about this request", () => {
  it.each([
    ["another channel", { channelId: "C0ELSEWHERE" }],
    ["another message", { ts: "1600000000.000001" }],
  ])("refuses a button from %s and changes nothing", async (_name, message) => {
    const { d, record } = await opened();
    const job = click(record, "approve", APPROVER);
    await handleDecision({ ...job, message: { ...job.message, ...message } }, d);

    expect(textOf(d.chat.told[0]!)).toContain("doesn't belong to this request");
    expect(await stored(d.store, record.id)).toEqual(record);
    expect(d.log).toEqual(["tellPrivately"]);
  });

  it("refuses a click from another Slack workspace", async () => {
    const { d, record } = await opened();
    await handleDecision(
      click(record, "approve", APPROVER, "click-x", { actor: { teamId: "T0OTHER", userId: APPROVER } }),
      d,
    );

    expect(textOf(d.chat.told[0]!)).toContain("another Slack workspace");
    expect(await stored(d.store, record.id)).toEqual(record);
    expect(d.github.restores).toEqual([]);
  });

  it("tells the clicker when the request is unknown", async () => {
    const d = deps();
    const result = await handleDecision(
      {
        jobId: "click-1",
        receivedAt: "2026-11-25T12:00:00.000Z",
        action: "approve",
        requestId: "nope",
        actor: { teamId: TEAM, userId: APPROVER },
        message: { channelId: COMMAND_CHANNEL, ts: "1.2" },
      },
      d,
    );
    expect(result).toBeUndefined();
    expect(d.chat.told.map(textOf)).toEqual(["I can't find this request any more; nothing changed."]);
  });
});

describe("handleDecision: races and redeliveries", () => {
  it("restores once when 20 approvers click at the same time; the others learn who won", async () => {
    const checked: string[] = [];
    const { d, record } = await opened({
      isApprover: async (userId) => {
        checked.push(userId);
        return true;
      },
    });
    const approvers = Array.from({ length: 20 }, (_, i) => `U0APPR${i}`);
    const chats = approvers.map(() => fakeChat());

    await Promise.all(
      approvers.map((userId, i) =>
        handleDecision(click(record, "approve", userId, `click-${i}`), { ...d, chat: chats[i]! }),
      ),
    );
    // Every click saw the request pending and raced for the conditional update: none was turned away earlier.
    expect(checked).toHaveLength(20);

    const final = await stored(d.store, record.id);
    expect(final).toMatchObject({ state: "restored", reported: true });
    const winner = final.decision!.by!;
    const winnerIndex = approvers.indexOf(winner);
    expect(winnerIndex).toBeGreaterThanOrEqual(0);
    expect(final.decision!.jobId).toBe(`click-${winnerIndex}`);

    expect(d.github.restores).toHaveLength(1);
    expect(chats.reduce((n, chat) => n + chat.replies.length, 0)).toBe(1);
    expect(chats[winnerIndex]!.replies).toHaveLength(1);
    expect(chats[winnerIndex]!.told).toEqual([]);

    const losers = chats.filter((_, i) => i !== winnerIndex);
    expect(losers).toHaveLength(19);
    for (const chat of losers) {
      expect(chat.told).toHaveLength(1);
      const told = chat.told[0]!;
      expect(Array.isArray(told)).toBe(true);
      expect(told).toContainEqual({ user: winner });
      expect(textOf(told)).toBe(`This request was already approved by <@${winner}>; nothing changed.`);
      expect(chat.replies).toEqual([]);
      expect(chat.updated).toEqual([]);
    }
  });

  it("tells a later click who approved, without restoring again", async () => {
    const { d, record } = await opened();
    await handleDecision(click(record, "approve", APPROVER, "click-1"), d);
    const later = { ...d, chat: fakeChat() };
    await handleDecision(click(record, "deny", OTHER_APPROVER, "click-2"), later);

    expect(d.github.restores).toHaveLength(1);
    expect(later.chat.told).toEqual([
      ["This request was already approved", " by ", { user: APPROVER }, "; nothing changed."],
    ]);
    expect((await stored(d.store, record.id)).state).toBe("restored");
  });

  it("does nothing when the approving click is delivered again after it was reported", async () => {
    const { d, record } = await opened();
    const job = click(record, "approve", APPROVER, "click-1");
    const first = await handleDecision(job, d);
    d.log.length = 0;
    d.clock.advance(60_000);

    const again = await handleDecision(job, d);
    expect(again).toEqual(first);
    expect(d.github.restores).toHaveLength(1);
    expect(d.chat.told).toEqual([]);
    expect(d.log).toEqual([]);
  });

  it("carries on at once when the same click is redelivered after its worker died after approving", async () => {
    const { d, record } = await opened();
    const job = click(record, "approve", APPROVER, "click-1");
    const broken: RestoreChat = {
      ...fakeChat(),
      async updateCard() {
        throw new Error("Slack is down");
      },
    };
    await expect(handleDecision(job, { ...d, chat: broken })).rejects.toThrow("Slack is down");
    expect((await stored(d.store, record.id)).state).toBe("approved");
    expect(d.github.restores).toEqual([]);

    d.clock.advance(1000);
    const result = await handleDecision(job, d);
    expect(result).toMatchObject({ state: "restored", reported: true });
    expect(d.github.restores).toHaveLength(1);
    expect(d.log).toEqual(["restore", "replyInThread", "updateCard:restored"]);
    expect(d.chat.told).toEqual([]);
  });

  it("lets another click finish an approved request only once its worker has been silent longer than a worker can live", async () => {
    const d = deps();
    const record = await seed(d.store, {
      state: "pending",
      thread: { channelId: COMMAND_CHANNEL, ts: "1700000000.000001" },
      expiresAt: "2026-11-02T12:00:00.000Z",
    });
    const update = await d.store.update(record.id, "pending", {
      state: "approved",
      decision: { kind: "approved", by: APPROVER, at: d.clock.iso(), jobId: "click-dead" },
    });
    if (!update.applied) throw new Error("The seeded request was not pending.");
    const approved = update.record;

    d.clock.advance(WORKER_TIMEOUT_MS);
    const early = { ...d, chat: fakeChat() };
    expect(await handleDecision(click(approved, "approve", OTHER_APPROVER, "click-2"), early)).toMatchObject({
      state: "approved",
    });
    expect(d.github.restores).toEqual([]);
    expect(textOf(early.chat.told[0]!)).toBe(`This request was already approved by <@${APPROVER}>; nothing changed.`);

    d.clock.advance(1);
    const late = { ...d, chat: fakeChat() };
    const result = await handleDecision(click(approved, "approve", OTHER_APPROVER, "click-3"), late);
    expect(result).toMatchObject({
      state: "restored",
      reported: true,
      decision: { by: APPROVER, jobId: "click-dead" },
    });
    expect(d.github.restores).toHaveLength(1);
    expect(late.chat.replies).toHaveLength(1);
  });

  it("lets the deciding click itself carry on an approved request at once", async () => {
    const d = deps();
    await seed(d.store, {
      state: "approved",
      thread: { channelId: COMMAND_CHANNEL, ts: "1700000000.000001" },
      expiresAt: "2026-11-02T12:00:00.000Z",
      decision: { kind: "approved", by: APPROVER, at: d.clock.iso(), jobId: "click-1" },
    });
    const record = await stored(d.store, "cmd-1");
    const result = await handleDecision(click(record, "approve", APPROVER, "click-1"), d);

    expect(result).toMatchObject({ state: "restored", reported: true });
    expect(d.github.restores).toHaveLength(1);
    expect(d.chat.told).toEqual([]);
  });
});
