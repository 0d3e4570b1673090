// The hourly schedule as pure logic: a fake check and clock; what runs when, what is counted and logged.
import { describe, expect, it } from "vitest";
import type { CredentialCheck } from "../../src/domain/doctor/checkGitHubCredential.js";
import { createCredentialCheckSchedule } from "../../src/worker/createCredentialCheckSchedule.js";

function schedule(check: () => Promise<CredentialCheck>, timeoutMs?: number) {
  let now = new Date("2026-12-07T03:00:00Z");
  const counted: string[] = [];
  const logged: Array<[string, string, Record<string, unknown> | undefined]> = [];
  const entry = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    logged.push([level, message, fields]);
  };
  let runs = 0;
  const scheduled = createCredentialCheckSchedule({
    check: () => {
      runs += 1;
      return check();
    },
    now: () => now,
    log: { info: entry("info"), warn: entry("warn"), error: entry("error") },
    metrics: { credentialChecked: (result, code) => counted.push(code ? `${result}/${code}` : result) },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  return {
    scheduled,
    counted,
    logged,
    runs: () => runs,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

const OK: CredentialCheck = { result: "ok", results: [] };

describe("createCredentialCheckSchedule", () => {
  it("runs once for two sweeps racing, and again an hour after the last run began", async () => {
    const s = schedule(async () => OK);
    const [first, second] = await Promise.all([s.scheduled.runIfDue(), s.scheduled.runIfDue()]);
    expect([first?.result, second]).toEqual(["ok", undefined]);
    s.advance(3_600_000 - 1);
    expect(await s.scheduled.runIfDue()).toBeUndefined();
    s.advance(1);
    expect((await s.scheduled.runIfDue())?.result).toBe("ok");
    expect(s.runs()).toBe(2);
    expect(s.counted).toEqual(["ok", "ok"]);
  });

  it("counts a check that throws as failed (check_error), logs why, and does not throw", async () => {
    const s = schedule(async () => {
      throw new TypeError("probe broke");
    });
    await expect(s.scheduled.runIfDue()).resolves.toBeUndefined();
    expect(s.counted).toEqual(["failed/check_error"]);
    expect(s.logged).toEqual([
      ["error", "GitHub credential check failed", { code: "check_error", reason: "TypeError: probe broke" }],
    ]);
    // Not retried at once: the next try is an hour later, like any other run.
    await s.scheduled.runIfDue();
    expect(s.runs()).toBe(1);
  });

  it("gives up on a check GitHub never answers, as github_unavailable, so the sweep is not held past Lambda's timeout", async () => {
    const s = schedule(() => new Promise<CredentialCheck>(() => {}), 20);
    await expect(s.scheduled.runIfDue()).resolves.toBeUndefined();
    expect(s.counted).toEqual(["github_unavailable"]);
    expect(s.logged).toEqual([
      ["warn", "GitHub credential check could not be made", { problem: "GitHub's answers took longer than 0.02 s." }],
    ]);
  });
});
