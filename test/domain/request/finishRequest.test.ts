import { describe, expect, it } from "vitest";
import {
  CLAIM_MARGIN_MS,
  reportFinal,
  restoreAndReport,
  resumeRequest,
} from "../../../src/domain/request/finishRequest.js";
import { RestoreInFlightError } from "../../../src/errors.js";
import { handleCommand } from "../../../src/domain/request/handleCommand.js";
import type { PackagePresence } from "../../../src/domain/ports/packageRestorer.js";
import type { RequestRecord } from "../../../src/domain/request/requestRecord.js";
import {
  APPROVER,
  COMMAND_CHANNEL,
  DIRECT,
  WORKER_TIMEOUT_MS,
  START,
  commandJob,
  deps,
  leftPad,
  seed,
  stored,
  type TestDeps,
} from "./flowFakes.js";

const THREAD = { channelId: COMMAND_CHANNEL, ts: "1700000000.000001" };
const APPROVED_BY_CLICK = { kind: "approved" as const, by: APPROVER, at: "2026-11-01T12:00:00.000Z", jobId: "click-1" };

/** A restore claimed by the approving click `click-1` at the fake clock's start. */
async function restoring(d: TestDeps): Promise<RequestRecord> {
  return seed(d.store, {
    state: "restoring",
    thread: THREAD,
    decision: APPROVED_BY_CLICK,
    restoreClaimedAt: d.clock.iso(),
    expiresAt: "2026-11-02T12:00:00.000Z",
  });
}

describe("resumeRequest: a restore whose worker died", () => {
  it("settles as restored when GitHub shows the package active, without restoring again", async () => {
    const d = deps();
    const record = await restoring(d);
    d.clock.advance(WORKER_TIMEOUT_MS + 1);
    const result = await resumeRequest(record, "click-2", d);

    expect(d.github.presenceCalls).toEqual([leftPad]);
    expect(d.github.restores).toEqual([]);
    expect(result).toMatchObject({ state: "restored", reported: true, outcome: { kind: "restored" } });
    expect(d.log).toEqual(["presence", "replyInThread", "updateCard:restored"]);
    expect(d.chat.replies[0]!.description).toMatchObject({
      ok: true,
      headline: "Restored the npm package `left-pad` in acme.",
    });
    expect(await stored(d.store, record.id)).toEqual(result);
  });

  it.each<[PackagePresence, string]>([
    ["not_active", "GitHub does not show it as active"],
    ["unknown", "the bot could not check with GitHub whether it went through"],
  ])(
    "settles as failed (interrupted) when GitHub's answer is %s, and says what the look-up showed",
    async (presence, words) => {
      const d = deps();
      const record = await restoring(d);
      d.github.presenceAnswer = presence;
      d.clock.advance(WORKER_TIMEOUT_MS + 1);
      const result = await resumeRequest(record, "click-2", d);

      expect(d.github.restores).toEqual([]);
      expect(result).toMatchObject({ state: "failed", reported: true, outcome: { kind: "interrupted", presence } });
      expect(d.log).toEqual(["presence", "replyInThread", "updateCard:failed"]);
      expect(d.chat.replies[0]!.description.ok).toBe(false);
      expect(d.chat.replies[0]!.description.headline).toContain("interrupted");
      expect(d.chat.replies[0]!.description.headline).toContain(words);
    },
  );

  it("does not take an active package for a restore when the pre-check already saw it active (a name in use)", async () => {
    const d = deps();
    const record = await restoring(d);
    await d.store.update(record.id, "restoring", { precheck: { kind: "package_active", checkedAt: START } });
    d.github.presenceAnswer = "active";
    d.clock.advance(WORKER_TIMEOUT_MS + 1);
    const result = await resumeRequest((await d.store.get(record.id))!, "click-2", d);
    expect(result).toMatchObject({ state: "failed", outcome: { kind: "interrupted", presence: "unknown" } });
  });

  it("settles a restore interrupted on the direct path too, when its own command job comes back late", async () => {
    const d = deps();
    const record = await seed(d.store, {
      mode: "direct",
      state: "restoring",
      thread: THREAD,
      restoreClaimedAt: d.clock.iso(),
    });
    d.clock.advance(WORKER_TIMEOUT_MS + 1);
    const result = await resumeRequest(record, record.id, d);
    expect(result).toMatchObject({ state: "restored", reported: true });
    expect(d.github.restores).toEqual([]);
  });

  // The fake GitHub call lasts at most 30 s, so a claim is abandoned after 30 s + CLAIM_MARGIN_MS.
  const ABANDONED_AFTER = 30_000 + CLAIM_MARGIN_MS;

  it.each([
    ["young", 1000],
    ["at the limit", ABANDONED_AFTER],
  ])("leaves a claim another job holds alone while it is %s", async (_name, age) => {
    const d = deps();
    const record = await restoring(d);
    d.clock.advance(age);
    const result = await resumeRequest(record, "click-2", d);

    expect(result).toEqual(record);
    expect(await stored(d.store, record.id)).toEqual(record);
    expect(d.log).toEqual([]);
  });

  it("makes its own redelivered job fail (so it is retried later) rather than end quietly on a young claim", async () => {
    const d = deps();
    const record = await restoring(d);
    d.clock.advance(1000);
    await expect(resumeRequest(record, "click-1", d)).rejects.toBeInstanceOf(RestoreInFlightError);
    expect(await stored(d.store, record.id)).toEqual(record);
    expect(d.github.restores).toEqual([]);
  });

  it("settles once the claim is older than a worker can live, even if the GitHub call could last longer", async () => {
    const d = deps();
    d.github.maxRestoreMs = 10 * WORKER_TIMEOUT_MS;
    const record = await restoring(d);
    d.clock.advance(WORKER_TIMEOUT_MS + 1);
    expect((await resumeRequest(record, "click-1", d)).state).toBe("restored");
    expect(d.github.restores).toEqual([]);
  });
});

