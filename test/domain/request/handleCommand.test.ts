import { describe, expect, it } from "vitest";
import { RequestBusyError } from "../../../src/errors.js";
import { handleCommand } from "../../../src/domain/request/handleCommand.js";
import type { RestorePolicy } from "../../../src/domain/request/restorePolicy.js";
import { PackageRestoreError } from "../../../src/errors.js";
import {
  APPROVAL_IN_CHANNEL,
  APPROVERS_CHANNEL,
  COMMAND_CHANNEL,
  DIRECT,
  HOUR,
  TTL_MS,
  commandJob,
  deps,
  fakeChat,
  permalinkFor,
  seed,
  stored,
  textOf,
  WORKER_TIMEOUT_MS,
} from "./flowFakes.js";

const job = commandJob();
const secondJob = commandJob({ id: "cmd-2", requester: { teamId: "T0ACME", userId: "U0DAVE" } });

describe("handleCommand with approval required", () => {
  it("opens a pending request: one card, expiry set from the TTL, no GitHub call", async () => {
    const d = deps();
    const result = await handleCommand(job, d);

    expect(result).toMatchObject({
      id: "cmd-1",
      mode: "approval",
      state: "pending",
      expiresAt: "2026-11-02T12:00:00.000Z",
      channelId: COMMAND_CHANNEL,
    });
    expect(Date.parse(result.expiresAt!) - d.clock.now().getTime()).toBe(TTL_MS);
    expect(d.chat.posted).toHaveLength(1);
    expect(d.chat.posted[0]).toMatchObject({
      channelId: COMMAND_CHANNEL,
      record: { state: "pending", expiresAt: result.expiresAt },
    });
    expect(result.thread).toEqual(d.chat.posted[0]!.thread);
    expect(d.github.restores).toEqual([]);
    // The card goes out before GitHub is asked; the pre-check's verdict is put on it in place.
    expect(d.log).toEqual(["postCard:pending", "updateCard:pending"]);
    expect(d.chat.posted[0]!.record.precheck).toBeUndefined();
    expect(d.chat.updated[0]).toMatchObject({ thread: result.thread, precheck: { kind: "restorable" } });
    expect(d.chat.told).toEqual([]);
    expect(result.reported).toBeUndefined();
    expect(await stored(d.store, "cmd-1")).toEqual(result);
  });

  it("refuses an org outside the policy, on the record only: the HTTP function already answered", async () => {
    let asked = false;
    const policy: RestorePolicy = { requesters: null, orgs: new Set(["other", "third"]) };
    const d = deps({ policy, isRequester: async () => (asked = true) });
    const result = await handleCommand(job, d);

    expect(result).toMatchObject({ state: "refused", reported: true });
    expect(asked).toBe(false);
    expect(d.chat.posted).toEqual([]);
    expect(d.github.restores).toEqual([]);
    expect(d.chat.told).toEqual([]);
    expect((await stored(d.store, "cmd-1")).state).toBe("refused");
    expect(d.audit.events.map((event) => [event.event, event.decision])).toEqual([
      ["requested", undefined],
      ["refused", "org_not_allowed"],
    ]);
  });

  it("refuses a requester who is not on the list", async () => {
    const d = deps({ isRequester: async () => false });
    const result = await handleCommand(job, d);

    expect(result).toMatchObject({ state: "refused", reported: true });
    expect(d.log).toEqual(["tellPrivately"]);
    expect(textOf(d.chat.told[0]!)).toContain("RESTORE_REQUESTERS");
  });

  it("passes the message of a PackageRestoreError from the requester check on to the requester", async () => {
    const d = deps({
      isRequester: async () => {
        throw new PackageRestoreError("Slack says usergroups:read is missing.");
      },
    });
    const result = await handleCommand(job, d);

    expect(result.state).toBe("refused");
    expect(d.chat.posted).toEqual([]);
    expect(d.chat.told).toHaveLength(1);
    expect(textOf(d.chat.told[0]!)).toContain("nothing was done");
    expect(textOf(d.chat.told[0]!)).toContain("Slack says usergroups:read is missing.");
  });

  it("does not repeat the text of any other error from the requester check", async () => {
    const d = deps({
      isRequester: async () => {
        throw new Error("socket hang up at 10.0.0.1");
      },
    });
    expect((await handleCommand(job, d)).state).toBe("refused");
    expect(textOf(d.chat.told[0]!)).not.toContain("10.0.0.1");
    expect(textOf(d.chat.told[0]!)).toContain("Slack did not answer");
  });

  it("asks to be invited when it can't post, and frees the package for the next request", async () => {
    const d = deps({ chat: fakeChat({ canPost: false }) });
    const result = await handleCommand(job, d);

    expect(result).toMatchObject({ state: "not_posted", reported: true });
    expect(result.thread).toBeUndefined();
    expect(d.github.restores).toEqual([]);
    expect(d.chat.told).toHaveLength(1);
    expect(textOf(d.chat.told[0]!)).toContain("I can't post in this channel");
    expect(textOf(d.chat.told[0]!)).toContain("/invite @package-restore");

    d.chat.canPost = true;
    const second = await handleCommand(secondJob, d);
    expect(second).toMatchObject({ id: "cmd-2", state: "pending" });
    expect(second.duplicateOf).toBeUndefined();
  });

  it("names the approvers' channel when that is where it can't post", async () => {
    const d = deps({ approval: APPROVAL_IN_CHANNEL, chat: fakeChat({ canPost: false }) });
    const result = await handleCommand(job, d);

    expect(result.state).toBe("not_posted");
    expect(d.chat.posted.map((p) => p.channelId)).toEqual([APPROVERS_CHANNEL]);
    expect(textOf(d.chat.told[0]!)).toContain("I can't post in the approvers' channel");
  });

  it("points a second request for a pending package at the first card", async () => {
    const d = deps();
    const first = await handleCommand(job, d);
    d.clock.advance(HOUR);
    const second = await handleCommand(secondJob, d);

    expect(second).toMatchObject({ id: "cmd-2", state: "duplicate", duplicateOf: "cmd-1", reported: true });
    expect(second.thread).toBeUndefined();
    expect(d.chat.posted).toHaveLength(1);
    expect(d.chat.told).toHaveLength(1);
    const told = textOf(d.chat.told[0]!);
    expect(told).toContain("already waiting for approval");
    expect(told).toContain(permalinkFor(first.thread!));
    expect(await stored(d.store, "cmd-1")).toEqual(first);
  });

  it("opens one card when two people ask for the same package at the same time", async () => {
    const d = deps();
    const results = await Promise.all([handleCommand(job, d), handleCommand(secondJob, d)]);

    expect(results.map((r) => r.state).sort()).toEqual(["duplicate", "pending"]);
    const pending = results.find((r) => r.state === "pending")!;
    expect(results.find((r) => r.state === "duplicate")!.duplicateOf).toBe(pending.id);
    expect(d.chat.posted).toHaveLength(1);
  });

  it("treats a version of the package as the same package only for the same version", async () => {
    const d = deps();
    await handleCommand(commandJob({ request: { ...job.request, target: { kind: "version", versionId: 7 } } }), d);
    const other = await handleCommand(
      commandJob({ id: "cmd-2", request: { ...job.request, target: { kind: "version", versionId: 8 } } }),
      d,
    );
    const same = await handleCommand(
      commandJob({ id: "cmd-3", request: { ...job.request, target: { kind: "version", versionId: 7 } } }),
      d,
    );
    expect(other.state).toBe("pending");
    expect(same).toMatchObject({ state: "duplicate", duplicateOf: "cmd-1" });
  });

  it("opens a new card once the first request has expired, not a moment before", async () => {
    const d = deps();
    const first = await handleCommand(job, d);

    d.clock.advance(TTL_MS - 1);
    expect(await handleCommand(secondJob, d)).toMatchObject({ state: "duplicate", duplicateOf: "cmd-1" });

    // At expiresAt the first request can no longer be approved (handleDecision expires it), so the package is free.
    d.clock.advance(1);
    expect(d.clock.iso()).toBe(first.expiresAt);
    const third = await handleCommand(commandJob({ id: "cmd-3" }), d);
    expect(third).toMatchObject({ id: "cmd-3", state: "pending" });
    expect(third.duplicateOf).toBeUndefined();
    expect(d.chat.posted).toHaveLength(2);
    expect(third.thread).not.toEqual(first.thread);
  });

  it("posts in the approvers' channel and sends the requester the link privately", async () => {
    const d = deps({ approval: APPROVAL_IN_CHANNEL });
    const result = await handleCommand(job, d);

    expect(result).toMatchObject({
      state: "pending",
      channelId: COMMAND_CHANNEL,
      thread: { channelId: APPROVERS_CHANNEL },
    });
    expect(d.chat.posted.map((p) => p.channelId)).toEqual([APPROVERS_CHANNEL]);
    expect(d.chat.told).toHaveLength(1);
    const told = textOf(d.chat.told[0]!);
    expect(told).toContain("waiting for approval in the approvers' channel");
    expect(told).toContain(permalinkFor(result.thread!));
  });

  it("sends no link when the command was typed in the approvers' channel itself", async () => {
    const d = deps({ approval: APPROVAL_IN_CHANNEL });
    const result = await handleCommand(commandJob({ channelId: APPROVERS_CHANNEL }), d);
    expect(result.state).toBe("pending");
    expect(d.chat.posted).toHaveLength(1);
    expect(d.chat.told).toEqual([]);
  });

  it("opens one card when the same job runs twice", async () => {
    const d = deps();
    const first = await handleCommand(job, d);
    d.clock.advance(1000);
    const second = await handleCommand(job, d);

    expect(second).toEqual(first);
    expect(d.chat.posted).toHaveLength(1);
    expect(d.log).toEqual(["postCard:pending", "updateCard:pending"]);
  });

  it("moves a redelivered job whose card was posted but not yet recorded as pending on without posting again", async () => {
    const d = deps();
    const thread = { channelId: COMMAND_CHANNEL, ts: "1699999999.000001" };
    await seed(d.store, { thread, expiresAt: "2026-11-02T11:00:00.000Z" });
    const result = await handleCommand(job, d);

    expect(result).toMatchObject({ state: "pending", thread, expiresAt: "2026-11-02T11:00:00.000Z" });
    expect(d.chat.posted).toEqual([]);
  });
});

