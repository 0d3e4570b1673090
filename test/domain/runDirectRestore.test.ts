import { describe, expect, it } from "vitest";
import type { OutcomeDescription } from "../../src/domain/describeOutcome.js";
import type { PackageRestorer } from "../../src/domain/packageRestorer.js";
import type { RequestRecord } from "../../src/domain/requestRecord.js";
import type { RestoreChat } from "../../src/domain/restoreChat.js";
import type { RestoreOutcome } from "../../src/domain/restoreOutcome.js";
import type { RestorePolicy } from "../../src/domain/restorePolicy.js";
import { runDirectRestore, type DirectRestoreDeps, type DirectRestoreJob } from "../../src/domain/runDirectRestore.js";
import { PackageRestoreError } from "../../src/errors.js";
import { createMemoryRequestStore } from "../../src/store/createMemoryRequestStore.js";

const THREAD = { channelId: "C0RESTORE", ts: "1700000000.000100" };

const job: DirectRestoreJob = {
  id: "job-1",
  requester: { teamId: "T1", userId: "U0ALICE" },
  channelId: "C0RESTORE",
  request: { org: "acme", packageType: "npm", packageName: "left-pad", target: { kind: "package" }, reason: "oops", notes: [] },
};

interface Options {
  outcome?: RestoreOutcome;
  canPost?: boolean;
  policy?: RestorePolicy;
  isRequesterAllowed?: DirectRestoreDeps["isRequesterAllowed"];
}

/** In-memory store and fakes that record every call, in order, in `log`. */
function setUp(options: Options = {}) {
  const log: string[] = [];
  const told: string[] = [];
  const replies: OutcomeDescription[] = [];
  const restored: RequestRecord["request"][] = [];
  const store = createMemoryRequestStore();
  const chat: RestoreChat = {
    async postRequest() {
      log.push("postRequest");
      return options.canPost === false ? { posted: false, reason: "bot_not_in_channel" } : { posted: true, thread: THREAD };
    },
    async updateRequest(record) {
      log.push(`updateRequest:${record.state}`);
    },
    async replyOutcome(_record, description) {
      log.push("replyOutcome");
      replies.push(description);
    },
    async tellRequester(text) {
      log.push("tellRequester");
      told.push(text);
    },
  };
  const github: PackageRestorer = {
    authMode: "app",
    async restore(request) {
      log.push("restore");
      restored.push(request);
      return options.outcome ?? { kind: "restored", status: 204 };
    },
    packageUrl: (request) => `https://github.com/orgs/${request.org}/packages/${request.packageType}/package/${encodeURIComponent(request.packageName)}`,
  };
  let tick = 0;
  const deps: DirectRestoreDeps = {
    store,
    chat,
    github,
    policy: options.policy ?? { requesters: null, orgs: null },
    isRequesterAllowed: options.isRequesterAllowed ?? (async () => true),
    now: () => new Date(Date.UTC(2026, 10, 1, 12, 0, tick++)),
  };
  return { deps, store, log, told, replies, restored };
}

function seeded(overrides: Partial<RequestRecord>): RequestRecord {
  return { ...job, state: "received", createdAt: "2026-11-01T11:00:00.000Z", updatedAt: "2026-11-01T11:00:00.000Z", ...overrides };
}