describe("resumeRequest: finished requests", () => {
  it("reports a finished but unreported request once", async () => {
    const d = deps();
    const record = await seed(d.store, {
      state: "restored",
      thread: THREAD,
      decision: APPROVED_BY_CLICK,
      outcome: { kind: "restored", status: 204 },
    });
    const first = await resumeRequest(record, "click-1", d);
    const second = await resumeRequest(first, "click-1", d);

    expect(first).toMatchObject({ state: "restored", reported: true });
    expect(second).toEqual(first);
    expect(d.log).toEqual(["replyInThread", "updateCard:restored"]);
    expect(d.github.restores).toEqual([]);
  });

  it("reports a denial left unreported by its own click", async () => {
    const d = deps();
    const record = await seed(d.store, {
      state: "denied",
      thread: THREAD,
      decision: { ...APPROVED_BY_CLICK, kind: "denied" },
    });
    const result = await resumeRequest(record, "click-1", d);
    expect(result.reported).toBe(true);
    expect(d.chat.replies[0]!.description.headline).toContain("was denied");
  });

  it("leaves an unreported request to its own job while that job may still be running", async () => {
    const d = deps();
    const record = await seed(d.store, {
      state: "denied",
      thread: THREAD,
      decision: { ...APPROVED_BY_CLICK, kind: "denied" },
    });
    expect(await resumeRequest(record, "click-2", d)).toEqual(record);
    expect(d.log).toEqual([]);

    d.clock.advance(WORKER_TIMEOUT_MS + 1);
    expect((await resumeRequest(record, "click-2", d)).reported).toBe(true);
    expect(d.log).toEqual(["replyInThread", "updateCard:denied"]);
  });

  it("leaves a pending request alone", async () => {
    const d = deps();
    const record = await seed(d.store, { state: "pending", thread: THREAD, expiresAt: "2026-11-02T12:00:00.000Z" });
    d.clock.advance(WORKER_TIMEOUT_MS + 1);
    expect(await resumeRequest(record, record.id, d)).toEqual(record);
    expect(d.log).toEqual([]);
  });
});

describe("reportFinal", () => {
  it("does nothing for a request already reported", async () => {
    const d = deps();
    const record = await seed(d.store, {
      state: "failed",
      thread: THREAD,
      outcome: { kind: "not_found", status: 404 },
      reported: true,
    });
    d.clock.advance(1000);
    expect(await reportFinal(record, d)).toEqual(record);
    expect(d.log).toEqual([]);
    expect(await stored(d.store, record.id)).toEqual(record);
  });

  it("marks a request without a card reported without posting anything", async () => {
    const d = deps();
    const record = await seed(d.store, { state: "refused" });
    expect((await reportFinal(record, d)).reported).toBe(true);
    expect(d.log).toEqual([]);
  });
});

describe("restoreAndReport", () => {
  it("calls GitHub once when two jobs get there at the same time", async () => {
    const d = deps();
    const record = await seed(d.store, { state: "approved", thread: THREAD, decision: APPROVED_BY_CLICK });
    const [a, b] = await Promise.all([restoreAndReport(record, d), restoreAndReport(record, d)]);

    expect(d.github.restores).toHaveLength(1);
    expect(d.chat.replies).toHaveLength(1);
    expect([a.state, b.state]).toContain("restored");
  });
});

describe("a worker killed during the GitHub call", () => {
  // Lambda retries a failed asynchronous job a minute after it failed, and stops once a run
  // succeeds. Nothing else may ever come for this request (a direct card has no buttons; an
  // approved card's buttons are gone), so the retry must settle it or fail again.
  it("is settled by its own redelivered job instead of staying restoring", async () => {
    const d = deps({ approval: DIRECT });
    d.github.onRestore = () => {
      d.github.onRestore = undefined;
      throw new Error("Runtime exited with error: signal: killed");
    };

    await expect(handleCommand(commandJob(), d)).rejects.toThrow("signal: killed");
    expect((await stored(d.store, "cmd-1")).state).toBe("restoring");

    d.clock.advance(60_000);
    const redelivery = await handleCommand(commandJob(), d).then(
      (record) => record.state,
      () => "failed again, so Lambda retries later",
    );
    expect(redelivery).not.toBe("restoring");
  });
});