describe("handleCommand without approval (direct)", () => {
  it("posts the card as restoring, restores once, replies in the thread and redraws the card", async () => {
    const d = deps({ approval: DIRECT });
    const result = await handleCommand(job, d);

    expect(d.log).toEqual(["postCard:restoring", "restore", "replyInThread", "updateCard:restored"]);
    expect(d.github.restores).toEqual([job.request]);
    expect(d.chat.replies[0]?.description).toMatchObject({
      ok: true,
      headline: "Restored the npm package `left-pad` in acme.",
    });
    expect(result).toMatchObject({
      mode: "direct",
      state: "restored",
      reported: true,
      outcome: { kind: "restored", status: 204 },
      thread: d.chat.posted[0]!.thread,
    });
    expect(result.expiresAt).toBeUndefined();
    expect(result.restoreClaimedAt).toBe(d.clock.iso());
    expect(await stored(d.store, "cmd-1")).toEqual(result);
  });

  it("records a GitHub refusal as failed and says so in the thread", async () => {
    const d = deps({ approval: DIRECT });
    d.github.outcome = { kind: "not_found", status: 404, githubMessage: "Package not found." };
    const result = await handleCommand(job, d);

    expect(d.log).toEqual(["postCard:restoring", "restore", "replyInThread", "updateCard:failed"]);
    expect(result).toMatchObject({ state: "failed", reported: true, outcome: { kind: "not_found", status: 404 } });
    expect(d.chat.replies[0]?.description.ok).toBe(false);
    expect(d.chat.replies[0]?.description.headline).toContain("no deleted npm package `left-pad` in acme");
  });

  it("restores once when the same job is delivered again", async () => {
    const d = deps({ approval: DIRECT });
    const first = await handleCommand(job, d);
    d.clock.advance(60_000);
    const second = await handleCommand(job, d);

    expect(d.github.restores).toHaveLength(1);
    expect(d.log).toEqual(["postCard:restoring", "restore", "replyInThread", "updateCard:restored"]);
    expect(second).toEqual(first);
  });

  it("doesn't post again for a received record that already has its card", async () => {
    const d = deps({ approval: DIRECT });
    const thread = { channelId: COMMAND_CHANNEL, ts: "1699999999.000001" };
    await seed(d.store, { mode: "direct", thread });
    const result = await handleCommand(job, d);

    expect(d.log).toEqual(["restore", "replyInThread", "updateCard:restored"]);
    expect(result).toMatchObject({ state: "restored", thread, reported: true });
  });

  it("restores nothing when it can't post in the channel", async () => {
    const d = deps({ approval: DIRECT, chat: fakeChat({ canPost: false }) });
    const result = await handleCommand(job, d);

    expect(result).toMatchObject({ state: "not_posted", reported: true });
    expect(d.github.restores).toEqual([]);
    expect(textOf(d.chat.told[0]!)).toContain("I can't post in this channel");
  });

  it("refuses a requester who is not on the list without posting or restoring", async () => {
    const d = deps({ approval: DIRECT, isRequester: async () => false });
    const result = await handleCommand(job, d);
    expect(result.state).toBe("refused");
    expect(d.log).toEqual(["tellPrivately"]);
    expect(d.github.restores).toEqual([]);
  });
});