describe("runDirectRestore", () => {
  it("posts, restores, replies in the thread, then redraws the request message", async () => {
    const { deps, store, log, replies, restored } = setUp();
    const result = await runDirectRestore(job, deps);

    expect(log).toEqual(["postRequest", "restore", "replyOutcome", "updateRequest:restored"]);
    expect(restored).toEqual([job.request]);
    expect(replies[0]).toMatchObject({ ok: true, headline: "Restored the npm package left-pad in acme." });
    expect(result).toMatchObject({ state: "restored", reported: true, thread: THREAD, outcome: { kind: "restored", status: 204 } });
    expect(await store.get(job.id)).toEqual(result);
    expect(result.createdAt).toBe("2026-11-01T12:00:00.000Z");
    expect(result.updatedAt > result.createdAt).toBe(true);
  });

  it("records a GitHub refusal as failed and describes it", async () => {
    const { deps, log, replies } = setUp({ outcome: { kind: "not_found", status: 404, githubMessage: "Package not found." } });
    const result = await runDirectRestore(job, deps);
    expect(log).toEqual(["postRequest", "restore", "replyOutcome", "updateRequest:failed"]);
    expect(result).toMatchObject({ state: "failed", reported: true, outcome: { kind: "not_found" } });
    expect(replies[0]?.nextStep).toContain("GITHUB_TOKEN");
  });

  it("refuses a requester who is not allowed, without calling GitHub", async () => {
    const { deps, store, log, told } = setUp({ isRequesterAllowed: async () => false });
    const result = await runDirectRestore(job, deps);
    expect(log).toEqual(["tellRequester"]);
    expect(told[0]).toMatch(/RESTORE_REQUESTERS/);
    expect(result).toMatchObject({ state: "refused", reported: true });
    expect((await store.get(job.id))?.state).toBe("refused");
  });

  it("refuses an org outside the policy, without asking about the requester or GitHub", async () => {
    let asked = false;
    const policy: RestorePolicy = { requesters: null, orgs: new Set(["other", "third"]) };
    const { deps, log, told } = setUp({ policy, isRequesterAllowed: async () => (asked = true) });
    const result = await runDirectRestore(job, deps);
    expect(log).toEqual(["tellRequester"]);
    expect(asked).toBe(false);
    expect(told[0]).toContain("acme");
    expect(told[0]).toContain("other, third");
    expect(result.state).toBe("refused");
  });

  it("tells the requester the message of a PackageRestoreError from the allow-list check", async () => {
    const fail = async (): Promise<boolean> => {
      throw new PackageRestoreError("Slack says usergroups:read is missing.");
    };
    const { deps, log, told } = setUp({ isRequesterAllowed: fail });
    const result = await runDirectRestore(job, deps);
    expect(log).toEqual(["tellRequester"]);
    expect(told[0]).toContain("nothing was done");
    expect(told[0]).toContain("Slack says usergroups:read is missing.");
    expect(result.state).toBe("refused");
  });

  it("does not repeat the text of any other error", async () => {
    const fail = async (): Promise<boolean> => {
      throw new Error("socket hang up at 10.0.0.1");
    };
    const { deps, told } = setUp({ isRequesterAllowed: fail });
    await runDirectRestore(job, deps);
    expect(told[0]).not.toContain("10.0.0.1");
    expect(told[0]).toContain("Slack did not answer");
  });

  it("asks to be invited when it can't post, without calling GitHub", async () => {
    const { deps, log, told } = setUp({ canPost: false });
    const result = await runDirectRestore(job, deps);
    expect(log).toEqual(["postRequest", "tellRequester"]);
    expect(told[0]).toContain("/invite");
    expect(result).toMatchObject({ state: "not_posted", reported: true });
    expect(result.thread).toBeUndefined();
  });

  it("restores once when the same job runs twice", async () => {
    const { deps, log, restored } = setUp();
    const first = await runDirectRestore(job, deps);
    const second = await runDirectRestore(job, deps);
    expect(restored).toHaveLength(1);
    expect(log).toEqual(["postRequest", "restore", "replyOutcome", "updateRequest:restored"]);
    expect(second).toEqual(first);
  });

  it("restores once when the same job runs twice at the same time", async () => {
    const { deps, restored } = setUp();
    await Promise.all([runDirectRestore(job, deps), runDirectRestore(job, deps)]);
    expect(restored).toHaveLength(1);
  });

  it("reports a record left in restoring as interrupted, without restoring", async () => {
    const { deps, store, log, replies, restored } = setUp();
    await store.create(seeded({ state: "restoring", thread: THREAD }));
    const result = await runDirectRestore(job, deps);
    expect(restored).toEqual([]);
    expect(log).toEqual(["replyOutcome", "updateRequest:failed"]);
    expect(replies[0]?.headline).toMatch(/interrupted/);
    expect(replies[0]?.nextStep).toContain("https://github.com/orgs/acme/packages/npm/package/left-pad");
    expect(result).toMatchObject({ state: "failed", reported: true, outcome: { kind: "github_unavailable" } });
  });

  it("reports a finished but unreported record without restoring again", async () => {
    const { deps, log, replies, restored } = setUp();
    const outcome: RestoreOutcome = { kind: "restored", status: 204 };
    await deps.store.create(seeded({ state: "restored", thread: THREAD, outcome }));
    const result = await runDirectRestore(job, deps);
    expect(restored).toEqual([]);
    expect(log).toEqual(["replyOutcome", "updateRequest:restored"]);
    expect(replies[0]?.ok).toBe(true);
    expect(result).toMatchObject({ state: "restored", reported: true, outcome });
  });

  it("does nothing for a record already reported", async () => {
    const { deps, log } = setUp();
    await deps.store.create(seeded({ state: "failed", thread: THREAD, outcome: { kind: "not_found", status: 404 }, reported: true }));
    expect((await runDirectRestore(job, deps)).state).toBe("failed");
    expect(log).toEqual([]);
  });

  it("resumes a received record that already has its message without posting again", async () => {
    const { deps, log } = setUp();
    await deps.store.create(seeded({ thread: THREAD }));
    await runDirectRestore(job, deps);
    expect(log).toEqual(["restore", "replyOutcome", "updateRequest:restored"]);
  });
});
