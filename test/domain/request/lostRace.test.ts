// A job that loses a race for a conditional change learns how the winner left the
// request from its own failed write: it does not read the request again.
import { describe, expect, it } from "vitest";
import type { RequestStore } from "../../../src/domain/ports/requestStore.js";
import { restoreAndReport } from "../../../src/domain/request/finishRequest.js";
import { handleCommand } from "../../../src/domain/request/handleCommand.js";
import { handleDecision } from "../../../src/domain/request/handleDecision.js";
import { targetKey } from "../../../src/domain/request/requestRecord.js";
import {
  APPROVER,
  COMMAND_CHANNEL,
  OTHER_APPROVER,
  click,
  commandJob,
  deps,
  leftPad,
  seed,
  stored,
  textOf,
} from "./flowFakes.js";

/** The store, counting the reads made through it. */
function countingReads(store: RequestStore): RequestStore & { reads: number } {
  const counted = {
    ...store,
    reads: 0,
    async get(id: string) {
      counted.reads += 1;
      return store.get(id);
    },
  };
  return counted;
}

const card = { channelId: COMMAND_CHANNEL, ts: "1700000000.000001" };

describe("a job that loses a race", () => {
  it("tells the click that lost who decided, reading the request only for the click's first look", async () => {
    const store = countingReads(deps().store);
    const d = deps({ store });
    const record = await seed(store, { state: "pending", thread: card, expiresAt: "2026-11-02T12:00:00.000Z" });
    const winner = { kind: "denied" as const, by: OTHER_APPROVER, at: d.clock.iso(), jobId: "click-winner" };
    // The winning click lands while this one is asking Slack whether its clicker may approve.
    d.isApprover = async () => {
      expect((await store.update(record.id, "pending", { state: "denied", decision: winner })).applied).toBe(true);
      return true;
    };

    const result = await handleDecision(click(record, "approve", APPROVER, "click-loser"), d);

    expect(store.reads).toBe(1);
    expect(result).toMatchObject({ state: "denied", decision: winner });
    expect(d.chat.told.map(textOf)).toEqual([
      `This request was already denied by <@${OTHER_APPROVER}>; nothing changed.`,
    ]);
    expect(d.github.restores).toEqual([]);
  });

  it("answers a restore claim taken by another job with the record that job left, without reading it", async () => {
    const store = countingReads(deps().store);
    const d = deps({ store });
    const decision = { kind: "approved" as const, by: APPROVER, at: d.clock.iso(), jobId: "click-1" };
    const approved = await seed(store, { state: "approved", thread: card, decision });
    const claimedAt = "2026-11-01T12:00:05.000Z";
    expect(
      (await store.update(approved.id, "approved", { state: "restoring", restoreClaimedAt: claimedAt })).applied,
    ).toBe(true);

    const result = await restoreAndReport(approved, d);

    expect(store.reads).toBe(0);
    expect(result).toEqual({ ...approved, state: "restoring", restoreClaimedAt: claimedAt });
    expect(result).toEqual(await stored(store, approved.id));
    expect(d.github.restores).toEqual([]);
  });

  it("stops a command whose refusal lost the request to a redelivery, with the record the redelivery left", async () => {
    const store = countingReads(deps().store);
    const d = deps({ store });
    const job = commandJob({
      request: { ...leftPad, target: { kind: "version_lookup", selector: { by: "name", name: "9.9.9" } } },
    });
    const opened = { state: "pending" as const, thread: card, expiresAt: "2026-11-02T12:00:00.000Z" };
    // While this job looks the version up, a redelivery that took the request over opens it.
    const lookUp = d.github.deletedVersions;
    d.github.deletedVersions = async (pkg, paging) => {
      expect((await store.update(job.id, "received", opened)).applied).toBe(true);
      return lookUp(pkg, paging);
    };

    const result = await handleCommand(job, d);

    expect(store.reads).toBe(0);
    expect(result).toEqual(await stored(store, job.id));
    expect(result).toMatchObject(opened);
    // It goes no further with a record that is not its own any more: no pre-check, no slot, no card.
    expect(d.github.prechecks).toEqual([]);
    expect(
      await store.claimTarget(targetKey(leftPad), "probe", "2099-01-01T00:00:00.000Z", d.clock.iso()),
    ).toBeUndefined();
    expect(d.chat.posted).toEqual([]);
  });
});