describe("two deliveries of the same command job at once (a replay, a duplicate delivery)", () => {
  it("lets the second wait for the first's lease instead of posting a second card", async () => {
    const d = deps();
    let release: () => void = () => {};
    const first = d.chat.postCard;
    d.chat.postCard = async (record, channel) => {
      await new Promise<void>((resolve) => (release = resolve));
      return first(record, channel);
    };
    const running = handleCommand(commandJob(), d);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(handleCommand(commandJob(), d)).rejects.toBeInstanceOf(RequestBusyError);
    release();
    expect((await running).state).toBe("pending");
    expect(d.chat.posted).toHaveLength(1);
  });

  it("lets a redelivery after a failure in at once: the failing run gives the lease back", async () => {
    const d = deps();
    const post = d.chat.postCard;
    d.chat.postCard = async () => {
      throw new Error("Slack answered 500");
    };
    await expect(handleCommand(commandJob(), d)).rejects.toThrow("Slack answered 500");
    d.chat.postCard = post;
    expect((await handleCommand(commandJob(), d)).state).toBe("pending");
  });

  it("makes a redelivery after a crash wait until the crashed run's lease has passed", async () => {
    const d = deps();
    await seed(d.store, { leaseUntil: new Date(d.clock.now().getTime() + WORKER_TIMEOUT_MS).toISOString() });
    await expect(handleCommand(commandJob(), d)).rejects.toBeInstanceOf(RequestBusyError);
    d.clock.advance(WORKER_TIMEOUT_MS + 1);
    expect((await handleCommand(commandJob(), d)).state).toBe("pending");
    expect(d.chat.posted).toHaveLength(1);
  });
});
