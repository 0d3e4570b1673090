import { describe, expect, it } from "vitest";
import type { RequestRecord, RequestState } from "../../../src/domain/request/requestRecord.js";
import { releaseSlotIfDone, stillNeedsSlot, takeSlot } from "../../../src/domain/request/takeSlot.js";
import { createMemoryRequestStore } from "../../../local/store/createMemoryRequestStore.js";
import { leftPad, REQUESTER, START, TEAM } from "./flowFakes.js";

const NOW = new Date(Date.parse(START) + 60_000);
const record = (state: RequestState, overrides: Partial<RequestRecord> = {}): RequestRecord => ({
  id: "holder",
  mode: "approval",
  requester: { teamId: TEAM, userId: REQUESTER },
  channelId: "C0DEV",
  request: leftPad,
  state,
  createdAt: START,
  updatedAt: START,
  ...overrides,
});

describe("stillNeedsSlot", () => {
  it.each<[string, RequestRecord, boolean]>([
    ["pending", record("pending"), true],
    ["restoring on the direct path", record("restoring", { mode: "direct" }), true],
    [
      "received, its job working (lease running)",
      record("received", { leaseUntil: new Date(NOW.getTime() + 1000).toISOString() }),
      true,
    ],
    ["received, its job failed (lease lapsed)", record("received", { leaseUntil: NOW.toISOString() }), false],
    ["approved (the click should have let go)", record("approved"), false],
    ...(["restored", "failed", "denied", "cancelled", "expired", "refused", "not_posted", "duplicate"] as const).map(
      (state): [string, RequestRecord, boolean] => [state, record(state), false],
    ),
  ])("%s → %s", (_, holder, expected) => {
    expect(stillNeedsSlot(holder, NOW)).toBe(expected);
  });
});

describe("takeSlot", () => {
  const until = new Date(NOW.getTime() + 86_400_000).toISOString();
  const deps = (store = createMemoryRequestStore()) => ({ store, now: () => NOW });

  it("takes over a slot whose holder no longer needs it, and not one whose holder does", async () => {
    const d = deps();
    await d.store.create(record("denied"));
    expect(await d.store.claimTarget("acme#npm#left-pad", "holder", until, NOW.toISOString())).toBeUndefined();
    expect(await takeSlot(record("received", { id: "next" }), until, d)).toEqual({ taken: true });

    const pending = record("pending", { id: "next" });
    await d.store.create(pending);
    const third = await takeSlot(record("received", { id: "third" }), until, d);
    expect(third).toMatchObject({ taken: false, holderId: "next", holder: { state: "pending" } });
  });

  it("takes a slot whose holder's record is gone", async () => {
    const d = deps();
    await d.store.claimTarget("acme#npm#left-pad", "vanished", until, NOW.toISOString());
    expect(await takeSlot(record("received", { id: "next" }), until, d)).toEqual({ taken: true });
  });

  it("is let go once the request is past needing it, and kept while it needs it", async () => {
    const d = deps();
    const claim = () => d.store.claimTarget("acme#npm#left-pad", "holder", until, NOW.toISOString());
    const probe = () => d.store.claimTarget("acme#npm#left-pad", "probe", until, NOW.toISOString());
    await claim();
    await releaseSlotIfDone(record("pending"), d);
    await releaseSlotIfDone(record("restoring", { mode: "direct" }), d);
    expect(await probe()).toBe("holder");
    await releaseSlotIfDone(record("approved"), d);
    expect(await probe()).toBeUndefined();
  });
});
